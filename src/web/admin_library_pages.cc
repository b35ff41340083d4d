#include "web/admin_library_pages.h"

#include <charconv>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "web/account_pages.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Principal;
using documents::FactsKind;

std::optional<int64_t> to_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool services_wired(const WebContext& ctx) { return ctx.plans && ctx.budgets && ctx.guides; }

// What the section shows again after a save that failed or produced warnings.
struct FactsUi {
  std::string kind;  // the form the values and errors belong to: "plan", "budget" or "guide"
  const Form* form = nullptr;
  const Error* error = nullptr;
  std::vector<std::string> warnings;
};

View options(const std::vector<std::pair<std::string, std::string>>& terms, const std::string& selected) {
  View list{View::type::list};
  for (const auto& [key, label] : terms) {
    View o;
    o.set("key", key);
    o.set("label", label);
    o.set("selected", key == selected);
    list.push_back(o);
  }
  return list;
}

std::string field_error(const FactsUi& ui, std::string_view kind, std::string_view field) {
  if (!ui.error || ui.kind != kind) return "";
  for (const auto& f : ui.error->fields())
    if (f.field == field) return f.message;
  return "";
}

std::string render_section(WebContext& ctx, const http::Request& req, const Principal& who,
                           const documents::Document& doc, const FactsUi& ui) {
  View v;
  v.set("id", std::to_string(doc.id.value));
  v.set("csrf", visitor_of(req).csrf_token);
  if (ui.error) v.set(ui.kind + "_message", ui.error->message());
  View warnings{View::type::list};
  for (const auto& w : ui.warnings) warnings.push_back(View(w));
  v.set("warnings_any", !ui.warnings.empty());
  v.set("warnings", warnings);
  auto value = [&](std::string_view kind, const char* field, std::string current) {
    return ui.form && ui.kind == kind ? ui.form->get(field) : current;
  };
  auto plan = ctx.plans->get(who, doc.id);
  const std::optional<documents::PlanFacts> facts = plan ? *plan : std::nullopt;
  auto budget = ctx.budgets->get(who, doc.id);
  const std::optional<documents::BudgetReport> report = budget ? *budget : std::nullopt;
  auto guide = ctx.guides->get(who, doc.id);
  const std::optional<documents::ServiceGuide> g = guide ? *guide : std::nullopt;
  std::optional<FactsKind> registered;
  if (facts) registered = FactsKind::kPlan;
  if (report) registered = FactsKind::kBudgetReport;
  if (g) registered = FactsKind::kServiceGuide;
  // A form is offered when the principal may set that kind and the document is not another kind.
  auto lock = [&](FactsKind kind, const char* prefix) {
    Status st = documents::may_set_facts(who, doc, kind);
    std::string reason = st ? "" : st.error().message();
    if (st && registered && *registered != kind) {
      reason =
          fmt::format("该文件已登记为{}；一份文件只能是一种类型。", documents::facts_kind_label(*registered));
    }
    v.set(std::string(prefix) + "_editable", reason.empty());
    if (!reason.empty()) v.set(std::string(prefix) + "_locked", reason);
  };

  // 规划
  lock(FactsKind::kPlan, "plan");
  v.set("is_plan", facts.has_value());
  v.set("plan_open", facts.has_value() || ui.kind == "plan");
  std::vector<std::pair<std::string, std::string>> types, levels;
  for (auto t : documents::kAllPlanTypes) {
    types.emplace_back(std::string(documents::plan_type_name(t)), std::string(documents::plan_type_label(t)));
  }
  for (auto l : documents::kAllPlanLevels) {
    levels.emplace_back(std::string(documents::plan_level_name(l)),
                        std::string(documents::plan_level_label(l)));
  }
  v.set("plan_types",
        options(types, value("plan", "plan_type",
                             facts ? std::string(documents::plan_type_name(facts->type)) : "")));
  v.set("plan_levels", options(levels, value("plan", "plan_level",
                                             std::string(documents::plan_level_name(
                                                 facts ? facts->level : documents::PlanLevel::kCounty)))));
  v.set("period_start_year",
        value("plan", "period_start_year", facts ? std::to_string(facts->period_start_year) : ""));
  v.set("period_end_year",
        value("plan", "period_end_year", facts ? std::to_string(facts->period_end_year) : ""));
  const std::string parent =
      value("plan", "parent", facts && facts->parent ? std::to_string(facts->parent->value) : "");
  std::vector<std::pair<std::string, std::string>> parents;
  if (auto candidates = ctx.plans->parent_candidates(who, doc.id)) {
    for (const auto& c : *candidates) {
      parents.emplace_back(
          std::to_string(c.document.id.value),
          fmt::format("《{}》（{}，{}）", c.document.title, documents::plan_type_label(c.facts.type),
                      documents::plan_period_label(c.facts.period_start_year, c.facts.period_end_year)));
    }
  }
  v.set("parents", options(parents, parent));
  for (const char* f : {"plan_type", "plan_level", "period_start_year", "period_end_year", "parent"}) {
    if (auto e = field_error(ui, "plan", f); !e.empty()) v.set(std::string(f) + "_error", e);
  }

  // 预决算
  lock(FactsKind::kBudgetReport, "budget");
  v.set("is_budget", report.has_value());
  v.set("budget_open", report.has_value() || ui.kind == "budget");
  v.set("budget_kinds",
        options({{"budget", "部门预算"}, {"final_account", "部门决算"}},
                value("budget", "kind",
                      report ? std::string(documents::budget_kind_name(report->kind)) : "budget")));
  v.set("fiscal_year", value("budget", "fiscal_year",
                             std::to_string(report ? report->fiscal_year : ctx.clock.today().year())));
  // Only an admin may file a report under another department (BudgetService::set).
  if (who.kind == Principal::Kind::kSystem || who.has_role(accounts::Role::kAdmin)) {
    if (auto depts = ctx.accounts.list_departments(&who)) {
      std::vector<std::pair<std::string, std::string>> ds;
      for (const auto& d : *depts) ds.emplace_back(d.code, d.name);
      std::string current_code;
      for (const auto& d : *depts)
        if (d.id == (report ? report->department : doc.department)) current_code = d.code;
      v.set("budget_departments", options(ds, value("budget", "department", current_code)));
      v.set("budget_department_choice", true);
    }
  }
  for (const char* f : {"kind", "fiscal_year", "department"}) {
    if (auto e = field_error(ui, "budget", f); !e.empty()) v.set(std::string("budget_") + f + "_error", e);
  }

  // 办事指南
  lock(FactsKind::kServiceGuide, "guide");
  v.set("is_guide", g.has_value());
  v.set("guide_open", g.has_value() || ui.kind == "guide");
  View fields{View::type::list};
  for (const auto& e : documents::guide_elements()) {
    View f;
    f.set("field", std::string(e.field));
    f.set("label", std::string(e.label));
    f.set("required", e.required);
    f.set("value", value("guide", std::string(e.field).c_str(), g ? (*g).*e.member : std::string()));
    const bool one_line =
        e.member == &documents::ServiceGuide::item_name || e.member == &documents::ServiceGuide::phone ||
        e.member == &documents::ServiceGuide::online_url || e.member == &documents::ServiceGuide::fee ||
        e.member == &documents::ServiceGuide::time_limit;
    f.set("multiline", !one_line);
    if (auto err = field_error(ui, "guide", e.field); !err.empty()) f.set("error", err);
    fields.push_back(f);
  }
  v.set("guide_fields", fields);
  return ctx.views.render("admin_document_facts", v).value_or("");
}

