#include "web/foi_pages.h"

#include <charconv>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/utf8.h"
#include "foi/reply_letter.h"
#include "web/account_pages.h"
#include "web/foi_views.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using foi_pages::intake_form_view;
using foi_pages::intake_from;

Error not_wired() { return Error::unavailable("foi service is not configured"); }

struct Option {
  std::string_view key;
  std::string_view label;
};
constexpr Option kIdKinds[] = {
    {"resident_id", "居民身份证"}, {"credit_code", "统一社会信用代码"}, {"other", "其他有效身份证件"}};
constexpr Option kChannels[] = {{"in_person", "当面提交"},     {"post_signed", "邮寄（需签收）"},
                                {"post_unsigned", "平常信函"}, {"fax", "传真"},
                                {"email", "电子邮件"},         {"online", "网上申请"}};

View options(std::span<const Option> list, std::string_view selected) {
  View out{View::type::list};
  for (const auto& o : list) {
    View i;
    i.set("key", std::string(o.key));
    i.set("label", std::string(o.label));
    i.set("selected", o.key == selected);
    out.push_back(i);
  }
  return out;
}

http::Response apply_page(WebContext& ctx, http::Request& req, const Form* form, const Error* error,
                          bool preview, int status) {
  View fields = intake_form_view(ctx, form, false, DepartmentId());
  if (error) put_errors(fields, *error);
  View view;
  view.set("csrf", visitor_of(req).csrf_token);
  if (error) view.set("error", error->message());
  auto html = ctx.views.render("foi_intake_fields", fields);
  if (!html) return error_page(ctx, req, html.error());
  view.set("fields_html", *html);
  if (preview && form) {
    view.set("preview", true);
    const std::string text =
        form->get("title") + " " + form->get("doc_number") + " " + form->get("description");
    auto similar = ctx.foi->similar_answered(text, 5);
    View list{View::type::list};
    if (similar) {
      for (const auto& s : *similar) {
        View i;
        i.set("text", s.text);
        i.set("department", foi_pages::department_name(ctx, s.department));
        if (s.outcome) {
          const auto& oi = foi::info(*s.outcome);
          i.set("outcome", fmt::format("{} {}", oi.row, oi.label));
        }
        if (s.closed_on) i.set("closed_on", s.closed_on->to_string());
        list.push_back(i);
      }
    }
    view.set("has_similar", similar && !similar->empty());
    view.set("similar", list);
  }
  PageOptions opts;
  opts.title = "政府信息公开申请";
  opts.status = status;
  return render_page(ctx, req, "foi_apply", view, opts);
}

// The applicant's view of a case (tracking page and /account/foi/{id}). `letter` describes how the
// letter can be fetched: hidden fields for the POST form, or account links.
http::Response track_case_page(WebContext& ctx, http::Request& req, const foi::CaseView& cv, View letter) {
  View view;
  view.set("case", foi_pages::case_view(ctx, cv.foi_case));
  view.set("events", foi_pages::events_view(cv.events, /*public_only=*/true));
  auto clock = ctx.views.render(
      "foi_clock",
      foi_pages::clock_view(cv.clock, cv.clock_error, cv.foi_case.state == foi::CaseState::kClosed));
  if (!clock) return error_page(ctx, req, clock.error());
  view.set("clock_html", *clock);
  const std::string csrf = visitor_of(req).csrf_token;
  if (foi_pages::has_replied(cv.events)) {
    letter.set("csrf", csrf);
    view.set("letter", letter);
  }
  view.set("csrf", csrf);
  PageOptions opts;
  opts.title = "申请办理进度 " + cv.foi_case.tracking_number;
  return render_page(ctx, req, "foi_track", view, opts);
}

http::Response track_form_page(WebContext& ctx, http::Request& req, const std::string& tracking,
                               const std::string& error, int status) {
  View view;
  View form;
  form.set("tracking_number", tracking);
  if (!error.empty()) form.set("error", error);
  view.set("form", form);
  view.set("csrf", visitor_of(req).csrf_token);
  PageOptions opts;
  opts.title = "查询申请办理进度";
  opts.status = status;
  return render_page(ctx, req, "foi_track", view, opts);
}

// Builds and renders the letter of `cv`.
http::Response letter_of(WebContext& ctx, http::Request& req, const foi::CaseView& cv, bool pdf) {
  if (!foi_pages::has_replied(cv.events)) return error_page(ctx, req, Error::not_found("答复书尚未送达"));
  auto in =
      foi_pages::letter_input(cv, foi_pages::department_name(ctx, cv.foi_case.department), ctx.clock.today());
  if (!in) return error_page(ctx, req, in.error());
  auto bytes = pdf ? foi::render_reply_letter_pdf(*in) : foi::render_reply_letter_docx(*in);
  if (!bytes) {
    // The letter was approved from these very facts; a failure here is ours, not the applicant's.
    spdlog::error("foi letter {}: {}", cv.foi_case.tracking_number, bytes.error().to_string());
    return error_page(ctx, req, Error::internal(bytes.error().to_string()));
  }
  return foi_pages::letter_response(std::move(*bytes), pdf, cv.foi_case.tracking_number);
}

