// intake_rate: FOI intake requests/s — FoiService::submit (validation, GB 11643 check, tracking
// number, query code and its hash, the case row, its registered event and the audit row, in one
// transaction) against a fresh SQLite database and, when GONGKAI_TEST_PG_URL is set, a scratch
// PostgreSQL database (created and dropped here). Each engine on 1 client thread and on N at once.
//
//   usage: intake_rate HOLIDAYS_CSV [SUBMISSIONS] [THREADS]      (defaults 5000, 4)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "accounts/accounts_service.h"
#include "accounts/password.h"
#include "foi/foi_service.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/sql/database.h"
#include "storage/sql/migrations.h"

namespace {

using namespace gk;

std::string with_database(const std::string& url, const std::string& db) {
  size_t authority = url.find("://");
  authority = authority == std::string::npos ? 0 : authority + 3;
  size_t query = url.find('?', authority);
  if (query == std::string::npos) query = url.size();
  size_t slash = url.find('/', authority);
  if (slash == std::string::npos || slash > query) return url.substr(0, query) + "/" + db + url.substr(query);
  return url.substr(0, slash + 1) + db + url.substr(query);
}

foi::IntakeForm form(DepartmentId dept, int i) {
  foi::IntakeForm f;
  f.department = dept;
  f.applicant_type = "natural_person";
  f.name = "张小明";
  f.id_kind = "resident_id";
  f.id_number = "11010519491231002X";
  f.phone = "13812345678";
  f.email = "zhang@example.com";
  f.address = "浙江省东阳市吴宁街道艺海路1号";
  f.title = "2023年东阳市财政预算执行情况 " + std::to_string(i);
  f.description = "请公开2023年东阳市财政预算执行情况和其他财政收支情况的报告";
  f.form = "email";
  f.delivery = "email";
  return f;
}

// Submits `n` applications on `threads` threads; returns successful requests/s and counts failures
// in `failed` (the first error is printed).
double run(foi::FoiService& foi, DepartmentId dept, int n, int threads, int offset, int& failed) {
  std::atomic<int> next{0}, errors{0};
  const RequestContext ctx{"bench", "127.0.0.1", "intake_rate"};
  const auto start = std::chrono::steady_clock::now();
  auto body = [&] {
    for (int i; (i = next.fetch_add(1)) < n;) {
      auto r = foi.submit(nullptr, form(dept, offset + i), ctx);
      if (!r && errors.fetch_add(1) == 0) std::fprintf(stderr, "submit: %s\n", r.error().to_string().c_str());
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(body);
  for (auto& t : pool) t.join();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  failed = errors.load();
  return (n - failed) / s;
}

std::shared_ptr<const calendar::WorkingCalendar> g_calendar;

int bench_engine(const char* name, const std::string& url, int n, int threads) {
  sql::OpenOptions opts;
  opts.pool_size = threads + 1;
  auto db = sql::Database::open(url, opts);
  if (!db) {
    std::fprintf(stderr, "%s: %s\n", name, db.error().to_string().c_str());
    return 1;
  }
  if (auto m = sql::migrate(**db); !m) {
    std::fprintf(stderr, "%s: migrate: %s\n", name, m.error().to_string().c_str());
    return 1;
  }
  FakeClock clock(Instant::from_seconds(1'762'135'200));  // 2025-11-03 10:00 CST
  accounts::PasswordHasher hasher(accounts::PasswordHashParams::kFastForTests);
  storage::SqlAccountsStore accounts_store(**db, clock);
  accounts::AccountsService accounts(accounts_store, clock, hasher);
  accounts::Department czj;
  czj.code = "czj";
  czj.name = "东阳市财政局";
  czj.kind = accounts::DepartmentKind::kDepartment;
  const RequestContext ctx{"bench", "", ""};
  if (!accounts.ensure_departments(accounts::Principal::system(), {czj}, ctx)) return 1;
  DepartmentId dept;
  auto departments = accounts.list_departments(nullptr);
  if (!departments) {
    std::fprintf(stderr, "%s: departments: %s\n", name, departments.error().to_string().c_str());
    return 1;
  }
  for (const auto& d : *departments)
    if (d.code == "czj") dept = d.id;
  storage::SqlFoiStore store(**db, clock);
  foi::FoiService foi(store, clock, [] { return g_calendar; });
  int failed_warm = 0, failed_one = 0, failed_many = 0;
  run(foi, dept, std::min(200, n), 1, 10'000'000, failed_warm);  // warm-up: connections, statement caches
  const double one = run(foi, dept, n, 1, 0, failed_one);
  const double many = run(foi, dept, n, threads, n, failed_many);
  std::printf("%-12s %10d %14.0f %16.0f %12.3f %8d\n", name, n, one, many, one > 0 ? 1e3 / one : 0.0,
              failed_one + failed_many);
  return failed_one + failed_many > 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: intake_rate HOLIDAYS_CSV [SUBMISSIONS] [THREADS]\n");
    return 2;
  }
  std::ifstream f(argv[1]);
  std::stringstream ss;
  ss << f.rdbuf();
  auto cal = calendar::WorkingCalendar::from_csv(ss.str());
  if (!cal) {
    std::fprintf(stderr, "intake_rate: cannot read %s\n", argv[1]);
    return 1;
  }
  g_calendar = std::make_shared<const calendar::WorkingCalendar>(std::move(*cal));
  const int n = argc > 2 ? std::atoi(argv[2]) : 5000;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 4;
  std::printf("bench/foi intake: FoiService::submit (anonymous online application), %d per run\n", n);
  std::printf("%-12s %10s %14s %16s %12s %8s\n", "engine", "requests", "req/s 1 thread",
              ("req/s " + std::to_string(threads) + " threads").c_str(), "ms/req (1)", "failed");
  std::mt19937_64 rng(std::random_device{}());
  const std::string suffix = std::to_string(rng() % 1'000'000'000);
  const auto dir = std::filesystem::temp_directory_path() / ("gk_bench_foi_" + suffix);
  int rc = bench_engine("sqlite", "sqlite://" + (dir / "gongkai.db").string(), n, threads);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);

  const char* pg = std::getenv("GONGKAI_TEST_PG_URL");
  if (pg && *pg) {
    auto admin = sql::Database::open(pg, sql::OpenOptions{.pool_size = 1});
    const std::string name = "gk_bench_foi_" + suffix;
    if (admin) {
      if (auto lease = (*admin)->acquire();
          lease && (*lease)->exec_script("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0")) {
        rc |= bench_engine("postgresql", with_database(pg, name), n, threads);
      }
      if (auto lease = (*admin)->acquire())
        (void)(*lease)->exec_script("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  } else {
    std::printf("%-12s SKIPPED (GONGKAI_TEST_PG_URL not set)\n", "postgresql");
  }
  return rc;
}
