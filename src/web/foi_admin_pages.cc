#include "web/foi_admin_pages.h"

#include <charconv>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/permission.h"
#include "core/utf8.h"
#include "foi/case_view.h"
#include "foi/icalendar.h"
#include "foi/reading_room.h"
#include "foi/reply_letter.h"
#include "web/account_pages.h"
#include "web/foi_pages.h"
#include "web/foi_views.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Permission;
using accounts::Principal;
using foi::CaseEventType;
using namespace foi_pages;

Error not_wired() { return Error::unavailable("foi service is not configured"); }

// One handling step as the case page offers it.
struct StepDef {
  CaseEventType type;
  std::string_view button;
  std::string_view hint;  // the rule, shown under the button
  bool deadline = false, fee = false, outcome = false, delivery = false, to = false, note_required = false;
};

// In the order a case usually runs. Which are offered is decided by the state machine (foi::step)
// and the principal's permission for the case's department (permission_for).
const StepDef kSteps[] = {
    {CaseEventType::kSupplementRequested, "发出补正告知",
     "条例第三十条：一次性告知需要补正的事项和合理的补正期限；收到申请之日起 7 个工作日内发出。", true},
    {CaseEventType::kSupplementReceived, "收到补正材料",
     "自收到补正材料之日起重新计算答复期限（条例第三十条）。"},
    {CaseEventType::kAbandonedNoSupplement, "逾期未补正，视为放弃申请",
     "补正期限届满后方可记录（条例第三十条）。"},
    {CaseEventType::kThirdPartySent, "征求第三方意见",
     "条例第三十二条：第三方 15 "
     "个工作日内提出意见，逾期未提出的由本机关依法决定；征求意见时间不计入答复期限。"},
    {CaseEventType::kThirdPartyReplied, "第三方意见已收到", ""},
    {CaseEventType::kAgencyConsultSent, "征求其他机关意见",
     "条例第三十四条：被征求意见机关 15 个工作日内提出意见，逾期未提出的视为同意公开。"},
    {CaseEventType::kAgencyConsultReplied, "其他机关意见已收到", ""},
    {CaseEventType::kExtensionRequested, "申请延期答复",
     "条例第三十三条第二款：需要延长答复期限的，经政府信息公开工作机构负责人同意，延长期限最长不超过 20 "
     "个工作日。"},
    {CaseEventType::kExtensionApproved, "批准延期并告知申请人", "答复期限顺延 20 个工作日。"},
    {CaseEventType::kFeeNotice, "发出收费通知",
     "国办函〔2020〕109号：同一申请只能按件或按量一种方式计收；申请人自收到通知次日起 20 "
     "个工作日内缴费，其间不计入答复期限。",
     false, true},
    {CaseEventType::kFeePaid, "申请人已缴费", ""},
    {CaseEventType::kFeeUnpaidAbandoned, "逾期未缴费，视为放弃申请", "缴费期限届满后方可记录。"},
    {CaseEventType::kExcessiveReasonsRequested, "要求申请人说明理由",
     "条例第三十五条：申请数量、频次明显超过合理范围的，可以要求申请人说明理由。"},
    {CaseEventType::kDraftReply, "提交答复意见", "办理结果须为年度报告表中的一项；答复书依此生成。", false,
     false, true},
    {CaseEventType::kLegalReviewPassed, "法制审核通过", ""},
    {CaseEventType::kLegalReviewReturned, "法制审核退回", "退回须说明理由。", false, false, false, false,
     false, true},
    {CaseEventType::kApproved, "审批同意答复", ""},
    {CaseEventType::kReplied, "答复已送达", "记录送达方式与送达日期。", false, false, false, true},
    {CaseEventType::kTransferred, "告知向有关机关申请",
     "条例第三十六条第（五）项：告知申请人负责公开该信息的机关名称和联系方式。", false, false, false, false,
     true},
    {CaseEventType::kWithdrawn, "申请人撤回申请", ""},
};

