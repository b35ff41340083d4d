#include "web/admin_pages.h"

#include <fmt/format.h>

#include "accounts/permission.h"
#include "http/content_disposition.h"
#include "web/account_pages.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Principal;

// The staff principal of the request, or the error to render.
std::string role_labels(const std::vector<accounts::Role>& roles) {
  std::string out;
  for (auto r : roles) {
    if (!out.empty()) out += "、";
    out += accounts::role_label(r);
  }
  return out;
}

View departments_view(const std::vector<accounts::Department>& depts, std::string_view selected_code,
                      std::optional<DepartmentId> only) {
  View list{View::type::list};
  for (const auto& d : depts) {
    if (only && d.id != *only) continue;
    View i;
    i.set("code", d.code);
    i.set("name", d.name);
    i.set("selected", d.code == selected_code);
    list.push_back(i);
  }
  return list;
}

// Resolves ?department=CODE against the list; nullopt for none or unknown.
std::optional<accounts::Department> find_by_code(const std::vector<accounts::Department>& depts,
                                                 std::string_view code) {
  for (const auto& d : depts)
    if (d.code == code) return d;
  return std::nullopt;
}

View user_form_view(const http::Request& req, const std::vector<accounts::Department>& depts,
                    const std::string& dept_code, const std::vector<std::string>& checked_roles) {
  View view;
  view.set("csrf", visitor_of(req).csrf_token);
  view.set("departments", departments_view(depts, dept_code, std::nullopt));
  View roles{View::type::list};
  for (auto r : accounts::kAllRoles) {
    View i;
    i.set("name", std::string(accounts::role_name(r)));
    i.set("label", std::string(accounts::role_label(r)));
    i.set("checked", std::find(checked_roles.begin(), checked_roles.end(), accounts::role_name(r)) != checked_roles.end());
    roles.push_back(i);
  }
  view.set("roles", roles);
  return view;
}

}  // namespace

http::Response admin_home(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  View view;
  view.set("display_name", p->display_name);
  view.set("department_name", p->department_name);
  View roles{View::type::list};
  for (auto r : p->roles) roles.push_back(View(std::string(accounts::role_label(r))));
  view.set("roles", roles);
  view.set("scope", p->is_city_wide() ? "全市" : "本单位（" + p->department_name + "）");

  auto cal = ctx.calendar.current();
  const Date today = ctx.clock.today();
  View t;
  t.set("date", today.to_string());
  t.set("working", cal->is_working_day(today).value_or(!today.is_weekend()));
  view.set("today", t);
  if (!cal->covers(today.year())) {
    view.set("calendar_warning", fmt::format("{}年的节假日安排尚未导入，法定期限无法计算。", today.year()));
  } else if (today.month() >= 11 && !cal->covers(today.year() + 1)) {
    view.set("calendar_warning", fmt::format("{}年的节假日安排尚未导入；国务院办公厅通知发布后请及时导入。", today.year() + 1));
  }
  auto users = ctx.accounts.list_users(*p, p->department);
  view.set("department_user_count", users ? std::to_string(users->size()) : std::string("—"));
  // Normative documents of the staff's scope due for evaluation before expiry (validity.h).
  if (ctx.reports != nullptr) {
    if (auto expiring = ctx.reports->expiring(*p, std::nullopt); expiring && !expiring->empty()) {
      view.set("expiring_notice", fmt::format("{} 件规范性文件将在 {} 个月内到期", expiring->size(),
                                              ctx.reports->policy().warn_months));
    }
  }

  // Last year's annual report (条例 Art. 49): the organ's stage and deadline, or for the 公开办 the
  // city's count; a line that turns into a warning once the deadline has passed unpublished.
  if (ctx.annual_reports != nullptr && today.year() - 1 >= 2000) {
    const int year = today.year() - 1;
    if (p->is_city_wide()) {
      if (auto all = ctx.annual_reports->overview(*p, year)) {
        int published = 0, overdue = 0;
        for (const auto& s : *all) {
          published += s.stage == report::ReportStage::kPublished ? 1 : 0;
          overdue += s.overdue ? 1 : 0;
        }
        view.set("annual_report_notice", fmt::format("{}年度报告：已发布 {} / {}，逾期 {}", year, published,
                                                     all->size(), overdue));
        view.set("annual_report_overdue", overdue > 0);
      }
    } else if (auto mine = ctx.annual_reports->get(*p, p->department, year)) {
      const auto& s = mine->status;
      std::string when = s.stage == report::ReportStage::kPublished ? std::string("已发布")
                         : s.overdue ? fmt::format("已逾期{}天（期限 {}）", -s.days_left, s.deadline.to_string())
                                     : fmt::format("距发布期限 {} 还有{}天", s.deadline.to_string(), s.days_left);
      view.set("annual_report_notice", fmt::format("{}{}年度报告：{}，{}", p->department_name, year,
                                                   report::report_stage_label(s.stage), when));
      view.set("annual_report_overdue", s.overdue);
    }
  }

  View recent{View::type::list};
  if (auto entries = ctx.audit_log.page(*p, {.department = std::nullopt, .before_id = 0, .limit = 10})) {
    for (const auto& e : *entries) {
      View i;
      i.set("at", e.at.to_local_display());
      i.set("actor", e.actor);
      i.set("action", e.action);
      i.set("summary", e.summary);
      recent.push_back(i);
    }
  }
  view.set("has_recent", !recent.list_value().empty());
  view.set("recent", recent);
  return render_page(ctx, req, "admin_home", view, admin_page("工作台"));
}

