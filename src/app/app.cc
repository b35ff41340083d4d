#include "app/app.h"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/session.h"
#include "app/document_import.h"
#include "foi/conversion_drafter.h"
#include "foi/history_import.h"
#include "storage/repos/sql_settings.h"
#include "storage/text_extract.h"
#include "storage/sql/migrations.h"

#ifndef GK_DEFAULT_SHARE_DIR
#error "GK_DEFAULT_SHARE_DIR must name the directory holding web/ and data/"
#endif

namespace gk::app {
namespace {

namespace fs = std::filesystem;

Result<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return fail(Error::not_found("cannot read " + p.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Minimal CSV for our own seed files: comma-separated, optional double quotes around a field.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) cells.push_back(std::exchange(cell, {}));
      else cell += c;
    }
    cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

RequestContext cli_context() { return RequestContext{"cli", "", "gongkai"}; }

}  // namespace

App::App(Config config, std::unique_ptr<sql::Database> db)
    : config_(std::move(config)),
      db_(std::move(db)),
      accounts_store_(*db_, clock_),
      calendar_store_(*db_, clock_),
      audit_reader_(*db_),
      document_store_(*db_, clock_),
      cleanup_store_(*db_, clock_),
      accounts_(accounts_store_, clock_, hasher_),
      audit_log_(audit_reader_),
      calendar_(calendar_store_),
      documents_(document_store_, clock_, [this](DepartmentId id) { return department_code(id); }),
      reports_(document_store_, [this] { return calendar_.current(); }, clock_),
      cleanup_(cleanup_store_, clock_),
      plans_(document_store_, clock_),
      budgets_(document_store_, clock_),
      guides_(document_store_, clock_),
      topics_(document_store_),
      foi_store_(*db_, clock_),
      foi_(foi_store_, clock_, [this] { return calendar_.current(); }),
      change_feed_(*db_),
      vocabulary_store_(*db_, clock_),
      vocabulary_(vocabulary_store_, (share_dir() / "data/dict").string()),
      document_source_(documents_, [this](DepartmentId id) { return department_naming(id); }),
      reading_room_store_(*db_, clock_),
      reading_room_(reading_room_store_, clock_),
      conversions_(reading_room_store_, clock_,
                   foi::make_document_drafter(documents_, [this](DepartmentId id) { return department_naming(id).second; })),
      reading_room_source_(reading_room_, [this](DepartmentId id) { return department_naming(id); }),
      statistics_store_(*db_, clock_),
      statistics_(statistics_store_, clock_),
      filing_store_(*db_, clock_),
      annual_reports_(foi_store_, document_store_, documents_, statistics_, filing_store_, accounts_, clock_) {
  documents_.set_file_store(&file_store_);
  documents_.set_text_extractor(storage::make_text_extractor());
}

std::string App::department_code(DepartmentId id) {
  // Departments are few and never renamed in code: a lookup per new document is cheap enough.
  if (auto list = accounts_.list_departments(nullptr)) {
    for (const auto& d : *list)
      if (d.id == id) return d.code;
  }
  return std::to_string(id.value);
}

std::pair<std::string, std::string> App::department_naming(DepartmentId id) {
  if (auto list = accounts_.list_departments(nullptr)) {
    for (const auto& d : *list)
      if (d.id == id) return {d.code, d.name};
  }
  return {std::to_string(id.value), ""};
}

Result<std::shared_ptr<const text::Segmenter>> App::segmenter(bool base_only) {
  if (base_only) return text::Segmenter::create();
  GK_TRY_ASSIGN(vocabulary, vocabulary_.effective());
  return text::Segmenter::create(vocabulary.words);
}

Status App::open_search() {
  if (search_) return ok();
  GK_TRY_ASSIGN(vocabulary, vocabulary_.effective());
  GK_TRY_ASSIGN(segmenter, text::Segmenter::create(vocabulary.words));
  GK_TRY_ASSIGN(normalizer, text::Normalizer::create());
  GK_TRY_ASSIGN(service, search::SearchService::open(fs::path(config_.data_dir) / "search", segmenter, normalizer, clock_));
  service->add_source(document_source_);
  service->add_source(reading_room_source_);
  service->set_change_feed(change_feed_);
  service->set_synonyms(vocabulary.synonym_groups);
  // Staff edits of the vocabulary apply to queries at once; indexed text needs a reindex.
  vocabulary_.on_change([svc = service.get()](const search::Vocabulary& v) {
    if (auto seg = text::Segmenter::create(v.words)) svc->set_segmenter(*seg);
    svc->set_synonyms(v.synonym_groups);
  });
  search_ = std::move(service);
  return ok();
}

Result<std::unique_ptr<App>> App::open(const Config& config) {
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec) return fail(Error::failed_precondition("cannot create data dir " + config.data_dir + ": " + ec.message()));
  sql::OpenOptions opts;
  opts.pool_size = std::max(4, config.worker_threads + 1);
  GK_TRY_ASSIGN(db, sql::Database::open(config.database_url(), opts));
  GK_TRY_STATUS(db->ping());
  return std::unique_ptr<App>(new App(config, std::move(db)));
}

