// CaseEvent and the case state machine: the append-only log of an on-request disclosure case
// (Alaveteli's model: the request is its events; 条例 Art. 45 登记、审核、办理、答复、归档) and the rule
// that decides whether the next event may be recorded.
//
// Every step of a case is one event, never edited or deleted (the table refuses UPDATE and DELETE).
// `date` is the legal date of the step (the day the notice was sent, the reply received, …), which
// the clock counts from; `recorded_at` is when it was entered. `data` carries the few typed facts
// some events need (EventData), stored as a small JSON object.
//
// The state machine (step()) checks, for one new event against the summary of the log so far:
//   * a closed case takes no event — Conflict;
//   * an event the current state does not allow (a supplement without a 补正 notice, approval
//     before legal review, a second extension request, …) — Conflict;
//   * a date before the receipt date, or before the step it answers — InvalidArgument on "date";
//   * missing or wrong data — InvalidArgument naming the field ("outcome", "deadline",
//     "fee_method", "to", "delivery");
//   * a second fee method on one application — InvalidArgument on "fee_method" (109号 Art. 3).
// Roles are not checked here (foi_service.cc does: officers handle, the approver approves
// extensions and replies, the legal reviewer reviews). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "foi/deadline.h"
#include "foi/fee.h"
#include "foi/foi_case.h"
#include "foi/outcome.h"

namespace gk::foi {

enum class CaseEventType {
  kRegistered,             // 登记 (intake or staff registration)
  kSupplementRequested,    // 补正告知 (Art. 30), data.deadline required
  kSupplementReceived,     // 补正材料 received: the clock starts again (Art. 30)
  kAbandonedNoSupplement,  // not supplemented by the deadline: closed, row （六）1
  kThirdPartySent,         // 征求第三方意见 (Art. 32)
  kThirdPartyReplied,
  kAgencyConsultSent,  // 征求其他机关意见 (Art. 34)
  kAgencyConsultReplied,
  kExtensionRequested,  // 延期申请 by the officer (Art. 33 ¶2)
  kExtensionApproved,   // approved by the head of the GI office and notified: +20 working days
  kFeeNotice,           // 收费通知 (109号), data.fee_method + data.fee_yuan
  kFeePaid,
  kFeeUnpaidAbandoned,         // not paid within 20 working days: closed, row （六）2
  kExcessiveReasonsRequested,  // Art. 35: asked the applicant for reasons
  kDraftReply,                 // 答复草稿, data.outcome = one leaf row of the annual report
  kLegalReviewPassed,          // 法制审核
  kLegalReviewReturned,        // back to the officer (note required)
  kApproved,                   // 审批 (foi_approver)
  kReplied,                    // 答复送达: closed with the drafted outcome, data.delivery
  kTransferred,                // Art. 36(五): not this organ's; data.to names the responsible organ
  kWithdrawn,                  // 申请人撤回: closed, row （六）3
};
std::string_view case_event_key(CaseEventType t);    // "registered", "supplement_requested", …
std::string_view case_event_label(CaseEventType t);  // 登记, 补正告知, …
std::optional<CaseEventType> parse_case_event(std::string_view key);

// The typed facts an event may carry; unused ones stay empty.
struct EventData {
  std::optional<Date> deadline;         // supplement_requested: the applicant's deadline
  std::optional<FeeMethod> fee_method;  // fee_notice
  std::optional<int64_t> fee_units;     // fee_notice: requests in the month or pages
  std::optional<int64_t> fee_yuan;      // fee_notice: computed by foi::compute_fee
  std::optional<Outcome> outcome;       // draft_reply (and closing events, filled by the machine)
  std::optional<Delivery> delivery;     // replied
  std::string to;                       // transferred: the responsible organ and its contact
  bool imported = false;                // written by `foi import`

  friend bool operator==(const EventData&, const EventData&) = default;
};
// A compact JSON object of the set fields, e.g. {"outcome":"disclosed"}; "{}" when none.
std::string encode_event_data(const EventData& d);
// The inverse; unknown keys are ignored. InvalidArgument for malformed JSON or a bad value.
[[nodiscard]] Result<EventData> decode_event_data(std::string_view json);

struct CaseEvent {
  int seq = 0;  // 1, 2, … within the case
  FoiCaseId case_id;
  CaseEventType type = CaseEventType::kRegistered;
  Date date;  // the legal date
  Instant recorded_at;
  std::string actor;  // Principal::actor()
  std::string note;
  EventData data;
};

// The summary of a log, folded event by event.
struct CaseProgress {
  CaseState state = CaseState::kOpen;
  Date received_on;
  bool supplement_requested = false;  // Art. 30: one single notice
  std::optional<Date> supplement_deadline;
  std::optional<Date> supplement_requested_on;
  std::optional<Date> third_party_sent_on;  // open consultation
  std::optional<Date> agency_sent_on;       // open consultation
  bool extension_requested = false;
  bool extension_approved = false;
  std::optional<FeeMethod> fee_method;
  std::optional<Date> fee_notice_on;  // open fee notice
  bool excessive_reasons_requested = false;
  std::optional<Outcome> draft_outcome;
  std::optional<Outcome> outcome;  // when closed
  std::optional<Date> closed_on;
  std::string transferred_to;
};

// The progress of a fresh case received on `received_on` (its `registered` event).
CaseProgress initial_progress(Date received_on);

// Applies `e` to `p`: the new progress, or the error above. `e.data.outcome` of a closing event is
// ignored (the machine decides it). Does not look at roles, the clock or today.
[[nodiscard]] Result<CaseProgress> step(const CaseProgress& p, const CaseEvent& e);

// Replays a whole log (first event `registered`). Errors as step(), naming the event by seq.
[[nodiscard]] Result<CaseProgress> replay(const std::vector<CaseEvent>& events);

// The clock's view of a case: channel, Art. 31 dates and the events that move the clock
// (补正, consultations, the approved extension, fee notice and payment).
ClockInput clock_input(const FoiCase& c, const std::vector<CaseEvent>& events);

// Whether an event type moves the clock (so loaders may skip the others).
bool is_clock_event(CaseEventType t);

}  // namespace gk::foi
