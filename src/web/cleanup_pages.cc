#include "web/cleanup_pages.h"

#include <charconv>
#include <map>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "core/utf8.h"
#include "web/account_pages.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Principal;
using documents::CleanupCampaignId;
using documents::CleanupDecision;

std::optional<int64_t> to_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Result<CleanupCampaignId> id_param(const http::Request& req) {
  auto id = to_int(req.param("id"));
  if (!id || *id <= 0) return fail(Error::not_found("清理工作不存在"));
  return CleanupCampaignId(*id);
}

Result<documents::CleanupService*> service(WebContext& ctx) {
  if (ctx.cleanup == nullptr) return fail(Error::unavailable("cleanup service not configured"));
  return ctx.cleanup;
}

std::string department_name(const std::vector<accounts::Department>& depts, DepartmentId id) {
  for (const auto& d : depts)
    if (d.id == id) return d.name;
  return "";
}

std::string status_label(const documents::CleanupCampaignRecord& c) {
  if (c.published_on) return "已公布（" + c.published_on->to_string() + "）";
  return fmt::format("进行中（已提出意见 {}/{}）", c.decided, c.total);
}

View action_options(std::optional<CleanupDecision::Action> selected) {
  View list{View::type::list};
  for (auto a :
       {CleanupDecision::Action::kKeep, CleanupDecision::Action::kAmend, CleanupDecision::Action::kRepeal}) {
    View o;
    o.set("name", std::string(documents::cleanup_action_name(a)));
    o.set("label", std::string(documents::cleanup_action_label(a)));
    o.set("selected", selected == a);
    list.push_back(o);
  }
  return list;
}

// What a failed form post shows again: the error, and which row or field it belongs to.
struct FormState {
  const Error* error = nullptr;
  DocumentId row;      // the decision form that failed
  std::string reason;  // its reason as typed
  std::string notice;  // the publish form's notice id as typed
};

http::Response list_page(WebContext& ctx, http::Request& req, const Principal& p, const Error* error,
                         const std::string& typed_name) {
  auto svc = service(ctx);
  if (!svc) return error_page(ctx, req, svc.error());
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  std::optional<DepartmentId> filter;
  const std::string code = req.query_param("department").value_or("");
  if (!code.empty()) {
    for (const auto& d : *depts)
      if (d.code == code) filter = d.id;
    if (!filter) return error_page(ctx, req, Error::invalid_field("department", "未知的单位：" + code));
  }
  auto campaigns = (*svc)->list(p, filter);
  if (!campaigns) return error_page(ctx, req, campaigns.error());
  View rows{View::type::list};
  for (const auto& c : *campaigns) {
    View r;
    r.set("id", std::to_string(c.id.value));
    r.set("name", c.name);
    r.set("department", department_name(*depts, c.department));
    r.set("started_on", c.started_on.to_string());
    r.set("status", status_label(c));
    r.set("published", c.published_on.has_value());
    rows.push_back(r);
  }
  View view;
  view.set("campaigns", rows);
  view.set("has_campaigns", !campaigns->empty());
  view.set("csrf", visitor_of(req).csrf_token);
  // The create form: admins pick the department, a reviewer starts one for their own.
  const bool can_create = static_cast<bool>(documents::CleanupService::may_manage(p, p.department));
  view.set("can_create", can_create);
  view.set("pick_department", p.has_role(accounts::Role::kAdmin));
  View options{View::type::list};
  for (const auto& d : *depts) {
    View o;
    o.set("code", d.code);
    o.set("name", d.name);
    o.set("selected", d.id == p.department);
    options.push_back(o);
  }
  view.set("departments", options);
  view.set("own_department", p.department_name);
  view.set("name", typed_name);
  if (error) put_errors(view, *error);
  auto opts = admin_page("规范性文件清理", error ? http_status_for(error->code()) : 200);
  return render_page(ctx, req, "admin_cleanup_list", view, opts);
}

