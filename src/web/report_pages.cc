#include "web/report_pages.h"

#include <charconv>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Principal;

// ?department=CODE resolved against every department (the service decides whether the principal
// may see it: another department's report is 403, not "unknown").
struct Scope {
  std::vector<accounts::Department> departments;
  std::optional<accounts::Department> selected;
};

Result<Scope> scope_of(WebContext& ctx, const http::Request& req) {
  Scope s;
  GK_TRY_ASSIGN(depts, ctx.accounts.list_departments(nullptr));
  s.departments = std::move(depts);
  const std::string code = req.query_param("department").value_or("");
  if (!code.empty()) {
    for (const auto& d : s.departments)
      if (d.code == code) s.selected = d;
    if (!s.selected) return fail(Error::invalid_field("department", "未知的单位：" + code));
  }
  return s;
}

std::string name_of(const Scope& s, DepartmentId id) {
  for (const auto& d : s.departments)
    if (d.id == id) return d.name;
  return "";
}

std::string scope_name(const Scope& s, const Principal& p) {
  if (s.selected) return s.selected->name;
  return p.is_city_wide() ? "全市" : p.department_name;
}

// The department picker: every department (and 全市) for city-wide staff, the own one otherwise.
View department_options(const Scope& s, const Principal& p) {
  View list{View::type::list};
  for (const auto& d : s.departments) {
    if (!p.is_city_wide() && d.id != p.department) continue;
    View o;
    o.set("code", d.code);
    o.set("name", d.name);
    o.set("selected", s.selected && s.selected->id == d.id);
    list.push_back(o);
  }
  return list;
}

Result<int> year_of(const http::Request& req, Date today) {
  const std::string y = req.query_param("year").value_or("");
  if (y.empty()) return today.year();
  int v = 0;
  auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), v);
  if (ec != std::errc() || ptr != y.data() + y.size() || y.size() != 4) {
    return fail(Error::invalid_field("year", "年份应为四位数字"));
  }
  return v;
}

std::string query_of(int year, const Scope& s) {
  std::string q = "year=" + std::to_string(year);
  if (s.selected) q += "&department=" + s.selected->code;
  return q;
}

struct TimelinessInput {
  Principal principal;
  Scope scope;
  documents::TimelinessReport report;
};

Result<TimelinessInput> load_timeliness(WebContext& ctx, const http::Request& req) {
  GK_TRY_ASSIGN(p, require_staff(req));
  if (ctx.reports == nullptr) return fail(Error::unavailable("report service not configured"));
  GK_TRY_ASSIGN(scope, scope_of(ctx, req));
  GK_TRY_ASSIGN(year, year_of(req, ctx.clock.today()));
  std::optional<DepartmentId> dept;
  if (scope.selected) dept = scope.selected->id;
  GK_TRY_ASSIGN(report, ctx.reports->timeliness(p, year, dept));
  return TimelinessInput{std::move(p), std::move(scope), std::move(report)};
}

std::string rate_text(const documents::TimelinessReport& r) {
  auto rate = r.on_time_rate();
  return rate ? fmt::format("{:.1f}%", *rate * 100.0) : std::string("—");
}

}  // namespace

http::Response admin_reports(WebContext&, http::Request&) {
  return http::Response::redirect("/admin/reports/timeliness");
}

http::Response admin_timeliness(WebContext& ctx, http::Request& req) {
  auto in = load_timeliness(ctx, req);
  if (!in) return error_page(ctx, req, in.error());
  const auto& r = in->report;
  View rows{View::type::list};
  for (const auto& row : r.rows) {
    const auto& t = row.timeliness;
    View v;
    v.set("id", std::to_string(row.id.value));
    v.set("title", row.title);
    v.set("index_number", row.index_number);
    v.set("doc_number", row.doc_number.value_or(""));
    v.set("department", name_of(in->scope, row.department));
    v.set("formed_on", t.formed_on.to_string());
    v.set("published_on", t.published_on.to_string());
    v.set("working_days", t.working_days ? std::to_string(*t.working_days) : std::string("—"));
    v.set("due", t.due ? t.due->to_string() : std::string("—"));
    v.set("verdict", std::string(documents::timeliness_verdict_name(t.verdict)));
    v.set("verdict_label", std::string(documents::timeliness_verdict_label(t.verdict)));
    v.set("late", t.late());
    v.set("unknown", t.verdict == documents::TimelinessVerdict::kUnknown);
    if (!t.unknown_reason.empty()) v.set("note", t.unknown_reason);
    rows.push_back(v);
  }
  View view;
  view.set("year", std::to_string(r.year));
  view.set("scope_name", scope_name(in->scope, in->principal));
  view.set("city_wide", in->principal.is_city_wide());
  view.set("departments", department_options(in->scope, in->principal));
  view.set("rows", rows);
  view.set("has_rows", !r.rows.empty());
  view.set("total", std::to_string(r.total));
  view.set("on_time", std::to_string(r.on_time));
  view.set("late_count", std::to_string(r.late));
  view.set("unknown_count", std::to_string(r.unknown));
  view.set("has_unknown", r.unknown > 0);
  view.set("rate", rate_text(r));
  view.set("csv_url", "/admin/reports/timeliness.csv?" + query_of(r.year, in->scope));
  return render_page(ctx, req, "admin_timeliness", view, admin_page("主动公开时效"));
}

