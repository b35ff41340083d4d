// `gongkai report annual`: the statutory annual report (issue 6) computed from the database and
// rendered in one format (report/render.h; json is the contract of report/report_json.h).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "accounts/department.h"
#include "accounts/session.h"
#include "app/app.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "report/annual_report_builder.h"
#include "report/render.h"
#include "storage/repos/sql_document_store.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/repos/sql_statistics_store.h"

namespace gk::app {

int cmd_report_annual(const Config& config, int year, const std::string& department,
                      const std::string& format, const std::string& out) {
  bool known = false;
  for (auto f : report::kRenderFormats) known = known || f == format;
  if (!known) {
    fmt::print(stderr, "gongkai: unknown format '{}' (json, html, pdf, docx or xlsx)\n", format);
    return kExitUsage;
  }
  int rc = kExitOk;
  auto opened = open_current(config, rc);
  if (!opened) return rc;
  auto& app = *opened;
  const auto system = accounts::Principal::system();
  auto departments = app.accounts().list_departments(&system);
  if (!departments) {
    fmt::print(stderr, "gongkai: {}\n", departments.error().to_string());
    return kExitFailure;
  }
  std::optional<DepartmentId> scope;
  std::string code, name = "全市";
  for (const auto& d : *departments)
    if (d.kind == accounts::DepartmentKind::kGovernment) name = d.name;
  if (!department.empty()) {
    const accounts::Department* found = nullptr;
    for (const auto& d : *departments)
      if (d.code == department) found = &d;
    if (!found) {
      fmt::print(stderr, "gongkai: unknown department '{}'\n", department);
      return kExitUsage;
    }
    scope = found->id;
    code = found->code;
    name = found->name;
  }

  SystemClock clock;
  storage::SqlFoiStore foi_store(app.db(), clock);
  storage::SqlDocumentStore document_store(app.db(), clock);
  auto report = report::build_annual_report(foi_store, document_store, year, scope, code, name,
                                            /*drill_down=*/false);
  if (!report) {
    fmt::print(stderr, "gongkai: {}\n", report.error().to_string());
    return report.error().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  // Section 二's uploaded statistics (report/statistics.h).
  storage::SqlStatisticsStore statistics_store(app.db(), clock);
  report::StatisticsService statistics(statistics_store, clock);
  auto stats = statistics.totals(year, scope);
  if (!stats) {
    fmt::print(stderr, "gongkai: {}\n", stats.error().to_string());
    return kExitFailure;
  }
  report->proactive.licensing_decisions = stats->licensing_decisions;
  report->proactive.penalties = stats->penalties;
  report->proactive.enforcement_measures = stats->enforcement_measures;
  report->proactive.fees_10k_yuan = static_cast<double>(stats->fees_yuan) / 10000.0;
  auto bytes = report::render(*report, format);
  if (!bytes) {
    fmt::print(stderr, "gongkai: {}\n", bytes.error().to_string());
    return kExitFailure;
  }
  if (format == "json") bytes->push_back('\n');
  if (out.empty()) {
    fmt::print("{}", *bytes);
    return kExitOk;
  }
  std::ofstream file(out, std::ios::binary);
  file << *bytes;
  if (!file.flush()) {
    fmt::print(stderr, "gongkai: cannot write {}\n", out);
    return kExitFailure;
  }
  return kExitOk;
}

int cmd_report_statistics_import(const Config& config, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "gongkai: cannot read {}\n", file);
    return kExitFailure;
  }
  std::stringstream text;
  text << in.rdbuf();
  int rc = kExitOk;
  auto opened = open_current(config, rc);
  if (!opened) return rc;
  auto& app = *opened;
  const auto system = accounts::Principal::system();
  auto departments = app.accounts().list_departments(&system);
  if (!departments) {
    fmt::print(stderr, "gongkai: {}\n", departments.error().to_string());
    return kExitFailure;
  }
  auto parsed = report::parse_statistics_csv(text.str(), *departments);
  if (!parsed) {
    fmt::print(stderr, "gongkai: {}\n", parsed.error().to_string());
    return kExitUsage;
  }
  for (const auto& [line, reason] : parsed->rejected) fmt::print(stderr, "line {}: {}\n", line, reason);
  SystemClock clock;
  storage::SqlStatisticsStore store(app.db(), clock);
  report::StatisticsService statistics(store, clock);
  auto written = statistics.upload(system, parsed->rows, RequestContext{"cli", "", ""});
  if (!written) {
    fmt::print(stderr, "gongkai: {}\n", written.error().to_string());
    return kExitFailure;
  }
  fmt::print("imported {} statistics row(s), rejected {}\n", *written, parsed->rejected.size());
  return parsed->rejected.empty() ? kExitOk : kExitUsage;
}

}  // namespace gk::app
