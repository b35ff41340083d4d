// WebFixture: the real portal and back office (routes, middleware, services, SQLite storage,
// templates from the source tree) behind an in-process Router, so a test sends a Request and reads
// the Response without sockets. Passwords use the fast test hash parameters. Not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "accounts/accounts_service.h"
#include "accounts/audit_log_service.h"
#include "accounts/password.h"
#include "calendar/calendar_service.h"
#include "documents/document_search_source.h"
#include "foi/conversion_service.h"
#include "foi/foi_service.h"
#include "foi/reading_room_service.h"
#include "report/annual_report_service.h"
#include "report/statistics.h"
#include "http/metrics.h"
#include "http/router.h"
#include "search/search_service.h"
#include "search/vocabulary.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_calendar_store.h"
#include "storage/local_file_store.h"
#include "storage/repos/sql_document_store.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/repos/sql_reading_room_store.h"
#include "storage/repos/sql_report_filing_store.h"
#include "storage/repos/sql_statistics_store.h"
#include "storage/repos/sql_cleanup_store.h"
#include "storage/repos/sql_change_feed.h"
#include "storage/repos/sql_vocabulary_store.h"
#include "storage/sql/sql.h"
#include "web/routes.h"
#include "web/view_renderer.h"
#include "web/web_context.h"

namespace gk::web_test {

// A browser-like client: keeps cookies between requests and can fetch a page's CSRF token.
struct Client {
  std::map<std::string, std::string> cookies;
  std::string last_csrf;
};

class WebFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Sends a request through the router as a browser would (cookies from `client`, Set-Cookie
  // stored back). `body` is form-encoded for POST.
  http::Response send(Client& client, std::string method, std::string target, std::string body = "",
                      bool secure = false);
  http::Response get(Client& c, std::string target) { return send(c, "GET", std::move(target)); }
  // GETs `form_page`, extracts its _csrf field, then POSTs `fields` (urlencoded, _csrf added).
  http::Response post_form(Client& c, const std::string& form_page, const std::string& action,
                           std::vector<std::pair<std::string, std::string>> fields);
  // Creates a staff user through the service.
  void add_user(const std::string& username, const std::string& display_name, const std::string& dept,
                std::vector<accounts::Role> roles);
  // Logs `client` in through the /login form.
  void login(Client& c, const std::string& username);
  // Site search (opt-in): a real SearchService over <dir_>/search fed by the document library
  // (DocumentSearchSource) plus the SQL vocabulary store, wired as the composition root wires them
  // (vocabulary changes reach the service's segmenter and synonyms at once). The shipped dictionary
  // files are left out (an empty dict dir) so results do not depend on them. Call reindex_search()
  // after creating documents.
  void enable_search();
  void reindex_search();

  static constexpr const char* kPassword = "Web-Test-Password-1";

  FakeClock clock_{Instant::from_seconds(1'727'740'800)};  // 2024-10-01 08:00 CST
  std::filesystem::path dir_;
  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<accounts::PasswordHasher> hasher_;
  std::unique_ptr<storage::SqlAccountsStore> accounts_store_;
  std::unique_ptr<storage::SqlCalendarStore> calendar_store_;
  std::unique_ptr<storage::SqlAuditReader> audit_reader_;
  std::unique_ptr<accounts::AccountsService> accounts_;
  std::unique_ptr<accounts::AuditLogService> audit_log_;
  std::unique_ptr<calendar::CalendarService> calendar_;
  std::unique_ptr<storage::SqlDocumentStore> document_store_;
  std::unique_ptr<documents::DocumentService> documents_;
  std::unique_ptr<storage::LocalFileStore> file_store_;  // <dir_>/files: attachment bytes
  std::unique_ptr<documents::DocumentReports> reports_;
  std::unique_ptr<storage::SqlCleanupStore> cleanup_store_;
  std::unique_ptr<documents::CleanupService> cleanup_;
  std::unique_ptr<documents::PlanService> plans_;
  std::unique_ptr<documents::BudgetService> budgets_;
  std::unique_ptr<documents::GuideService> guides_;
  std::unique_ptr<documents::TopicService> topics_;
  std::unique_ptr<documents::DocumentSearchSource> search_source_;
  std::unique_ptr<storage::SqlChangeFeed> change_feed_;
  std::unique_ptr<search::SearchService> search_;
  std::unique_ptr<storage::SqlVocabularyStore> vocabulary_store_;
  std::unique_ptr<search::VocabularyService> vocabulary_;
  // 依申请公开: the real FoiService over the fixture's SQLite database and calendar.
  std::unique_ptr<storage::SqlFoiStore> foi_store_;
  std::unique_ptr<foi::FoiService> foi_;
  // The reading room and conversions to proactive disclosure, wired as the App wires them (the
  // drafter creates documents through documents_, naming organs by their department name).
  std::unique_ptr<storage::SqlReadingRoomStore> reading_room_store_;
  std::unique_ptr<foi::ReadingRoomService> reading_room_;
  std::unique_ptr<foi::ConversionService> conversions_;
  // 年度报告: the section 二 statistics and the annual report service over the same database, wired
  // as the App wires them.
  std::unique_ptr<storage::SqlStatisticsStore> statistics_store_;
  std::unique_ptr<report::StatisticsService> statistics_;
  std::unique_ptr<storage::SqlReportFilingStore> filing_store_;
  std::unique_ptr<report::AnnualReportService> annual_reports_;
  std::unique_ptr<web::ViewRenderer> views_;
  std::unique_ptr<web::WebContext> ctx_;
  std::unique_ptr<http::Metrics> metrics_;
  std::unique_ptr<http::Router> router_;
};

}  // namespace gk::web_test
