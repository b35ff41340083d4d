#include "calendar/working_calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "core/utf8.h"

namespace gk::calendar {
namespace {

// Reading a file with thousands of mistakes should not build a thousand-entry error.
constexpr size_t kMaxReportedProblems = 50;

// "春节" must appear in the name of a January/February holiday for the year to count as covered.
constexpr std::string_view kSpringFestival = "春节";

constexpr std::string_view kHowToImport = "请按 data/calendar/SOURCE.md 导入国务院办公厅当年的节假日安排通知";

std::string_view weekday_name(Weekday w) {
  switch (w) {
    case Weekday::kMonday:
      return "星期一";
    case Weekday::kTuesday:
      return "星期二";
    case Weekday::kWednesday:
      return "星期三";
    case Weekday::kThursday:
      return "星期四";
    case Weekday::kFriday:
      return "星期五";
    case Weekday::kSaturday:
      return "星期六";
    case Weekday::kSunday:
      return "星期日";
  }
  return "";
}

std::string_view kind_marker(DayKind k) { return k == DayKind::kHoliday ? "休" : "班"; }

Error uncovered(int year, std::string_view what) {
  return Error::failed_precondition(
      fmt::format("{}年的节假日安排尚未导入，{}（{}）", year, what, kHowToImport));
}

// A row on its way into the calendar, with where it came from for error messages.
struct Row {
  SpecialDay day;
  size_t order = 0;   // position in the input, for reporting problems in input order
  std::string where;  // "第5行（line 5）" or "第5条"
  std::string field;  // "line 5" or "day 5"
};

struct Problem {
  size_t order;
  std::string where;
  std::string field;
  std::string message;
};

void add_problem(std::vector<Problem>& problems, const Row& r, std::string message) {
  problems.push_back({r.order, r.where, r.field, std::move(message)});
}

// Checks per-row and cross-row invariants, returns the rows sorted by date or every problem found
// (including `problems` already found while parsing).
Result<std::vector<SpecialDay>> validate(std::vector<Row> rows, std::vector<Problem> problems,
                                         std::string_view source) {
  for (const Row& r : rows) {
    if (r.day.name.empty()) {
      add_problem(problems, r, "名称为空（name is empty）");
    } else if (!is_valid_utf8(r.day.name)) {
      add_problem(problems, r, "名称不是有效的 UTF-8（name is not valid UTF-8）");
    }
    if (r.day.kind == DayKind::kMakeUpWorkday && !r.day.date.is_weekend()) {
      add_problem(problems, r,
                  fmt::format("{} 是{}，调休上班日（workday）只能是周六或周日；普通工作日不必列出",
                              r.day.date.to_string(), weekday_name(r.day.date.weekday())));
    }
  }

  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.day.date < b.day.date; });
  for (size_t i = 1; i < rows.size(); ++i) {
    const Row& prev = rows[i - 1];
    const Row& cur = rows[i];
    if (prev.day.date != cur.day.date) continue;
    // With a stable sort `cur` came later in the input than `prev`; blame the later one.
    if (prev.day.kind != cur.day.kind) {
      add_problem(problems, cur,
                  fmt::format("日期 {} 在{}已列为 {}，此处又列为 {}，互相冲突（conflicting kind）",
                              cur.day.date.to_string(), prev.where, day_kind_name(prev.day.kind),
                              day_kind_name(cur.day.kind)));
    } else {
      add_problem(problems, cur,
                  fmt::format("日期 {} 与{}重复（duplicate date）", cur.day.date.to_string(), prev.where));
    }
  }

  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Problem& a, const Problem& b) { return a.order < b.order; });
    std::vector<FieldError> fields;
    for (const Problem& p : problems) {
      if (fields.size() == kMaxReportedProblems) break;
      fields.push_back({p.field, p.message});
    }
    const Problem& first = problems.front();
    std::string message = problems.size() == 1
                              ? fmt::format("{}有误：{}：{}", source, first.where, first.message)
                              : fmt::format("{}有 {} 处错误，第一处：{}：{}", source, problems.size(),
                                            first.where, first.message);
    return fail(Error::invalid(std::move(message), std::move(fields)));
  }

  std::vector<SpecialDay> days;
  days.reserve(rows.size());
  for (Row& r : rows) days.push_back(std::move(r.day));
  return days;
}

std::vector<Row> rows_from_days(std::vector<SpecialDay> days) {
  std::vector<Row> rows;
  rows.reserve(days.size());
  for (size_t i = 0; i < days.size(); ++i) {
    rows.push_back({std::move(days[i]), i, fmt::format("第{}条", i + 1), fmt::format("day {}", i + 1)});
  }
  return rows;
}

std::vector<SpecialDay> validated_or_throw(std::vector<SpecialDay> days) {
  auto sorted = validate(rows_from_days(std::move(days)), {}, "节假日数据");
  if (!sorted) throw std::invalid_argument(sorted.error().message());
  return std::move(*sorted);
}

}  // namespace

std::string_view day_kind_name(DayKind kind) {
  switch (kind) {
    case DayKind::kHoliday:
      return "holiday";
    case DayKind::kMakeUpWorkday:
      return "workday";
  }
  return "holiday";
}