Permission permission_for(CaseEventType t) {
  switch (t) {
    case CaseEventType::kExtensionApproved:
    case CaseEventType::kApproved:
      return Permission::kApproveFoiCase;
    case CaseEventType::kLegalReviewPassed:
    case CaseEventType::kLegalReviewReturned:
      return Permission::kReviewFoiCase;
    default:
      return Permission::kHandleFoiCase;
  }
}

std::optional<int64_t> to_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<FoiCaseId> case_id(const http::Request& req) {
  auto v = to_int(req.param("id"));
  if (!v || *v <= 0) return std::nullopt;
  return FoiCaseId(*v);
}

// Errors an officer can fix on the page (input, a step out of order, a stale version).
bool shown_inline(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kConflict:
    case ErrorCode::kFailedPrecondition:
      return true;
    default:
      return false;
  }
}

// Whether the state machine would accept a step of type `t` now (data errors aside).
bool step_allowed(const foi::CaseProgress& p, CaseEventType t, Date today) {
  foi::CaseEvent e;
  e.type = t;
  e.date = today < p.received_on ? p.received_on : today;
  e.note = "x";
  e.data.deadline = e.date.plus_days(30);
  e.data.fee_method = p.fee_method.value_or(foi::FeeMethod::kPerRequest);
  e.data.fee_units = 1;
  e.data.outcome = foi::Outcome::kDisclosed;
  e.data.delivery = foi::Delivery::kPost;
  e.data.to = "x";
  auto r = foi::step(p, e);
  return r || r.error().code() != ErrorCode::kConflict;
}

// A failed step form: which one, what was typed, the error.
struct Failed {
  std::string type;
  const Form* form = nullptr;
  const Error* error = nullptr;
};

View step_forms(const foi::CaseView& cv, const Principal& p, Date today, const std::string& csrf,
                const Failed& failed) {
  View list{View::type::list};
  auto progress = foi::replay(cv.events);
  if (!progress) return list;
  for (const auto& s : kSteps) {
    if (!accounts::authorize(&p, permission_for(s.type), cv.foi_case.department)) continue;
    if (!step_allowed(*progress, s.type, today)) continue;
    const std::string key(foi::case_event_key(s.type));
    const bool mine = failed.type == key && failed.form;
    auto typed = [&](std::string_view name, std::string dflt = "") {
      return mine ? failed.form->get(name) : dflt;
    };
    View f;
    f.set("type", key);
    f.set("case_id", std::to_string(cv.foi_case.id.value));
    f.set("button", std::string(s.button));
    f.set("hint", std::string(s.hint));
    f.set("version", std::to_string(cv.foi_case.version));
    f.set("csrf", csrf);
    f.set("date", typed("date", today.to_string()));
    f.set("note", typed("note"));
    f.set("note_required", s.note_required);
    if (s.deadline) {
      f.set("has_deadline", true);
      f.set("deadline_value", typed("deadline", today.plus_days(15).to_string()));
    }
    if (s.fee) {
      f.set("has_fee", true);
      const std::string method =
          typed("fee_method",
                progress->fee_method ? std::string(foi::fee_method_key(*progress->fee_method)) : "per_page");
      f.set("per_page_checked", method == "per_page");
      f.set("per_request_checked", method == "per_request");
      f.set("fee_fixed", progress->fee_method.has_value());
      f.set("pages", typed("pages"));
    }
    if (s.outcome) {
      f.set("has_outcome", true);
      f.set("outcomes", outcome_options(foi::parse_outcome(typed("outcome"))));
      for (const char* k : {"public_location", "withheld", "withheld_reason", "reasons", "proper_channel",
                            "previous_reply_date", "previous_reply_number"})
        f.set(k, typed(k));
    }
    if (s.delivery) {
      f.set("has_delivery", true);
      View ds{View::type::list};
      const std::string chosen = typed("delivery", std::string(foi::delivery_key(cv.foi_case.delivery)));
      for (auto d :
           {foi::Delivery::kPost, foi::Delivery::kEmail, foi::Delivery::kCollect, foi::Delivery::kOnline}) {
        View i;
        i.set("key", std::string(foi::delivery_key(d)));
        i.set("label", std::string(foi::delivery_label(d)));
        i.set("selected", foi::delivery_key(d) == chosen);
        ds.push_back(i);
      }
      f.set("deliveries", ds);
    }
    if (s.to) {
      f.set("has_to", true);
      f.set("to", typed("to"));
    }
    if (mine && failed.error) {
      put_errors(f, *failed.error);
      f.set("open", true);
    }
    list.push_back(f);
  }
  return list;
}

