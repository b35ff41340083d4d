#include "web/library_pages.h"

#include <charconv>
#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/utf8.h"
#include "http/form.h"
#include "web/document_views.h"
#include "web/pages.h"

namespace gk::web {
namespace {

using documents::BudgetCellStatus;
using documents::PlanNode;

constexpr int kBudgetMatrixYears = 5;  // the brief an inspector checks: the latest five fiscal years
constexpr int kDepartmentBudgetYears = 10;
constexpr int kMaxPlanTreeDepth = 30;  // deeper chains are shown flat below this depth

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Error not_wired(std::string_view what) {
  return Error::unavailable(fmt::format("{} service is not configured", what));
}

std::map<int64_t, accounts::Department> departments_by_id(const std::vector<accounts::Department>& depts) {
  std::map<int64_t, accounts::Department> out;
  for (const auto& d : depts) out.emplace(d.id.value, d);
  return out;
}

std::string name_of(const std::map<int64_t, accounts::Department>& depts, DepartmentId id) {
  auto it = depts.find(id.value);
  return it == depts.end() ? std::string() : it->second.name;
}

std::string published_day(const documents::DocumentHeading& h) {
  return h.published_at ? h.published_at->local_date().to_string() : "—";
}

// One node of the plan tree, its children rendered first (Mustache has no recursion of its own).
std::string render_plan_node(WebContext& ctx, const PlanNode& node, const documents::PlanSystem& sys,
                             const std::map<int64_t, accounts::Department>& depts, int depth) {
  const auto& f = node.facts;
  View v;
  v.set("id", std::to_string(f.document.value));
  auto doc = sys.documents.find(f.document.value);
  v.set("title", doc == sys.documents.end() ? std::string() : doc->second.title);
  v.set("department", doc == sys.documents.end() ? std::string() : name_of(depts, doc->second.department));
  v.set("type", std::string(documents::plan_type_name(f.type)));
  v.set("type_label", std::string(documents::plan_type_label(f.type)));
  v.set("level_label", std::string(documents::plan_level_label(f.level)));
  v.set("period_label", documents::plan_period_label(f.period_start_year, f.period_end_year));
  v.set("matches", node.matches);
  v.set("parent_not_shown", node.parent_not_shown);
  std::string children;
  for (const auto& c : node.children) {
    children += render_plan_node(ctx, c, sys, depts, depth + 1);
  }
  const bool nest = depth < kMaxPlanTreeDepth;
  if (nest && !children.empty()) v.set("children_html", children);
  std::string out = ctx.views.render("plan_node", v).value_or("");
  if (!nest) out += children;
  return out;
}

View term_options(const std::vector<std::pair<std::string, std::string>>& terms,
                  const std::string& selected) {
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

View budget_cell_view(const documents::BudgetCell& c, documents::BudgetKind kind) {
  View v;
  v.set("kind_label", std::string(documents::budget_kind_label(kind)));
  v.set("published", c.status == BudgetCellStatus::kPublished);
  v.set("missing", c.status == BudgetCellStatus::kMissing);
  v.set("not_yet_due", c.status == BudgetCellStatus::kNotYetDue);
  v.set("due", c.due.to_string());
  if (c.report) {
    v.set("url", fmt::format("/documents/{}", c.report->report.document.value));
    v.set("title", c.report->title);
    v.set("published_on", c.report->published_on.to_string());
  }
  return v;
}

std::optional<accounts::Department> find_department(const std::vector<accounts::Department>& depts,
                                                    std::string_view code) {
  for (const auto& d : depts)
    if (d.code == code) return d;
  return std::nullopt;
}

}  // namespace

http::Response portal_plans(WebContext& ctx, http::Request& req) {
  if (!ctx.plans) return error_page(ctx, req, not_wired("plan"));
  documents::PlanFilter filter;
  const std::string type = req.query_param("type").value_or("");
  const std::string period = req.query_param("period").value_or("");
  if (!type.empty()) {
    filter.type = documents::parse_plan_type(type);
    if (!filter.type)
      return error_page(ctx, req,
                        Error::invalid_field("type", "规划类型应为 master、special、regional 或 spatial"));
  }
  if (!period.empty()) {
    const size_t dash = period.find('-');
    auto from = to_int(std::string_view(period).substr(0, dash));
    auto to = dash == std::string::npos ? std::nullopt : to_int(std::string_view(period).substr(dash + 1));
    if (!from || !to) return error_page(ctx, req, Error::invalid_field("period", "规划期应写作 2021-2025"));
    filter.period = std::pair{*from, *to};
  }
  auto sys = ctx.plans->system(filter);
  if (!sys) return error_page(ctx, req, sys.error());
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  const auto by_id = departments_by_id(*depts);

  View view;
  std::vector<std::pair<std::string, std::string>> types;
  for (auto t : documents::kAllPlanTypes) {
    types.emplace_back(std::string(documents::plan_type_name(t)), std::string(documents::plan_type_label(t)));
  }
  view.set("types", term_options(types, type));
  std::vector<std::pair<std::string, std::string>> periods;
  for (auto [from, to] : sys->periods) {
    periods.emplace_back(fmt::format("{}-{}", from, to), documents::plan_period_label(from, to));
  }
  view.set("periods", term_options(periods, period));
  View groups{View::type::list};
  for (const auto& g : sys->groups) {
    View gv;
    gv.set("label", g.label);
    std::string tree;
    for (const auto& root : g.roots) tree += render_plan_node(ctx, root, *sys, by_id, 0);
    gv.set("tree_html", tree);
    groups.push_back(gv);
  }
  view.set("has_groups", !groups.list_value().empty());
  view.set("groups", groups);
  view.set("total", std::to_string(sys->total));
  view.set("filtered", filter.type.has_value() || filter.period.has_value());
  PageOptions opts;
  opts.title = "规划";
  return render_page(ctx, req, "plans", view, opts);
}

http::Response portal_budgets(WebContext& ctx, http::Request& req) {
  if (!ctx.budgets) return error_page(ctx, req, not_wired("budget"));
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  // Optional narrowing by kind of organ: gov (市政府及办公室), dept (市级部门), town (镇乡街道).
  const std::string group = req.query_param("group").value_or("");
  if (!group.empty() && group != "gov" && group != "dept" && group != "town") {
    return error_page(ctx, req, Error::invalid_field("group", "分组应为 gov、dept 或 town"));
  }
  std::vector<documents::BudgetDepartment> rows;
  for (const auto& d : *depts) {
    const bool in_group =
        group.empty() || (group == "town" && d.kind == accounts::DepartmentKind::kTownship) ||
        (group == "dept" && d.kind == accounts::DepartmentKind::kDepartment) ||
        (group == "gov" &&
         (d.kind == accounts::DepartmentKind::kGovernment || d.kind == accounts::DepartmentKind::kOffice));
    if (in_group) rows.push_back({d.id, d.code, d.name});
  }
  auto m = ctx.budgets->matrix(rows, kBudgetMatrixYears);
  if (!m) return error_page(ctx, req, m.error());
  View view;
  View years{View::type::list};
  for (int y : m->years) years.push_back(View(std::to_string(y)));
  view.set("years", years);
  View table{View::type::list};
  for (const auto& row : m->rows) {
    View r;
    r.set("code", row.department.code);
    r.set("name", row.department.name);
    r.set("missing", std::to_string(row.missing));
    r.set("has_missing", row.missing > 0);
    View cells{View::type::list};
    for (const auto& y : row.years) {
      cells.push_back(budget_cell_view(y.budget, documents::BudgetKind::kBudget));
      cells.push_back(budget_cell_view(y.final_account, documents::BudgetKind::kFinalAccount));
    }
    r.set("cells", cells);
    table.push_back(r);
  }
  view.set("rows", table);
  view.set("missing", std::to_string(m->missing));
  view.set("any_missing", m->missing > 0);
  view.set("groups",
           term_options({{"gov", "市政府及其办公室"}, {"dept", "市级部门"}, {"town", "镇乡街道"}}, group));
  PageOptions opts;
  opts.title = "预算决算公开";
  return render_page(ctx, req, "budgets", view, opts);
}

http::Response portal_department_budgets(WebContext& ctx, http::Request& req) {
  if (!ctx.budgets) return error_page(ctx, req, not_wired("budget"));
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  auto dept = find_department(*depts, req.param("code"));
  if (!dept) return error_page(ctx, req, Error::not_found("没有找到该公开主体。"));
  const documents::BudgetDepartment one[] = {{dept->id, dept->code, dept->name}};
  auto m = ctx.budgets->matrix(one, kDepartmentBudgetYears);
  if (!m) return error_page(ctx, req, m.error());
  View view;
  view.set("code", dept->code);
  view.set("name", dept->name);
  View years{View::type::list};
  for (const auto& y : m->rows.at(0).years) {
    View yv;
    yv.set("year", std::to_string(y.fiscal_year));
    yv.set("budget", budget_cell_view(y.budget, documents::BudgetKind::kBudget));
    yv.set("final_account", budget_cell_view(y.final_account, documents::BudgetKind::kFinalAccount));
    years.push_back(yv);
  }
  view.set("years", years);
  view.set("missing", std::to_string(m->missing));
  PageOptions opts;
  opts.title = dept->name + " 预算决算";
  return render_page(ctx, req, "department_budgets", view, opts);
}

http::Response portal_guides(WebContext& ctx, http::Request& req) {
  if (!ctx.guides) return error_page(ctx, req, not_wired("guide"));
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  documents::GuideQuery q;
  const std::string code = req.query_param("department").value_or("");
  if (!code.empty()) {
    auto d = find_department(*depts, code);
    if (!d) return error_page(ctx, req, Error::invalid_field("department", "未知的公开主体：" + code));
    q.department = d->id;
  }
  q.q = trim(req.query_param("q").value_or(""));
  if (utf8_length(q.q) > 100) return error_page(ctx, req, Error::invalid_field("q", "查询词不能超过 100 字"));
  if (auto p = req.query_param("page"); p && !p->empty()) {
    auto n = to_int(*p);
    if (!n || *n < 1 || *n > 100000)
      return error_page(ctx, req, Error::invalid_field("page", "页码应为正整数"));
    q.page = *n;
  }
  auto page = ctx.guides->list_public(q);
  if (!page) return error_page(ctx, req, page.error());
  const auto by_id = departments_by_id(*depts);
  View view;
  View dl{View::type::list};
  for (const auto& d : *depts) {
    View o;
    o.set("code", d.code);
    o.set("name", d.name);
    o.set("selected", d.code == code);
    dl.push_back(o);
  }
  view.set("departments", dl);
  view.set("q", q.q);
  View rows{View::type::list};
  for (const auto& item : page->items) {
    View r;
    r.set("id", std::to_string(item.document.id.value));
    r.set("item_name", item.guide.item_name);
    r.set("department", name_of(by_id, item.document.department));
    r.set("location", item.guide.location);
    r.set("phone", item.guide.phone);
    if (!item.guide.online_url.empty()) r.set("online_url", item.guide.online_url);
    r.set("published_on", published_day(item.document));
    rows.push_back(r);
  }
  view.set("items", rows);
  view.set("total", std::to_string(page->total));
  std::string base = "/guides";
  std::string qs;
  if (!code.empty()) qs += "department=" + http::url_encode(code);
  if (!q.q.empty()) qs += (qs.empty() ? "" : "&") + std::string("q=") + http::url_encode(q.q);
  if (!qs.empty()) base += "?" + qs;
  view.set("pager_html", render_pager(ctx, base, page->page, page->per_page, page->total));
  PageOptions opts;
  opts.title = "办事指南";
  return render_page(ctx, req, "guides", view, opts);
}

http::Response portal_topics(WebContext& ctx, http::Request& req) {
  if (!ctx.topics) return error_page(ctx, req, not_wired("topic"));
  auto topics = ctx.topics->list();
  if (!topics) return error_page(ctx, req, topics.error());
  View view;
  View list{View::type::list};
  for (const auto& c : *topics) {
    View t;
    t.set("key", c.key);
    t.set("name", c.name);
    t.set("featured", c.featured);
    list.push_back(t);
  }
  view.set("topics", list);
  PageOptions opts;
  opts.title = "专题专栏";
  return render_page(ctx, req, "topics", view, opts);
}

http::Response portal_topic(WebContext& ctx, http::Request& req) {
  if (!ctx.topics) return error_page(ctx, req, not_wired("topic"));
  auto topic = ctx.topics->find(req.param("key"));
  if (!topic) return error_page(ctx, req, topic.error());
  documents::DocumentQuery q;
  q.column = topic->id;
  if (auto p = req.query_param("page"); p && !p->empty()) {
    auto n = to_int(*p);
    if (!n || *n < 1 || *n > 100000)
      return error_page(ctx, req, Error::invalid_field("page", "页码应为正整数"));
    q.page = *n;
  }
  auto page = ctx.documents.list_public(q);
  if (!page) return error_page(ctx, req, page.error());
  View view;
  view.set("key", topic->key);
  view.set("name", topic->name);
  if (topic->update_cycle_days) view.set("cycle", std::to_string(*topic->update_cycle_days));
  View rows{View::type::list};
  for (const auto& item : page->items) rows.push_back(list_row(item));
  view.set("items", rows);
  view.set("total", std::to_string(page->total));
  view.set("pager_html", render_pager(ctx, "/topics/" + topic->key, page->page, page->per_page, page->total));
  PageOptions opts;
  opts.title = topic->name;
  return render_page(ctx, req, "topic", view, opts);
}

std::string document_facts_html(WebContext& ctx, DocumentId id) {
  View view;
  bool any = false;
  auto log_error = [&](const char* what, const Error& e) {
    spdlog::warn("document {} {} facts: {}", id.value, what, e.to_string());
  };
  if (ctx.plans) {
    if (auto plan = ctx.plans->get_public(id); !plan) {
      log_error("plan", plan.error());
    } else if (*plan) {
      const auto& f = (*plan)->facts;
      View p;
      p.set("type_label", std::string(documents::plan_type_label(f.type)));
      p.set("level_label", std::string(documents::plan_level_label(f.level)));
      p.set("period_label", documents::plan_period_label(f.period_start_year, f.period_end_year));
      p.set("period", fmt::format("{}-{}", f.period_start_year, f.period_end_year));
      if ((*plan)->parent) {
        View parent;
        parent.set("url", fmt::format("/documents/{}", (*plan)->parent->id.value));
        parent.set("title", (*plan)->parent->title);
        p.set("parent", parent);
      }
      View children{View::type::list};
      for (const auto& c : (*plan)->children) {
        View cv;
        cv.set("url", fmt::format("/documents/{}", c.document.id.value));
        cv.set("title", c.document.title);
        cv.set("type_label", std::string(documents::plan_type_label(c.facts.type)));
        children.push_back(cv);
      }
      p.set("has_children", !children.list_value().empty());
      p.set("children", children);
      view.set("plan", p);
      any = true;
    }
  }
  if (ctx.budgets) {
    if (auto report = ctx.budgets->get_public(id); !report) {
      log_error("budget", report.error());
    } else if (*report) {
      View b;
      b.set("year", std::to_string((*report)->fiscal_year));
      b.set("kind_label", std::string(documents::budget_kind_label((*report)->kind)));
      if (auto depts = ctx.accounts.list_departments(nullptr)) {
        for (const auto& d : *depts) {
          if (d.id != (*report)->department) continue;
          b.set("department", d.name);
          b.set("code", d.code);
        }
      }
      view.set("budget", b);
      any = true;
    }
  }
  if (ctx.guides) {
    if (auto guide = ctx.guides->get_public(id); !guide) {
      log_error("guide", guide.error());
    } else if (*guide) {
      View elements{View::type::list};
      for (const auto& e : documents::guide_elements()) {
        const std::string& value = (**guide).*e.member;
        if (value.empty()) continue;
        View ev;
        ev.set("label", std::string(e.label));
        ev.set("value", value);
        if (e.member == &documents::ServiceGuide::online_url)
          ev.set("url", value);  // http(s), checked on input
        elements.push_back(ev);
      }
      View g;
      g.set("elements", elements);
      view.set("guide", g);
      any = true;
    }
  }
  if (!any) return "";
  auto html = ctx.views.render("document_facts", view);
  if (!html) {
    log_error("render", html.error());
    return "";
  }
  return std::move(*html);
}

View featured_topics_view(WebContext& ctx, int per_topic) {
  View list{View::type::list};
  if (!ctx.topics) return list;
  auto topics = ctx.topics->featured();
  if (!topics) {
    spdlog::warn("featured topics: {}", topics.error().to_string());
    return list;
  }
  for (const auto& c : *topics) {
    documents::DocumentQuery q;
    q.column = c.id;
    q.per_page = per_topic;
    auto page = ctx.documents.list_public(q);
    if (!page) {
      spdlog::warn("featured topic {}: {}", c.key, page.error().to_string());
      continue;
    }
    View t;
    t.set("key", c.key);
    t.set("name", c.name);
    View items{View::type::list};
    for (const auto& item : page->items) {
      View i;
      i.set("id", std::to_string(item.document.id.value));
      i.set("title", item.document.title);
      i.set("published_on", published_on(item.document));
      items.push_back(i);
    }
    t.set("items", items);
    list.push_back(t);
  }
  return list;
}

}  // namespace gk::web
