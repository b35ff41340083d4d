#include "web/admin_document_pages.h"

#include <charconv>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "documents/html_sanitizer.h"
#include "documents/text_diff.h"
#include "documents/timeliness.h"
#include "core/utf8.h"
#include "web/account_pages.h"
#include "web/admin_library_pages.h"
#include "web/attachment_pages.h"
#include "web/document_views.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Principal;
using documents::PublicationState;
using documents::WorkflowAction;

std::optional<int64_t> to_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

View term_options(std::span<const documents::Term> terms, std::string_view selected) {
  View list{View::type::list};
  for (const auto& t : terms) {
    View o;
    o.set("key", std::string(t.key));
    o.set("label", std::string(t.label));
    o.set("selected", t.key == selected);
    list.push_back(o);
  }
  return list;
}

documents::DocumentDraft draft_from(const Form& f, std::vector<FieldError>& errors) {
  documents::DocumentDraft d;
  d.title = f.get("title");
  d.doc_number = f.get("doc_number");
  std::string issuers = f.get("issuers");
  size_t start = 0;
  while (start <= issuers.size()) {
    size_t at = issuers.find("；", start);
    const size_t end = at == std::string::npos ? issuers.size() : at;
    if (end > start) d.issuers.push_back(issuers.substr(start, end - start));
    if (at == std::string::npos) break;
    start = at + std::string_view("；").size();
  }
  d.written_on = f.get("written_on");
  d.effective_on = f.get("effective_on");
  d.expires_on = f.get("expires_on");
  d.formed_on = f.get("formed_on");
  d.topic = f.get("topic");
  d.genre = f.get("genre");
  d.mode = f.get("mode");
  d.withheld_reason = f.get("withheld_reason");
  d.normative = f.get("normative") == "1";
  d.unified_number = f.get("unified_number");
  d.summary = f.get("summary");
  d.body_html = f.get("body");
  for (const auto& c : f.all("columns")) {
    if (auto id = to_int(c)) d.columns.emplace_back(*id);
  }
  const std::string target = trim(f.get("relation_target"));
  if (!target.empty()) {
    auto kind = documents::parse_relation_kind(f.get("relation_kind"));
    auto id = to_int(target);
    if (!kind || !id || *id <= 0) errors.push_back({"relation", "请选择关系并填写目标文件编号（数字）"});
    else d.relations.emplace_back(*kind, DocumentId(*id));
  }
  return d;
}

