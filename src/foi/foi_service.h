// FoiService: the use cases of on-request disclosure (依申请公开, 条例 Arts. 27–45) — intake, the
// handling steps as an append-only event log, the reply clock and the queues built on it,
// reminders, remedies, personal-data views and the import of historical cases. One action layer
// for portal, back office, API and CLI (CKAN's habit): permission checks live here.
//
// Every change writes the case row, its event and one audit row in one transaction
// (FoiStore::transact); notices to the applicant and reminders also write outbox rows there.
//
// The clock is never stored (Alaveteli's rule): each read maps the log to foi::ClockInput
// (case_event.h: clock_input) and calls foi::compute_clock with the calendar `calendar()` returns
// at that moment, so an imported holiday notice moves every due date at once.
//
// Scope: staff see the cases of their department; admin, supervisor and the system see every
// department. The applicant's personal data is masked unless the principal may see it
// (Permission::kViewFoiPersonalData for the case's department); each unmasked view writes an audit
// row "foi.view_personal_data". A public principal sees only the cases filed from their account;
// an anonymous applicant reaches one case by tracking number + query code (throttled).
//
// Query codes: 8 random digits given once at intake; the row keeps only hex BLAKE2b of
// "<tracking number>:<code>". 10^8 codes are no defence against offline guessing, and need not be:
// what the code unlocks (the case) sits in the same database. The defence is online — five wrong
// codes for one tracking number block it for 15 minutes (accounts::LoginThrottle).
//
// Thread-safe when the store is.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "calendar/working_calendar.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "foi/case_event.h"
#include "foi/deadline.h"
#include "foi/foi_case.h"
#include "foi/foi_store.h"

namespace gk::foi {

// What the intake form (portal) or the registering officer (back office) typed. Keys as in
// foi_case.h / applicant.h; dates "YYYY-MM-DD"; empty = not given.
struct IntakeForm {
  DepartmentId department;
  std::string applicant_type;  // natural_person, commercial_enterprise, …
  std::string name, id_kind, id_number, phone, email, address, contact;
  std::string description, title, doc_number;
  std::string form, delivery;  // provision form and delivery
  // Staff registration only (letters, in person, fax, e-mail): the channel and the Art. 31 dates.
  // Online applications from the portal are channel "online", confirmed today.
  std::string channel, submitted, signed_on, confirmed;
  std::string note;
};

// Input limits (bytes): longer input is an InvalidArgument on its field.
inline constexpr size_t kMaxShortField = 200;
inline constexpr size_t kMaxDescription = 10000;

struct IntakeResult {
  FoiCaseId id;
  std::string tracking_number;
  std::string query_code;  // shown to the applicant once; not stored
  Date received_on;
  std::optional<Date> due;
};

// A handling step as the back office submits it.
struct NewEvent {
  CaseEventType type = CaseEventType::kDraftReply;
  Date date;
  std::string note;
  EventData data;  // fee_yuan is computed by the service; imported is ignored
};

struct EventResult {
  int seq = 0;
  int version = 0;  // the case's new version
  CaseState state = CaseState::kOpen;
  std::optional<ClockResult> clock;   // nullopt once closed, or when the calendar lacks a year
  std::vector<std::string> warnings;  // e.g. a 补正 notice later than 7 working days (Art. 30)
};

// How a case stands against its due date on `today`.
enum class DueStatus {
  kOk,       // more than kDueSoonWorkingDays working days left
  kDueSoon,  // 0..kDueSoonWorkingDays working days left
  kOverdue,  // today is after the due date
  kStopped,  // the clock is stopped (awaiting supplement or fee): no due date
  kUnknown,  // the calendar lacks a year the clock needs
};
std::string_view due_status_key(DueStatus s);  // "ok", "due_soon", "overdue", "stopped", "unknown"
inline constexpr int kDueSoonWorkingDays = 5;

struct DueInfo {
  std::optional<Date> due;
  int working_days_left = 0;  // working days in (today, due]; negative when overdue
  DueStatus status = DueStatus::kUnknown;
  ClockState clock_state = ClockState::kRunning;
};

struct QueueItem {
  FoiCase foi_case;  // applicant masked: queues never show personal data
  DueInfo due;
};

struct QueueQuery {
  std::optional<DepartmentId> department;  // nullopt: own department, or every one for city-wide
  std::optional<CaseState> state;          // only open cases in this state
  int page = 1;
  int per_page = 50;  // 1..500
};

struct QueuePage {
  std::vector<QueueItem> items;  // open cases by due date (stopped and unknown last), then id
  int64_t total = 0;
  int page = 1;
  int per_page = 50;
};

struct CaseView {
  FoiCase foi_case;  // applicant masked when `masked`
  bool masked = true;
  bool may_reveal = false;   // the principal may ask for the unmasked view (get(..., reveal = true))
  // The applicant's name for the salutation of letters: set for the proven applicant (lookup with the
  // query code, or their own account) and for staff who may see personal data; "" otherwise.
  std::string addressee;
  std::vector<CaseEvent> events;
  std::optional<ClockResult> clock;  // nullopt when closed or when the calendar lacks a year
  std::string clock_error;           // why clock is missing for an open case
  std::vector<FoiRemedy> remedies;
};

struct SimilarCase {
  FoiCaseId id;
  DepartmentId department;
  std::string text;  // title and description, cut to 200 characters
  std::optional<Outcome> outcome;
  std::optional<Date> closed_on;
  double score = 0;
};

struct Reminder {
  FoiCaseId id;
  std::string tracking_number;
  DepartmentId department;
  std::string threshold;  // "5", "3", "1", "overdue"
  Date due;
  int working_days_left = 0;
};

struct RemedyInput {
  std::string kind, filed, decided, outcome, note;  // keys and dates as typed
};

// One line of a historical import (`gongkai foi import`), already mapped to our types.
struct HistoricalCase {
  int line = 0;
  std::string source_id;
  DepartmentId department;
  ApplicantType applicant_type = ApplicantType::kNaturalPerson;
  Date received;
  std::optional<Date> closed;
  std::optional<Outcome> outcome;
};
struct HistoricalRemedy {
  int line = 0;
  std::string request_id;  // the case's source id
  RemedyKind kind = RemedyKind::kReconsideration;
  Date filed;
  std::optional<Date> decided;
  RemedyOutcome outcome = RemedyOutcome::kPending;
};
struct ImportResult {
  int cases_inserted = 0, cases_existing = 0;
  int remedies_inserted = 0, remedies_existing = 0;
  std::vector<std::pair<int, std::string>> rejected;  // line, reason
};

class FoiService {
 public:
  using CalendarProvider = std::function<std::shared_ptr<const calendar::WorkingCalendar>()>;