View remedies_view(const foi::CaseView& cv, bool can_manage, const std::string& csrf, const Failed& failed) {
  auto kind_options = [](std::string_view selected) {
    View l{View::type::list};
    for (auto k : {foi::RemedyKind::kReconsideration, foi::RemedyKind::kLitigationDirect,
                   foi::RemedyKind::kLitigationAfterReconsideration}) {
      View i;
      i.set("key", std::string(foi::remedy_kind_key(k)));
      i.set("label", std::string(foi::remedy_kind_label(k)));
      i.set("selected", foi::remedy_kind_key(k) == selected);
      l.push_back(i);
    }
    return l;
  };
  auto outcome_opts = [](std::string_view selected) {
    View l{View::type::list};
    for (auto o : {foi::RemedyOutcome::kPending, foi::RemedyOutcome::kUpheld, foi::RemedyOutcome::kCorrected,
                   foi::RemedyOutcome::kOther}) {
      View i;
      i.set("key", std::string(foi::remedy_outcome_key(o)));
      i.set("label", std::string(foi::remedy_outcome_label(o)));
      i.set("selected", foi::remedy_outcome_key(o) == selected);
      l.push_back(i);
    }
    return l;
  };
  View v;
  View list{View::type::list};
  for (const auto& r : cv.remedies) {
    const std::string key = "remedy-" + std::to_string(r.id.value);
    const bool mine = failed.type == key && failed.form;
    View i;
    i.set("id", std::to_string(r.id.value));
    i.set("case_id", std::to_string(cv.foi_case.id.value));
    i.set("kind", std::string(foi::remedy_kind_label(r.kind)));
    i.set("kind_key", std::string(foi::remedy_kind_key(r.kind)));
    i.set("filed", r.filed.to_string());
    i.set("decided", mine ? failed.form->get("decided") : (r.decided ? r.decided->to_string() : ""));
    i.set("outcome", std::string(foi::remedy_outcome_label(r.outcome)));
    i.set("outcomes", outcome_opts(mine ? failed.form->get("outcome") : foi::remedy_outcome_key(r.outcome)));
    i.set("note", r.note);
    i.set("version", std::to_string(r.version));
    i.set("can_manage", can_manage);
    i.set("csrf", csrf);
    if (mine && failed.error) put_errors(i, *failed.error);
    list.push_back(i);
  }
  v.set("items", list);
  v.set("has_items", !cv.remedies.empty());
  v.set("can_manage", can_manage);
  View add;
  const bool mine = failed.type == "remedy" && failed.form;
  add.set("kinds", kind_options(mine ? failed.form->get("kind") : "reconsideration"));
  add.set("outcomes", outcome_opts(mine ? failed.form->get("outcome") : "pending"));
  for (const char* k : {"filed", "decided", "note"}) add.set(k, mine ? failed.form->get(k) : "");
  add.set("csrf", csrf);
  add.set("case_id", std::to_string(cv.foi_case.id.value));
  if (mine && failed.error) put_errors(add, *failed.error);
  v.set("add", add);
  return v;
}