std::optional<FoiCaseId> case_id_param(const http::Request& req) {
  const std::string_view raw = req.param("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || end != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return FoiCaseId(id);
}

Result<accounts::Principal> require_public(const http::Request& req) {
  const Visitor& v = visitor_of(req);
  if (!v.principal) return fail(Error::unauthenticated("请先登录"));
  if (v.principal->kind != accounts::Principal::Kind::kPublic)
    return fail(Error::permission_denied("此页面供公众账号查看本人的申请；工作人员请到后台“依申请公开办理”"));
  return *v.principal;
}

http::Response account_letter(WebContext& ctx, http::Request& req, bool pdf) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_public(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = case_id_param(req);
  if (!id) return error_page(ctx, req, Error::not_found("申请不存在"));
  auto cv = ctx.foi->get(*p, *id, request_context(req));
  if (!cv) return error_page(ctx, req, cv.error());
  return letter_of(ctx, req, *cv, pdf);
}

}  // namespace

namespace foi_pages {

View intake_form_view(WebContext& ctx, const Form* form, bool staff, DepartmentId default_department) {
  auto get = [&](std::string_view k, std::string_view dflt = "") {
    return form ? form->get(k) : std::string(dflt);
  };
  View v;
  for (const char* k : {"name", "id_number", "phone", "email", "address", "contact", "description", "title",
                        "doc_number", "note", "submitted", "signed_on", "confirmed"})
    v.set(k, get(k));
  const std::string type = get("applicant_type", "natural_person");
  v.set("natural_checked", type == "natural_person");
  View orgs{View::type::list};
  for (const auto& t : foi::applicant_types()) {
    if (!foi::is_organization(t.type)) continue;
    View i;
    i.set("key", std::string(t.key));
    i.set("label", std::string(t.label));
    i.set("checked", t.key == type);
    orgs.push_back(i);
  }
  v.set("org_types", orgs);
  v.set("id_kinds", options(kIdKinds, get("id_kind", "resident_id")));
  View forms{View::type::list};
  const std::string form_key = get("form", "paper");
  for (auto f : {foi::ProvisionForm::kPaper, foi::ProvisionForm::kEmail, foi::ProvisionForm::kDisc,
                 foi::ProvisionForm::kCollect, foi::ProvisionForm::kInspect}) {
    View i;
    i.set("key", std::string(foi::provision_form_key(f)));
    i.set("label", std::string(foi::provision_form_label(f)));
    i.set("checked", foi::provision_form_key(f) == form_key);
    forms.push_back(i);
  }
  v.set("forms", forms);
  View deliveries{View::type::list};
  const std::string delivery_key = get("delivery", "post");
  for (auto d :
       {foi::Delivery::kPost, foi::Delivery::kEmail, foi::Delivery::kCollect, foi::Delivery::kOnline}) {
    View i;
    i.set("key", std::string(foi::delivery_key(d)));
    i.set("label", std::string(foi::delivery_label(d)));
    i.set("checked", foi::delivery_key(d) == delivery_key);
    deliveries.push_back(i);
  }
  v.set("deliveries", deliveries);
  View depts{View::type::list};
  const std::string dept_code = get("department");
  if (auto list = ctx.accounts.list_departments(nullptr)) {
    for (const auto& d : *list) {
      View i;
      i.set("code", d.code);
      i.set("name", d.name);
      i.set("selected", dept_code.empty() ? d.id == default_department : d.code == dept_code);
      depts.push_back(i);
    }
  }
  v.set("departments", depts);
  v.set("staff", staff);
  if (staff) v.set("channels", options(kChannels, get("channel", "in_person")));
  return v;
}

foi::IntakeForm intake_from(WebContext& ctx, const Form& form) {
  foi::IntakeForm f;
  const std::string code = form.get("department");
  if (auto list = ctx.accounts.list_departments(nullptr)) {
    for (const auto& d : *list)
      if (d.code == code) f.department = d.id;
  }
  f.applicant_type = form.get("applicant_type");
  f.name = form.get("name");
  f.id_kind = form.get("id_kind");
  f.id_number = form.get("id_number");
  f.phone = form.get("phone");
  f.email = form.get("email");
  f.address = form.get("address");
  f.contact = form.get("contact");
  f.description = form.get("description");
  f.title = form.get("title");
  f.doc_number = form.get("doc_number");
  f.form = form.get("form");
  f.delivery = form.get("delivery");
  f.channel = form.get("channel");
  f.submitted = form.get("submitted");
  f.signed_on = form.get("signed_on");
  f.confirmed = form.get("confirmed");
  f.note = form.get("note");
  return f;
}

http::Response letter_response(std::string bytes, bool pdf, std::string_view tracking_number) {
  http::Response res = http::Response::text(std::move(bytes));
  res.headers.set(
      "Content-Type",
      pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  // Tracking numbers are ASCII ("DY2024-000012"): a plain file name needs no RFC 5987 encoding.
  res.headers.set("Content-Disposition",
                  fmt::format("attachment; filename=\"reply-{}.{}\"", tracking_number, pdf ? "pdf" : "docx"));
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace foi_pages

http::Response portal_foi_apply_form(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  return apply_page(ctx, req, nullptr, nullptr, false, 200);
}

http::Response portal_foi_apply(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  if (form->get("step") != "submit") return apply_page(ctx, req, &*form, nullptr, true, 200);
  const Visitor& v = visitor_of(req);
  // A staff member filing from the portal files as a citizen would: the portal is not the register.
  const accounts::Principal* who =
      v.principal && v.principal->kind == accounts::Principal::Kind::kPublic ? &*v.principal : nullptr;
  auto result = ctx.foi->submit(who, intake_from(ctx, *form), request_context(req));
  if (!result) {
    if (result.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, result.error());
    return apply_page(ctx, req, &*form, &result.error(), false, 400);
  }
  View view;
  view.set("tracking_number", result->tracking_number);
  view.set("query_code", result->query_code);
  view.set("received_on", result->received_on.to_string());
  if (result->due) view.set("due", result->due->to_string());
  view.set("department", foi_pages::department_name(ctx, intake_from(ctx, *form).department));
  view.set("account", who != nullptr);
  PageOptions opts;
  opts.title = "申请已提交";
  return render_page(ctx, req, "foi_apply_done", view, opts);
}

http::Response portal_foi_track_form(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  return track_form_page(ctx, req, "", "", 200);
}

http::Response portal_foi_track(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  const std::string tracking = trim(form->get("tracking_number"));
  const std::string code = trim(form->get("query_code"));
  if (tracking.empty() || code.empty())
    return track_form_page(ctx, req, tracking, "请填写申请编号和查询码", 400);
  auto cv = ctx.foi->lookup(tracking, code, request_context(req));
  if (!cv) {
    switch (cv.error().code()) {
      case ErrorCode::kNotFound:
        return track_form_page(ctx, req, tracking, cv.error().message(), 404);
      case ErrorCode::kPermissionDenied:
        return track_form_page(ctx, req, tracking, cv.error().message(), 429);
      default:
        return error_page(ctx, req, cv.error());
    }
  }
  View letter;
  letter.set("tracking_number", tracking);
  letter.set("query_code", code);
  letter.set("post", true);
  return track_case_page(ctx, req, *cv, letter);
}

http::Response portal_foi_track_letter(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  auto cv = ctx.foi->lookup(trim(form->get("tracking_number")), trim(form->get("query_code")),
                            request_context(req));
  if (!cv) {
    if (cv.error().code() == ErrorCode::kNotFound || cv.error().code() == ErrorCode::kPermissionDenied)
      return track_form_page(ctx, req, trim(form->get("tracking_number")), cv.error().message(),
                             cv.error().code() == ErrorCode::kNotFound ? 404 : 429);
    return error_page(ctx, req, cv.error());
  }
  return letter_of(ctx, req, *cv, form->get("format") != "docx");
}

http::Response account_foi_cases(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_public(req);
  if (!p) return error_page(ctx, req, p.error());
  auto cases = ctx.foi->my_cases(*p);
  if (!cases) return error_page(ctx, req, cases.error());
  View view;
  View list{View::type::list};
  for (const auto& c : *cases) list.push_back(foi_pages::case_view(ctx, c));
  view.set("cases", list);
  view.set("has_cases", !cases->empty());
  PageOptions opts;
  opts.title = "我的政府信息公开申请";
  return render_page(ctx, req, "foi_account", view, opts);
}

http::Response account_foi_case(WebContext& ctx, http::Request& req) {
  if (!ctx.foi) return error_page(ctx, req, not_wired());
  auto p = require_public(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = case_id_param(req);
  if (!id) return error_page(ctx, req, Error::not_found("申请不存在"));
  auto cv = ctx.foi->get(*p, *id, request_context(req));
  if (!cv) return error_page(ctx, req, cv.error());
  View letter;
  letter.set("pdf_href", fmt::format("/account/foi/{}/letter.pdf", id->value));
  letter.set("docx_href", fmt::format("/account/foi/{}/letter.docx", id->value));
  return track_case_page(ctx, req, *cv, letter);
}

http::Response account_foi_letter_pdf(WebContext& ctx, http::Request& req) {
  return account_letter(ctx, req, true);
}
http::Response account_foi_letter_docx(WebContext& ctx, http::Request& req) {
  return account_letter(ctx, req, false);
}

}  // namespace gk::web