http::Response facts_page(WebContext& ctx, http::Request& req, const Principal& who,
                          const documents::Document& doc, const FactsUi& ui, int status,
                          std::string flash = "") {
  View view;
  view.set("id", std::to_string(doc.id.value));
  view.set("title", doc.title);
  view.set("facts_html", render_section(ctx, req, who, doc, ui));
  auto opts = admin_page(doc.title, status);
  if (!flash.empty()) {
    opts.flash = std::move(flash);
    opts.flash_kind = ui.warnings.empty() ? "ok" : "warning";
  }
  return render_page(ctx, req, "admin_document_facts_page", view, opts);
}

// Common frame of the three POST handlers: principal, document, form; then `save` or remove.
template <class Save, class Remove>
http::Response handle_facts_post(WebContext& ctx, http::Request& req, const char* kind, Save save,
                                 Remove remove) {
  if (!services_wired(ctx))
    return error_page(ctx, req, Error::unavailable("facts services are not configured"));
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = to_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("文件不存在"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  auto view = ctx.documents.get(*p, DocumentId(*id));
  if (!view) return error_page(ctx, req, view.error());
  const RequestContext rc = request_context(req);
  Result<std::vector<std::string>> result = std::vector<std::string>{};  // the warnings of a save
  if (form->get("op") == "remove") {
    if (Status st = remove(*p, DocumentId(*id), rc); !st) result = fail(st.error());
  } else {
    result = save(*p, DocumentId(*id), *form, rc);
  }
  if (!result) {
    const ErrorCode code = result.error().code();
    if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kFailedPrecondition) {
      return error_page(ctx, req, result.error());
    }
    return facts_page(ctx, req, *p, view->document, {kind, &*form, &result.error(), {}},
                      http_status_for(code));
  }
  if (!result->empty()) {
    return facts_page(ctx, req, *p, view->document, {kind, nullptr, nullptr, std::move(*result)}, 200,
                      "已保存，请留意以下提示。");
  }
  return http::Response::redirect(fmt::format("/admin/documents/{}?done=facts", *id));
}

