// Ports of the FOI module: the repository of cases, their append-only event logs, remedies,
// reminders, notifications and the outbox, and the store that runs a unit of work in one
// transaction with the audit sink. Implemented by src/storage (SqlFoiStore).
//
// Errors: NotFound for a missing row, Conflict for a taken tracking number / source id / event
// seq or a stale version, Unavailable when the database is down, Internal otherwise.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/session.h"  // LoginAttempt
#include "audit/audit_sink.h"
#include "core/error.h"
#include "foi/case_event.h"
#include "foi/foi_case.h"

namespace gk::foi {

// Filters the repository evaluates in SQL.
struct CaseFilter {
  std::optional<DepartmentId> department;
  std::optional<PublicAccountId> public_account;
  bool open_only = false;  // state <> closed
  std::optional<CaseState> state;
  int64_t offset = 0;
  int64_t limit = 0;  // <= 0: no limit
};

// One case as the annual report counts it (regulations.md §3.3): applicant column × outcome row,
// new this year or carried over, closed this year or carried forward.
struct CaseReportRow {
  FoiCaseId id;
  DepartmentId department;
  ApplicantType applicant_type = ApplicantType::kNaturalPerson;
  Date received_on;
  std::optional<Date> closed_on;
  std::optional<Outcome> outcome;
};

// One remedy as section 四 counts it (regulations.md §3.4).
struct RemedyReportRow {
  FoiRemedyId id;
  FoiCaseId case_id;
  DepartmentId department;
  RemedyKind kind = RemedyKind::kReconsideration;
  RemedyOutcome outcome = RemedyOutcome::kPending;
  Date filed;
  std::optional<Date> decided;
};

// An in-site notification for a department's FOI staff.
struct Notification {
  int64_t id = 0;
  DepartmentId department;
  FoiCaseId case_id;
  std::string kind;     // "reminder:5", "reminder:3", "reminder:1", "reminder:overdue"
  std::string message;  // Chinese, one line
  Instant created_at;
  std::optional<Instant> read_at;
};

class FoiRepository {
 public:
  virtual ~FoiRepository() = default;

  // ---- Cases ----
  // Conflict when the tracking number or source id is taken.
  virtual Result<FoiCaseId> insert_case(const FoiCase& c) = 0;
  // Optimistic on c.version (stale → Conflict, missing → NotFound); bumps the version. Writes the
  // mutable summary: state, outcome, closed_on, fee_method, transferred_to, public_account, updated_at.
  virtual Status update_case(const FoiCase& c) = 0;
  virtual Result<FoiCase> find_case(FoiCaseId id) = 0;
  virtual Result<std::optional<FoiCase>> find_by_tracking_number(std::string_view tracking_number) = 0;
  virtual Result<std::optional<FoiCase>> find_by_source_id(std::string_view source_id) = 0;
  // Ordered by id; and the total without paging.
  virtual Result<std::pair<std::vector<FoiCase>, int64_t>> list_cases(const CaseFilter& f) = 0;
  // Closed cases whose outcome is a reply on the substance (rows （一）–（五）), most recently closed
  // first, at most `limit`.
  virtual Result<std::vector<FoiCase>> answered_cases(int limit) = 0;
  // Cases of the applicant with this ID number (normalised), ordered by id.
  virtual Result<std::vector<FoiCase>> cases_of_applicant(std::string_view id_number) = 0;
  // How many applications this ID number made with received_on in [from, to] and id <= up_to
  // (109号 Art. 4: per-request fees count one applicant's requests in a calendar month).
  virtual Result<int64_t> count_applications(std::string_view id_number, Date from, Date to,
                                             FoiCaseId up_to) = 0;
  // Next serial of a tracking-number series (starts at 1), e.g. series "foi:DY2024".
  virtual Result<int64_t> next_serial(std::string_view series) = 0;

  // ---- The event log (append-only) ----
  // Conflict when (case, seq) is taken: a concurrent writer got there first.
  virtual Status append_event(const CaseEvent& e) = 0;
  virtual Result<std::vector<CaseEvent>> events(FoiCaseId id) = 0;  // by seq
  // The clock-moving events (is_clock_event) of many cases in one query, by case then seq.
  virtual Result<std::vector<CaseEvent>> clock_events(const std::vector<FoiCaseId>& ids) = 0;

  // ---- Remedies ----
  virtual Result<FoiRemedyId> insert_remedy(const FoiRemedy& r) = 0;  // Conflict on a taken source id
  virtual Status update_remedy(const FoiRemedy& r) = 0;               // optimistic on version
  virtual Result<FoiRemedy> find_remedy(FoiRemedyId id) = 0;
  virtual Result<std::optional<FoiRemedy>> find_remedy_by_source_id(std::string_view source_id) = 0;
  virtual Result<std::vector<FoiRemedy>> remedies(FoiCaseId id) = 0;  // by filed, id

  // ---- Annual report (indexed on department/received_on and department/closed_on) ----
  // Every case received on or before `to` and not closed before `from` (so: new in the period,
  // carried over into it, closed in it, or carried forward), of one department or all; by id.
  // Stops at the first error of `sink`.
  virtual Status for_each_report_row(Date from, Date to, std::optional<DepartmentId> department,
                                     const std::function<Status(const CaseReportRow&)>& sink) = 0;
  // Remedies filed on or before `to` and not decided before `from`; by id.
  virtual Status for_each_remedy_row(Date from, Date to, std::optional<DepartmentId> department,
                                     const std::function<Status(const RemedyReportRow&)>& sink) = 0;

  // The fee events (fee_notice, fee_paid) dated on or before `to` of the cases of one department or
  // all, by case then seq: the annual report's section 六 (fees collected in a year) pairs each
  // fee_paid with the case's latest fee_notice before it (its data.fee_yuan).
  virtual Result<std::vector<CaseEvent>> fee_events(Date to, std::optional<DepartmentId> department) = 0;

  // ---- Reminders, notifications, outbox ----
  // Records that the reminder (case, threshold, due) went out; false when it already had.
  virtual Result<bool> record_reminder(FoiCaseId id, std::string_view threshold, Date due, Instant at) = 0;
  virtual Status add_notification(const Notification& n) = 0;
  // Newest first.
  virtual Result<std::vector<Notification>> notifications(DepartmentId department, int limit) = 0;
  virtual Status add_outbox(std::string_view topic, std::string_view payload, Instant at) = 0;

  // ---- Throttling anonymous look-ups (tracking number + query code) ----
  virtual Status record_lookup(std::string_view subject, Instant at, bool success) = 0;
  virtual Result<std::vector<accounts::LoginAttempt>> lookups_since(std::string_view subject,
                                                                    Instant since) = 0;
};

class FoiStore {
 public:
  virtual ~FoiStore() = default;
  using Work = std::function<Status(FoiRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  // For work that only reads: may run without taking the write lock. Defaults to transact().
  [[nodiscard]] virtual Status read(const Work& work) { return transact(work); }
};

}  // namespace gk::foi
