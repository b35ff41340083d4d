#include "foi/deadline.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace gk::foi {
namespace {

constexpr int kReplyDays = 20;        // 条例 Art. 33 ¶2
constexpr int kExtensionDays = 20;    // 条例 Art. 33 ¶2
constexpr int kSupplementNoticeDays = 7;  // 条例 Art. 30
constexpr int kConsultationDays = 15;     // 条例 Arts. 32, 34
constexpr int kFeePaymentDays = 20;       // 国办函〔2020〕109号

struct ChannelInfo {
  Channel channel;
  std::string_view key, label;
};
constexpr ChannelInfo kChannels[] = {
    {Channel::kInPerson, "in_person", "当面提交"},     {Channel::kPostSigned, "post_signed", "邮寄（需签收）"},
    {Channel::kPostUnsigned, "post_unsigned", "平常信函"}, {Channel::kOnline, "online", "网上申请"},
    {Channel::kFax, "fax", "传真"},                     {Channel::kEmail, "email", "电子邮件"},
};

struct EventInfo {
  ClockEventType type;
  std::string_view key;
};
constexpr EventInfo kEvents[] = {
    {ClockEventType::kSupplementRequested, "supplement_requested"},
    {ClockEventType::kSupplementReceived, "supplement_received"},
    {ClockEventType::kThirdPartySent, "third_party_sent"},
    {ClockEventType::kThirdPartyReplied, "third_party_replied"},
    {ClockEventType::kAgencyConsultSent, "agency_consult_sent"},
    {ClockEventType::kAgencyConsultReplied, "agency_consult_replied"},
    {ClockEventType::kExtension, "extension"},
    {ClockEventType::kFeeNotice, "fee_notice"},
    {ClockEventType::kFeePaid, "fee_paid"},
};

enum class PauseKind { kThirdParty, kAgency, kFee };

struct Pause {
  PauseKind kind;
  Date start;
  std::optional<Date> end;  // reply / payment
  bool lapsed = false;      // consultation without reply: ended when its 15 working days ran out
};

std::string_view pause_label(PauseKind k) {
  switch (k) {
    case PauseKind::kThirdParty: return "征求第三方意见（条例第三十二条）";
    case PauseKind::kAgency: return "征求其他机关意见（条例第三十四条）";
    case PauseKind::kFee: return "收费通知至缴费（国办函〔2020〕109号）";
  }
  return "";
}

std::string receipt_rule(Channel c) {
  switch (c) {
    case Channel::kInPerson: return "当面提交的，以提交之日为收到申请之日";
    case Channel::kPostSigned: return "以邮政快递等需要签收方式提交的，以签收之日为收到申请之日";
    case Channel::kPostUnsigned: return "以平常信函等无需签收方式提交的，以双方确认之日为收到申请之日";
    case Channel::kOnline: return "通过互联网渠道提交的，以双方确认之日为收到申请之日";
    case Channel::kFax: return "通过传真提交的，以双方确认之日为收到申请之日";
    case Channel::kEmail: return "通过电子邮件提交的，以双方确认之日为收到申请之日";
  }
  return "";
}

// "不计入：2024-10-01至2024-10-07 国庆节放假；普通周末 4 天。计入：2024-10-12 国庆节调休上班。"
Result<std::string> span_summary(const calendar::WorkingCalendar& cal, Date after, Date until) {
  GK_TRY_ASSIGN(days, cal.explain_span(after, until));
  std::vector<std::string> holidays, makeups;
  int weekends = 0;
  for (size_t i = 0; i < days.size();) {
    const auto& d = days[i];
    if (d.reason == calendar::DayExplanation::Reason::kWeekend) {
      ++weekends;
      ++i;
    } else if (d.reason == calendar::DayExplanation::Reason::kMakeUpWorkday) {
      makeups.push_back(fmt::format("{} {}调休上班", d.date.to_string(), d.name));
      ++i;
    } else {
      // A run of consecutive days off of one festival (ordinary weekends inside it included).
      using Reason = calendar::DayExplanation::Reason;
      size_t j = i, last = i;
      while (j + 1 < days.size() && days[j + 1].date.days() == days[j].date.days() + 1 &&
             ((days[j + 1].reason == Reason::kHoliday && days[j + 1].name == d.name) ||
              days[j + 1].reason == Reason::kWeekend)) {
        ++j;
        if (days[j].reason == Reason::kHoliday) last = j;
      }
      int n = 0;
      for (size_t k = i; k <= last; ++k) {
        if (days[k].reason == Reason::kHoliday) ++n;
        else ++weekends;
      }
      holidays.push_back(n == 1 ? fmt::format("{} {}放假", d.date.to_string(), d.name)
                                : fmt::format("{}至{} {}放假（{}天）", d.date.to_string(), days[last].date.to_string(),
                                              d.name, n));
      i = last + 1;
    }
  }
  std::string out;
  if (!holidays.empty() || weekends > 0) {
    out += "不计入：";
    for (size_t i = 0; i < holidays.size(); ++i) out += (i ? "；" : "") + holidays[i];
    if (weekends > 0) out += fmt::format("{}普通周末 {} 天", holidays.empty() ? "" : "；", weekends);
    out += "。";
  }
  if (!makeups.empty()) {
    out += "计入调休上班日：";
    for (size_t i = 0; i < makeups.size(); ++i) out += (i ? "、" : "") + makeups[i];
    out += "。";
  }
  return out;
}

Error field_error(size_t index, std::string_view what, std::string message) {
  return Error::invalid_field(fmt::format("events[{}].{}", index, what), std::move(message));
}

}  // namespace

