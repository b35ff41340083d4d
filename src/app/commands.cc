#include "app/commands.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/session.h"
#include "app/app.h"
#include "app/command_support.h"
#include "app/document_import.h"
#include "app/logging.h"
#include "app/periodic_job.h"
#include "app/search_indexer.h"
#include "calendar/working_calendar.h"
#include "core/utf8.h"
#include "http/access_log.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/sql/migrations.h"
#include "text/segment_command.h"
#include "web/api_search.h"
#include "web/routes.h"
#include "web/view_renderer.h"
#include "web/web_context.h"

#ifndef GK_VERSION
#define GK_VERSION "0.0.0"
#endif

namespace gk::app {
namespace {

namespace fs = std::filesystem;

void report(const Error& e) { fmt::print(stderr, "gongkai: {}\n", e.to_string()); }

int exit_code_for(const Error& e) {
  return e.code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
}


Result<std::string> read_password(bool from_stdin) {
  if (!from_stdin) return accounts::new_random_token().substr(0, 16);
  std::string line;
  if (!std::getline(std::cin, line)) return fail(Error::invalid_field("password", "no password on standard input"));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

RequestContext cli_context() { return RequestContext{"cli", "", "gongkai"}; }

}  // namespace

std::unique_ptr<App> open_current(const Config& config, int& code) {
  auto app = App::open(config);
  if (!app) {
    fmt::print(stderr, "gongkai: cannot open database {}: {}\n", config.database_url(), app.error().message());
    code = exit_code_for(app.error());
    return nullptr;
  }
  if (Status st = (*app)->check_schema_current(); !st) {
    report(st.error());
    code = kExitFailure;
    return nullptr;
  }
  return std::move(*app);
}

std::optional<std::vector<accounts::Department>> all_departments(App& app) {
  const auto system = accounts::Principal::system();
  auto depts = app.accounts().list_departments(&system);
  if (!depts) {
    report(depts.error());
    return std::nullopt;
  }
  return std::move(*depts);
}

int cmd_text_segment(const Config& config, const std::string& mode, bool hmm, bool base_dict) {
  std::vector<text::UserWord> words;
  if (!base_dict) {
    // The shipped government dictionary; words staff add in the back office apply in the server.
    const fs::path dict = (config.share_dir.empty() ? fs::path(GK_DEFAULT_SHARE_DIR) : fs::path(config.share_dir)) /
                          "data/dict/gov.txt";
    auto read = text::Segmenter::read_user_dict(dict.string());
    if (!read) {
      report(read.error());
      return kExitFailure;
    }
    words = std::move(*read);
  }
  auto segmenter = text::Segmenter::create(words);
  if (!segmenter) {
    report(segmenter.error());
    return kExitFailure;
  }
  std::ios::sync_with_stdio(false);
  return text::run_segment_lines(std::cin, std::cout, **segmenter,
                                 mode == "search" ? text::SegmentMode::kSearch : text::SegmentMode::kDefault, hmm);
}

int cmd_search_reindex(const Config& config) {
  configure_logging("warn");
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  if (Status st = app->open_search(); !st) {
    report(st.error());
    return kExitFailure;
  }
  const bool tty = isatty(STDERR_FILENO) != 0;
  int last_percent = -1;
  const auto started = std::chrono::steady_clock::now();
  auto n = app->search()->reindex([&](int64_t done, int64_t total) {
    const int percent = total > 0 ? static_cast<int>(std::min<int64_t>(100, done * 100 / total)) : 100;
    if (percent == last_percent) return;
    last_percent = percent;
    if (tty) {
      const int filled = percent / 5;
      std::string bar;
      for (int i = 0; i < 20; ++i) bar += i < filled ? "█" : "░";
      fmt::print(stderr, "\r重建索引 {} {:3d}%  {}/{}   ", bar, percent, done, total);
    } else if (percent % 10 == 0) {
      fmt::print(stderr, "重建索引 {:3d}%  {}/{}\n", percent, done, total);
    }
  });
  if (tty) fmt::print(stderr, "\n");
  if (!n) {
    report(n.error());
    return kExitFailure;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto stats = app->search()->stats();
  fmt::print("indexed {} record(s) in {:.1f} s; index {:.1f} MB\n", *n, seconds,
             stats ? static_cast<double>(stats->bytes_on_disk) / 1e6 : 0.0);
  return kExitOk;
}

int cmd_search_query(const Config& config, const SearchArgs& args) {
  configure_logging("warn");
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  if (Status st = app->open_search(); !st) {
    report(st.error());
    return kExitFailure;
  }
  search::SearchQuery q;
  q.q = args.q;
  q.type = args.type;
  q.department = args.department;
  q.year = args.year;
  q.validity = args.validity;
  q.topic = args.topic;
  q.genre = args.genre;
  q.sort = args.sort;
  q.page = args.page;
  q.per_page = args.per_page;
  auto results = app->search()->search(q);
  if (!results) {
    report(results.error());
    return exit_code_for(results.error());
  }
  if (args.json) {
    fmt::print("{}\n", web::search_results_json(q, *results, ""));
    return kExitOk;
  }
  fmt::print("共找到 {} 条结果{}\n", results->total,
             results->suggestion ? fmt::format("（您是不是要找：{}）", *results->suggestion) : "");
  int rank = (q.page - 1) * q.per_page;
  for (const auto& hit : results->hits) {
    fmt::print("{:3d}. {}  [{} {}{}]\n     {}\n", ++rank, hit.title, hit.date ? hit.date->to_string() : "",
               hit.department_name, hit.validity_label.empty() ? "" : " " + hit.validity_label, hit.url);
  }
  return kExitOk;
}

int cmd_version() {
  fmt::print("gongkai {}\n", GK_VERSION);
  return kExitOk;
}

int cmd_migrate(const Config& config) {
  auto app = App::open(config);
  if (!app) {
    fmt::print(stderr, "gongkai: cannot open database {}: {}\n", config.database_url(), app.error().message());
    return exit_code_for(app.error());
  }
  auto n = (*app)->migrate();
  if (!n) {
    report(n.error());
    return kExitFailure;
  }
  fmt::print("applied {} migration(s)\n", *n);
  if (Status st = (*app)->ensure_baseline(); !st) {
    report(st.error());
    return kExitFailure;
  }
  return kExitOk;
}

int cmd_seed(const Config& config, bool demo) {
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  if (Status st = app->ensure_baseline(); !st) {
    report(st.error());
    return kExitFailure;
  }
  fmt::print("departments and calendar loaded\n");
  if (demo) {
    auto n = app->seed_demo();
    if (!n) {
      report(n.error());
      return kExitFailure;
    }
    fmt::print("created {} demo account(s); logins in {}/demo-logins.txt\n", *n, config.data_dir);
    auto docs = app->seed_demo_documents();
    if (!docs) {
      report(docs.error());
      return kExitFailure;
    }
    fmt::print("{}\n", *docs);
    auto reports = app->seed_demo_reports();
    if (!reports) {
      report(reports.error());
      return kExitFailure;
    }
    fmt::print("{}\n", *reports);
  }
  return kExitOk;
}

int cmd_user_add(const Config& config, const std::string& username, const std::string& display_name,
                 const std::string& department, const std::string& roles, bool password_stdin) {
  auto parsed = accounts::parse_roles(roles);
  if (!parsed) {
    fmt::print(stderr, "gongkai: unknown role in '{}'; roles are admin, supervisor, editor, reviewer, foi_officer, "
                       "foi_approver, legal_reviewer, analyst, data_steward\n", roles);
    return kExitUsage;
  }
  auto password = read_password(password_stdin);
  if (!password) {
    report(password.error());
    return kExitUsage;
  }
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  accounts::NewUser u{username, display_name, department, *parsed, *password};
  auto id = app->accounts().create_user(accounts::Principal::system(), u, cli_context());
  if (!id) {
    report(id.error());
    return exit_code_for(id.error());
  }
  fmt::print("created user {} (id {})\n", username, id->value);
  if (!password_stdin) fmt::print("password: {}\n", *password);
  return kExitOk;
}

int cmd_user_passwd(const Config& config, const std::string& username, bool password_stdin) {
  auto password = read_password(password_stdin);
  if (!password) {
    report(password.error());
    return kExitUsage;
  }
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  if (Status st = app->accounts().reset_password(accounts::Principal::system(), username, *password, cli_context());
      !st) {
    report(st.error());
    return exit_code_for(st.error());
  }
  fmt::print("password of {} changed; their sessions were ended\n", username);
  if (!password_stdin) fmt::print("password: {}\n", *password);
  return kExitOk;
}

int cmd_user_list(const Config& config, const std::string& department) {
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  auto depts = all_departments(*app);
  if (!depts) return kExitFailure;
  const auto system = accounts::Principal::system();
  std::optional<DepartmentId> filter;
  if (!department.empty()) {
    for (const auto& d : *depts)
      if (d.code == department || d.name == department) filter = d.id;
    if (!filter) {
      fmt::print(stderr, "gongkai: unknown department '{}'\n", department);
      return kExitUsage;
    }
  }
  auto users = app->accounts().list_users(system, filter);
  if (!users) {
    report(users.error());
    return kExitFailure;
  }
  for (const auto& u : *users) {
    std::string dname;
    for (const auto& d : *depts)
      if (d.id == u.department) dname = d.name;
    fmt::print("{}\t{}\t{}\t{}\t{}\n", u.username, u.display_name, dname, accounts::join_roles(u.roles),
               u.active ? "active" : "disabled");
  }
  return kExitOk;
}

int cmd_calendar_import(const Config& config, const std::string& file, const std::string& source) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "gongkai: cannot read {}\n", file);
    return kExitUsage;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  if (Status st = app->calendar().reload(); !st) {
    report(st.error());
    return kExitFailure;
  }
  auto summary = app->calendar().import_csv(accounts::Principal::system(), ss.str(), source.empty() ? file : source,
                                            cli_context());
  if (!summary) {
    report(summary.error());
    return exit_code_for(summary.error());
  }
  std::string years;
  for (int y : summary->covered_years) years += fmt::format("{} ", y);
  fmt::print("imported {} day(s); covered years: {}\n", summary->rows, years);
  return kExitOk;
}

int cmd_calendar_show(const Config& config, const std::string& month) {
  auto first = Date::parse(month + "-01");
  if (!first) {
    fmt::print(stderr, "gongkai: month must be YYYY-MM, got '{}'\n", month);
    return kExitUsage;
  }
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  if (Status st = app->calendar().reload(); !st) {
    report(st.error());
    return kExitFailure;
  }
  auto text = app->calendar().current()->render_month(first->year(), first->month());
  if (!text) {
    fmt::print(stderr, "gongkai: {}\n", text.error().message());
    return kExitFailure;
  }
  fmt::print("{}", *text);
  return kExitOk;
}

int cmd_audit_verify(const Config& config) {
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  auto report_r = storage::verify_audit_log(app->db());
  if (!report_r) {
    report(report_r.error());
    return kExitFailure;
  }
  if (!report_r->ok) {
    fmt::print(stderr, "audit log BROKEN after {} entr{}: first bad row {}: {}\n", report_r->checked,
               report_r->checked == 1 ? "y" : "ies",
               report_r->first_bad_id ? std::to_string(*report_r->first_bad_id) : std::string("(end of log)"),
               report_r->reason);
    return kExitFailure;
  }
  fmt::print("audit log intact: {} entr{} verified\n", report_r->checked, report_r->checked == 1 ? "y" : "ies");
  return kExitOk;
}

int cmd_backup(const Config& config, const std::string& out_in) {
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  const Instant now = app->clock().now();
  std::string stamp = now.to_string().substr(0, 19);
  for (char& c : stamp)
    if (c == ':' || c == 'T') c = c == 'T' ? '-' : '.';
  const bool sqlite = app->db().dialect() == sql::Dialect::kSqlite;
  fs::path out = out_in.empty() ? fs::path(config.data_dir) / "backups" / ("gongkai-" + stamp + (sqlite ? ".db" : ".sql"))
                                : fs::path(out_in);
  std::error_code ec;
  if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
  if (fs::exists(out)) {
    fmt::print(stderr, "gongkai: {} exists; refusing to overwrite\n", out.string());
    return kExitUsage;
  }
  if (sqlite) {
    // VACUUM INTO writes a consistent, compacted copy while the server keeps running.
    auto conn = app->db().acquire();
    if (!conn) {
      report(conn.error());
      return kExitFailure;
    }
    if (auto r = (*conn)->query("VACUUM INTO ?", {fs::absolute(out).string()}); !r) {
      report(r.error());
      return kExitFailure;
    }
  } else {
    // pg_dump is PostgreSQL's own consistent snapshot; the URL goes through the environment so the
    // password does not show in the process list.
    const std::string cmd = fmt::format("pg_dump --no-owner --format=plain --file='{}' \"$GK_BACKUP_URL\"", out.string());
    ::setenv("GK_BACKUP_URL", config.database_url().c_str(), 1);
    const int rc = std::system(cmd.c_str());
    ::unsetenv("GK_BACKUP_URL");
    if (rc != 0) {
      fmt::print(stderr, "gongkai: pg_dump failed (exit {})\n", rc);
      return kExitFailure;
    }
  }
  fmt::print("backup written to {}\n", out.string());
  return kExitOk;
}

namespace {

// A progress bar on a terminal; a line every 10 % when stderr is a file or pipe (CI logs).
class Progress {
 public:
  explicit Progress(int64_t total) : total_(total), tty_(::isatty(STDERR_FILENO) == 1) {}
  void update(int64_t done) {
    const int pct = total_ > 0 ? static_cast<int>(done * 100 / total_) : 100;
    if (tty_) {
      const int filled = pct / 5;
      fmt::print(stderr, "\r导入 [{}{}] {:3d}% {}/{}", std::string(filled, '#'), std::string(20 - filled, '.'), pct,
                 done, total_);
      if (done >= total_) fmt::print(stderr, "\n");
    } else if (pct / 10 != last_decile_ || done >= total_) {
      last_decile_ = pct / 10;
      fmt::print(stderr, "导入 {}% ({}/{})\n", pct, done, total_);
    }
  }