http::Response form_page(WebContext& ctx, http::Request& req, const Principal& p, const std::string& heading,
                         const std::string& action, int version, const Form* form,
                         const documents::Document* doc, const Error* error) {
  View view;
  view.set("heading", heading);
  view.set("action", action);
  view.set("csrf", visitor_of(req).csrf_token);
  view.set("version", std::to_string(version));
  auto field = [&](const char* name, std::string from_doc) {
    view.set(name, form ? form->get(name) : from_doc);
  };
  std::string issuers;
  if (doc)
    for (const auto& i : doc->issuers) issuers += (issuers.empty() ? "" : "；") + i;
  field("title", doc ? doc->title : "");
  field("doc_number", doc ? doc->doc_number.value_or("") : "");
  field("issuers", issuers);
  field("written_on", doc && doc->written_on ? doc->written_on->to_string() : "");
  field("effective_on", doc && doc->effective_on ? doc->effective_on->to_string() : "");
  field("expires_on", doc && doc->expires_on ? doc->expires_on->to_string() : "");
  field("formed_on", doc ? doc->formed_on.to_string() : ctx.clock.today().to_string());
  field("withheld_reason", doc ? doc->withheld_reason : "");
  field("unified_number", doc ? doc->unified_number.value_or("") : "");
  field("summary", doc ? doc->summary : "");
  view.set("body", form ? form->get("body") : (doc ? doc->body_html : std::string()));
  view.set("relation_target", form ? form->get("relation_target") : std::string());
  view.set("normative", form ? form->get("normative") == "1" : (doc && doc->normative));
  view.set("topics", term_options(documents::topics(), form ? form->get("topic") : (doc ? doc->topic : "general")));
  view.set("genres", term_options(documents::genres(), form ? form->get("genre") : (doc ? doc->genre : "notice")));
  static constexpr documents::Term kModes[] = {
      {"proactive", "主动公开"}, {"on_request", "依申请公开"}, {"not_disclosed", "不予公开"}};
  view.set("modes", term_options(kModes, form ? form->get("mode")
                                              : (doc ? documents::disclosure_mode_name(doc->mode) : "proactive")));
  static constexpr documents::Term kKinds[] = {{"amends", "修改"}, {"repeals", "废止"}, {"replaces", "替代"},
                                               {"implements", "实施（落实）"}, {"interprets", "解读"}};
  view.set("relation_kinds", term_options(kKinds, ""));
  std::vector<std::string> checked = form ? form->all("columns") : std::vector<std::string>{};
  if (doc && !form)
    for (auto c : doc->columns) checked.push_back(std::to_string(c.value));
  View cols{View::type::list};
  const DepartmentId dept = doc ? doc->department : p.department;
  if (auto list = ctx.documents.columns(dept)) {
    for (const auto& c : *list) {
      if (c.key == "statutory") continue;  // a heading: documents go into its items
      View o;
      o.set("id", std::to_string(c.id.value));
      o.set("name", c.name);
      o.set("checked", std::find(checked.begin(), checked.end(), std::to_string(c.id.value)) != checked.end());
      cols.push_back(o);
    }
  }
  // City-wide topic columns (e.g. 涉疫信息): any department's document may be put into them.
  if (ctx.topics) {
    if (auto topics = ctx.topics->list()) {
      for (const auto& c : *topics) {
        View o;
        o.set("id", std::to_string(c.id.value));
        o.set("name", "专题：" + c.name);
        o.set("checked", std::find(checked.begin(), checked.end(), std::to_string(c.id.value)) != checked.end());
        cols.push_back(o);
      }
    }
  }
  view.set("columns", cols);
  if (error) put_errors(view, *error);
  return render_page(ctx, req, "admin_document_form", view, admin_page(heading, error ? 400 : 200));
}

// What every POST on one document starts with: the staff principal, the document id from the path
// and the submitted form.
struct DocumentPost {
  Principal who;
  DocumentId id;
  Form form;
};

Result<DocumentPost> document_post(const http::Request& req) {
  GK_TRY_ASSIGN(who, require_staff(req));
  auto id = to_int(req.param("id"));
  if (!id || *id <= 0) return fail(Error::not_found("文件不存在"));
  GK_TRY_ASSIGN(form, read_form(req));
  return DocumentPost{std::move(who), DocumentId(*id), std::move(form)};
}

}  // namespace

