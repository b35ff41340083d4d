// AnnualReportService: the annual report (政府信息公开工作年度报告, 条例 Arts. 49–50) as a piece of work
// — computing it from the data, editing its text, submitting it (报送), publishing it into the
// organ's 政府信息公开年报 column, deadlines with reminders, and the city-wide view of who has not
// submitted. The CLI, the back-office pages and the reminder job all go through it.
//
// Scope. A report belongs to one organ (department id). The government organ's report
// (DepartmentKind::kGovernment, 东阳市人民政府) is the city's: its figures cover every department.
//
// Figures. While a filing is a draft (or does not exist) the figures are computed on every call
// (build_annual_report + the uploaded statistics of StatisticsService::totals), so they follow the
// data. Submitting freezes them with the text in the filing's snapshot (report_json.h with text and
// drill-down); from then on views and downloads show the snapshot, so a published report does not
// change under its readers.
//
// Lifecycle: (none) → draft (first save_text) → submitted (submit; refused while check_errors is not
// empty, a text section is empty or still holds the draft's kToComplete marks) → publish() creates a
// document in the organ's annual_report column (title "<organ>YYYY年政府信息公开工作年度报告", body = the
// report in the official layout, the PDF attached) and submits it to the library's review; the report
// counts as published once that document is public. reopen() takes a submitted report back to draft
// while its document (if any) is with its editors — never created, returned by the reviewer, or
// withdrawn — and the next publish() updates that same document from the new snapshot.
//
// Permissions (accounts/permission.h), always for the report's organ: kViewAnnualReport to read,
// kEditAnnualReport to save text, kSubmitAnnualReport to submit, kOverseeAnnualReports (or
// kSubmitAnnualReport) to reopen, kOverseeAnnualReports for overview(); publish() needs whatever the
// document library asks of who creates and submits a document (an editor of the organ, or admin).
// Every change writes one audit row ("report.text", "report.submit", "report.reopen",
// "report.publish") in the same transaction as the filing.
//
// Thread-safe when the stores are.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts_service.h"
#include "accounts/department.h"
#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/document_service.h"
#include "documents/document_store.h"
#include "foi/foi_store.h"
#include "report/annual_report.h"
#include "report/report_filing.h"
#include "report/statistics.h"

namespace gk::report {

// Where an organ's report stands, for the status line of its page and the city-wide table.
enum class ReportStage {
  kNotStarted,  // no filing yet
  kDraft,
  kSubmitted,   // 已报送, not yet sent to publication
  kInReview,    // its document is in the library's review (submitted/approved/returned/draft)
  kPublished,   // its document is public
};
std::string_view report_stage_key(ReportStage s);    // "not_started", "draft", "submitted", "in_review", "published"
std::string_view report_stage_label(ReportStage s);  // 未开始, 草稿, 已报送, 发布审核中, 已发布

struct ReportStatus {
  accounts::Department department;
  int year = 0;
  ReportStage stage = ReportStage::kNotStarted;
  Date deadline;                 // report_deadline.h (条例 Art. 49)
  int days_left = 0;             // deadline − today in calendar days (negative: past)
  bool overdue = false;          // not published and today > deadline
  std::optional<Instant> submitted_at;
  std::optional<Instant> published_at;  // the document's publication instant
  std::optional<DocumentId> document;
  int version = 0;               // the filing's version (0: none yet), for save_text/submit/reopen
};

struct ReportView {
  AnnualReport report;           // figures (live, or the snapshot once submitted) with the text in use
  ReportStatus status;
  ReportText drafted;            // the text draft_text() writes from the current figures
  std::optional<AnnualReport> previous;  // year − 1 figures (live, or its snapshot), for comparisons
};

class AnnualReportService {
 public:
  AnnualReportService(foi::FoiStore& foi, documents::DocumentStore& document_store,
                      documents::DocumentService& documents, StatisticsService& statistics,
                      ReportFilingStore& filings, accounts::AccountsService& accounts, const Clock& clock);