http::Response case_page(WebContext& ctx, http::Request& req, const Principal& p, FoiCaseId id,
                         const Failed& failed, std::string flash, std::string flash_kind) {
  // The unmasked view is asked for explicitly (and audited by the service), never by default.
  auto cv = ctx.foi->get(p, id, request_context(req), req.query_param("reveal").value_or("") == "1");
  if (!cv) return error_page(ctx, req, cv.error());
  const bool may_reveal = cv->may_reveal;
  const bool reveal = !cv->masked;
  const foi::Applicant& shown = cv->foi_case.applicant;
  const std::string csrf = visitor_of(req).csrf_token;
  const Date today = ctx.clock.today();
  View view;
  view.set("case", case_view(ctx, cv->foi_case));
  view.set("applicant", applicant_view(shown));
  view.set("may_reveal", may_reveal && !reveal);
  view.set("revealed", reveal);
  view.set("events", events_view(cv->events, /*public_only=*/false));
  auto clock = ctx.views.render(
      "foi_clock", clock_view(cv->clock, cv->clock_error, cv->foi_case.state == foi::CaseState::kClosed));
  if (!clock) return error_page(ctx, req, clock.error());
  view.set("clock_html", *clock);
  if (auto repeats = ctx.foi->possible_repeats(p, id); repeats && !repeats->empty()) {
    View list{View::type::list};
    for (const auto& s : *repeats) {
      View i;
      i.set("id", std::to_string(s.id.value));
      i.set("text", s.text);
      if (s.outcome) i.set("outcome", std::string(foi::info(*s.outcome).label));
      if (s.closed_on) i.set("closed_on", s.closed_on->to_string());
      i.set("score", fmt::format("{:.0f}%", s.score * 100));
      list.push_back(i);
    }
    view.set("repeats", list);
    view.set("has_repeats", true);
  }
  View steps = step_forms(*cv, p, today, csrf, failed);
  view.set("has_steps", !steps.list_value().empty());
  view.set("steps", steps);
  const bool can_remedy =
      static_cast<bool>(accounts::authorize(&p, Permission::kManageFoiRemedies, cv->foi_case.department));
  view.set("remedies", remedies_view(*cv, can_remedy, csrf, failed));
  const bool has_outcome = cv->foi_case.state == foi::CaseState::kClosed
                               ? cv->foi_case.outcome.has_value()
                               : draft_outcome(cv->events).has_value();
  view.set("has_letter", has_outcome);
  view.set("letter_sent", has_replied(cv->events));
  view.set("reading_room", ctx.reading_room && cv->foi_case.state == foi::CaseState::kClosed &&
                               cv->foi_case.outcome && foi::releases_information(*cv->foi_case.outcome));
  if (failed.error && failed.type.starts_with("remedy")) view.set("remedy_error", failed.error->message());
  auto opts = admin_page("依申请公开 " + cv->foi_case.tracking_number,
                         failed.error ? http_status_for(failed.error->code()) : 200);
  opts.flash = std::move(flash);
  opts.flash_kind = std::move(flash_kind);
  return render_page(ctx, req, "foi_admin_case", view, opts);
}

Result<foi::NewEvent> new_event(const Form& f) {
  foi::NewEvent ev;
  auto type = foi::parse_case_event(f.get("type"));
  if (!type) return fail(Error::invalid_field("type", "未知的办理步骤"));
  ev.type = *type;
  auto date = Date::parse(trim(f.get("date")));
  if (!date) return fail(Error::invalid_field("date", "请填写日期（YYYY-MM-DD）"));
  ev.date = *date;
  ev.note = trim(f.get("note"));
  if (ev.type == CaseEventType::kSupplementRequested) {
    auto d = Date::parse(trim(f.get("deadline")));
    if (!d) return fail(Error::invalid_field("deadline", "请填写补正期限（YYYY-MM-DD）"));
    ev.data.deadline = *d;
  }
  if (ev.type == CaseEventType::kFeeNotice) {
    auto m = foi::parse_fee_method(f.get("fee_method"));
    if (!m) return fail(Error::invalid_field("fee_method", "请选择按件或按量计收"));
    ev.data.fee_method = *m;
    if (*m == foi::FeeMethod::kPerPage) {
      auto pages = to_int(trim(f.get("pages")));
      if (!pages || *pages <= 0) return fail(Error::invalid_field("pages", "按量计收须填写页数（正整数）"));
      ev.data.fee_units = *pages;
    }
  }
  if (ev.type == CaseEventType::kDraftReply) {
    auto o = foi::parse_outcome(f.get("outcome"));
    if (!o) return fail(Error::invalid_field("outcome", "请选择办理结果"));
    ev.data.outcome = *o;
    DraftDetails d{f.get("public_location"),      f.get("withheld"),
                   f.get("withheld_reason"),      f.get("reasons"),
                   f.get("proper_channel"),       trim(f.get("previous_reply_date")),
                   f.get("previous_reply_number")};
    if (!d.previous_reply_date.empty() && !Date::parse(d.previous_reply_date))
      return fail(Error::invalid_field("previous_reply_date", "不是有效日期（YYYY-MM-DD）"));
    if (*o == foi::Outcome::kPartiallyDisclosed &&
        (trim(d.withheld).empty() || trim(d.withheld_reason).empty())) {
      std::vector<FieldError> errs;
      if (trim(d.withheld).empty()) errs.push_back({"withheld", "部分公开须写明不予公开的内容"});
      if (trim(d.withheld_reason).empty())
        errs.push_back({"withheld_reason", "部分公开须写明不予公开的理由及依据"});
      return fail(Error::invalid("答复书要素不完整（条例第三十七条）", std::move(errs)));
    }
    ev.note = encode_draft_note(ev.note, d);
  }
  if (ev.type == CaseEventType::kReplied) {
    auto d = foi::parse_delivery(f.get("delivery"));
    if (!d) return fail(Error::invalid_field("delivery", "请选择送达方式"));
    ev.data.delivery = *d;
  }
  if (ev.type == CaseEventType::kTransferred) ev.data.to = trim(f.get("to"));
  return ev;
}