bool may_manage_topics(const Principal& p) {
  return p.has_role(accounts::Role::kAdmin) || p.has_role(accounts::Role::kSupervisor);
}

http::Response topics_page(WebContext& ctx, http::Request& req, const Principal& p, const Form* form,
                           const Error* error, std::string flash) {
  auto topics = ctx.topics->list();
  if (!topics) return error_page(ctx, req, topics.error());
  View view;
  view.set("csrf", visitor_of(req).csrf_token);
  view.set("can_manage", may_manage_topics(p));
  View list{View::type::list};
  for (const auto& c : *topics) {
    View t;
    t.set("id", std::to_string(c.id.value));
    t.set("key", c.key);
    t.set("name", c.name);
    t.set("featured", c.featured);
    t.set("cycle", c.update_cycle_days ? std::to_string(*c.update_cycle_days) + " 天" : std::string("—"));
    t.set("csrf", visitor_of(req).csrf_token);
    t.set("can_manage", may_manage_topics(p));
    list.push_back(t);
  }
  view.set("topics", list);
  view.set("key", form ? form->get("key") : std::string("topic_"));
  view.set("name", form ? form->get("name") : std::string());
  view.set("update_cycle_days", form ? form->get("update_cycle_days") : std::string());
  view.set("featured", form && form->get("featured") == "1");
  if (error) put_errors(view, *error);
  auto opts = admin_page("专题栏目", error ? http_status_for(error->code()) : 200);
  opts.flash = std::move(flash);
  return render_page(ctx, req, "admin_topics", view, opts);
}

}  // namespace

std::string admin_document_facts_html(WebContext& ctx, const http::Request& req, const Principal& who,
                                      const documents::Document& doc) {
  if (!services_wired(ctx)) return "";
  return render_section(ctx, req, who, doc, {});
}