  // The report of `department` for `year` with its status. A filing with no saved text shows the
  // draft. `drill_down` fills report.cell_cases. InvalidArgument for a year outside 2000..9998,
  // NotFound for an unknown department.
  [[nodiscard]] Result<ReportView> get(const accounts::Principal& who, DepartmentId department, int year,
                                       bool drill_down = false);
  // The report alone (what `gongkai report annual` prints): as get().report.
  [[nodiscard]] Result<AnnualReport> report(const accounts::Principal& who, DepartmentId department, int year,
                                            bool drill_down = false);
  // The ids counted in one cell (row key × column key of annual_report.h, or a remedy group ×
  // upheld/corrected/other/pending/total, or "normative_documents"/"rules" × issued/repealed/in_force):
  // FOI case ids (for section 四 the cases of the remedies; for section 二 document ids); the total column
  // is the union of the six. InvalidArgument for an unknown row or column.
  [[nodiscard]] Result<std::vector<int64_t>> cell_ids(const accounts::Principal& who, DepartmentId department,
                                                      int year, std::string_view row, std::string_view column);

  // Saves the text sections (creates the draft filing on first save; expected_version 0 then).
  // FailedPrecondition once submitted; Conflict on a stale version; InvalidArgument (field) for a
  // section over 20,000 characters.
  [[nodiscard]] Status save_text(const accounts::Principal& who, DepartmentId department, int year,
                                 int expected_version, const ReportText& text, const RequestContext& ctx);
  // 报送: freezes figures and text. FailedPrecondition listing the reasons when check_errors is not
  // empty, a section is empty or still holds kToComplete (report_text.h), or when the year has not
  // ended yet (today ≤ 31 Dec of `year`).
  [[nodiscard]] Status submit(const accounts::Principal& who, DepartmentId department, int year,
                              int expected_version, const RequestContext& ctx);
  // Back to draft (reason required, audited). FailedPrecondition when not submitted, or while its
  // document is in the library's review (the reviewer returns it first) or public (withdraw it first).
  [[nodiscard]] Status reopen(const accounts::Principal& who, DepartmentId department, int year,
                              int expected_version, std::string_view reason, const RequestContext& ctx);
  // Creates the document in the organ's 政府信息公开年报 column from the snapshot, attaches the PDF and
  // submits it to review; returns its id. While the document is with its editors (a retry, or after
  // a reopen) it is updated from the snapshot — body and PDF — and submitted again; in review or
  // published it is returned as it is. FailedPrecondition unless submitted; Conflict when another
  // call claimed the publication or the report changed meanwhile (no second document is created).
  // Errors of the document library pass through.
  [[nodiscard]] Result<DocumentId> publish(const accounts::Principal& who, DepartmentId department, int year,
                                           const RequestContext& ctx);

  // 公开办: every organ's status for `year` (the government first, then by sort order).
  [[nodiscard]] Result<std::vector<ReportStatus>> overview(const accounts::Principal& who, int year);

  // Reminder job (system principal or admin): for the report year today.year() − 1, every organ whose
  // report is not published and which has crossed a threshold of report_deadline.h gets one reminder
  // per threshold (in-site + outbox mail row); returns the new ones. Idempotent.
  [[nodiscard]] Result<std::vector<ReportReminder>> due_reminders(const accounts::Principal& who, Date today,
                                                                  const RequestContext& ctx);
  // The reminders of `organ` (nullopt: the principal's organ, or every organ for city-wide
  // principals), newest first. PermissionDenied for another organ than one's own unless city-wide.
  [[nodiscard]] Result<std::vector<ReportReminder>> reminders(const accounts::Principal& who, int limit = 20,
                                                              std::optional<DepartmentId> organ = std::nullopt);

 private:
  // get() with the previous year's figures always (the page compares), or only when the text in use
  // is the draft written from them (report()).
  Result<ReportView> compose(const accounts::Principal& who, DepartmentId department, int year, bool drill_down,
                             bool always_previous);

  foi::FoiStore& foi_;
  documents::DocumentStore& document_store_;
  documents::DocumentService& documents_;
  StatisticsService& statistics_;
  ReportFilingStore& filings_;
  accounts::AccountsService& accounts_;
  const Clock& clock_;
};

}  // namespace gk::report