std::string_view channel_key(Channel c) {
  for (const auto& i : kChannels)
    if (i.channel == c) return i.key;
  return "online";
}
std::string_view channel_label(Channel c) {
  for (const auto& i : kChannels)
    if (i.channel == c) return i.label;
  return "";
}
std::optional<Channel> parse_channel(std::string_view key) {
  for (const auto& i : kChannels)
    if (i.key == key) return i.channel;
  return std::nullopt;
}
std::string_view clock_event_key(ClockEventType t) {
  for (const auto& i : kEvents)
    if (i.type == t) return i.key;
  return "";
}
std::optional<ClockEventType> parse_clock_event(std::string_view key) {
  for (const auto& i : kEvents)
    if (i.key == key) return i.type;
  return std::nullopt;
}
std::string_view clock_state_key(ClockState s) {
  switch (s) {
    case ClockState::kRunning: return "running";
    case ClockState::kAwaitingSupplement: return "awaiting_supplement";
    case ClockState::kAwaitingFee: return "awaiting_fee";
  }
  return "running";
}

Result<ClockResult> compute_clock(const ClockInput& in, const calendar::WorkingCalendar& cal, bool explain) {
  ClockResult r;
  // Explanation lines are built only when asked for.
  auto say = [&](fmt::string_view f, const auto&... args) {
    if (explain) r.explanation.push_back(fmt::vformat(f, fmt::make_format_args(args...)));
  };
  // 条例 Art. 31: the receipt date depends on the channel.
  std::optional<Date> receipt;
  std::string_view receipt_field;
  switch (in.channel) {
    case Channel::kInPerson: receipt = in.submitted, receipt_field = "submitted"; break;
    case Channel::kPostSigned: receipt = in.signed_on, receipt_field = "signed"; break;
    default: receipt = in.confirmed, receipt_field = "confirmed"; break;
  }
  if (!receipt) {
    return fail(Error::invalid_field(std::string(receipt_field),
                                     fmt::format("{}的申请须提供 {}（条例第三十一条）", channel_label(in.channel), receipt_field)));
  }
  r.receipt_date = *receipt;
  r.clock_start = *receipt;
  say("收到申请之日：{}（{}，条例第三十一条）。", receipt->to_string(),
                                      receipt_rule(in.channel));
  GK_TRY_ASSIGN(notice_due, cal.add_working_days(*receipt, kSupplementNoticeDays));
  r.supplement_notice_due = notice_due;

  // Events in date order; the original index names a bad one.
  std::vector<size_t> order(in.events.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return in.events[a].date < in.events[b].date; });

  std::optional<Date> supplement_requested;
  bool supplement_done = false;
  std::vector<Pause> pauses;
  std::optional<Date> extension_on;
  std::optional<Date> last_fee_notice;
  for (size_t idx : order) {
    const ClockEvent& e = in.events[idx];
    if (e.date < *receipt) return fail(field_error(idx, "date", "事件日期早于收到申请之日"));
    auto open_pause = [&](PauseKind k) -> Pause* {
      for (auto it = pauses.rbegin(); it != pauses.rend(); ++it)
        if (it->kind == k && !it->end) return &*it;
      return nullptr;
    };
    switch (e.type) {
      case ClockEventType::kSupplementRequested:
        // Art. 30: one single (一次性) notice.
        if (supplement_requested) return fail(field_error(idx, "type", "补正告知应一次性发出，不能重复"));
        supplement_requested = e.date;
        if (e.date > notice_due) {
          r.warnings.push_back(fmt::format("补正告知于 {} 发出，晚于收到申请后 7 个工作日（{}），不符合条例第三十条",
                                           e.date.to_string(), notice_due.to_string()));
        }
        break;
      case ClockEventType::kSupplementReceived:
        if (!supplement_requested || supplement_done) {
          return fail(field_error(idx, "type", "收到补正材料前应先发出补正告知"));
        }
        supplement_done = true;
        r.clock_start = e.date;
        say("{} 发出补正告知，{} 收到补正材料，答复期限自收到补正材料之日起重新计算（条例第三十条）。",
                                            supplement_requested->to_string(), e.date.to_string());
        break;
      case ClockEventType::kThirdPartySent: pauses.push_back({PauseKind::kThirdParty, e.date, {}}); break;
      case ClockEventType::kAgencyConsultSent: pauses.push_back({PauseKind::kAgency, e.date, {}}); break;
      case ClockEventType::kFeeNotice:
        if (open_pause(PauseKind::kFee)) return fail(field_error(idx, "type", "上一份收费通知尚未缴费"));
        pauses.push_back({PauseKind::kFee, e.date, {}});
        last_fee_notice = e.date;
        break;
      case ClockEventType::kThirdPartyReplied:
      case ClockEventType::kAgencyConsultReplied:
      case ClockEventType::kFeePaid: {
        const PauseKind k = e.type == ClockEventType::kThirdPartyReplied ? PauseKind::kThirdParty
                            : e.type == ClockEventType::kAgencyConsultReplied ? PauseKind::kAgency
                                                                               : PauseKind::kFee;
        Pause* p = open_pause(k);
        if (!p) {
          return fail(field_error(idx, "type", k == PauseKind::kFee ? "缴费前应先有收费通知" : "收到答复前应先发出征求意见函"));
        }
        p->end = e.date;
        break;
      }
      case ClockEventType::kExtension:
        if (extension_on) return fail(field_error(idx, "type", "答复期限只能延长一次（条例第三十三条第二款）"));
        extension_on = e.date;
        break;
    }
  }

  if (supplement_requested && !supplement_done) {
    r.state = ClockState::kAwaitingSupplement;
    say("{} 已发出补正告知，等待申请人补正；收到补正材料后答复期限重新计算（条例第三十条）。",
                                        supplement_requested->to_string());
    return r;
  }

  GK_TRY_ASSIGN(base_due, cal.add_working_days(r.clock_start, kReplyDays));
  r.base_due = base_due;
  std::string base_span;
  if (explain) {
    GK_TRY_ASSIGN(text, span_summary(cal, r.clock_start, base_due));
    base_span = std::move(text);
  }
  say("答复期限为 20 个工作日（条例第三十三条第二款），自 {} 的次日起计算（开始的当日不计入，民法典第二百零一条），"
                                      "至 {} 届满。{}",
                                      r.clock_start.to_string(), base_due.to_string(), base_span);
  Date due = base_due;
  if (extension_on) {
    r.extended = true;
    GK_TRY_ASSIGN(extended, cal.add_working_days(base_due, kExtensionDays));
    std::string ext_span;
    if (explain) {
      GK_TRY_ASSIGN(text, span_summary(cal, base_due, extended));
      ext_span = std::move(text);
    }
    say("{} 经政府信息公开工作机构负责人同意并告知申请人，延长答复期限 20 个工作日（条例第三十三条第二款），"
                                        "延长后至 {}。{}",
                                        extension_on->to_string(), extended.to_string(), ext_span);
    due = extended;
  }

  // Pauses (Art. 33 ¶3; fee 109号): the working days in (start, end] after the clock start, overlapping
  // pauses counted once.
  std::vector<std::pair<Date, Date>> spans;
  bool fee_open = false;
  for (auto& p : pauses) {
    Date end;
    if (p.end) {
      end = *p.end;
    } else if (p.kind == PauseKind::kFee) {
      fee_open = true;
      continue;
    } else {
      GK_TRY_ASSIGN(lapse, cal.add_working_days(p.start, kConsultationDays));
      end = lapse;
      p.lapsed = true;
    }
    const Date start = std::max(p.start, r.clock_start);
    if (end <= start) continue;
    GK_TRY_ASSIGN(n, cal.working_days_in(start, end));
    say("{}：{} 至 {}{}，其间 {} 个工作日不计入答复期限（条例第三十三条第三款）。", pause_label(p.kind),
                                        p.start.to_string(), end.to_string(),
                                        p.lapsed ? (p.kind == PauseKind::kThirdParty ? "（第三方逾期未答复，不视为同意）"
                                                                                     : "（逾期未答复，视为同意）")
                                                 : "",
                                        n);
    spans.emplace_back(start, end);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<Date, Date>> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, s.second);
    } else {
      merged.push_back(s);
    }
  }
  for (const auto& [s, e] : merged) {
    GK_TRY_ASSIGN(n, cal.working_days_in(s, e));
    r.paused_working_days += n;
  }
  if (last_fee_notice) {
    GK_TRY_ASSIGN(pay_due, cal.add_working_days(*last_fee_notice, kFeePaymentDays));
    r.fee_payment_due = pay_due;
  }
  if (fee_open) {
    r.state = ClockState::kAwaitingFee;
    say("{} 申请人收到收费通知，尚未缴费，答复期限暂停计算；应于 {} 前缴费，逾期视为放弃申请（国办函〔2020〕109号）。",
                                        last_fee_notice->to_string(), r.fee_payment_due->to_string());
    return r;
  }
  if (r.paused_working_days > 0) {
    GK_TRY_ASSIGN(moved, cal.add_working_days(due, r.paused_working_days));
    say("暂停计算合计 {} 个工作日，答复期限顺延至 {}。", r.paused_working_days, moved.to_string());
    due = moved;
  }
  r.due = due;
  say("答复期限：{}。", due.to_string());
  return r;
}

}  // namespace gk::foi