http::Response admin_documents(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  const std::string state_key = req.query_param("state").value_or("open");
  std::optional<PublicationState> state;
  if (state_key != "all" && state_key != "open") {
    state = documents::parse_publication_state(state_key);
    if (!state) return error_page(ctx, req, Error::invalid_field("state", "未知的状态"));
  }
  documents::DocumentQuery q;
  q.title_contains = req.query_param("q").value_or("");
  q.per_page = 50;
  if (auto pg = req.query_param("page")) q.page = static_cast<int>(to_int(*pg).value_or(1));
  // "open" = everything not yet published: what the department still owes the public.
  std::vector<documents::DocumentListItem> items;
  int64_t total = 0;
  if (state_key == "open") {
    for (auto s : {PublicationState::kReturned, PublicationState::kDraft, PublicationState::kSubmitted,
                   PublicationState::kApproved}) {
      auto page = ctx.documents.list_staff(*p, q, s);
      if (!page) return error_page(ctx, req, page.error());
      total += page->total;
      for (auto& i : page->items) items.push_back(std::move(i));
    }
  } else {
    auto page = ctx.documents.list_staff(*p, q, state);
    if (!page) return error_page(ctx, req, page.error());
    total = page->total;
    items = std::move(page->items);
  }
  auto cal = ctx.calendar.current();
  const Date today = ctx.clock.today();
  View rows{View::type::list};
  for (const auto& item : items) {
    const auto& d = item.document;
    View r;
    r.set("id", std::to_string(d.id.value));
    r.set("index_number", d.index_number);
    r.set("title", d.title);
    r.set("state", std::string(documents::publication_state_name(d.state)));
    r.set("state_label", std::string(documents::publication_state_label(d.state)));
    r.set("formed_on", d.formed_on.to_string());
    r.set("updated", d.updated_at.to_local_display());
    if (!d.review_comment.empty()) r.set("review_comment", d.review_comment);
    const bool unpublished = d.state != PublicationState::kPublished && d.state != PublicationState::kWithdrawn;
    if (unpublished && d.mode == documents::DisclosureMode::kProactive) {
      if (auto due = cal->add_working_days(d.formed_on, documents::kArticle26WorkingDays)) {
        r.set("due", due->to_string());
        r.set("late", *due < today);
      }
    }
    rows.push_back(r);
  }
  View tabs{View::type::list};
  static constexpr std::pair<const char*, const char*> kTabs[] = {
      {"open", "待发布"}, {"draft", "草稿"},       {"submitted", "待审核"}, {"returned", "退回修改"},
      {"approved", "已审核"}, {"published", "已发布"}, {"withdrawn", "已撤回"}, {"all", "全部"}};
  for (auto [key, label] : kTabs) {
    View t;
    t.set("key", key);
    t.set("label", label);
    t.set("current", state_key == key);
    tabs.push_back(t);
  }
  View view;
  view.set("tabs", tabs);
  view.set("state", state_key);
  view.set("q", q.title_contains);
  view.set("items", rows);
  view.set("total", std::to_string(total));
  view.set("can_create", p->has_role(accounts::Role::kEditor) || p->has_role(accounts::Role::kAdmin));
  view.set("pager_html", state_key == "open" ? std::string()
                                              : render_pager(ctx, "/admin/documents?state=" + state_key, q.page,
                                                             q.per_page, total));
  auto opts = admin_page("文件管理");
  if (auto done = req.query_param("done")) opts.flash = *done == "created" ? "文件已保存为草稿。" : "操作已完成。";
  return render_page(ctx, req, "admin_documents", view, opts);
}

http::Response admin_document_new(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  return form_page(ctx, req, *p, "起草文件", "/admin/documents/new", 0, nullptr, nullptr, nullptr);
}

http::Response admin_document_create(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  std::vector<FieldError> errors;
  auto draft = draft_from(*form, errors);
  Result<DocumentId> id = errors.empty() ? ctx.documents.create(*p, draft, request_context(req))
                                         : Result<DocumentId>(fail(Error::invalid("关系填写有误", errors)));
  if (!id) {
    if (id.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, id.error());
    return form_page(ctx, req, *p, "起草文件", "/admin/documents/new", 0, &*form, nullptr, &id.error());
  }
  return http::Response::redirect(fmt::format("/admin/documents/{}?done=created", id->value));
}

