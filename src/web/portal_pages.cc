#include "web/portal_pages.h"

#include <fmt/format.h>

#include "web/library_pages.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

std::string_view kind_label(accounts::DepartmentKind k) {
  switch (k) {
    case accounts::DepartmentKind::kGovernment: return "人民政府";
    case accounts::DepartmentKind::kOffice: return "政府办公室";
    case accounts::DepartmentKind::kDepartment: return "市级部门";
    case accounts::DepartmentKind::kTownship: return "镇乡街道";
  }
  return "";
}

View today_view(const calendar::WorkingCalendar& cal, Date today) {
  View t;
  t.set("date", today.to_string());
  auto working = cal.is_working_day(today);
  t.set("working", working.value_or(!today.is_weekend()));
  if (auto s = cal.special_day(today)) t.set("name", s->name);
  return t;
}

}  // namespace

http::Response portal_home(WebContext& ctx, http::Request& req) {
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  View view;
  int townships = 0, departments = 0;
  View featured{View::type::list};
  for (const auto& d : *depts) {
    if (d.kind == accounts::DepartmentKind::kTownship) ++townships;
    if (d.kind == accounts::DepartmentKind::kDepartment) ++departments;
    if (d.kind != accounts::DepartmentKind::kTownship && featured.list_value().size() < 8) {
      View item;
      item.set("code", d.code);
      item.set("name", d.name);
      featured.push_back(item);
    }
  }
  view.set("department_count", std::to_string(depts->size()));
  view.set("department_total_departments", std::to_string(departments));
  view.set("township_count", std::to_string(townships));
  // operator[] + move: set() would deep-copy the list (and below, the other sub-views).
  view["featured_departments"] = std::move(featured);

  auto cal = ctx.calendar.current();
  const Date today = ctx.clock.today();
  view["today"] = today_view(*cal, today);
  View items{View::type::list};
  for (const auto& s : cal->special_days()) {
    if (s.date < today || s.date > today.plus_days(60) || s.kind != calendar::DayKind::kHoliday) continue;
    if (items.list_value().size() >= 6) break;
    View i;
    i.set("date", s.date.to_string());
    i.set("name", s.name);
    i.set("kind_label", "");
    items.push_back(i);
  }
  if (!items.list_value().empty()) {
    View up;
    up["items"] = std::move(items);
    view["upcoming"] = std::move(up);
  }
  view["topics"] = featured_topics_view(ctx);  // featured topic columns (e.g. 涉疫信息), latest 5 each
  PageOptions opts;
  opts.title = "首页";
  return render_page(ctx, req, "portal_home", view, opts);
}

http::Response portal_departments(WebContext& ctx, http::Request& req) {
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  struct Group {
    const char* key;
    const char* label;
    std::vector<accounts::DepartmentKind> kinds;
  };
  const Group groups[] = {
      {"gov", "市政府及其办公室", {accounts::DepartmentKind::kGovernment, accounts::DepartmentKind::kOffice}},
      {"dept", "市级部门", {accounts::DepartmentKind::kDepartment}},
      {"town", "镇乡街道", {accounts::DepartmentKind::kTownship}},
  };
  View list{View::type::list};
  for (const auto& g : groups) {
    View items{View::type::list};
    for (const auto& d : *depts) {
      if (std::find(g.kinds.begin(), g.kinds.end(), d.kind) == g.kinds.end()) continue;
      View i;
      i.set("code", d.code);
      i.set("name", d.name);
      items.push_back(i);
    }
    View gv;
    gv.set("key", g.key);
    gv.set("label", g.label);
    gv.set("count", std::to_string(items.list_value().size()));
    gv.set("items", items);
    list.push_back(gv);
  }
  View view;
  view.set("groups", list);
  PageOptions opts;
  opts.title = "公开主体";
  return render_page(ctx, req, "departments", view, opts);
}

http::Response portal_department(WebContext& ctx, http::Request& req) {
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  const std::string_view code = req.param("code");
  for (const auto& d : *depts) {
    if (d.code != code) continue;
    View view;
    view.set("name", d.name);
    view.set("code", d.code);
    view.set("kind_label", std::string(kind_label(d.kind)));
    PageOptions opts;
    opts.title = d.name;
    return render_page(ctx, req, "department", view, opts);
  }
  return error_page(ctx, req, Error::not_found("没有找到该公开主体。"));
}

http::Response portal_calendar(WebContext& ctx, http::Request& req) {
  const Date today = ctx.clock.today();
  int year = today.year(), month = today.month();
  if (auto m = req.query_param("month")) {
    auto first = Date::parse(*m + "-01");
    if (!first) return error_page(ctx, req, Error::invalid_field("month", "月份格式应为 YYYY-MM，例如 2024-10"));
    year = first->year();
    month = first->month();
  }
  auto cal = ctx.calendar.current();
  View view;
  const std::string title = fmt::format("{}年{}月", year, month);
  view.set("title", title);
  const int prev_y = month == 1 ? year - 1 : year, prev_m = month == 1 ? 12 : month - 1;
  const int next_y = month == 12 ? year + 1 : year, next_m = month == 12 ? 1 : month + 1;
  view.set("prev", fmt::format("{:04d}-{:02d}", prev_y, prev_m));
  view.set("next", fmt::format("{:04d}-{:02d}", next_y, next_m));
  if (!cal->covers(year)) {
    View u;
    u.set("message", fmt::format("{}年的节假日安排尚未导入，无法确定该月的工作日。", year));
    view.set("uncovered", u);
  } else {
    View weekdays{View::type::list};
    for (const char* w : {"一", "二", "三", "四", "五", "六", "日"}) weekdays.push_back(View(w));
    view.set("weekdays", weekdays);
    const Date first = *Date::from_ymd(year, month, 1);
    const int lead = static_cast<int>(first.weekday()) - 1;
    const int days = days_in_month(year, month);
    View weeks{View::type::list};
    View week_days{View::type::list};
    int cells = 0;
    auto flush = [&] {
      View w;
      w.set("days", week_days);
      weeks.push_back(w);
      week_days = View{View::type::list};
    };
    for (int i = 0; i < lead; ++i, ++cells) {
      View cell;
      cell.set("css", "empty");
      week_days.push_back(cell);
    }
    View specials{View::type::list};
    for (int d = 1; d <= days; ++d, ++cells) {
      if (cells > 0 && cells % 7 == 0) flush();
      const Date date = *Date::from_ymd(year, month, d);
      View cell;
      View day;
      day.set("day", std::to_string(d));
      std::string css = date.is_weekend() ? "weekend" : "";
      if (auto s = cal->special_day(date)) {
        const bool holiday = s->kind == calendar::DayKind::kHoliday;
        css = holiday ? "holiday" : "workday";
        day.set("mark", holiday ? "休" : "班");
        day.set("name", s->name + (holiday ? "放假" : "调休上班"));
        View sp;
        sp.set("date", date.to_string());
        sp.set("kind_label", holiday ? "休" : "班");
        sp.set("name", s->name);
        specials.push_back(sp);
      }
      if (date == today) css += " today";
      cell.set("css", css);
      cell.set("day", day);
      week_days.push_back(cell);
    }
    while (cells % 7 != 0) {
      View cell;
      cell.set("css", "empty");
      week_days.push_back(cell);
      ++cells;
    }
    flush();
    view.set("weeks", weeks);
    view.set("specials", specials);
  }
  PageOptions opts;
  opts.title = "工作日历";
  return render_page(ctx, req, "calendar", view, opts);
}

}  // namespace gk::web