std::optional<DayKind> parse_day_kind(std::string_view s) {
  if (s == "holiday") return DayKind::kHoliday;
  if (s == "workday") return DayKind::kMakeUpWorkday;
  return std::nullopt;
}

std::string DayExplanation::describe() const {
  std::string what;
  switch (reason) {
    case Reason::kWeekend:
      what = "周末，不计入";
      break;
    case Reason::kHoliday:
      what = fmt::format("{} 放假，不计入", name);
      break;
    case Reason::kMakeUpWorkday:
      what = fmt::format("{} 调休上班，计为工作日", name);
      break;
  }
  return fmt::format("{} {} {}（已计 {} 个工作日）", date.to_string(), weekday_name(date.weekday()), what,
                     working_days_so_far);
}

Result<WorkingCalendar> WorkingCalendar::from_csv(std::string_view csv) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (csv.starts_with(kBom)) csv.remove_prefix(kBom.size());

  std::vector<Row> rows;
  std::vector<Problem> problems;
  bool saw_header = false;
  size_t line_no = 0;
  while (!csv.empty()) {
    const size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv.remove_prefix(nl == std::string_view::npos ? csv.size() : nl + 1);
    ++line_no;

    const std::string text = trim(line);
    if (text.empty()) continue;
    Row row;
    row.order = line_no;
    row.where = fmt::format("第{}行（line {}）", line_no, line_no);
    row.field = fmt::format("line {}", line_no);
    auto problem = [&](std::string message) { add_problem(problems, row, std::move(message)); };

    if (!is_valid_utf8(text)) {
      problem("不是有效的 UTF-8（invalid UTF-8）");
      continue;
    }
    if (!saw_header) {
      saw_header = true;
      if (text != "date,kind,name") {
        problem(fmt::format("表头应为 \"date,kind,name\"，实际为 \"{}\"（bad header）", text));
      }
      continue;
    }

    const size_t c1 = text.find(',');
    const size_t c2 = c1 == std::string::npos ? std::string::npos : text.find(',', c1 + 1);
    if (c2 == std::string::npos) {
      problem(fmt::format("应有 3 个字段 date,kind,name：\"{}\"（wrong field count）", text));
      continue;
    }
    const std::string date_text = trim(std::string_view(text).substr(0, c1));
    const std::string kind_text = trim(std::string_view(text).substr(c1 + 1, c2 - c1 - 1));
    row.day.name = trim(std::string_view(text).substr(c2 + 1));

    bool ok = true;
    const std::optional<Date> date = Date::parse(date_text);
    if (!date) {
      problem(fmt::format("日期 \"{}\" 无效，应为存在的日期 YYYY-MM-DD（bad date）", date_text));
      ok = false;
    }
    const std::optional<DayKind> kind = parse_day_kind(kind_text);
    if (!kind) {
      problem(fmt::format("类型 \"{}\" 未知，应为 holiday 或 workday（unknown kind）", kind_text));
      ok = false;
    }
    if (text.find('"') != std::string::npos) {
      problem("不支持带引号的字段，名称中也不能有引号（quoted field）");
      ok = false;
    }
    if (!ok) continue;
    row.day.date = *date;
    row.day.kind = *kind;
    rows.push_back(std::move(row));
  }
  if (!saw_header) {
    return fail(Error::invalid("节假日数据为空：缺少表头 \"date,kind,name\"（empty file）",
                               {FieldError{"line 1", "缺少表头 \"date,kind,name\""}}));
  }

  GK_TRY_ASSIGN(days, validate(std::move(rows), std::move(problems), "节假日数据"));
  return WorkingCalendar(std::move(days), SortedUnique{});
}

Result<WorkingCalendar> WorkingCalendar::from_days(std::vector<SpecialDay> days) {
  GK_TRY_ASSIGN(sorted, validate(rows_from_days(std::move(days)), {}, "节假日数据"));
  return WorkingCalendar(std::move(sorted), SortedUnique{});
}

WorkingCalendar::WorkingCalendar(std::vector<SpecialDay> days)
    : WorkingCalendar(validated_or_throw(std::move(days)), SortedUnique{}) {}

WorkingCalendar::WorkingCalendar(std::vector<SpecialDay> days, SortedUnique) : days_(std::move(days)) {
  for (const SpecialDay& d : days_) {
    if (d.kind == DayKind::kHoliday && d.date.month() <= 2 &&
        d.name.find(kSpringFestival) != std::string::npos) {
      covered_years_.push_back(d.date.year());
    }
  }
  // days_ is sorted, so the years are already ascending.
  covered_years_.erase(std::unique(covered_years_.begin(), covered_years_.end()), covered_years_.end());
}

bool WorkingCalendar::covers(int year) const {
  return std::binary_search(covered_years_.begin(), covered_years_.end(), year);
}

std::vector<int> WorkingCalendar::covered_years() const { return covered_years_; }

const SpecialDay* WorkingCalendar::find(Date d) const {
  auto it =
      std::lower_bound(days_.begin(), days_.end(), d, [](const SpecialDay& s, Date x) { return s.date < x; });
  return it != days_.end() && it->date == d ? &*it : nullptr;
}