std::string_view done_message(std::string_view key) {
  if (key == "registered") return "申请已登记。";
  if (key == "remedy") return "复议、诉讼信息已保存。";
  return "已记录。";
}

http::Response letter(WebContext& ctx, http::Request& req, bool pdf) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = case_id(req);
  if (!id) return error_page(ctx, req, Error::not_found("案件不存在"));
  auto cv = ctx.foi->get(*p, *id, request_context(req));
  if (!cv) return error_page(ctx, req, cv.error());
  auto in = letter_input(*cv, department_name(ctx, cv->foi_case.department), ctx.clock.today());
  if (!in) return error_page(ctx, req, in.error());
  auto bytes = pdf ? foi::render_reply_letter_pdf(*in) : foi::render_reply_letter_docx(*in);
  if (!bytes) {
    if (bytes.error().code() == ErrorCode::kInvalidArgument) {
      // The draft lacks what this outcome's letter needs: say which, on the case page.
      return case_page(ctx, req, *p, *id, {},
                       "答复书无法生成：" + bytes.error().message() + "。请退回后补充答复意见。", "error");
    }
    return error_page(ctx, req, bytes.error());
  }
  return letter_response(std::move(*bytes), pdf, cv->foi_case.tracking_number);
}

// Every open case in scope (the queue pages through at most 500 at a time).
Result<std::vector<foi::QueueItem>> all_open(WebContext& ctx, const Principal& p) {
  std::vector<foi::QueueItem> out;
  for (int page = 1;; ++page) {
    GK_TRY_ASSIGN(q, ctx.foi->queue(p, {.department = std::nullopt, .page = page, .per_page = 500}));
    for (auto& i : q.items) out.push_back(std::move(i));
    if (static_cast<int64_t>(out.size()) >= q.total || q.items.empty()) break;
  }
  return out;
}

}  // namespace