http::Response admin_timeliness_csv(WebContext& ctx, http::Request& req) {
  auto in = load_timeliness(ctx, req);
  if (!in) return error_page(ctx, req, in.error());
  const auto& r = in->report;
  std::string csv = "\xEF\xBB\xBF";  // BOM so spreadsheet programs read UTF-8
  csv += "索引号,标题,文号,单位,形成或变更日期,发布日期,工作日数,公开期限,结果,说明\r\n";
  for (const auto& row : r.rows) {
    const auto& t = row.timeliness;
    csv += csv_cell(row.index_number) + "," + csv_cell(row.title) + "," +
           csv_cell(row.doc_number.value_or("")) + "," + csv_cell(name_of(in->scope, row.department)) + "," +
           csv_cell(t.formed_on.to_string()) + "," + csv_cell(t.published_on.to_string()) + "," +
           csv_cell(t.working_days ? std::to_string(*t.working_days) : "") + "," +
           csv_cell(t.due ? t.due->to_string() : "") + "," +
           csv_cell(documents::timeliness_verdict_label(t.verdict)) + "," + csv_cell(t.unknown_reason) +
           "\r\n";
  }
  csv += fmt::format("{},{},,,,,,,,{}\r\n", csv_cell("合计"),
                     csv_cell(fmt::format("共 {} 件，按时 {} 件，逾期 {} 件，无法判定 {} 件", r.total,
                                          r.on_time, r.late, r.unknown)),
                     csv_cell("按时公开率 " + rate_text(r)));
  http::Response res = http::Response::text(std::move(csv));
  res.headers.set("Content-Type", "text/csv; charset=utf-8");
  res.headers.set(
      "Content-Disposition",
      fmt::format("attachment; filename=\"timeliness-{}.csv\"; "
                  "filename*=UTF-8''%E4%B8%BB%E5%8A%A8%E5%85%AC%E5%BC%80%E6%97%B6%E6%95%88-{}.csv",
                  r.year, r.year));
  res.headers.set("Cache-Control", "no-store");
  return res;
}

http::Response admin_expiring(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  if (ctx.reports == nullptr)
    return error_page(ctx, req, Error::unavailable("report service not configured"));
  auto scope = scope_of(ctx, req);
  if (!scope) return error_page(ctx, req, scope.error());
  std::optional<DepartmentId> dept;
  if (scope->selected) dept = scope->selected->id;
  auto list = ctx.reports->expiring(*p, dept);
  if (!list) return error_page(ctx, req, list.error());
  const auto& policy = ctx.reports->policy();
  View rows{View::type::list};
  for (const auto& row : *list) {
    const auto& w = row.warning;
    View v;
    v.set("id", std::to_string(w.id.value));
    v.set("title", w.title);
    v.set("doc_number", row.doc_number.value_or(""));
    v.set("unified_number", row.unified_number.value_or(""));
    v.set("department", name_of(*scope, row.department));
    v.set("effective_on", row.effective_on ? row.effective_on->to_string() : std::string("—"));
    v.set("last_day", w.expires.plus_days(-1).to_string());  // 有效期至: the last day in force
    v.set("expires", w.expires.to_string());
    v.set("days_left", std::to_string(w.days_left));
    v.set("default_period", w.default_period);
    v.set("period_label",
          w.default_period
              ? fmt::format("默认有效期（{} 年）",
                            documents::is_trial_title(w.title) ? policy.trial_years : policy.normative_years)
              : std::string("文件规定的失效日期"));
    rows.push_back(v);
  }
  View view;
  view.set("rows", rows);
  view.set("has_rows", !list->empty());
  view.set("count", std::to_string(list->size()));
  view.set("warn_months", std::to_string(policy.warn_months));
  view.set("normative_years", std::to_string(policy.normative_years));
  view.set("trial_years", std::to_string(policy.trial_years));
  view.set("scope_name", scope_name(*scope, *p));
  view.set("city_wide", p->is_city_wide());
  view.set("departments", department_options(*scope, *p));
  view.set("today", ctx.clock.today().to_string());
  return render_page(ctx, req, "admin_expiring", view, admin_page("规范性文件到期提醒"));
}

}  // namespace gk::web