  // `tracking_prefix` starts every tracking number ("DY" → "DY2024-000123").
  FoiService(FoiStore& store, const Clock& clock, CalendarProvider calendar,
             std::string tracking_prefix = "DY");

  // ---- Intake (条例 Arts. 29, 31) ----
  // `who`: nullptr (anonymous portal user), a public principal (the case is linked to the account),
  // or staff with kHandleFoiCase for form.department (registers letters, in-person, fax and e-mail
  // applications with their channel and dates). Portal applications are channel online, confirmed
  // today. InvalidArgument with one FieldError per wrong field and nothing stored: missing name, ID
  // number (居民身份证 / 统一社会信用代码 checked), contact (phone or e-mail), the information sought
  // (description, title or 文号), form, delivery, the Art. 31 date the channel needs, a date in the
  // future, an over-long field.
  [[nodiscard]] Result<IntakeResult> submit(const accounts::Principal* who, const IntakeForm& form,
                                            const RequestContext& ctx);

  // ---- Handling ----
  // Records one step (case_event.h: state machine). Role per step: handling steps kHandleFoiCase;
  // extension_approved and approved kApproveFoiCase; legal_review_* kReviewFoiCase — each for the
  // case's department. Conflict for a stale expected_version, a closed case or a step out of order;
  // InvalidArgument for a date before receipt or in the future, missing data, a second fee method;
  // a fee_unpaid_abandoned before the payment deadline. A fee notice's amount is computed here
  // (109号: per request counts the applicant's applications in the calendar month of receipt).
  [[nodiscard]] Result<EventResult> record_event(const accounts::Principal& who, FoiCaseId id,
                                                 int expected_version, const NewEvent& event,
                                                 const RequestContext& ctx);