fs::path App::share_dir() const {
  return config_.share_dir.empty() ? fs::path(GK_DEFAULT_SHARE_DIR) : fs::path(config_.share_dir);
}

Result<int> App::migrate() { return sql::migrate(*db_); }

Status App::check_schema_current() {
  GK_TRY_ASSIGN(state, sql::migration_state(*db_));
  if (state.current < state.latest) {
    return fail(Error::failed_precondition(
        fmt::format("database schema is at migration {} but this binary needs {}; run `gongkai migrate`",
                    state.current, state.latest)));
  }
  if (state.current > state.latest) {
    return fail(Error::failed_precondition(
        fmt::format("database schema is at migration {}, newer than this binary ({}); upgrade gongkai",
                    state.current, state.latest)));
  }
  return ok();
}

Status App::ensure_baseline() {
  GK_TRY_ASSIGN(dept_csv, read_file(share_dir() / "data/seed/departments.csv"));
  std::vector<accounts::Department> depts;
  const auto rows = parse_csv(dept_csv);
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() != 4) return fail(Error::invalid(fmt::format("departments.csv line {}: expected 4 fields", i + 1)));
    auto kind = accounts::parse_department_kind(r[2]);
    if (!kind) return fail(Error::invalid(fmt::format("departments.csv line {}: unknown kind {}", i + 1, r[2])));
    accounts::Department d;
    d.code = r[0];
    d.name = r[1];
    d.kind = *kind;
    d.sort_order = std::stoi(r[3]);
    depts.push_back(std::move(d));
  }
  GK_TRY_STATUS(accounts_.ensure_departments(accounts::Principal::system(), depts, cli_context()));
  GK_TRY_ASSIGN(all_depts, accounts_.list_departments(nullptr));
  std::vector<DepartmentId> ids;
  for (const auto& d : all_depts) ids.push_back(d.id);
  GK_TRY_STATUS(documents_.ensure_columns(ids, cli_context()));

  GK_TRY_STATUS(calendar_.reload());
  if (calendar_.current()->special_days().empty()) {
    GK_TRY_ASSIGN(cal_csv, read_file(share_dir() / "data/calendar/holidays-cn.csv"));
    GK_TRY_STATUS(calendar_.import_csv(accounts::Principal::system(), cal_csv,
                                       "data/calendar/holidays-cn.csv（国务院办公厅节假日安排通知）", cli_context()));
  }
  return ok();
}

Result<int> App::seed_demo() {
  GK_TRY_ASSIGN(csv, read_file(share_dir() / "data/seed/demo-users.csv"));
  const auto rows = parse_csv(csv);
  int created = 0;
  std::string lines;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() != 4) return fail(Error::invalid(fmt::format("demo-users.csv line {}: expected 4 fields", i + 1)));
    accounts::NewUser u;
    u.username = r[0];
    u.display_name = r[1];
    u.department_code = r[2];
    auto roles = accounts::parse_roles(r[3]);
    if (!roles) return fail(Error::invalid(fmt::format("demo-users.csv line {}: unknown role", i + 1)));
    u.roles = *roles;
    // Generated, never committed: "Demo-" keeps it readable, the token makes it unguessable.
    u.password = "Demo-" + accounts::new_random_token().substr(0, 12);
    auto id = accounts_.create_user(accounts::Principal::system(), u, cli_context());
    if (!id) {
      if (id.error().code() == ErrorCode::kInvalidArgument && !id.error().fields().empty() &&
          id.error().fields()[0].field == "username") {
        continue;  // already there from an earlier seeding
      }
      return fail(id.error());
    }
    ++created;
    lines += fmt::format("{:<14} {:<22} {}\n", u.username, u.password, u.display_name);
  }
  if (!lines.empty()) {
    const fs::path file = fs::path(config_.data_dir) / "demo-logins.txt";
    const bool fresh = !fs::exists(file);
    std::ofstream out(file, std::ios::app);
    if (fresh) out << "# 演示账号（用户名 密码 姓名）— generated by `gongkai seed --demo`; demo data only\n";
    out << lines;
    out.close();
    ::chmod(file.c_str(), 0600);
  }
  return created;
}