http::Response campaign_page(WebContext& ctx, http::Request& req, const Principal& p, CleanupCampaignId id,
                             const FormState& form) {
  auto svc = service(ctx);
  if (!svc) return error_page(ctx, req, svc.error());
  auto v = (*svc)->get(p, id);
  if (!v) return error_page(ctx, req, v.error());
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  const auto& c = v->campaign;
  const bool published = c.published_on.has_value();
  const bool can_manage =
      !published && static_cast<bool>(documents::CleanupService::may_manage(p, c.department));
  const std::string csrf = visitor_of(req).csrf_token;
  View items{View::type::list};
  int seq = 0;
  for (const auto& i : v->items) {
    View r;
    r.set("seq", std::to_string(++seq));
    r.set("doc_id", std::to_string(i.document.value));
    r.set("campaign_id", std::to_string(c.id.value));
    r.set("title", i.title);
    r.set("doc_number", i.doc_number.value_or(""));
    r.set("effective_on", i.effective_on ? i.effective_on->to_string() : std::string("—"));
    if (i.action) {
      r.set("decision", std::string(documents::cleanup_action_label(*i.action)));
      r.set("decision_name", std::string(documents::cleanup_action_name(*i.action)));
      r.set("reason", i.reason);
      r.set("decided_by", i.decided_by);
      if (i.decided_at) r.set("decided_at", i.decided_at->to_local_display());
    }
    r.set("can_manage", can_manage);
    r.set("csrf", csrf);
    const bool failed_here = form.error != nullptr && form.row == i.document;
    r.set("actions", action_options(i.action));
    r.set("reason_input", failed_here ? form.reason : i.reason);
    if (failed_here) r.set("row_error", form.error->message());
    items.push_back(r);
  }
  View view;
  view.set("id", std::to_string(c.id.value));
  view.set("name", c.name);
  view.set("department", department_name(*depts, c.department));
  view.set("started_on", c.started_on.to_string());
  view.set("status", status_label(c));
  view.set("decided", std::to_string(c.decided));
  view.set("total", std::to_string(c.total));
  view.set("items", items);
  view.set("can_manage", can_manage);
  view.set("can_publish", can_manage && c.decided == c.total);
  view.set("undecided", std::to_string(c.total - c.decided));
  view.set("csrf", csrf);
  view.set("version", std::to_string(c.version));
  view.set("notice", form.notice);
  if (published) {
    view.set("published_on", c.published_on->to_string());
    view.set("public_url", fmt::format("/cleanup/{}", c.id.value));
    if (c.notice_document) {
      view.set("notice_url", fmt::format("/documents/{}", c.notice_document->value));
      view.set("notice_title", v->notice_title);
    }
  }
  int status = 200;
  if (form.error != nullptr) {
    status = http_status_for(form.error->code());
    if (!form.row) put_errors(view, *form.error);
  }
  auto opts = admin_page(c.name, status);
  if (auto done = req.query_param("done")) {
    opts.flash = *done == "created"     ? "清理工作已发起，请逐件提出清理意见。"
                 : *done == "published" ? "清理结果已公布。"
                                        : "清理意见已保存。";
  }
  return render_page(ctx, req, "admin_cleanup", view, opts);
}

}  // namespace

http::Response admin_cleanup_list(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  return list_page(ctx, req, *p, nullptr, "");
}

http::Response admin_cleanup_create(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto svc = service(ctx);
  if (!svc) return error_page(ctx, req, svc.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  DepartmentId dept = p->department;
  if (const std::string code = form->get("department"); !code.empty()) {
    auto depts = ctx.accounts.list_departments(nullptr);
    if (!depts) return error_page(ctx, req, depts.error());
    std::optional<DepartmentId> found;
    for (const auto& d : *depts)
      if (d.code == code) found = d.id;
    if (!found) return error_page(ctx, req, Error::invalid_field("department", "未知的单位：" + code));
    dept = *found;
  }
  auto id = (*svc)->create(*p, dept, form->get("name"), request_context(req));
  if (!id) {
    const ErrorCode code = id.error().code();
    if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kFailedPrecondition) {
      return error_page(ctx, req, id.error());
    }
    return list_page(ctx, req, *p, &id.error(), form->get("name"));
  }
  return http::Response::redirect(fmt::format("/admin/cleanup/{}?done=created", id->value));
}

http::Response admin_cleanup(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = id_param(req);
  if (!id) return error_page(ctx, req, id.error());
  return campaign_page(ctx, req, *p, *id, {});
}

