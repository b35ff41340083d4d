// ReportFiling: one organ's annual report for one year as a piece of work — its edited text
// sections, whether it has been submitted (报送: figures and text frozen in a snapshot), and the
// document that publishes it in the organ's 政府信息公开年报 column. The figures themselves are never
// stored while the report is a draft: they are computed from the data on every view
// (annual_report_builder.h). Ports implemented by src/storage (SqlReportFilingStore).
//
// The city's report is the filing of the government organ (DepartmentKind::kGovernment); its
// figures cover every department of the city.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_sink.h"
#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::report {

// Only the two stored states; "published" is the state of the filing's document (a document of the
// library, which goes through the library's own review and publication).
enum class FilingState { kDraft, kSubmitted };
std::string_view filing_state_key(FilingState s);  // "draft", "submitted"
std::optional<FilingState> parse_filing_state(std::string_view key);

// The three text sections of the official format (一 总体情况, 五 存在的主要问题及改进情况,
// 六 其他需要报告的事项).
struct ReportText {
  std::string overview;
  std::string problems;
  std::string other_matters;
  friend bool operator==(const ReportText&, const ReportText&) = default;
};

struct ReportFiling {
  DepartmentId department;
  int year = 0;
  FilingState state = FilingState::kDraft;
  ReportText text;                      // as last saved by staff (a new filing starts with the draft)
  std::string snapshot_json;            // submitted: the report frozen (report_json.h, drill-down + text)
  std::optional<Instant> submitted_at;
  std::optional<UserId> submitted_by;
  std::optional<DocumentId> document;   // created by "publish" in the 政府信息公开年报 column
  int version = 0;                      // optimistic concurrency; 1 after insert
  Instant updated_at;
  std::optional<UserId> updated_by;
};

// A reminder that went out for an unpublished report (report_deadline.h).
struct ReportReminder {
  DepartmentId department;
  int year = 0;
  std::string threshold;  // "14", "7", "3", "1", "overdue"
  Date deadline;
  std::string message;    // Chinese, one line
  Instant created_at;
};

class ReportFilingRepository {
 public:
  virtual ~ReportFilingRepository() = default;
  virtual Result<std::optional<ReportFiling>> find(DepartmentId department, int year) = 0;
  // Conflict when (department, year) exists. Stores version 1.
  virtual Status insert(const ReportFiling& f) = 0;
  // Optimistic on f.version (stale → Conflict, missing → NotFound); stores f.version + 1.
  virtual Status update(const ReportFiling& f) = 0;
  // Every filing of `year`, by department id.
  virtual Result<std::vector<ReportFiling>> list(int year) = 0;
  // Records the reminder once per (department, year, threshold), with an outbox row
  // `mail:report_reminder` in the same transaction; false (nothing written) when it already was.
  virtual Result<bool> record_reminder(const ReportReminder& r) = 0;
  // The reminders of one department (or all), newest first, at most `limit`.
  virtual Result<std::vector<ReportReminder>> reminders(std::optional<DepartmentId> department, int limit) = 0;
};

class ReportFilingStore {
 public:
  virtual ~ReportFilingStore() = default;
  using Work = std::function<Status(ReportFilingRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  // A unit of work that only reads (on SQLite it does not take the write lock).
  [[nodiscard]] virtual Status read(const Work& work) { return transact(work); }
};

}  // namespace gk::report
