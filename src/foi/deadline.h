// The legal clock of an on-request disclosure case (条例 Arts. 30–34, 国办函〔2020〕109号): the reply
// due date computed from the intake channel, the dates the law names and the case's events, with its
// derivation in plain Chinese. Never stored as truth: recomputed from the event log and the current
// calendar, so a calendar change moves every due date.
//
// Rules (also the contract of `gongkai foi deadline`):
//   * Receipt date (Art. 31): in person → `submitted`; post needing a signature → `signed` (签收);
//     ordinary post, online, fax, e-mail → `confirmed` (the day both sides confirmed).
//   * The start day is never counted (民法典 Art. 201): N working days after D is the N-th working
//     day strictly after D (calendar::WorkingCalendar::add_working_days).
//   * The clock starts at the receipt date, or — after a 补正 notice — at the day the supplement was
//     received (Art. 30: the period runs again from then). A 补正 notice later than 7 working days
//     after receipt is reported as a warning (Art. 30).
//   * Base due date: 20 working days after the clock start (Art. 33 ¶2).
//   * Extension (Art. 33 ¶2, approved by the head of the GI office): due = 20 working days after the
//     base due date.
//   * Pauses (Art. 33 ¶3 — third-party consultation Art. 32, co-producer consultation Art. 34; fee
//     notice → payment, 109号): each moves the due date later by the working days in (pause start,
//     pause end], counting only the part after the clock start. A consultation without a reply ends
//     when its 15 working days lapse (Art. 32: silence is not consent; Art. 34: silence is consent —
//     either way the organ proceeds). An unpaid fee notice keeps the clock stopped: `due` is unknown
//     until payment, and payment is due 20 working days after the notice (after which the case is
//     abandoned, annual-report row （六）2).
//   * While a 补正 notice awaits its supplement the clock is stopped and `due` is unknown.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_calendar.h"
#include "core/date.h"
#include "core/error.h"

namespace gk::foi {

enum class Channel { kInPerson, kPostSigned, kPostUnsigned, kOnline, kFax, kEmail };
std::string_view channel_key(Channel c);    // "in_person", "post_signed", "post_unsigned", "online", "fax", "email"
std::string_view channel_label(Channel c);  // 当面提交, 邮寄（签收）, 平常信函, 网上申请, 传真, 电子邮件
std::optional<Channel> parse_channel(std::string_view key);

enum class ClockEventType {
  kSupplementRequested,    // 补正告知 sent
  kSupplementReceived,     // 补正材料 received: the clock starts again
  kThirdPartySent,         // 第三方意见征询 sent (Art. 32)
  kThirdPartyReplied,
  kAgencyConsultSent,      // 会商其他机关 (Art. 34)
  kAgencyConsultReplied,
  kExtension,              // 延期答复 approved and notified (Art. 33 ¶2)
  kFeeNotice,              // 收费通知 received by the applicant (109号)
  kFeePaid,
};
std::string_view clock_event_key(ClockEventType t);  // "supplement_requested", …
std::optional<ClockEventType> parse_clock_event(std::string_view key);

struct ClockEvent {
  ClockEventType type;
  Date date;
};

struct ClockInput {
  Channel channel = Channel::kOnline;
  std::optional<Date> submitted, signed_on, confirmed;
  std::vector<ClockEvent> events;  // any order; sorted by date (stable) before use
};

enum class ClockState {
  kRunning,              // due is known
  kAwaitingSupplement,   // 补正 notice outstanding: stopped
  kAwaitingFee,          // fee notice unpaid: stopped
};
std::string_view clock_state_key(ClockState s);  // "running", "awaiting_supplement", "awaiting_fee"

struct ClockResult {
  Date receipt_date;
  Date clock_start;
  std::optional<Date> base_due;        // 20 working days after clock_start (none while awaiting a supplement)
  std::optional<Date> due;             // none while the clock is stopped
  bool extended = false;
  int paused_working_days = 0;
  ClockState state = ClockState::kRunning;
  std::optional<Date> supplement_notice_due;  // 7 working days after receipt (Art. 30)
  std::optional<Date> fee_payment_due;        // 20 working days after the (latest) fee notice
  std::vector<std::string> warnings;          // e.g. a late 补正 notice
  std::vector<std::string> explanation;       // the derivation, one Chinese sentence per line
};

// Computes the clock. InvalidArgument names the field ("signed", "confirmed", "events[2].date", …)
// for a missing receipt date, an event before receipt, a reply without its request, or a second
// extension. FailedPrecondition when a needed year is not in the calendar.
// `explain` false skips the explanation (and its calendar walks): queues and reminders over many
// cases need only the dates, at about half the cost.
[[nodiscard]] Result<ClockResult> compute_clock(const ClockInput& in, const calendar::WorkingCalendar& cal,
                                                bool explain = true);

}  // namespace gk::foi