Result<std::string> App::seed_demo_reports() {
  const auto system = accounts::Principal::system();
  GK_TRY_ASSIGN(depts, accounts_.list_departments(&system));
  GK_TRY_ASSIGN(history, read_file(share_dir() / "data/seed/demo-foi-history.jsonl"));
  std::vector<foi::HistoricalCase> cases;
  std::vector<foi::HistoricalRemedy> remedies;
  std::istringstream in(history);
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty()) continue;
    GK_TRY_ASSIGN(parsed, foi::parse_history_line(line, line_no, depts));
    if (auto* c = std::get_if<foi::HistoricalCase>(&parsed)) cases.push_back(std::move(*c));
    else remedies.push_back(std::get<foi::HistoricalRemedy>(std::move(parsed)));
  }
  GK_TRY_ASSIGN(imported, foi_.import_history(system, cases, remedies, cli_context()));
  GK_TRY_ASSIGN(csv, read_file(share_dir() / "data/seed/demo-report-statistics.csv"));
  GK_TRY_ASSIGN(stats, report::parse_statistics_csv(csv, depts));
  if (!stats.rejected.empty())
    return fail(Error::invalid(fmt::format("demo-report-statistics.csv line {}: {}", stats.rejected[0].first,
                                           stats.rejected[0].second)));
  GK_TRY_ASSIGN(written, statistics_.upload(system, stats.rows, cli_context()));

  // Reports of 2025 at three stages, so the 公开办's table shows the work under way: 财政局's
  // published (through the library's review), 自然资源和规划局's submitted, 卫健局's text in draft.
  int filings = 0;
  auto organ = [&](std::string_view code) -> std::optional<DepartmentId> {
    for (const auto& d : depts)
      if (d.code == code) return d.id;
    return std::nullopt;
  };
  const int year = 2025;
  for (auto [code, stage] : {std::pair{"czj", 3}, {"zrzyj", 2}, {"wjj", 1}}) {
    auto id = organ(code);
    if (!id) continue;
    GK_TRY_ASSIGN(view, annual_reports_.get(system, *id, year));
    if (view.status.version > 0) continue;  // seeded before
    // The draft with its places to complete filled in, as the organ's staff would.
    report::ReportText text = view.drafted;
    text.problems =
        "（一）存在的主要问题。一是依申请公开答复文书的说理还不够充分；二是部分栏目更新不够及时。\n"
        "（二）改进措施。一是答复前一律经法制审核，统一文书格式；二是建立栏目更新月度检查和提醒机制。";
    GK_TRY_STATUS(annual_reports_.save_text(system, *id, year, 0, text, cli_context()));
    ++filings;
    if (stage < 2) continue;
    GK_TRY_STATUS(annual_reports_.submit(system, *id, year, 1, cli_context()));
    if (stage < 3) continue;
    GK_TRY_ASSIGN(doc, annual_reports_.publish(system, *id, year, cli_context()));
    GK_TRY_ASSIGN(submitted, documents_.get(system, doc));
    GK_TRY_STATUS(documents_.act(system, doc, submitted.document.version, documents::WorkflowAction::kApprove, "",
                                 cli_context()));
    GK_TRY_ASSIGN(approved, documents_.get(system, doc));
    GK_TRY_STATUS(documents_.publish(system, doc, approved.document.version, std::nullopt, cli_context()));
  }
  return fmt::format(
      "demo FOI history: {} case(s) and {} remedy(ies) imported; {} statistics row(s); {} annual report(s) of {}",
      imported.cases_inserted, imported.remedies_inserted, written, filings, year);
}

