#include "web/foi_views.h"

#include <charconv>

#include <fmt/format.h>

#include "core/utf8.h"

namespace gk::web::foi_pages {
namespace {

using foi::CaseEventType;

// The labels of the draft-note lines; a line starting with one of these carries that detail.
struct DetailLabel {
  std::string_view label;
  std::string DraftDetails::*field;
};
const DetailLabel kDetailLabels[] = {
    {"已公开信息获取途径：", &DraftDetails::public_location},
    {"不予公开的内容：", &DraftDetails::withheld},
    {"不予公开的理由：", &DraftDetails::withheld_reason},
    {"处理理由：", &DraftDetails::reasons},
    {"法定获取途径：", &DraftDetails::proper_channel},
    {"此前答复日期：", &DraftDetails::previous_reply_date},
    {"此前答复文号：", &DraftDetails::previous_reply_number},
};
constexpr std::string_view kDetailsMarker = "【答复书要素】";

std::string one_line(std::string_view s) {
  std::string out;
  for (char c : trim(s)) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

std::string_view id_kind_label(foi::IdKind k) {
  switch (k) {
    case foi::IdKind::kResidentId:
      return "居民身份证";
    case foi::IdKind::kCreditCode:
      return "统一社会信用代码";
    case foi::IdKind::kOther:
      return "其他有效身份证件";
  }
  return "";
}

std::string_view due_text(foi::DueStatus s) {
  switch (s) {
    case foi::DueStatus::kOk:
      return "正常";
    case foi::DueStatus::kDueSoon:
      return "即将到期";
    case foi::DueStatus::kOverdue:
      return "已超期";
    case foi::DueStatus::kStopped:
      return "暂停计时";
    case foi::DueStatus::kUnknown:
      return "期限待定";
  }
  return "";
}

}  // namespace

std::string encode_draft_note(std::string_view note, const DraftDetails& d) {
  std::string out = trim(note);
  std::string lines;
  for (const auto& l : kDetailLabels) {
    const std::string v = one_line(d.*l.field);
    if (!v.empty()) lines += "\n" + std::string(l.label) + v;
  }
  if (!lines.empty()) out += (out.empty() ? "" : "\n") + std::string(kDetailsMarker) + lines;
  return out;
}

DraftDetails parse_draft_note(std::string_view note) {
  DraftDetails d;
  const size_t marker = note.find(kDetailsMarker);
  if (marker == std::string_view::npos) return d;
  std::string_view rest = note.substr(marker + kDetailsMarker.size());
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    for (const auto& l : kDetailLabels)
      if (line.starts_with(l.label)) d.*l.field = std::string(line.substr(l.label.size()));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return d;
}

std::string letter_number(std::string_view organ, std::string_view tracking_number) {
  // "DY2024-000012" → year 2024, serial 12.
  std::string year, serial;
  const size_t dash = tracking_number.rfind('-');
  if (dash != std::string_view::npos && dash >= 4) {
    year = std::string(tracking_number.substr(dash - 4, 4));
    int64_t n = 0;
    const auto tail = tracking_number.substr(dash + 1);
    if (std::from_chars(tail.data(), tail.data() + tail.size(), n).ec == std::errc())
      serial = std::to_string(n);
  }
  if (year.empty() || serial.empty()) return fmt::format("{}依申请公开告〔{}〕号", organ, tracking_number);
  return fmt::format("{}依申请公开告〔{}〕{}号", organ, year, serial);
}

std::optional<foi::Outcome> draft_outcome(const std::vector<foi::CaseEvent>& events) {
  std::optional<foi::Outcome> out;
  for (const auto& e : events) {
    if (e.type == CaseEventType::kDraftReply) out = e.data.outcome;
    if (e.type == CaseEventType::kLegalReviewReturned) out.reset();
  }
  return out;
}

bool has_replied(const std::vector<foi::CaseEvent>& events) {
  for (const auto& e : events)
    if (e.type == CaseEventType::kReplied) return true;
  return false;
}

Result<foi::ReplyLetterInput> letter_input(const foi::CaseView& v, std::string_view organ, Date today) {
  const foi::FoiCase& c = v.foi_case;
  foi::ReplyLetterInput in;
  std::optional<foi::Outcome> outcome =
      c.state == foi::CaseState::kClosed ? c.outcome : draft_outcome(v.events);
  if (!outcome) return fail(Error::failed_precondition("尚未拟定答复意见，无法生成答复书"));
  in.outcome = *outcome;
  in.organ = std::string(organ);
  in.letter_number = letter_number(organ, c.tracking_number);
  // The service gives the real name to the proven applicant and to staff who may see it.
  in.applicant_name = v.addressee.empty() ? c.applicant.name : v.addressee;
  in.applicant_is_organization = foi::is_organization(c.applicant.type);
  in.received = c.received_on;
  std::string sought = c.sought.title;
  if (!c.sought.doc_number.empty())
    sought += (sought.empty() ? "" : "（") + c.sought.doc_number + (sought.empty() ? "" : "）");
  if (sought.empty()) sought = c.sought.description;
  in.requested_information = sought;
  in.form_of_provision = std::string(foi::provision_form_label(c.form));
  in.reconsideration_body = std::string(kLetterDefaults.reconsideration_body);
  in.court = std::string(kLetterDefaults.court);
  in.reply_date = today;
  DraftDetails details;
  for (const auto& e : v.events) {
    switch (e.type) {
      case CaseEventType::kSupplementRequested:
        in.clarification_notice_date = e.date;
        in.clarification_deadline = e.data.deadline;
        break;
      case CaseEventType::kFeeNotice:
        in.fee_notice_date = e.date;
        in.fee_yuan = e.data.fee_yuan;
        break;
      case CaseEventType::kDraftReply:
        details = parse_draft_note(e.note);
        break;
      case CaseEventType::kReplied:
        in.reply_date = e.date;
        break;
      case CaseEventType::kTransferred:
        in.reply_date = e.date;
        in.competent_organ = e.data.to;
        break;
      default:
        break;
    }
  }
  if (in.reply_date && *in.reply_date < c.received_on) in.reply_date = c.received_on;
  if (!c.transferred_to.empty()) in.competent_organ = c.transferred_to;
  in.public_location = details.public_location;
  if (!details.withheld.empty() || !details.withheld_reason.empty())
    in.withheld_parts.push_back({details.withheld, details.withheld_reason});
  in.reasons = details.reasons;
  in.proper_channel = details.proper_channel;
  if (!details.previous_reply_date.empty()) in.previous_reply_date = Date::parse(details.previous_reply_date);
  in.previous_reply_number = details.previous_reply_number;
  // A plain disclosure provided in the requested form needs no location.
  if (in.outcome == foi::Outcome::kDisclosed && !in.public_location.empty()) in.form_of_provision.clear();
  return in;
}

bool is_public_event(CaseEventType t) {
  switch (t) {
    case CaseEventType::kExtensionRequested:
    case CaseEventType::kDraftReply:
    case CaseEventType::kLegalReviewPassed:
    case CaseEventType::kLegalReviewReturned:
    case CaseEventType::kApproved:
      return false;
    default:
      return true;
  }
}

std::string department_name(WebContext& ctx, DepartmentId id) {
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return "";
  for (const auto& d : *depts)
    if (d.id == id) return d.name;
  return "";
}

View outcome_options(std::optional<foi::Outcome> selected) {
  View list{View::type::list};
  for (const auto& o : foi::outcomes()) {
    // Closed by their own events, never drafted (case_event.h).
    if (o.outcome == foi::Outcome::kOtherNoClarification || o.outcome == foi::Outcome::kOtherFeeUnpaid)
      continue;
    View i;
    i.set("key", std::string(o.key));
    i.set("label", fmt::format("{} {}（{}）", o.row, o.label, o.article));
    i.set("selected", selected && *selected == o.outcome);
    list.push_back(i);
  }
  return list;
}

View applicant_view(const foi::Applicant& a) {
  View v;
  v.set("type", std::string(foi::applicant_type_label(a.type)));
  v.set("organization", foi::is_organization(a.type));
  v.set("name", a.name);
  v.set("id_kind", std::string(id_kind_label(a.id_kind)));
  v.set("id_number", a.id_number);
  v.set("phone", a.phone);
  v.set("email", a.email);
  v.set("address", a.address);
  v.set("contact", a.contact);
  return v;
}

View case_view(WebContext& ctx, const foi::FoiCase& c) {
  View v;
  v.set("id", std::to_string(c.id.value));
  v.set("tracking_number", c.tracking_number);
  v.set("department", department_name(ctx, c.department));
  v.set("state", std::string(foi::case_state_key(c.state)));
  v.set("state_label", std::string(foi::case_state_label(c.state)));
  v.set("closed", c.state == foi::CaseState::kClosed);
  v.set("channel", std::string(foi::channel_label(c.channel)));
  v.set("received_on", c.received_on.to_string());
  if (c.submitted) v.set("submitted", c.submitted->to_string());
  if (c.signed_on) v.set("signed_on", c.signed_on->to_string());
  if (c.confirmed) v.set("confirmed", c.confirmed->to_string());
  v.set("title", c.sought.title);
  v.set("doc_number", c.sought.doc_number);
  v.set("description", c.sought.description);
  v.set("form", std::string(foi::provision_form_label(c.form)));
  v.set("delivery", std::string(foi::delivery_label(c.delivery)));
  v.set("version", std::to_string(c.version));
  if (c.outcome) {
    const auto& oi = foi::info(*c.outcome);
    v.set("outcome", fmt::format("{} {}", oi.row, oi.label));
  }
  if (c.closed_on) v.set("closed_on", c.closed_on->to_string());
  if (!c.transferred_to.empty()) v.set("transferred_to", c.transferred_to);
  if (c.fee_method)
    v.set("fee_method", std::string(c.fee_method == foi::FeeMethod::kPerPage ? "按量计收" : "按件计收"));
  return v;
}

View events_view(const std::vector<foi::CaseEvent>& events, bool public_only) {
  View list{View::type::list};
  for (const auto& e : events) {
    if (public_only && !is_public_event(e.type)) continue;
    View i;
    i.set("seq", std::to_string(e.seq));
    i.set("type", std::string(foi::case_event_key(e.type)));
    i.set("label", std::string(foi::case_event_label(e.type)));
    i.set("date", e.date.to_string());
    std::vector<std::string> facts;
    if (e.data.deadline) facts.push_back("补正期限 " + e.data.deadline->to_string());
    if (e.data.fee_method)
      facts.push_back(e.data.fee_method == foi::FeeMethod::kPerPage ? "按量计收" : "按件计收");
    if (e.data.fee_units) facts.push_back(fmt::format("计费数量 {}", *e.data.fee_units));
    if (e.data.fee_yuan) facts.push_back(fmt::format("费用 {} 元", *e.data.fee_yuan));
    if (e.data.outcome) {
      const auto& oi = foi::info(*e.data.outcome);
      facts.push_back(fmt::format("办理结果 {} {}", oi.row, oi.label));
    }
    if (e.data.delivery) facts.push_back("送达方式 " + std::string(foi::delivery_label(*e.data.delivery)));
    if (!e.data.to.empty()) facts.push_back("转至 " + e.data.to);
    std::string f;
    for (const auto& s : facts) f += (f.empty() ? "" : "；") + s;
    i.set("facts", f);
    if (!public_only) {
      i.set("note", e.note);
      i.set("actor", e.actor);
      i.set("recorded_at", e.recorded_at.to_local_display());
    }
    list.push_back(i);
  }
  return list;
}

View clock_view(const std::optional<foi::ClockResult>& clock, std::string_view clock_error, bool closed) {
  View v;
  v.set("closed", closed);
  if (closed) return v;
  if (!clock) {
    v.set("error", clock_error.empty() ? std::string("答复期限暂时无法计算") : std::string(clock_error));
    return v;
  }
  v.set("receipt_date", clock->receipt_date.to_string());
  v.set("clock_start", clock->clock_start.to_string());
  if (clock->due) v.set("due", clock->due->to_string());
  if (clock->base_due) v.set("base_due", clock->base_due->to_string());
  v.set("extended", clock->extended);
  v.set("paused_working_days", std::to_string(clock->paused_working_days));
  v.set("has_pause", clock->paused_working_days > 0);
  v.set("awaiting_supplement", clock->state == foi::ClockState::kAwaitingSupplement);
  v.set("awaiting_fee", clock->state == foi::ClockState::kAwaitingFee);
  if (clock->fee_payment_due) v.set("fee_payment_due", clock->fee_payment_due->to_string());
  View lines{View::type::list};
  for (const auto& l : clock->explanation) lines.push_back(View(l));
  v.set("explanation", lines);
  View warnings{View::type::list};
  for (const auto& w : clock->warnings) warnings.push_back(View(w));
  v.set("warnings", warnings);
  v.set("has_warnings", !clock->warnings.empty());
  return v;
}

View due_view(const foi::DueInfo& d) {
  View v;
  if (d.due) v.set("date", d.due->to_string());
  v.set("status", std::string(foi::due_status_key(d.status)));
  v.set("status_text", std::string(due_text(d.status)));
  v.set("overdue", d.status == foi::DueStatus::kOverdue);
  v.set("due_soon", d.status == foi::DueStatus::kDueSoon);
  if (d.due && d.status != foi::DueStatus::kUnknown) {
    v.set("days_left", d.working_days_left >= 0 ? fmt::format("{} 个工作日", d.working_days_left)
                                                : fmt::format("超期 {} 个工作日", -d.working_days_left));
  } else if (d.status == foi::DueStatus::kStopped) {
    v.set("days_left", std::string(d.clock_state == foi::ClockState::kAwaitingFee ? "待缴费" : "待补正"));
  }
  return v;
}

}  // namespace gk::web::foi_pages