http::Response admin_foi_queue(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto items = all_open(ctx, *p);
  if (!items) return error_page(ctx, req, items.error());
  const std::string state = req.query_param("state").value_or("");
  View states{View::type::list};
  for (auto s : {foi::CaseState::kOpen, foi::CaseState::kAwaitingSupplement, foi::CaseState::kAwaitingFee,
                 foi::CaseState::kDrafted, foi::CaseState::kReviewed, foi::CaseState::kApproved}) {
    View o;
    o.set("key", std::string(foi::case_state_key(s)));
    o.set("label", std::string(foi::case_state_label(s)));
    o.set("selected", foi::case_state_key(s) == state);
    states.push_back(o);
  }
  View rows{View::type::list};
  int overdue = 0, soon = 0;
  for (const auto& i : *items) {
    if (!state.empty() && foi::case_state_key(i.foi_case.state) != state) continue;
    View r = case_view(ctx, i.foi_case);
    r.set("applicant_type", std::string(foi::applicant_type_label(i.foi_case.applicant.type)));
    r.set("due", due_view(i.due));
    overdue += i.due.status == foi::DueStatus::kOverdue;
    soon += i.due.status == foi::DueStatus::kDueSoon;
    rows.push_back(r);
  }
  View view;
  view.set("rows", rows);
  view.set("count", std::to_string(rows.list_value().size()));
  view.set("has_rows", !rows.list_value().empty());
  view.set("overdue", std::to_string(overdue));
  view.set("due_soon", std::to_string(soon));
  view.set("states", states);
  view.set("city_wide", p->is_city_wide());
  view.set("can_register",
           static_cast<bool>(accounts::authorize(&*p, Permission::kHandleFoiCase, p->department)));
  view.set("scope", p->is_city_wide() ? std::string("全市") : p->department_name);
  view.set("conversions", ctx.conversions != nullptr);
  view.set("reading_room", ctx.reading_room != nullptr);
  // In-site reminders (5, 3, 1 working days left, overdue) written by the daily reminder job.
  View notes{View::type::list};
  if (auto list = ctx.foi->notifications(*p, 20)) {
    for (const auto& n : *list) {
      View item;
      item.set("message", n.message);
      item.set("overdue", n.kind == "reminder:overdue");
      item.set("case_id", std::to_string(n.case_id.value));
      item.set("at", n.created_at.local_date().to_string());
      notes.push_back(item);
    }
  }
  view.set("has_notifications", !notes.list_value().empty());
  view.set("notifications", notes);
  return render_page(ctx, req, "foi_admin_queue", view, admin_page("依申请公开办理"));
}

http::Response admin_foi_new_form(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  View fields = intake_form_view(ctx, nullptr, true, p->department);
  fields.set("confirmed", ctx.clock.today().to_string());
  fields.set("submitted", ctx.clock.today().to_string());
  auto html = ctx.views.render("foi_intake_fields", fields);
  if (!html) return error_page(ctx, req, html.error());
  View view;
  view.set("fields_html", *html);
  view.set("csrf", visitor_of(req).csrf_token);
  return render_page(ctx, req, "foi_admin_new", view, admin_page("登记依申请公开申请"));
}

http::Response admin_foi_register(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  auto result = ctx.foi->submit(&*p, intake_from(ctx, *form), request_context(req));
  if (!result) {
    if (result.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, result.error());
    View fields = intake_form_view(ctx, &*form, true, p->department);
    put_errors(fields, result.error());
    auto html = ctx.views.render("foi_intake_fields", fields);
    if (!html) return error_page(ctx, req, html.error());
    View view;
    view.set("fields_html", *html);
    view.set("csrf", visitor_of(req).csrf_token);
    view.set("error", result.error().message());
    return render_page(ctx, req, "foi_admin_new", view, admin_page("登记依申请公开申请", 400));
  }
  View view;
  view.set("tracking_number", result->tracking_number);
  view.set("query_code", result->query_code);
  view.set("received_on", result->received_on.to_string());
  if (result->due) view.set("due", result->due->to_string());
  view.set("department", department_name(ctx, intake_from(ctx, *form).department));
  view.set("case_href", fmt::format("/admin/foi/{}", result->id.value));
  return render_page(ctx, req, "foi_apply_done", view, admin_page("申请已登记"));
}