Result<std::string> App::seed_demo_documents(int corpus_sample) {
  GK_TRY_ASSIGN(depts, accounts_.list_departments(nullptr));
  auto dept_by_code = [&](const std::string& code) -> std::optional<accounts::Department> {
    for (const auto& d : depts)
      if (d.code == code) return d;
    return std::nullopt;
  };
  std::map<std::string, std::vector<documents::Column>> columns_by_dept;
  auto column_id = [&](const std::string& dept_code, const std::string& key) -> std::optional<ColumnId> {
    auto d = dept_by_code(dept_code);
    if (!d || key.empty()) return std::nullopt;
    auto& cols = columns_by_dept[dept_code];
    if (cols.empty()) {
      if (auto list = documents_.columns(d->id)) cols = *list;
    }
    for (const auto& c : cols)
      if (c.key == key) return c.id;
    return std::nullopt;
  };
  int inserted = 0, rejected = 0;
  auto import_into = [&](const std::string& dept_code, const std::vector<documents::ImportRecord>& records) -> Status {
    auto d = dept_by_code(dept_code);
    if (!d) return fail(Error::invalid("demo documents name an unknown department: " + dept_code));
    accounts::Principal who = accounts::Principal::system();
    who.department = d->id;
    who.department_name = d->name;
    GK_TRY_ASSIGN(r, documents_.import_batch(who, d->id, records, cli_context()));
    inserted += r.inserted;
    rejected += static_cast<int>(r.rejected.size());
    for (const auto& [line, reason] : r.rejected) spdlog::warn("demo document line {} rejected: {}", line, reason);
    return ok();
  };

  // 1. Our own Dongyang demo documents (department by department, in file order).
  GK_TRY_ASSIGN(demo_text, read_file(share_dir() / "data/seed/demo-documents.jsonl"));
  std::map<std::string, std::vector<documents::ImportRecord>> by_dept;
  std::vector<std::string> dept_order;
  std::istringstream demo_in(demo_text);
  int line_no = 0;
  for (std::string line; std::getline(demo_in, line);) {
    ++line_no;
    if (line.empty()) continue;
    GK_TRY_ASSIGN(rec, demo_record_from_json(line, line_no, column_id));
    if (!by_dept.contains(rec.department)) dept_order.push_back(rec.department);
    by_dept[rec.department].push_back(std::move(rec.record));
  }
  for (const auto& code : dept_order) GK_TRY_STATUS(import_into(code, by_dept[code]));

  // Typed facts of two demo documents, so /plans and /budgets show them (idempotent: set replaces).
  const auto system = accounts::Principal::system();
  if (auto plan = documents_.find_by_source_key("demo:fgj-plan-14th"); plan && *plan) {
    documents::PlanDraft p{"master", "county", "2021", "2025", ""};
    if (auto r = plans_.set(system, **plan, p, cli_context()); !r) {
      spdlog::warn("demo plan facts: {}", r.error().to_string());
    }
  }
  if (auto budget = documents_.find_by_source_key("demo:czj-budget-2021"); budget && *budget) {
    if (auto czj = dept_by_code("czj")) {
      documents::BudgetDraft b{czj->id, "2021", "budget"};
      if (Status st = budgets_.set(system, **budget, b, cli_context()); !st) {
        spdlog::warn("demo budget facts: {}", st.error().to_string());
      }
    }
  }

  // 2. The 2021 work points themselves, as the 市府办 notice they are (read in place).
  const fs::path seed = share_dir() / "../shared/seed/dongyang-2021-work-points.txt";
  if (auto text = read_file(seed)) {
    documents::ImportRecord r;
    r.source_key = "demo:sfb-work-points-2021";
    r.draft.title = "东阳市人民政府办公室关于印发《2021年东阳市政务公开工作要点》的通知";
    r.draft.written_on = r.draft.formed_on = "2021-08-05";
    r.draft.genre = "notice";
    r.draft.topic = "general";
    r.draft.summary = "2021年全市政务公开工作的总体要求和五个方面的重点任务。";
    r.draft.body_html = text_to_html(*text);
    if (auto c = column_id("sfb", "system")) r.draft.columns.push_back(*c);
    r.published_on = Date::parse("2021-08-05");
    r.line = 1;
    GK_TRY_STATUS(import_into("sfb", {r}));
  }

  // 3. A sample of the national law corpus, as documents the city republishes.
  const fs::path corpus = share_dir() / "../shared/corpus/gov_law_corpus.jsonl";
  int sampled = 0;
  if (std::ifstream in(corpus); in && corpus_sample > 0) {
    std::vector<ColumnId> rules;
    if (auto c = column_id("sfb", "art20_01")) rules.push_back(*c);
    std::vector<documents::ImportRecord> records;
    std::vector<std::string> keys;
    int n = 0;
    for (std::string line; std::getline(in, line) && sampled < corpus_sample;) {
      auto rec = import_record_from_json(line, ++n, rules);
      if (!rec || !rec->published_on) continue;
      keys.push_back(rec->source_key);
      records.push_back(std::move(*rec));
      ++sampled;
    }
    GK_TRY_STATUS(import_into("sfb", records));
    accounts::Principal who = accounts::Principal::system();
    GK_TRY_STATUS(documents_.link_versions_by_title(who, keys, cli_context()));
  }
  return fmt::format("demo documents: {} inserted, {} rejected ({} sampled from the law corpus{})", inserted, rejected,
                     sampled, fs::exists(corpus) ? "" : "; shared/corpus not found, sample skipped");
}

std::string App::demo_logins() const {
  auto text = read_file(fs::path(config_.data_dir) / "demo-logins.txt");
  return text ? *text : std::string();
}

Result<std::string> App::server_secret() {
  return storage::get_or_create_setting(*db_, "server_secret",
                                        [] { return accounts::new_random_token() + accounts::new_random_token(); });
}

}  // namespace gk::app