 private:
  int64_t total_;
  bool tty_;
  int last_decile_ = -1;
};

}  // namespace

int cmd_import_documents(const Config& config, const std::string& file, const std::string& department,
                         int batch_size) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "gongkai: cannot read {}\n", file);
    return kExitUsage;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  int code = kExitOk;
  auto app = open_current(config, code);
  if (!app) return code;
  auto depts = all_departments(*app);
  if (!depts) return kExitFailure;
  const auto system = accounts::Principal::system();
  std::optional<accounts::Department> dept;
  for (const auto& d : *depts)
    if (d.code == department || d.name == department) dept = d;
  if (!dept) {
    fmt::print(stderr, "gongkai: unknown department '{}'\n", department);
    return kExitUsage;
  }
  std::vector<ColumnId> rule_columns;
  if (auto cols = app->documents().columns(dept->id)) {
    for (const auto& c : *cols)
      if (c.key == "art20_01") rule_columns.push_back(c.id);
  }
  accounts::Principal importer = system;
  importer.department = dept->id;
  importer.department_name = dept->name;

  Progress progress(static_cast<int64_t>(lines.size()));
  int inserted = 0, skipped = 0, drafts = 0, shared_numbers = 0, approximate = 0;
  std::vector<std::pair<int, std::string>> rejected;
  std::vector<std::string> keys;
  std::vector<documents::ImportRecord> batch;
  auto flush = [&]() -> bool {
    if (batch.empty()) return true;
    auto r = app->documents().import_batch(importer, dept->id, batch, cli_context());
    if (!r) {
      fmt::print(stderr, "\ngongkai: batch ending at line {} failed and was rolled back: {}\n", batch.back().line,
                 r.error().to_string());
      return false;
    }
    inserted += r->inserted;
    skipped += r->skipped_existing;
    shared_numbers += r->versions_sharing_number;
    for (auto& rej : r->rejected) rejected.push_back(std::move(rej));
    batch.clear();
    return true;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i + 1);
    if (trim(lines[i]).empty()) continue;
    auto rec = import_record_from_json(lines[i], line_no, rule_columns);
    if (!rec) {
      rejected.emplace_back(line_no, rec.error().to_string());
    } else {
      if (!rec->published_on) ++drafts;
      if (rec->approximate_date) ++approximate;
      keys.push_back(rec->source_key);
      batch.push_back(std::move(*rec));
    }
    if (static_cast<int>(batch.size()) >= batch_size) {
      if (!flush()) return kExitFailure;
    }
    if (line_no % 100 == 0) progress.update(line_no);
  }
  if (!flush()) return kExitFailure;
  progress.update(static_cast<int64_t>(lines.size()));
  auto linked = app->documents().link_versions_by_title(importer, keys, cli_context());
  if (!linked) {
    report(linked.error());
    return kExitFailure;
  }
  fmt::print("imported {} document(s) into {}; {} already present; {} rejected; {} without a date kept as drafts; "
             "{} older version(s) linked to their successors ({} later version(s) repeated the original 文号, kept "
             "without it); {} date(s) known only to the year or month, completed with the 1st\n",
             inserted, dept->name, skipped, rejected.size(), drafts, *linked, shared_numbers, approximate);
  for (const auto& [line, reason] : rejected) fmt::print("rejected line {}: {}\n", line, reason);
  return kExitOk;
}