std::optional<SpecialDay> WorkingCalendar::special_day(Date d) const {
  const SpecialDay* s = find(d);
  if (s == nullptr) return std::nullopt;
  return *s;
}

Status WorkingCalendar::check_covered(Date d) const {
  if (covers(d.year())) return ok();
  return fail(uncovered(d.year(), fmt::format("无法判断 {} 是否为工作日", d.to_string())));
}

bool WorkingCalendar::is_working_day_unchecked(Date d) const {
  if (const SpecialDay* s = find(d)) return s->kind == DayKind::kMakeUpWorkday;
  return !d.is_weekend();
}

Result<bool> WorkingCalendar::is_working_day(Date d) const {
  GK_TRY_STATUS(check_covered(d));
  return is_working_day_unchecked(d);
}

Result<Date> WorkingCalendar::add_working_days(Date start, int n) const {
  if (n < 0) {
    return fail(Error::invalid(fmt::format("工作日数不能为负数：{}", n)));
  }
  // 民法典 第二百零一条：开始的当日不计入，自下一日开始计算 — so the walk starts at start + 1.
  Date d = start;
  for (int counted = 0; counted < n;) {
    d = d.plus_days(1);
    if (!covers(d.year())) {
      return fail(uncovered(d.year(), fmt::format("无法从 {} 起计算 {} 个工作日", start.to_string(), n)));
    }
    if (is_working_day_unchecked(d)) ++counted;
  }
  return d;
}

Result<int> WorkingCalendar::working_days_in(Date after, Date until) const {
  int count = 0;
  for (Date d = after.plus_days(1); d <= until; d = d.plus_days(1)) {
    if (!covers(d.year())) {
      return fail(uncovered(
          d.year(), fmt::format("无法计算 {} 至 {} 之间的工作日", after.to_string(), until.to_string())));
    }
    if (is_working_day_unchecked(d)) ++count;
  }
  return count;
}

Result<std::vector<DayExplanation>> WorkingCalendar::explain_span(Date after, Date until) const {
  std::vector<DayExplanation> out;
  int count = 0;
  for (Date d = after.plus_days(1); d <= until; d = d.plus_days(1)) {
    if (!covers(d.year())) {
      return fail(uncovered(
          d.year(), fmt::format("无法说明 {} 至 {} 之间的工作日", after.to_string(), until.to_string())));
    }
    const SpecialDay* s = find(d);
    if (s != nullptr && s->kind == DayKind::kMakeUpWorkday) {
      ++count;
      out.push_back({d, DayExplanation::Reason::kMakeUpWorkday, true, s->name, count});
    } else if (s != nullptr) {
      out.push_back({d, DayExplanation::Reason::kHoliday, false, s->name, count});
    } else if (d.is_weekend()) {
      out.push_back({d, DayExplanation::Reason::kWeekend, false, "", count});
    } else {
      ++count;  // ordinary Monday–Friday: counted, not listed
    }
  }
  return out;
}

Result<std::string> WorkingCalendar::render_month(int year, int month) const {
  if (month < 1 || month > 12 || year < 1 || year > 9999) {
    return fail(Error::invalid(fmt::format("月份无效：{}-{}（应为 YYYY-MM）", year, month)));
  }
  if (!covers(year)) {
    return fail(uncovered(year, fmt::format("无法显示{}年{}月的日历", year, month)));
  }
  const Date first = *Date::from_ymd(year, month, 1);
  const int days = days_in_month(year, month);

  // Every cell is 4 terminal columns wide (a CJK character takes two): "一" is centred as " 一 ",
  // a day is its number right-aligned in two columns followed by its marker or two spaces.
  auto rtrim = [](std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  std::string out = fmt::format("{}年{}月\n", year, month);
  out += rtrim(" 一   二   三   四   五   六   日 ") + "\n";

  std::string line;
  int column = static_cast<int>(first.weekday()) - 1;  // 0 = Monday
  for (int c = 0; c < column; ++c) line += "     ";
  std::vector<const SpecialDay*> specials;
  for (int day = 1; day <= days; ++day) {
    const Date d = first.plus_days(day - 1);
    const SpecialDay* s = find(d);
    if (s != nullptr) specials.push_back(s);
    line += fmt::format("{:>2}{}", day, s != nullptr ? kind_marker(s->kind) : std::string_view("  "));
    if (++column == 7) {
      out += rtrim(std::move(line)) + "\n";
      line.clear();
      column = 0;
    } else {
      line += ' ';
    }
  }
  if (!line.empty()) out += rtrim(std::move(line)) + "\n";

  out += "\n休 = 放假（法定节假日）  班 = 调休上班（周末上班）  无标记的周六、周日休息\n";
  if (specials.empty()) {
    out += "本月没有节假日或调休上班日。\n";
  }
  for (const SpecialDay* s : specials) {
    out += fmt::format("{:02d}-{:02d} {} {}\n", month, s->date.day(), kind_marker(s->kind), s->name);
  }
  return out;
}

}  // namespace gk::calendar