http::Response admin_users(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto depts = ctx.accounts.list_departments(&*p);
  if (!depts) return error_page(ctx, req, depts.error());
  const std::string code = req.query_param("department").value_or("");
  std::optional<DepartmentId> filter;
  if (!code.empty()) {
    auto d = find_by_code(*depts, code);
    if (!d) return error_page(ctx, req, Error::invalid_field("department", "单位不存在：" + code));
    filter = d->id;
  }
  auto users = ctx.accounts.list_users(*p, filter);
  if (!users) return error_page(ctx, req, users.error());
  View list{View::type::list};
  for (const auto& u : *users) {
    View i;
    i.set("username", u.username);
    i.set("display_name", u.display_name);
    std::string dname;
    for (const auto& d : *depts)
      if (d.id == u.department) dname = d.name;
    i.set("department", dname);
    i.set("roles", role_labels(u.roles));
    i.set("status", u.active ? "启用" : "停用");
    list.push_back(i);
  }
  View view;
  view.set("users", list);
  view.set("count", std::to_string(users->size()));
  view.set("can_all", p->is_city_wide());
  view.set("departments", departments_view(*depts, code, p->is_city_wide() ? std::nullopt : std::optional(p->department)));
  if (!code.empty()) view.set("filter_code", code);
  view.set("can_manage", static_cast<bool>(accounts::authorize(&*p, accounts::Permission::kManageUsers)));
  auto opts = admin_page("账号管理");
  if (req.query_param("created")) opts.flash = "账号已创建。";
  return render_page(ctx, req, "admin_users", view, opts);
}

http::Response admin_users_csv(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto depts = ctx.accounts.list_departments(&*p);
  if (!depts) return error_page(ctx, req, depts.error());
  std::optional<DepartmentId> filter;
  if (auto code = req.query_param("department"); code && !code->empty()) {
    auto d = find_by_code(*depts, *code);
    if (!d) return error_page(ctx, req, Error::invalid_field("department", "单位不存在：" + *code));
    filter = d->id;
  }
  auto users = ctx.accounts.list_users(*p, filter);
  if (!users) return error_page(ctx, req, users.error());
  std::string csv = "\xEF\xBB\xBF";  // BOM so spreadsheet programs read UTF-8
  csv += "用户名,姓名,单位,角色,状态\r\n";
  for (const auto& u : *users) {
    std::string dname;
    for (const auto& d : *depts)
      if (d.id == u.department) dname = d.name;
    csv += csv_cell(u.username) + "," + csv_cell(u.display_name) + "," + csv_cell(dname) + "," +
           csv_cell(accounts::join_roles(u.roles)) + "," + csv_cell(u.active ? "启用" : "停用") + "\r\n";
  }
  http::Response res = http::Response::text(std::move(csv));
  res.headers.set("Content-Type", "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", http::attachment_disposition("账号.csv", "users.csv"));
  res.headers.set("Cache-Control", "no-store");
  return res;
}

