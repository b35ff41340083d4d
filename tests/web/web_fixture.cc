#include "web_fixture.h"

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "http/cookies.h"
#include "foi/conversion_drafter.h"
#include "http/form.h"
#include "storage/text_extract.h"

namespace gk::web_test {
namespace {

std::string source_dir() {
  const char* d = std::getenv("GK_SOURCE_DIR");
  return d ? d : ".";
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += http::url_encode(k) + "=" + http::url_encode(v);
  }
  return out;
}

}  // namespace

void WebFixture::SetUp() {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("gk-web-test-" + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  auto db = sql::Database::open("sqlite://" + (dir_ / "gongkai.db").string());
  ASSERT_TRUE(db) << db.error().to_string();
  db_ = std::move(*db);
  ASSERT_TRUE(sql::migrate(*db_));
  hasher_ = std::make_unique<accounts::PasswordHasher>(accounts::PasswordHashParams::kFastForTests);
  accounts_store_ = std::make_unique<storage::SqlAccountsStore>(*db_, clock_);
  calendar_store_ = std::make_unique<storage::SqlCalendarStore>(*db_, clock_);
  audit_reader_ = std::make_unique<storage::SqlAuditReader>(*db_);
  accounts_ = std::make_unique<accounts::AccountsService>(*accounts_store_, clock_, *hasher_);
  audit_log_ = std::make_unique<accounts::AuditLogService>(*audit_reader_);
  calendar_ = std::make_unique<calendar::CalendarService>(*calendar_store_);
  document_store_ = std::make_unique<storage::SqlDocumentStore>(*db_, clock_);
  documents_ = std::make_unique<documents::DocumentService>(*document_store_, clock_, [](DepartmentId id) {
    return "d" + std::to_string(id.value);
  });
  file_store_ = std::make_unique<storage::LocalFileStore>(dir_ / "files");
  documents_->set_file_store(file_store_.get());
  documents_->set_text_extractor(storage::make_text_extractor());

  std::vector<accounts::Department> depts;
  for (auto [code, name, kind] : {std::tuple{"sfb", "东阳市人民政府办公室", accounts::DepartmentKind::kOffice},
                                  std::tuple{"czj", "东阳市财政局", accounts::DepartmentKind::kDepartment},
                                  std::tuple{"hdz", "横店镇人民政府", accounts::DepartmentKind::kTownship}}) {
    accounts::Department d;
    d.code = code;
    d.name = name;
    d.kind = kind;
    depts.push_back(d);
  }
  const RequestContext ctx{"setup", "", ""};
  ASSERT_TRUE(accounts_->ensure_departments(accounts::Principal::system(), depts, ctx));
  ASSERT_TRUE(calendar_->import_csv(accounts::Principal::system(),
                                    read_file(std::filesystem::path(source_dir()) / "data/calendar/holidays-cn.csv"),
                                    "test", ctx));

  auto views = web::ViewRenderer::load(source_dir() + "/web/templates");
  ASSERT_TRUE(views) << views.error().to_string();
  views_ = std::make_unique<web::ViewRenderer>(std::move(*views));
  ctx_ = std::make_unique<web::WebContext>(web::WebContext{
      *accounts_, *audit_log_, *calendar_, *documents_, *views_, clock_, "test-server-secret",
      [this]() -> Status { return db_->ping(); }, source_dir() + "/web/static"});
  reports_ = std::make_unique<documents::DocumentReports>(
      *document_store_, [this] { return calendar_->current(); }, clock_);
  cleanup_store_ = std::make_unique<storage::SqlCleanupStore>(*db_, clock_);
  cleanup_ = std::make_unique<documents::CleanupService>(*cleanup_store_, clock_);
  ctx_->reports = reports_.get();
  ctx_->cleanup = cleanup_.get();
  plans_ = std::make_unique<documents::PlanService>(*document_store_, clock_);
  budgets_ = std::make_unique<documents::BudgetService>(*document_store_, clock_);
  guides_ = std::make_unique<documents::GuideService>(*document_store_, clock_);
  topics_ = std::make_unique<documents::TopicService>(*document_store_);
  ctx_->plans = plans_.get();
  ctx_->budgets = budgets_.get();
  ctx_->guides = guides_.get();
  ctx_->topics = topics_.get();
  foi_store_ = std::make_unique<storage::SqlFoiStore>(*db_, clock_);
  foi_ = std::make_unique<foi::FoiService>(*foi_store_, clock_, [this] { return calendar_->current(); });
  ctx_->foi = foi_.get();
  reading_room_store_ = std::make_unique<storage::SqlReadingRoomStore>(*db_, clock_);
  reading_room_ = std::make_unique<foi::ReadingRoomService>(*reading_room_store_, clock_);
  conversions_ = std::make_unique<foi::ConversionService>(
      *reading_room_store_, clock_, foi::make_document_drafter(*documents_, [this](DepartmentId id) {
        if (auto list = accounts_->list_departments(nullptr)) {
          for (const auto& d : *list)
            if (d.id == id) return d.name;
        }
        return std::string();
      }));
  ctx_->reading_room = reading_room_.get();
  ctx_->conversions = conversions_.get();
  statistics_store_ = std::make_unique<storage::SqlStatisticsStore>(*db_, clock_);
  statistics_ = std::make_unique<report::StatisticsService>(*statistics_store_, clock_);
  filing_store_ = std::make_unique<storage::SqlReportFilingStore>(*db_, clock_);
  annual_reports_ = std::make_unique<report::AnnualReportService>(*foi_store_, *document_store_, *documents_,
                                                                  *statistics_, *filing_store_, *accounts_, clock_);
  ctx_->statistics = statistics_.get();
  ctx_->annual_reports = annual_reports_.get();
  metrics_ = std::make_unique<http::Metrics>();
  router_ = std::make_unique<http::Router>();
  ASSERT_TRUE(web::mount_routes(*router_, *ctx_, *metrics_));
}

void WebFixture::TearDown() {
  router_.reset();
  ctx_.reset();
  annual_reports_.reset();
  filing_store_.reset();
  statistics_.reset();
  statistics_store_.reset();
  conversions_.reset();
  reading_room_.reset();
  reading_room_store_.reset();
  foi_.reset();
  foi_store_.reset();
  vocabulary_.reset();
  vocabulary_store_.reset();
  search_.reset();
  change_feed_.reset();
  search_source_.reset();
  cleanup_.reset();
  cleanup_store_.reset();
  reports_.reset();
  topics_.reset();
  guides_.reset();
  budgets_.reset();
  plans_.reset();
  documents_.reset();
  document_store_.reset();
  calendar_.reset();
  audit_log_.reset();
  accounts_.reset();
  audit_reader_.reset();
  calendar_store_.reset();
  accounts_store_.reset();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void WebFixture::enable_search() {
  std::filesystem::create_directories(dir_ / "dict");
  vocabulary_store_ = std::make_unique<storage::SqlVocabularyStore>(*db_, clock_);
  vocabulary_ = std::make_unique<search::VocabularyService>(*vocabulary_store_, (dir_ / "dict").string());
  auto depts = accounts_->list_departments(nullptr);
  ASSERT_TRUE(depts) << depts.error().to_string();
  std::map<int64_t, std::pair<std::string, std::string>> names;
  for (const auto& d : *depts) names[d.id.value] = {d.code, d.name};
  search_source_ = std::make_unique<documents::DocumentSearchSource>(*documents_, [names](DepartmentId id) {
    auto it = names.find(id.value);
    return it == names.end() ? std::pair<std::string, std::string>{} : it->second;
  });
  auto segmenter = text::Segmenter::create();
  ASSERT_TRUE(segmenter) << segmenter.error().to_string();
  auto normalizer = text::Normalizer::create();
  ASSERT_TRUE(normalizer) << normalizer.error().to_string();
  auto service = search::SearchService::open(dir_ / "search", *segmenter, *normalizer, clock_);
  ASSERT_TRUE(service) << service.error().to_string();
  search_ = std::move(*service);
  search_->add_source(*search_source_);
  change_feed_ = std::make_unique<storage::SqlChangeFeed>(*db_);
  search_->set_change_feed(*change_feed_);
  vocabulary_->on_change([svc = search_.get()](const search::Vocabulary& v) {
    if (auto seg = text::Segmenter::create(v.words)) svc->set_segmenter(*seg);
    svc->set_synonyms(v.synonym_groups);
  });
  ctx_->search = search_.get();
  ctx_->vocabulary = vocabulary_.get();
}

void WebFixture::reindex_search() {
  ASSERT_NE(search_, nullptr) << "call enable_search() first";
  auto n = search_->reindex([](int64_t, int64_t) {});
  ASSERT_TRUE(n) << n.error().to_string();
}

http::Response WebFixture::send(Client& client, std::string method, std::string target, std::string body,
                                bool secure) {
  http::Request req;
  req.method = std::move(method);
  req.target = target;
  auto parsed = http::parse_target(target);
  EXPECT_TRUE(parsed) << target;
  req.path = parsed->path;
  req.raw_query = parsed->raw_query;
  req.query = parsed->query;
  req.body = std::move(body);
  if (!req.body.empty()) req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  std::string cookie_header;
  for (const auto& [k, v] : client.cookies) {
    if (!cookie_header.empty()) cookie_header += "; ";
    cookie_header += k + "=" + v;
  }
  if (!cookie_header.empty()) req.headers.set("Cookie", cookie_header);
  req.remote_ip = "127.0.0.1";
  req.request_id = "test-request";
  req.secure = secure;
  http::Response res = router_->dispatch(req);
  for (auto sc : res.headers.get_all("Set-Cookie")) {
    const std::string line(sc);
    const size_t eq = line.find('='), semi = line.find(';');
    const std::string name = line.substr(0, eq);
    const std::string value = line.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    if (line.find("Max-Age=0") != std::string::npos || value.empty()) {
      client.cookies.erase(name);
    } else {
      client.cookies[name] = value;
    }
  }
  return res;
}

http::Response WebFixture::post_form(Client& c, const std::string& form_page, const std::string& action,
                                     std::vector<std::pair<std::string, std::string>> fields) {
  http::Response page = get(c, form_page);
  const std::string marker = "name=\"_csrf\" value=\"";
  const size_t at = page.body.find(marker);
  EXPECT_NE(at, std::string::npos) << "no CSRF field on " << form_page;
  if (at != std::string::npos) {
    const size_t start = at + marker.size();
    c.last_csrf = page.body.substr(start, page.body.find('"', start) - start);
  }
  fields.emplace_back("_csrf", c.last_csrf);
  return send(c, "POST", action, form_encode(fields));
}

void WebFixture::add_user(const std::string& username, const std::string& display_name, const std::string& dept,
                          std::vector<accounts::Role> roles) {
  auto id = accounts_->create_user(accounts::Principal::system(),
                                   {username, display_name, dept, std::move(roles), kPassword}, {"setup", "", ""});
  ASSERT_TRUE(id) << id.error().to_string();
}

void WebFixture::login(Client& c, const std::string& username) {
  http::Response res = post_form(c, "/login", "/login", {{"username", username}, {"password", kPassword}});
  ASSERT_EQ(res.status, 303) << res.body;
  ASSERT_TRUE(c.cookies.contains("gk_session"));
}

}  // namespace gk::web_test
