// annual_report_bench: the issue 6 Measure — the annual report of a city with N (default 1,000,000)
// FOI cases over five years (2019–2023), computed from a SQLite database through the repository
// (SqlFoiStore::for_each_report_row) and AnnualReportBuilder. Generates the cases with one
// INSERT … SELECT over a recursive CTE (40 departments, 6 applicant types, 21 outcomes, ~3% still
// open, replies within 0–59 days, so cases cross the year boundaries), then times the 2023 report
// city-wide and for one department, with and without drill-down, and prints the peak RSS.
//   usage: annual_report_bench DB_PATH [CASES]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/date.h"
#include "documents/document_store.h"
#include "report/annual_report_builder.h"
#include "storage/repos/sql_document_store.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/sql/database.h"
#include "storage/sql/migrations.h"

using namespace gk;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

std::string generate_sql(long n) {
  std::string outcomes =
      "'disclosed','partially_disclosed','withheld_state_secret','withheld_prohibited_by_law',"
      "'withheld_security_stability','withheld_third_party_rights','withheld_internal_affairs',"
      "'withheld_process_information','withheld_law_enforcement_files','withheld_administrative_query',"
      "'unable_not_held','unable_needs_creation','unable_unclear_after_clarification',"
      "'not_processed_petition_complaint','not_processed_repeat','not_processed_publication',"
      "'not_processed_excessive','not_processed_confirm_or_reissue','other_no_clarification',"
      "'other_fee_unpaid','other_other'";
  std::string sql;
  sql +=
      "INSERT INTO departments (id, code, name, kind, created_at) WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL "
      "SELECT i + 1 FROM d WHERE i < 40) SELECT i, 'd' || i, '部门' || i, 'department', 0 FROM d;\n";
  sql += "CREATE TEMP TABLE o(k INTEGER PRIMARY KEY, v TEXT);\n";
  sql += "INSERT INTO o(k, v) SELECT row_number() OVER () - 1, column1 FROM (VALUES (";
  // VALUES ('a'),('b'),…
  std::string vals;
  for (size_t p = 0, q; p < outcomes.size(); p = q + 1) {
    q = outcomes.find(',', p);
    if (q == std::string::npos) q = outcomes.size();
    if (!vals.empty()) vals += "),(";
    vals += outcomes.substr(p, q - p);
  }
  sql += vals + "));\n";
  sql +=
      "CREATE TEMP TABLE t(k INTEGER PRIMARY KEY, v TEXT);\n"
      "INSERT INTO t VALUES "
      "(0,'natural_person'),(1,'natural_person'),(2,'natural_person'),(3,'commercial_enterprise'),"
      "(4,'research_institution'),(5,'social_welfare_organization'),(6,'legal_service_institution'),"
      "(7,'other_organization');\n";
  sql +=
      "INSERT INTO foi_cases (id, tracking_number, department_id, applicant_type, id_kind, provision_form, "
      "delivery, "
      "channel, received_on, state, outcome, closed_on, created_at, updated_at) "
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(n) + "), c AS (SELECT i, date('2019-01-01', '+' || ((i * 1826) / " + std::to_string(n) +
      ") || ' days') AS rec, (i * 7919) % 100 AS r FROM n) "
      "SELECT i, 'B' || i, 1 + i % 40, (SELECT v FROM t WHERE k = (i * 31) % 8), "
      "CASE WHEN (i * 31) % 8 < 3 THEN 'resident_id' ELSE 'credit_code' END, 'email', 'email', 'online', "
      "rec, "
      "CASE WHEN r < 3 THEN 'open' ELSE 'closed' END, "
      "CASE WHEN r < 3 THEN NULL ELSE (SELECT v FROM o WHERE k = (i * 13) % 21) END, "
      "CASE WHEN r < 3 THEN NULL ELSE date(rec, '+' || ((i * 17) % 60) || ' days') END, 0, 0 FROM c;\n";
  return sql;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB_PATH [CASES]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const long n = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const bool fresh = !std::filesystem::exists(path);
  auto db = sql::Database::open("sqlite://" + path, {});
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().to_string().c_str());
    return 1;
  }
  if (auto m = sql::migrate(**db); !m) {
    std::fprintf(stderr, "migrate: %s\n", m.error().to_string().c_str());
    return 1;
  }
  if (fresh) {
    auto t0 = std::chrono::steady_clock::now();
    const std::string sql = generate_sql(n);
    Status st = (*db)->transaction([&](sql::Connection& c) -> Status { return c.exec_script(sql); });
    if (!st) {
      std::fprintf(stderr, "generate: %s\n", st.error().to_string().c_str());
      return 1;
    }
    std::printf("generated %ld cases (2019-2023, 40 departments) in %.1f s\n", n, seconds_since(t0));
  }
  FakeClock clock(Instant::from_seconds(1'700'000'000));
  storage::SqlFoiStore foi(**db, clock);
  storage::SqlDocumentStore documents(**db, clock);
  struct Run {
    const char* what;
    std::optional<DepartmentId> department;
    bool drill_down;
  } runs[] = {{"city-wide, no drill-down", std::nullopt, false},
              {"city-wide, drill-down", std::nullopt, true},
              {"one department, drill-down", DepartmentId(7), true}};
  for (const auto& run : runs) {
    double best = 1e9;
    int64_t handled = 0;
    size_t errors = 0;
    for (int rep = 0; rep < 3; ++rep) {
      auto t0 = std::chrono::steady_clock::now();
      auto r = report::build_annual_report(foi, documents, 2023, run.department, "", "", run.drill_down);
      const double s = seconds_since(t0);
      if (!r) {
        std::fprintf(stderr, "report: %s\n", r.error().to_string().c_str());
        return 1;
      }
      best = std::min(best, s);
      handled = r->applications.at("total_handled")[6];
      errors = r->check_errors.size();
    }
    std::printf("report 2023 %-28s best of 3: %.3f s  (total_handled %lld, check_errors %zu)\n", run.what,
                best, static_cast<long long>(handled), errors);
  }
  std::printf("peak RSS: %ld MB\n", peak_rss_mb());
  return 0;
}