http::Response admin_user_form(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  if (Status st = accounts::authorize(&*p, accounts::Permission::kManageUsers); !st) {
    return error_page(ctx, req, st.error());
  }
  auto depts = ctx.accounts.list_departments(&*p);
  if (!depts) return error_page(ctx, req, depts.error());
  View view = user_form_view(req, *depts, "", {});
  return render_page(ctx, req, "admin_user_new", view, admin_page("新增账号"));
}

http::Response admin_user_create(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  accounts::NewUser nu;
  nu.username = form->get("username");
  nu.display_name = form->get("display_name");
  nu.department_code = form->get("department");
  nu.password = form->get("password");
  const auto role_names = form->all("roles");
  for (const auto& r : role_names)
    if (auto role = accounts::parse_role(r)) nu.roles.push_back(*role);
  auto id = ctx.accounts.create_user(*p, nu, request_context(req));
  if (!id) {
    if (id.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, id.error());
    auto depts = ctx.accounts.list_departments(&*p);
    if (!depts) return error_page(ctx, req, depts.error());
    View view = user_form_view(req, *depts, nu.department_code, role_names);
    view.set("username", nu.username);
    view.set("display_name", nu.display_name);
    put_errors(view, id.error());
    return render_page(ctx, req, "admin_user_new", view, admin_page("新增账号", 400));
  }
  return http::Response::redirect("/admin/users?created=1");
}

http::Response admin_audit(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  audit::AuditQuery q;
  if (auto b = req.query_param("before")) {
    try {
      q.before_id = std::stoll(*b);
    } catch (...) {
      return error_page(ctx, req, Error::invalid_field("before", "页码参数有误"));
    }
  }
  q.limit = 50;
  auto entries = ctx.audit_log.page(*p, q);
  if (!entries) return error_page(ctx, req, entries.error());
  View list{View::type::list};
  for (const auto& e : *entries) {
    View i;
    i.set("id", std::to_string(e.id.value));
    i.set("at", e.at.to_local_display());
    i.set("actor", e.actor);
    i.set("action", e.action);
    i.set("target", e.target);
    i.set("summary", e.summary);
    i.set("ip", e.ip);
    list.push_back(i);
  }
  View view;
  view.set("entries", list);
  if (entries->size() == 50 && entries->back().id.value > 1) {
    view.set("next_before", std::to_string(entries->back().id.value));
  }
  return render_page(ctx, req, "admin_audit", view, admin_page("审计日志"));
}

namespace {

http::Response calendar_page(WebContext& ctx, http::Request& req, View view, int status, std::string flash) {
  auto cal = ctx.calendar.current();
  View years{View::type::list};
  for (int y : cal->covered_years()) years.push_back(View(std::to_string(y)));
  view.set("years", years);
  view.set("csrf", visitor_of(req).csrf_token);
  const int next_year = ctx.clock.today().year() + 1;
  if (!cal->covers(next_year)) {
    view.set("missing_next", fmt::format("{}年的节假日安排尚未导入。", next_year));
  }
  auto opts = admin_page("节假日安排", status);
  opts.flash = std::move(flash);
  return render_page(ctx, req, "admin_calendar", view, opts);
}

}  // namespace

http::Response admin_calendar(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  if (Status st = accounts::authorize(&*p, accounts::Permission::kManageCalendar); !st) {
    return error_page(ctx, req, st.error());
  }
  std::string flash;
  if (auto n = req.query_param("imported")) flash = "已导入 " + *n + " 条节假日安排。";
  return calendar_page(ctx, req, View{}, 200, flash);
}

http::Response admin_calendar_import(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  auto summary = ctx.calendar.import_csv(*p, form->get("csv"), form->get("source"), request_context(req));
  if (!summary) {
    if (summary.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, summary.error());
    View view;
    view.set("csv", form->get("csv"));
    view.set("source", form->get("source"));
    std::string msg = summary.error().message();
    for (const auto& f : summary.error().fields()) msg += "；" + f.field + "：" + f.message;
    view.set("error", msg);
    return calendar_page(ctx, req, view, 400, "");
  }
  return http::Response::redirect("/admin/calendar?imported=" + std::to_string(summary->rows));
}

}  // namespace gk::web