http::Response admin_document(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = to_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("文件不存在"));
  auto v = ctx.documents.get(*p, DocumentId(*id));
  if (!v) return error_page(ctx, req, v.error());
  const auto& d = v->document;
  View view;
  view.set("id", std::to_string(d.id.value));
  view.set("title", d.title);
  view.set("state", std::string(documents::publication_state_name(d.state)));
  view.set("state_label", std::string(documents::publication_state_label(d.state)));
  view.set("validity_label", std::string(documents::validity_label(v->validity.status)));
  if (d.is_public_at(ctx.clock.now())) view.set("public_url", fmt::format("/documents/{}", d.id.value));
  if (d.state == PublicationState::kPublished && d.published_at && *d.published_at > ctx.clock.now()) {
    view.set("scheduled", d.published_at->to_local_display());
  }
  if (!d.review_comment.empty()) view.set("review_comment", d.review_comment);
  view.set("meta_html", render_meta(ctx, *v));
  view.set("facts_html", admin_document_facts_html(ctx, req, *p, d));  // plan / budget / guide facts forms
  view.set("body_html", d.body_html);
  view.set("attachments_html", admin_attachments_html(ctx, req, *p, d));
  view.set("csrf", visitor_of(req).csrf_token);
  view.set("version", std::to_string(d.version));

  struct ActionUi {
    WorkflowAction action;
    bool needs_comment;
    const char* comment_label;
    bool primary;
  };
  static constexpr ActionUi kActions[] = {
      {WorkflowAction::kSubmit, false, "", true},          {WorkflowAction::kApprove, false, "", true},
      {WorkflowAction::kReturn, true, "修改意见", false},    {WorkflowAction::kWithdraw, true, "撤回理由", false},
      {WorkflowAction::kRevise, false, "", false},
  };
  View actions{View::type::list};
  for (const auto& a : kActions) {
    if (!documents::next_state(d.state, a.action) || !documents::may_take(*p, d, a.action)) continue;
    View av;
    av.set("doc_id", std::to_string(d.id.value));
    av.set("csrf", visitor_of(req).csrf_token);
    av.set("version", std::to_string(d.version));
    av.set("name", std::string(documents::workflow_action_name(a.action)));
    av.set("label", std::string(documents::workflow_action_label(a.action)));
    av.set("needs_comment", a.needs_comment);
    av.set("comment_label", a.comment_label);
    av.set("primary", a.primary);
    actions.push_back(av);
  }
  const bool can_edit = documents::next_state(d.state, WorkflowAction::kEdit) &&
                        documents::may_take(*p, d, WorkflowAction::kEdit);
  const bool can_publish = documents::next_state(d.state, WorkflowAction::kPublish) &&
                           documents::may_take(*p, d, WorkflowAction::kPublish);
  view.set("can_edit", can_edit);
  view.set("can_publish", can_publish);
  view.set("has_actions", can_edit || can_publish || !actions.list_value().empty());
  view.set("actions", actions);

  if (d.state != PublicationState::kPublished && d.state != PublicationState::kWithdrawn) {
    if (auto findings = ctx.documents.check(*p, d.id)) {
      View fl{View::type::list};
      for (const auto& f : *findings) {
        View fv;
        fv.set("blocking", f.blocking);
        fv.set("message", f.message);
        fl.push_back(fv);
      }
      view.set("findings_any", !fl.list_value().empty());
      view.set("findings", fl);
    }
  }
  if (auto versions = ctx.documents.versions(*p, d.id)) {
    View vl{View::type::list};
    const int last = versions->empty() ? 0 : versions->back().version;
    for (const auto& ver : *versions) {
      View vv;
      vv.set("version", std::to_string(ver.version));
      vv.set("at", ver.changed_at.to_local_display());
      vv.set("by", ver.changed_by);
      vv.set("note", ver.note);
      vv.set("is_a", ver.version == 1);
      vv.set("is_b", ver.version == last);
      vl.push_back(vv);
    }
    view.set("versions", vl);
  }
  auto opts = admin_page(d.title);
  if (auto done = req.query_param("done")) {
    opts.flash = *done == "created" ? "文件已保存为草稿。" : *done == "published" ? "文件已发布。" : "操作已完成。";
  }
  return render_page(ctx, req, "admin_document", view, opts);
}

http::Response admin_document_edit(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = to_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("文件不存在"));
  auto v = ctx.documents.get(*p, DocumentId(*id));
  if (!v) return error_page(ctx, req, v.error());
  if (Status st = documents::may_take(*p, v->document, WorkflowAction::kEdit); !st) return error_page(ctx, req, st.error());
  return form_page(ctx, req, *p, "编辑文件", fmt::format("/admin/documents/{}/edit", *id), v->document.version,
                   nullptr, &v->document, nullptr);
}