http::Response admin_cleanup_decide(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto svc = service(ctx);
  if (!svc) return error_page(ctx, req, svc.error());
  auto id = id_param(req);
  if (!id) return error_page(ctx, req, id.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  auto doc = to_int(form->get("document"));
  if (!doc || *doc <= 0) return error_page(ctx, req, Error::invalid_field("document", "请选择文件"));
  auto action = documents::parse_cleanup_action(form->get("action"));
  Status st =
      action ? (*svc)->decide(*p, *id, DocumentId(*doc), *action, form->get("reason"), request_context(req))
             : Status(fail(Error::invalid_field("action", "请选择清理意见：继续有效、修改或废止")));
  if (!st) {
    if (st.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, st.error());
    FormState fs;
    fs.error = &st.error();
    fs.row = DocumentId(*doc);
    fs.reason = form->get("reason");
    return campaign_page(ctx, req, *p, *id, fs);
  }
  return http::Response::redirect(fmt::format("/admin/cleanup/{}?done=decided#doc-{}", id->value, *doc));
}

http::Response admin_cleanup_publish(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto svc = service(ctx);
  if (!svc) return error_page(ctx, req, svc.error());
  auto id = id_param(req);
  if (!id) return error_page(ctx, req, id.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  const std::string typed = trim(form->get("notice"));
  auto notice = to_int(typed);
  const int version = static_cast<int>(to_int(form->get("version")).value_or(0));
  Status st = notice && *notice > 0
                  ? (*svc)->publish(*p, *id, version, DocumentId(*notice), request_context(req))
                  : Status(fail(Error::invalid_field("notice", "请填写公布清理结果的文件编号（数字）")));
  if (!st) {
    if (st.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, st.error());
    FormState fs;
    fs.error = &st.error();
    fs.notice = typed;
    return campaign_page(ctx, req, *p, *id, fs);
  }
  return http::Response::redirect(fmt::format("/admin/cleanup/{}?done=published", id->value));
}

http::Response portal_cleanup(WebContext& ctx, http::Request& req) {
  auto svc = service(ctx);
  if (!svc) return error_page(ctx, req, svc.error());
  auto id = id_param(req);
  if (!id) return error_page(ctx, req, id.error());
  auto v = (*svc)->get_public(*id);
  if (!v) return error_page(ctx, req, v.error());
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  const auto& c = v->campaign;
  std::map<int64_t, const documents::CleanupItem*> items;
  for (const auto& i : v->items) items[i.document.value] = &i;
  View groups{View::type::list};
  for (auto a :
       {CleanupDecision::Action::kKeep, CleanupDecision::Action::kAmend, CleanupDecision::Action::kRepeal}) {
    View rows{View::type::list};
    for (const auto& row : v->list) {
      auto it = items.find(row.doc.value);
      if (it == items.end() || it->second->action != a) continue;
      View r;
      r.set("seq", std::to_string(row.seq));
      r.set("title", row.title);
      r.set("doc_number", row.doc_number);
      r.set("reason", row.reason);
      if (it->second->is_public) r.set("url", fmt::format("/documents/{}", row.doc.value));
      rows.push_back(r);
    }
    View g;
    g.set("key", std::string(documents::cleanup_action_name(a)));
    g.set("label", std::string(documents::cleanup_action_label(a)));
    g.set("count", std::to_string(rows.list_value().size()));
    g.set("has_rows", !rows.list_value().empty());
    g.set("rows", rows);
    groups.push_back(g);
  }
  View view;
  view.set("name", c.name);
  view.set("department", department_name(*depts, c.department));
  view.set("published_on", c.published_on ? c.published_on->to_string() : std::string());
  view.set("total", std::to_string(v->list.size()));
  view.set("groups", groups);
  if (c.notice_document && !v->notice_title.empty()) {
    view.set("notice_url", fmt::format("/documents/{}", c.notice_document->value));
    view.set("notice_title", v->notice_title);
  }
  PageOptions opts;
  opts.title = c.name + " 清理结果";
  return render_page(ctx, req, "cleanup", view, opts);
}

}  // namespace gk::web
