// App: the composition root — the one place that knows every concrete type. It opens the database,
// wires storage implementations into domain services, and exposes what the CLI commands and the
// server need. Commands live in commands.cc; main.cc only parses the command line.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "accounts/accounts_service.h"
#include "accounts/audit_log_service.h"
#include "accounts/password.h"
#include "app/config.h"
#include "app/system_clock.h"
#include "calendar/calendar_service.h"
#include "documents/document_service.h"
#include "documents/cleanup_service.h"
#include "documents/document_reports.h"
#include "documents/budget_service.h"
#include "documents/guide_service.h"
#include "documents/plan_service.h"
#include "documents/topic_service.h"
#include "documents/document_search_source.h"
#include "foi/foi_service.h"
#include "foi/conversion_service.h"
#include "foi/foi_reading_room_source.h"
#include "foi/reading_room_service.h"
#include "search/search_service.h"
#include "search/vocabulary.h"
#include "text/normalizer.h"
#include "text/segmenter.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_calendar_store.h"
#include "storage/local_file_store.h"
#include "storage/repos/sql_document_store.h"
#include "storage/repos/sql_cleanup_store.h"
#include "storage/repos/sql_change_feed.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/repos/sql_report_filing_store.h"
#include "storage/repos/sql_statistics_store.h"
#include "report/annual_report_service.h"
#include "report/statistics.h"
#include "storage/repos/sql_reading_room_store.h"
#include "storage/repos/sql_vocabulary_store.h"
#include "storage/sql/database.h"

namespace gk::app {

class App {
 public:
  // Opens the database named by the config (creating the data dir). Does not migrate.
  // Errors: InvalidArgument for a bad URL, Unavailable when the server cannot be reached.
  [[nodiscard]] static Result<std::unique_ptr<App>> open(const Config& config);

  // Applies pending migrations; returns how many ran.
  [[nodiscard]] Result<int> migrate();
  // FailedPrecondition when migrations are pending (the binary is newer than the schema).
  [[nodiscard]] Status check_schema_current();
  // Loads the departments of data/seed and, when the calendar is empty, data/calendar. Idempotent.
  [[nodiscard]] Status ensure_baseline();
  // Creates the demo staff accounts that do not exist yet; their generated passwords are appended to
  // <data_dir>/demo-logins.txt. Returns how many were created.
  [[nodiscard]] Result<int> seed_demo();
  // Loads the demo documents: data/seed/demo-documents.jsonl, the 2021 work-points notice read in
  // place from shared/seed, and a sample of shared/corpus/gov_law_corpus.jsonl when present.
  // Idempotent (source keys). Returns a one-line summary.
  [[nodiscard]] Result<std::string> seed_demo_documents(int corpus_sample = 300);
  // Loads the demo FOI history (data/seed/demo-foi-history.jsonl, 2024–2025, made by
  // scripts/make-demo-foi-history.py) and the departments' report statistics
  // (data/seed/demo-report-statistics.csv), so the demo's annual reports have figures and a year to
  // compare with. Idempotent (source ids; statistics rows are replaced). Returns a one-line summary.
  [[nodiscard]] Result<std::string> seed_demo_reports();
  // The demo logins file, or "" when there is none.
  std::string demo_logins() const;
  // The random secret that signs CSRF tokens, created on first use and shared through the database.
  [[nodiscard]] Result<std::string> server_secret();

  const Config& config() const { return config_; }
  std::filesystem::path share_dir() const;
  sql::Database& db() { return *db_; }
  const Clock& clock() const { return clock_; }
  accounts::AccountsService& accounts() { return accounts_; }
  accounts::AuditLogService& audit_log() { return audit_log_; }
  calendar::CalendarService& calendar() { return calendar_; }
  documents::DocumentService& documents() { return documents_; }
  documents::DocumentReports& reports() { return reports_; }
  documents::CleanupService& cleanup() { return cleanup_; }
  documents::PlanService& plans() { return plans_; }
  documents::BudgetService& budgets() { return budgets_; }
  documents::GuideService& guides() { return guides_; }
  documents::TopicService& topics() { return topics_; }

  foi::FoiService& foi() { return foi_; }
  foi::ReadingRoomService& reading_room() { return reading_room_; }
  foi::ConversionService& conversions() { return conversions_; }

  // The statutory annual report (年度报告) and the department statistics behind its section 二.
  report::StatisticsService& statistics() { return statistics_; }
  report::AnnualReportService& annual_reports() { return annual_reports_; }

  // ---- Site-wide search ----
  // Opens the index under <data_dir>/search with the effective vocabulary (data/dict + staff
  // entries) and registers every source; idempotent. Unavailable when another process holds the
  // index for writing (a running server: stop it, or let the server rebuild the index itself).
  [[nodiscard]] Status open_search();
  // The open search service, or nullptr before open_search().
  search::SearchService* search() { return search_.get(); }
  search::VocabularyService& vocabulary() { return vocabulary_; }
  // A segmenter over jieba's dictionary plus, unless `base_only`, the effective vocabulary's words.
  [[nodiscard]] Result<std::shared_ptr<const text::Segmenter>> segmenter(bool base_only = false);

 private:
  App(Config config, std::unique_ptr<sql::Database> db);
  std::string department_code(DepartmentId id);
  std::pair<std::string, std::string> department_naming(DepartmentId id);  // code, name

  Config config_;
  std::unique_ptr<sql::Database> db_;
  SystemClock clock_;
  accounts::PasswordHasher hasher_;
  storage::SqlAccountsStore accounts_store_;
  storage::SqlCalendarStore calendar_store_;
  storage::SqlAuditReader audit_reader_;
  storage::SqlDocumentStore document_store_;
  storage::LocalFileStore file_store_{std::filesystem::path(config_.data_dir) / "files"};  // attachment bytes
  storage::SqlCleanupStore cleanup_store_;
  accounts::AccountsService accounts_;
  accounts::AuditLogService audit_log_;
  calendar::CalendarService calendar_;
  documents::DocumentService documents_;
  documents::DocumentReports reports_;
  documents::CleanupService cleanup_;
  documents::PlanService plans_;
  documents::BudgetService budgets_;
  documents::GuideService guides_;
  documents::TopicService topics_;
  storage::SqlFoiStore foi_store_;
  foi::FoiService foi_;
  storage::SqlChangeFeed change_feed_;
  storage::SqlVocabularyStore vocabulary_store_;
  search::VocabularyService vocabulary_;
  documents::DocumentSearchSource document_source_;
  storage::SqlReadingRoomStore reading_room_store_;
  foi::ReadingRoomService reading_room_;
  foi::ConversionService conversions_;
  foi::ReadingRoomSearchSource reading_room_source_;
  storage::SqlStatisticsStore statistics_store_;
  report::StatisticsService statistics_;
  storage::SqlReportFilingStore filing_store_;
  report::AnnualReportService annual_reports_;
  std::unique_ptr<search::SearchService> search_;
};

}  // namespace gk::app