http::Response admin_document_update(WebContext& ctx, http::Request& req) {
  auto in = document_post(req);
  if (!in) return error_page(ctx, req, in.error());
  auto& [p, id, form] = *in;
  std::vector<FieldError> errors;
  auto draft = draft_from(form, errors);
  const int version = static_cast<int>(to_int(form.get("version")).value_or(0));
  Status st = errors.empty() ? ctx.documents.update(p, id, version, draft, request_context(req))
                             : Status(fail(Error::invalid("关系填写有误", errors)));
  if (!st) {
    if (st.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, st.error());
    return form_page(ctx, req, p, "编辑文件", fmt::format("/admin/documents/{}/edit", id.value), version, &form, nullptr,
                     &st.error());
  }
  return http::Response::redirect(fmt::format("/admin/documents/{}?done=saved", id.value));
}

http::Response admin_document_action(WebContext& ctx, http::Request& req) {
  auto in = document_post(req);
  if (!in) return error_page(ctx, req, in.error());
  auto& [p, id, form] = *in;
  std::optional<WorkflowAction> action;
  for (auto a : {WorkflowAction::kSubmit, WorkflowAction::kApprove, WorkflowAction::kReturn, WorkflowAction::kWithdraw,
                 WorkflowAction::kRevise}) {
    if (documents::workflow_action_name(a) == form.get("action")) action = a;
  }
  if (!action) return error_page(ctx, req, Error::invalid_field("action", "未知的操作"));
  Status st = ctx.documents.act(p, id, static_cast<int>(to_int(form.get("version")).value_or(0)),
                                *action, form.get("comment"), request_context(req));
  if (!st) return error_page(ctx, req, st.error());
  return http::Response::redirect(fmt::format("/admin/documents/{}?done=action", id.value));
}

http::Response admin_document_publish(WebContext& ctx, http::Request& req) {
  auto in = document_post(req);
  if (!in) return error_page(ctx, req, in.error());
  auto& [p, id, form] = *in;
  std::optional<Instant> at;
  const std::string when = trim(form.get("publish_at"));  // datetime-local: YYYY-MM-DDTHH:MM, China time
  if (!when.empty()) {
    auto day = Date::parse(when.substr(0, 10));
    int hh = -1, mm = -1;
    if (when.size() >= 16 && when[10] == 'T') {
      hh = static_cast<int>(to_int(when.substr(11, 2)).value_or(-1));
      mm = static_cast<int>(to_int(when.substr(14, 2)).value_or(-1));
    }
    if (!day || hh < 0 || hh > 23 || mm < 0 || mm > 59) {
      return error_page(ctx, req, Error::invalid_field("publish_at", "定时发布时间格式有误"));
    }
    at = Instant::from_seconds(static_cast<int64_t>(day->days()) * 86400 + hh * 3600 + mm * 60 - 8 * 3600);
  }
  Status st = ctx.documents.publish(p, id, static_cast<int>(to_int(form.get("version")).value_or(0)), at,
                                    request_context(req));
  if (!st) return error_page(ctx, req, st.error());
  return http::Response::redirect(fmt::format("/admin/documents/{}?done=published", id.value));
}

http::Response admin_document_diff(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = to_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("文件不存在"));
  auto versions = ctx.documents.versions(*p, DocumentId(*id));
  if (!versions) return error_page(ctx, req, versions.error());
  const auto a = to_int(req.query_param("a").value_or("1"));
  const auto b = to_int(req.query_param("b").value_or("0"));
  const documents::DocumentVersion* va = nullptr;
  const documents::DocumentVersion* vb = nullptr;
  for (const auto& v : *versions) {
    if (a && v.version == *a) va = &v;
    if (b && v.version == *b) vb = &v;
  }
  if (!va || !vb) return error_page(ctx, req, Error::invalid_field("a", "请选择两个存在的版本"));
  View view;
  view.set("id", std::to_string(*id));
  view.set("title", vb->title);
  view.set("a", std::to_string(va->version));
  view.set("b", std::to_string(vb->version));
  view.set("meta_diff", documents::diff_html(va->metadata, vb->metadata));
  view.set("body_diff", documents::diff_html(va->title + "\n\n" + documents::html_to_text(va->body_html),
                                             vb->title + "\n\n" + documents::html_to_text(vb->body_html)));
  return render_page(ctx, req, "admin_document_diff", view, admin_page("版本比较"));
}

}  // namespace gk::web