int cmd_serve(const Config& config) {
  configure_logging(config.log_level);
  auto listen = parse_listen(config.listen);
  if (!listen) {
    report(listen.error());
    return kExitUsage;
  }
  auto opened = App::open(config);
  if (!opened) {
    fmt::print(stderr, "gongkai: cannot open database {}: {}\n", config.database_url(), opened.error().message());
    return exit_code_for(opened.error());
  }
  App& app = **opened;
  if (auto n = app.migrate(); !n) {
    report(n.error());
    return kExitFailure;
  } else if (*n > 0) {
    spdlog::info("applied {} migration(s)", *n);
  }
  if (Status st = app.ensure_baseline(); !st) {
    report(st.error());
    return kExitFailure;
  }
  if (config.demo) {
    const auto system = accounts::Principal::system();
    auto users = app.accounts().list_users(system, std::nullopt);
    if (users && users->empty()) {
      if (auto n = app.seed_demo(); !n) {
        report(n.error());
        return kExitFailure;
      }
      if (auto docs = app.seed_demo_documents(); !docs) {
        report(docs.error());
        return kExitFailure;
      } else {
        spdlog::info("{}", *docs);
      }
      if (auto reports = app.seed_demo_reports(); !reports) {
        report(reports.error());
        return kExitFailure;
      } else {
        spdlog::info("{}", *reports);
      }
    }
  }
  auto secret = app.server_secret();
  if (!secret) {
    report(secret.error());
    return kExitFailure;
  }
  auto views = web::ViewRenderer::load((app.share_dir() / "web/templates").string());
  if (!views) {
    report(views.error());
    return kExitFailure;
  }

  http::Metrics metrics;
  metrics.add_gauge("db_pool_size", "Configured size of the database connection pool",
                    [&app] { return app.db().pool_stats().size; });
  metrics.add_gauge("db_pool_in_use", "Database connections currently leased",
                    [&app] { return app.db().pool_stats().in_use; });
  metrics.add_gauge("db_pool_waits_total", "Times a request waited for a database connection",
                    [&app] { return static_cast<double>(app.db().pool_stats().waits); });
  metrics.add_gauge("db_pool_errors_total", "Failed or discarded database connections",
                    [&app] { return static_cast<double>(app.db().pool_stats().errors); });

  web::WebContext ctx{app.accounts(), app.audit_log(), app.calendar(), app.documents(), *views, app.clock(), *secret,
                      [&app]() -> Status {
                        GK_TRY_STATUS(app.db().ping());
                        return app.check_schema_current();
                      },
                      (app.share_dir() / "web/static").string()};
  ctx.reports = &app.reports();
  ctx.cleanup = &app.cleanup();
  ctx.plans = &app.plans();
  ctx.budgets = &app.budgets();
  ctx.guides = &app.guides();
  ctx.topics = &app.topics();
  ctx.foi = &app.foi();
  ctx.reading_room = &app.reading_room();
  ctx.conversions = &app.conversions();
  ctx.annual_reports = &app.annual_reports();
  ctx.statistics = &app.statistics();
  // Search: the index is derived data; the server keeps it current in the background (and builds it
  // when it is missing), so a failure to open it is logged and search pages answer 503 meanwhile.
  std::unique_ptr<SearchIndexer> indexer;
  if (Status st = app.open_search(); !st) {
    spdlog::error("search index unavailable: {}", st.error().to_string());
  } else {
    ctx.search = app.search();
    indexer = std::make_unique<SearchIndexer>(*app.search(), app.clock());
    indexer->start();
  }
  ctx.vocabulary = &app.vocabulary();
  // FOI reminders (issue 5 item 6): hourly, so a server started mid-day or a calendar change is
  // picked up soon; due_reminders is idempotent per case, threshold and due date.
  PeriodicJob foi_reminders("foi reminders", std::chrono::hours(1), [&app]() -> Status {
    auto sent = app.foi().due_reminders(accounts::Principal::system(), app.clock().today(),
                                        RequestContext{"job:foi_reminders", "", ""});
    if (!sent) return fail(sent.error());
    if (!sent->empty()) spdlog::info("foi reminders: {} new", sent->size());
    return ok();
  });
  foi_reminders.start();
  // Annual-report deadlines (条例 Art. 49: 31 Jan for departments, 31 Mar for the government):
  // daily is enough for day thresholds; due_reminders is idempotent per organ, year and threshold.
  PeriodicJob report_reminders("annual report reminders", std::chrono::hours(6), [&app]() -> Status {
    auto sent = app.annual_reports().due_reminders(accounts::Principal::system(), app.clock().today(),
                                                   RequestContext{"job:report_reminders", "", ""});
    if (!sent) return fail(sent.error());
    if (!sent->empty()) spdlog::info("annual report reminders: {} new", sent->size());
    return ok();
  });
  report_reminders.start();
  http::Router router;
  if (Status st = web::mount_routes(router, ctx, metrics); !st) {
    report(st.error());
    return kExitFailure;
  }
  http::AccessLog access_log;
  http::ServerOptions so;
  so.host = listen->first;
  so.port = listen->second;
  so.io_threads = config.io_threads;
  so.worker_threads = config.worker_threads;
  so.trust_proxy = config.trust_proxy;
  so.install_signal_handlers = true;
  http::Server server(so, router, {&metrics, &access_log});
  auto port = server.listen();
  if (!port) {
    report(port.error());
    return kExitFailure;
  }
  fmt::print("gongkai {} serving http://{}:{}/ (database {})\n", GK_VERSION,
             so.host.find(':') != std::string::npos ? "[" + so.host + "]" : so.host, *port,
             app.db().dialect() == sql::Dialect::kSqlite ? config.database_url() : "postgresql");
  if (const std::string logins = app.demo_logins(); !logins.empty()) {
    fmt::print("\n{}\n", logins);
  }
  std::fflush(stdout);
  server.run();
  if (indexer) indexer->stop();
  report_reminders.stop();
  foi_reminders.stop();
  spdlog::info("server stopped");
  return kExitOk;
}

}  // namespace gk::app