http::Response admin_document_facts(WebContext& ctx, http::Request& req) {
  if (!services_wired(ctx))
    return error_page(ctx, req, Error::unavailable("facts services are not configured"));
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = to_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("文件不存在"));
  auto view = ctx.documents.get(*p, DocumentId(*id));
  if (!view) return error_page(ctx, req, view.error());
  return facts_page(ctx, req, *p, view->document, {}, 200);
}

http::Response admin_document_plan(WebContext& ctx, http::Request& req) {
  return handle_facts_post(
      ctx, req, "plan",
      [&](const Principal& p, DocumentId id, const Form& f, const RequestContext& rc) {
        return ctx.plans->set(p, id,
                              {f.get("plan_type"), f.get("plan_level"), f.get("period_start_year"),
                               f.get("period_end_year"), f.get("parent")},
                              rc);
      },
      [&](const Principal& p, DocumentId id, const RequestContext& rc) {
        return ctx.plans->remove(p, id, rc);
      });
}

http::Response admin_document_budget(WebContext& ctx, http::Request& req) {
  return handle_facts_post(
      ctx, req, "budget",
      [&](const Principal& p, DocumentId id, const Form& f,
          const RequestContext& rc) -> Result<std::vector<std::string>> {
        documents::BudgetDraft d;
        d.fiscal_year = f.get("fiscal_year");
        d.kind = f.get("kind");
        if (const std::string code = f.get("department"); !code.empty()) {
          GK_TRY_ASSIGN(depts, ctx.accounts.list_departments(&p));
          for (const auto& dept : depts)
            if (dept.code == code) d.department = dept.id;
          if (!d.department) return fail(Error::invalid_field("department", "未知的单位：" + code));
        }
        GK_TRY_STATUS(ctx.budgets->set(p, id, d, rc));
        return std::vector<std::string>{};
      },
      [&](const Principal& p, DocumentId id, const RequestContext& rc) {
        return ctx.budgets->remove(p, id, rc);
      });
}

http::Response admin_document_guide(WebContext& ctx, http::Request& req) {
  return handle_facts_post(
      ctx, req, "guide",
      [&](const Principal& p, DocumentId id, const Form& f,
          const RequestContext& rc) -> Result<std::vector<std::string>> {
        documents::ServiceGuide g;
        for (const auto& e : documents::guide_elements()) g.*e.member = f.get(e.field);
        GK_TRY_STATUS(ctx.guides->set(p, id, std::move(g), rc));
        return std::vector<std::string>{};
      },
      [&](const Principal& p, DocumentId id, const RequestContext& rc) {
        return ctx.guides->remove(p, id, rc);
      });
}

http::Response admin_topics(WebContext& ctx, http::Request& req) {
  if (!ctx.topics) return error_page(ctx, req, Error::unavailable("topic service is not configured"));
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  std::string flash;
  if (auto done = req.query_param("done")) flash = *done == "created" ? "专题栏目已建立。" : "操作已完成。";
  return topics_page(ctx, req, *p, nullptr, nullptr, flash);
}

http::Response admin_topic_create(WebContext& ctx, http::Request& req) {
  if (!ctx.topics) return error_page(ctx, req, Error::unavailable("topic service is not configured"));
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  documents::TopicDraft d{form->get("key"), form->get("name"), form->get("update_cycle_days"),
                          form->get("featured") == "1"};
  auto id = ctx.topics->create(*p, d, request_context(req));
  if (!id) {
    if (id.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, id.error());
    return topics_page(ctx, req, *p, &*form, &id.error(), "");
  }
  return http::Response::redirect("/admin/topics?done=created");
}

http::Response admin_topic_feature(WebContext& ctx, http::Request& req) {
  if (!ctx.topics) return error_page(ctx, req, Error::unavailable("topic service is not configured"));
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = to_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("专题栏目不存在"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  Status st = ctx.topics->set_featured(*p, ColumnId(*id), form->get("featured") == "1", request_context(req));
  if (!st) return error_page(ctx, req, st.error());
  return http::Response::redirect("/admin/topics?done=featured");
}

}  // namespace gk::web