  // ---- Reading ----
  // Staff (kViewFoiCases for the case's department) or the public owner. Unmasked — and audited —
  // for kViewFoiPersonalData. NotFound for a case the principal may not see (no existence leak to
  // the public; PermissionDenied for staff of another department).
  // Masked unless `reveal` is asked for and allowed; only an unmasked view is audited.
  [[nodiscard]] Result<CaseView> get(const accounts::Principal& who, FoiCaseId id, const RequestContext& ctx,
                                     bool reveal = false);
  // Anonymous applicant: NotFound unless the tracking number and code match (the same answer
  // either way); after five wrong codes for one tracking number in 15 minutes, PermissionDenied
  // ("稍后再试") even for the right code. Personal data masked; nothing audited.
  [[nodiscard]] Result<CaseView> lookup(std::string_view tracking_number, std::string_view query_code,
                                        const RequestContext& ctx);
  // The cases filed from the public principal's account, newest first, masked.
  [[nodiscard]] Result<std::vector<FoiCase>> my_cases(const accounts::Principal& who);

  // Open cases with their computed due dates, sorted by due date (see QueuePage).
  [[nodiscard]] Result<QueuePage> queue(const accounts::Principal& who, const QueueQuery& q);
  // The due information of one case on `today` (exposed for tests and the bench).
  static DueInfo due_info(const Result<ClockResult>& clock, const calendar::WorkingCalendar& cal, Date today);

  // Answered requests similar to `text` (title + description), best first, at most `limit` (≤ 20),
  // score ≥ kSimilarShownSimilarity. No personal data. Anyone may ask (the portal form).
  [[nodiscard]] Result<std::vector<SimilarCase>> similar_answered(std::string_view text, int limit = 5);
  // Earlier cases of the same applicant (same ID number) with similar text (≥ kRepeatSimilarity):
  // candidates for a repeat request, 条例 Art. 36(六). Staff with kViewFoiCases.
  [[nodiscard]] Result<std::vector<SimilarCase>> possible_repeats(const accounts::Principal& who,
                                                                  FoiCaseId id);

  // ---- Reminders (issue item 6) ----
  // For every open case: when it has crossed 5, 3 or 1 working days left (the tightest crossed) or
  // is overdue, writes — once per case, threshold and due date — an in-site notification for its
  // department and an outbox row `mail:foi_reminder`, and returns it. Idempotent: a second run on
  // the same day returns nothing new. A case whose due date moved (extension) is reminded again for
  // the new date. System principal or admin.
  [[nodiscard]] Result<std::vector<Reminder>> due_reminders(const accounts::Principal& who, Date today,
                                                            const RequestContext& ctx);
  [[nodiscard]] Result<std::vector<Notification>> notifications(const accounts::Principal& who,
                                                                int limit = 50);

  // ---- Remedies (条例 Art. 51; annual-report section 四) ----
  // kManageFoiRemedies for the case's department. InvalidArgument: unknown kind/outcome, filed
  // before receipt, decided before filed, decided without an outcome or an outcome without decided.
  [[nodiscard]] Result<FoiRemedyId> add_remedy(const accounts::Principal& who, FoiCaseId id,
                                               const RemedyInput& in, const RequestContext& ctx);
  [[nodiscard]] Status update_remedy(const accounts::Principal& who, FoiRemedyId id, int expected_version,
                                     const RemedyInput& in, const RequestContext& ctx);

  // ---- Historical import (`gongkai foi import`) ----
  // Imports cases then remedies, in order, in ONE transaction: a database failure leaves nothing of
  // the batch. Invalid lines are reported and skipped; a source id already present is skipped
  // (idempotent). Imported cases are closed with their outcome, or open when `closed` is empty.
  // One audit row per batch. kImportFoiCases (admin) or the system.
  [[nodiscard]] Result<ImportResult> import_history(const accounts::Principal& who,
                                                    const std::vector<HistoricalCase>& cases,
                                                    const std::vector<HistoricalRemedy>& remedies,
                                                    const RequestContext& ctx);

 private:
  Result<std::shared_ptr<const calendar::WorkingCalendar>> calendar_now() const;

  FoiStore& store_;
  const Clock& clock_;
  CalendarProvider calendar_;
  std::string tracking_prefix_;
};

}  // namespace gk::foi
