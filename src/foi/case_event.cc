#include "foi/case_event.h"

#include <fmt/format.h>
#include <boost/json.hpp>

namespace gk::foi {
namespace {

namespace json = boost::json;

struct EventInfo {
  CaseEventType type;
  std::string_view key, label;
};
constexpr EventInfo kEvents[] = {
    {CaseEventType::kRegistered, "registered", "登记"},
    {CaseEventType::kSupplementRequested, "supplement_requested", "补正告知"},
    {CaseEventType::kSupplementReceived, "supplement_received", "收到补正材料"},
    {CaseEventType::kAbandonedNoSupplement, "abandoned_no_supplement", "逾期未补正，不再处理"},
    {CaseEventType::kThirdPartySent, "third_party_sent", "征求第三方意见"},
    {CaseEventType::kThirdPartyReplied, "third_party_replied", "第三方答复"},
    {CaseEventType::kAgencyConsultSent, "agency_consult_sent", "征求其他机关意见"},
    {CaseEventType::kAgencyConsultReplied, "agency_consult_replied", "其他机关答复"},
    {CaseEventType::kExtensionRequested, "extension_requested", "申请延期"},
    {CaseEventType::kExtensionApproved, "extension_approved", "延期批准并告知"},
    {CaseEventType::kFeeNotice, "fee_notice", "收费通知"},
    {CaseEventType::kFeePaid, "fee_paid", "缴费"},
    {CaseEventType::kFeeUnpaidAbandoned, "fee_unpaid_abandoned", "逾期未缴费，不再处理"},
    {CaseEventType::kExcessiveReasonsRequested, "excessive_reasons_requested",
     "要求说明理由（条例第三十五条）"},
    {CaseEventType::kDraftReply, "draft_reply", "拟定答复"},
    {CaseEventType::kLegalReviewPassed, "legal_review_passed", "法制审核通过"},
    {CaseEventType::kLegalReviewReturned, "legal_review_returned", "法制审核退回"},
    {CaseEventType::kApproved, "approved", "审批通过"},
    {CaseEventType::kReplied, "replied", "答复送达"},
    {CaseEventType::kTransferred, "transferred", "告知向有关机关申请"},
    {CaseEventType::kWithdrawn, "withdrawn", "申请人撤回"},
};

Error conflict(const CaseProgress& p, CaseEventType t) {
  return Error::conflict(
      fmt::format("案件当前状态为“{}”，不能记录“{}”", case_state_label(p.state), case_event_label(t)));
}

}  // namespace

std::string_view case_event_key(CaseEventType t) {
  for (const auto& i : kEvents)
    if (i.type == t) return i.key;
  return "";
}
std::string_view case_event_label(CaseEventType t) {
  for (const auto& i : kEvents)
    if (i.type == t) return i.label;
  return "";
}
std::optional<CaseEventType> parse_case_event(std::string_view key) {
  for (const auto& i : kEvents)
    if (i.key == key) return i.type;
  return std::nullopt;
}

std::string encode_event_data(const EventData& d) {
  json::object o;
  if (d.deadline) o["deadline"] = d.deadline->to_string();
  if (d.fee_method) o["fee_method"] = fee_method_key(*d.fee_method);
  if (d.fee_units) o["fee_units"] = *d.fee_units;
  if (d.fee_yuan) o["fee_yuan"] = *d.fee_yuan;
  if (d.outcome) o["outcome"] = info(*d.outcome).key;
  if (d.delivery) o["delivery"] = delivery_key(*d.delivery);
  if (!d.to.empty()) o["to"] = d.to;
  if (d.imported) o["imported"] = true;
  return json::serialize(o);
}

Result<EventData> decode_event_data(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return fail(Error::invalid_field("data", "事件数据不是 JSON 对象"));
  const auto& o = v.as_object();
  EventData d;
  auto str = [&](std::string_view k) -> std::optional<std::string> {
    auto it = o.find(k);
    if (it == o.end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().as_string());
  };
  auto num = [&](std::string_view k) -> std::optional<int64_t> {
    auto it = o.find(k);
    if (it == o.end() || !it->value().is_int64()) return std::nullopt;
    return it->value().as_int64();
  };
  if (auto s = str("deadline")) {
    d.deadline = Date::parse(*s);
    if (!d.deadline) return fail(Error::invalid_field("deadline", "不是有效日期"));
  }
  if (auto s = str("fee_method")) {
    d.fee_method = parse_fee_method(*s);
    if (!d.fee_method) return fail(Error::invalid_field("fee_method", "未知的收费方式"));
  }
  d.fee_units = num("fee_units");
  d.fee_yuan = num("fee_yuan");
  if (auto s = str("outcome")) {
    d.outcome = parse_outcome(*s);
    if (!d.outcome) return fail(Error::invalid_field("outcome", "未知的办理结果"));
  }
  if (auto s = str("delivery")) {
    d.delivery = parse_delivery(*s);
    if (!d.delivery) return fail(Error::invalid_field("delivery", "未知的送达方式"));
  }
  d.to = str("to").value_or("");
  if (auto it = o.find("imported"); it != o.end() && it->value().is_bool())
    d.imported = it->value().as_bool();
  return d;
}

CaseProgress initial_progress(Date received_on) {
  CaseProgress p;
  p.received_on = received_on;
  return p;
}

Result<CaseProgress> step(const CaseProgress& p, const CaseEvent& e) {
  using T = CaseEventType;
  if (p.state == CaseState::kClosed) {
    return fail(
        Error::conflict(fmt::format("案件已于 {} 办结，不能再记录“{}”",
                                    p.closed_on ? p.closed_on->to_string() : "", case_event_label(e.type))));
  }
  if (e.date < p.received_on) {
    return fail(Error::invalid_field("date", fmt::format("日期 {} 早于收到申请之日 {}（条例第三十一条）",
                                                         e.date.to_string(), p.received_on.to_string())));
  }
  auto not_before = [&](std::optional<Date> d, std::string_view what) -> Status {
    if (d && e.date < *d) {
      return fail(Error::invalid_field(
          "date", fmt::format("日期 {} 早于{} {}", e.date.to_string(), what, d->to_string())));
    }
    return ok();
  };
  // A case closed in an imported history (`foi import`) carries its outcome on the closing event.
  if (e.data.imported && e.type == T::kReplied && e.data.outcome) {
    CaseProgress n = p;
    n.state = CaseState::kClosed;
    n.outcome = e.data.outcome;
    n.closed_on = e.date;
    return n;
  }
  // States in which the case is being handled (not stopped, no draft pending).
  const bool handling = p.state == CaseState::kOpen;
  CaseProgress n = p;
  auto close = [&](Outcome o) {
    n.state = CaseState::kClosed;
    n.outcome = o;
    n.closed_on = e.date;
    n.third_party_sent_on.reset();
    n.agency_sent_on.reset();
    n.fee_notice_on.reset();
  };
  switch (e.type) {
    case T::kRegistered:
      return fail(Error::conflict("案件已登记"));
    case T::kSupplementRequested:
      // 条例 Art. 30: one single (一次性) notice, stating a reasonable deadline.
      if (!handling || p.supplement_requested) return fail(conflict(p, e.type));
      if (!e.data.deadline)
        return fail(Error::invalid_field("deadline", "补正告知须写明补正期限（条例第三十条）"));
      if (*e.data.deadline <= e.date) return fail(Error::invalid_field("deadline", "补正期限应晚于告知之日"));
      n.state = CaseState::kAwaitingSupplement;
      n.supplement_requested = true;
      n.supplement_requested_on = e.date;
      n.supplement_deadline = e.data.deadline;
      break;
    case T::kSupplementReceived:
      if (p.state != CaseState::kAwaitingSupplement) return fail(conflict(p, e.type));
      GK_TRY_STATUS(not_before(p.supplement_requested_on, "补正告知之日"));
      n.state = CaseState::kOpen;
      break;
    case T::kAbandonedNoSupplement:
      // 条例 Art. 30: not supplemented by the deadline without good reason → deemed abandoned.
      if (p.state != CaseState::kAwaitingSupplement) return fail(conflict(p, e.type));
      if (p.supplement_deadline && e.date <= *p.supplement_deadline) {
        return fail(Error::invalid_field(
            "date", fmt::format("补正期限 {} 尚未届满", p.supplement_deadline->to_string())));
      }
      close(Outcome::kOtherNoClarification);
      break;
    case T::kThirdPartySent:
      if (!handling || p.third_party_sent_on) return fail(conflict(p, e.type));
      n.third_party_sent_on = e.date;
      break;
    case T::kThirdPartyReplied:
      if (!p.third_party_sent_on) return fail(conflict(p, e.type));
      GK_TRY_STATUS(not_before(p.third_party_sent_on, "征求意见之日"));
      n.third_party_sent_on.reset();
      break;
    case T::kAgencyConsultSent:
      if (!handling || p.agency_sent_on) return fail(conflict(p, e.type));
      n.agency_sent_on = e.date;
      break;
    case T::kAgencyConsultReplied:
      if (!p.agency_sent_on) return fail(conflict(p, e.type));
      GK_TRY_STATUS(not_before(p.agency_sent_on, "征求意见之日"));
      n.agency_sent_on.reset();
      break;
    case T::kExtensionRequested:
      // 条例 Art. 33 ¶2: one extension of at most 20 working days.
      if (p.extension_requested || p.state == CaseState::kAwaitingSupplement)
        return fail(conflict(p, e.type));
      n.extension_requested = true;
      break;
    case T::kExtensionApproved:
      if (!p.extension_requested || p.extension_approved) return fail(conflict(p, e.type));
      n.extension_approved = true;
      break;
    case T::kFeeNotice:
      // 109号 Art. 3: one method per application, never both.
      if (!handling) return fail(conflict(p, e.type));
      if (!e.data.fee_method)
        return fail(Error::invalid_field("fee_method", "收费通知须写明收费方式（按件或按量）"));
      if (p.fee_method && *p.fee_method != *e.data.fee_method) {
        return fail(Error::invalid_field(
            "fee_method", "同一申请只能选择按件或按量一种方式计收（国办函〔2020〕109号第三条）"));
      }
      n.fee_method = e.data.fee_method;
      n.fee_notice_on = e.date;
      n.state = CaseState::kAwaitingFee;
      break;
    case T::kFeePaid:
      if (p.state != CaseState::kAwaitingFee) return fail(conflict(p, e.type));
      GK_TRY_STATUS(not_before(p.fee_notice_on, "收费通知之日"));
      n.fee_notice_on.reset();
      n.state = CaseState::kOpen;
      break;
    case T::kFeeUnpaidAbandoned:
      // 109号: not paid within 20 working days → deemed abandoned (the service checks the day).
      if (p.state != CaseState::kAwaitingFee) return fail(conflict(p, e.type));
      close(Outcome::kOtherFeeUnpaid);
      break;
    case T::kExcessiveReasonsRequested:
      if (!handling) return fail(conflict(p, e.type));
      n.excessive_reasons_requested = true;
      break;
    case T::kDraftReply:
      if (!handling) return fail(conflict(p, e.type));
      if (!e.data.outcome)
        return fail(Error::invalid_field("outcome", "答复须选定办理结果（年度报告表中的一项）"));
      if (*e.data.outcome == Outcome::kOtherNoClarification || *e.data.outcome == Outcome::kOtherFeeUnpaid) {
        return fail(
            Error::invalid_field("outcome", "逾期未补正、逾期未缴费由相应事件办结，不能作为答复结果"));
      }
      n.draft_outcome = e.data.outcome;
      n.state = CaseState::kDrafted;
      break;
    case T::kLegalReviewPassed:
      if (p.state != CaseState::kDrafted) return fail(conflict(p, e.type));
      n.state = CaseState::kReviewed;
      break;
    case T::kLegalReviewReturned:
      if (p.state != CaseState::kDrafted && p.state != CaseState::kReviewed) return fail(conflict(p, e.type));
      if (e.note.empty()) return fail(Error::invalid_field("note", "退回须说明理由"));
      n.draft_outcome.reset();
      n.state = CaseState::kOpen;
      break;
    case T::kApproved:
      if (p.state != CaseState::kReviewed) return fail(conflict(p, e.type));
      n.state = CaseState::kApproved;
      break;
    case T::kReplied:
      if (p.state != CaseState::kApproved) return fail(conflict(p, e.type));
      if (!e.data.delivery) return fail(Error::invalid_field("delivery", "须记录送达方式"));
      close(*p.draft_outcome);
      break;
    case T::kTransferred:
      // 条例 Art. 36(五): tell the applicant which organ is responsible, with its contact.
      if (!handling) return fail(conflict(p, e.type));
      if (e.data.to.empty())
        return fail(Error::invalid_field("to", "须写明负责公开的机关名称及联系方式（条例第三十六条第五项）"));
      close(Outcome::kUnableNotHeld);
      n.transferred_to = e.data.to;
      break;
    case T::kWithdrawn:
      close(Outcome::kOtherOther);
      break;
  }
  return n;
}

Result<CaseProgress> replay(const std::vector<CaseEvent>& events) {
  if (events.empty() || events.front().type != CaseEventType::kRegistered) {
    return fail(Error::internal("案件事件记录应以登记开始"));
  }
  CaseProgress p = initial_progress(events.front().date);
  for (size_t i = 1; i < events.size(); ++i) {
    auto next = step(p, events[i]);
    if (!next) {
      return fail(Error(next.error().code(),
                        fmt::format("事件 {}：{}", events[i].seq, next.error().message()),
                        next.error().fields()));
    }
    p = std::move(*next);
  }
  return p;
}

bool is_clock_event(CaseEventType t) {
  using T = CaseEventType;
  switch (t) {
    case T::kSupplementRequested:
    case T::kSupplementReceived:
    case T::kThirdPartySent:
    case T::kThirdPartyReplied:
    case T::kAgencyConsultSent:
    case T::kAgencyConsultReplied:
    case T::kExtensionApproved:
    case T::kFeeNotice:
    case T::kFeePaid:
      return true;
    default:
      return false;
  }
}

ClockInput clock_input(const FoiCase& c, const std::vector<CaseEvent>& events) {
  using T = CaseEventType;
  ClockInput in;
  in.channel = c.channel;
  in.submitted = c.submitted;
  in.signed_on = c.signed_on;
  in.confirmed = c.confirmed;
  in.events.reserve(events.size());
  for (const auto& e : events) {
    std::optional<ClockEventType> t;
    switch (e.type) {
      case T::kSupplementRequested:
        t = ClockEventType::kSupplementRequested;
        break;
      case T::kSupplementReceived:
        t = ClockEventType::kSupplementReceived;
        break;
      case T::kThirdPartySent:
        t = ClockEventType::kThirdPartySent;
        break;
      case T::kThirdPartyReplied:
        t = ClockEventType::kThirdPartyReplied;
        break;
      case T::kAgencyConsultSent:
        t = ClockEventType::kAgencyConsultSent;
        break;
      case T::kAgencyConsultReplied:
        t = ClockEventType::kAgencyConsultReplied;
        break;
      case T::kExtensionApproved:
        t = ClockEventType::kExtension;
        break;  // Art. 33 ¶2: once approved and notified
      case T::kFeeNotice:
        t = ClockEventType::kFeeNotice;
        break;
      case T::kFeePaid:
        t = ClockEventType::kFeePaid;
        break;
      default:
        break;
    }
    if (t) in.events.push_back({*t, e.date});
  }
  return in;
}

}  // namespace gk::foi