http::Response admin_foi_calendar(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto items = all_open(ctx, *p);
  if (!items) return error_page(ctx, req, items.error());
  foi::IcsCalendar cal;
  cal.name = (p->is_city_wide() ? std::string("全市") : p->department_name) + " 依申请公开答复期限";
  cal.stamp = ctx.clock.now();
  std::string base;
  if (auto host = req.headers.get("Host");
      host && !host->empty() && host->find_first_of(" \r\n/") == std::string_view::npos)
    base = std::string(req.secure ? "https://" : "http://") + std::string(*host);
  for (const auto& i : *items) {
    if (!i.due.due) continue;
    foi::IcsEvent e;
    e.uid = fmt::format("foi-case-{}@gongkai", i.foi_case.id.value);
    e.date = *i.due.due;
    e.summary = "依申请公开答复期限 " + i.foi_case.tracking_number;
    std::string sought =
        i.foi_case.sought.title.empty() ? i.foi_case.sought.description : i.foi_case.sought.title;
    e.description = fmt::format("{}\n{}\n状态：{}", sought, department_name(ctx, i.foi_case.department),
                                foi::case_state_label(i.foi_case.state));
    if (!base.empty()) e.url = fmt::format("{}/admin/foi/{}", base, i.foi_case.id.value);
    cal.events.push_back(std::move(e));
  }
  http::Response res = http::Response::text(foi::render_icalendar(cal));
  res.headers.set("Content-Type", "text/calendar; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"foi-due-dates.ics\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

http::Response admin_foi_case(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = case_id(req);
  if (!id) return error_page(ctx, req, Error::not_found("案件不存在"));
  std::string flash;
  if (auto done = req.query_param("done")) flash = std::string(done_message(*done));
  return case_page(ctx, req, *p, *id, {}, flash, "ok");
}

http::Response admin_foi_event(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = case_id(req);
  if (!id) return error_page(ctx, req, Error::not_found("案件不存在"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  const std::string type = form->get("type");
  auto version = to_int(form->get("version"));
  Result<foi::EventResult> result = fail(Error::invalid_field("version", "缺少版本号，请刷新页面后重试"));
  if (version) {
    auto ev = new_event(*form);
    result = ev ? ctx.foi->record_event(*p, *id, static_cast<int>(*version), *ev, request_context(req))
                : Result<foi::EventResult>(fail(ev.error()));
  }
  if (!result) {
    if (!shown_inline(result.error())) return error_page(ctx, req, result.error());
    return case_page(ctx, req, *p, *id, {type, &*form, &result.error()}, result.error().message(), "error");
  }
  if (!result->warnings.empty()) {
    std::string w;
    for (const auto& s : result->warnings) w += (w.empty() ? "" : "；") + s;
    return case_page(ctx, req, *p, *id, {}, "已记录。请注意：" + w, "warning");
  }
  return http::Response::redirect(fmt::format("/admin/foi/{}?done={}#clock", id->value, type));
}

http::Response admin_foi_remedy_add(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = case_id(req);
  if (!id) return error_page(ctx, req, Error::not_found("案件不存在"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  foi::RemedyInput in{form->get("kind"), trim(form->get("filed")), trim(form->get("decided")),
                      form->get("outcome"), form->get("note")};
  auto r = ctx.foi->add_remedy(*p, *id, in, request_context(req));
  if (!r) {
    if (!shown_inline(r.error())) return error_page(ctx, req, r.error());
    return case_page(ctx, req, *p, *id, {"remedy", &*form, &r.error()}, r.error().message(), "error");
  }
  return http::Response::redirect(fmt::format("/admin/foi/{}?done=remedy#remedies", id->value));
}

http::Response admin_foi_remedy_update(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = case_id(req);
  auto rid = to_int(req.param("rid"));
  if (!id || !rid || *rid <= 0) return error_page(ctx, req, Error::not_found("记录不存在"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  auto version = to_int(form->get("version"));
  foi::RemedyInput in{form->get("kind"), trim(form->get("filed")), trim(form->get("decided")),
                      form->get("outcome"), form->get("note")};
  Status st = version ? ctx.foi->update_remedy(*p, FoiRemedyId(*rid), static_cast<int>(*version), in,
                                               request_context(req))
                      : Status(fail(Error::invalid_field("version", "缺少版本号")));
  if (!st) {
    if (!shown_inline(st.error())) return error_page(ctx, req, st.error());
    return case_page(ctx, req, *p, *id, {"remedy-" + std::to_string(*rid), &*form, &st.error()},
                     st.error().message(), "error");
  }
  return http::Response::redirect(fmt::format("/admin/foi/{}?done=remedy#remedies", id->value));
}

http::Response admin_foi_letter_pdf(WebContext& ctx, http::Request& req) { return letter(ctx, req, true); }
http::Response admin_foi_letter_docx(WebContext& ctx, http::Request& req) { return letter(ctx, req, false); }

}  // namespace gk::web
