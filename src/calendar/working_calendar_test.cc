// Tests for WorkingCalendar against the real data file (data/calendar/holidays-cn.csv) and against
// small hand-written CSVs for the loader's error reporting.
#include "calendar/working_calendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace gk::calendar {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Date D(std::string_view iso) {
  auto d = Date::parse(iso);
  if (!d) throw std::invalid_argument(std::string(iso));
  return *d;
}

// The repository's calendar, loaded once. GK_SOURCE_DIR is set by gk_test() in CMake.
const WorkingCalendar& real_calendar() {
  static const WorkingCalendar cal = [] {
    const char* root = std::getenv("GK_SOURCE_DIR");
    if (root == nullptr) throw std::runtime_error("GK_SOURCE_DIR is not set (run through ctest)");
    const std::string path = std::string(root) + "/data/calendar/holidays-cn.csv";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::stringstream buf;
    buf << in.rdbuf();
    auto loaded = WorkingCalendar::from_csv(buf.str());
    if (!loaded) throw std::runtime_error(path + ": " + loaded.error().to_string());
    return std::move(*loaded);
  }();
  return cal;
}

TEST(WorkingCalendarTest, RealFileLoadsAndCoversExactly2019To2026) {
  const WorkingCalendar& cal = real_calendar();
  EXPECT_EQ(cal.special_days().size(), 285u);
  EXPECT_EQ(cal.covered_years(), (std::vector<int>{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}));
  // 2018-12-29..31 are in the file (they belong to the 2019 notice) but do not make 2018 covered.
  EXPECT_TRUE(cal.special_day(D("2018-12-30")).has_value());
  EXPECT_FALSE(cal.covers(2018));
  EXPECT_FALSE(cal.covers(2027));
}

struct DayCase {
  const char* date;
  bool working;
  const char* why;
};

// 2024 国庆节: 10-01..10-07 off; Sun 09-29 and Sat 10-12 are make-up workdays.
// 2025 春节: 01-28..02-04 off; Sun 01-26 and Sat 02-08 are make-up workdays.
constexpr DayCase kDayCases[] = {
    {"2024-09-27", true, "ordinary Friday"},
    {"2024-09-28", false, "ordinary Saturday"},
    {"2024-09-29", true, "Sunday, make-up workday for 国庆节"},
    {"2024-09-30", true, "Monday before the holiday"},
    {"2024-10-01", false, "国庆节"},
    {"2024-10-04", false, "国庆节 on a Friday"},
    {"2024-10-05", false, "国庆节 on a Saturday"},
    {"2024-10-07", false, "last day of 国庆节, a Monday"},
    {"2024-10-08", true, "first day back"},
    {"2024-10-12", true, "Saturday, make-up workday for 国庆节"},
    {"2024-10-13", false, "ordinary Sunday"},
    {"2024-02-09", true, "除夕 2024 was only encouraged as a rest day"},
    {"2025-01-25", false, "ordinary Saturday"},
    {"2025-01-26", true, "Sunday, make-up workday for 春节"},
    {"2025-01-27", true, "Monday before 春节"},
    {"2025-01-28", false, "除夕, first day of 春节 2025"},
    {"2025-01-29", false, "正月初一"},
    {"2025-02-04", false, "last day of 春节 2025"},
    {"2025-02-05", true, "first day back"},
    {"2025-02-08", true, "Saturday, make-up workday for 春节"},
    {"2025-02-09", false, "ordinary Sunday"},
    {"2020-02-01", false, "announced as a workday, cancelled by the COVID-19 extension"},
    {"2020-02-03", true, "the Monday after the extended 春节"},
    {"2026-01-04", true, "Sunday, make-up workday for 元旦 2026"},
};

TEST(WorkingCalendarTest, IsWorkingDayFollowsTheNotices) {
  for (const DayCase& c : kDayCases) {
    SCOPED_TRACE(std::string(c.date) + " " + c.why);
    auto r = real_calendar().is_working_day(D(c.date));
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_EQ(*r, c.working);
  }
}

struct AddCase {
  const char* start;
  int n;
  const char* expected;
  const char* why;
};

// Worked by hand from the 2024 and 2025 notices; "(Sat)" etc. are the days skipped or counted.
//
// A. Application received Wed 2024-09-25, 20 working days (条例 Art. 33):
//    09-26 Thu 1, 09-27 Fri 2, [09-28 Sat], 09-29 Sun 调休 3, 09-30 Mon 4, [10-01..10-07 国庆节],
//    10-08 5, 10-09 6, 10-10 7, 10-11 8, 10-12 Sat 调休 9, [10-13 Sun], 10-14..10-18 10–14,
//    [10-19, 10-20], 10-21..10-25 15–19, [10-26, 10-27], 10-28 Mon 20  =>  2024-10-28.
// B. Received Mon 2025-01-20, 20 working days:
//    01-21..01-24 1–4, [01-25 Sat], 01-26 Sun 调休 5, 01-27 Mon 6, [01-28..02-04 春节],
//    02-05..02-07 7–9, 02-08 Sat 调休 10, [02-09 Sun], 02-10..02-14 11–15, [02-15, 02-16],
//    02-17..02-21 16–20  =>  2025-02-21.
// C. Received Fri 2024-03-01, no holidays in reach: four full weeks 03-04..03-29  =>  2024-03-29.
// D. Received Thu 2025-12-25, across the year end into the 2026 notice:
//    12-26 Fri 1, [12-27, 12-28], 12-29..12-31 2–4, [01-01..01-03 元旦], 01-04 Sun 调休 5,
//    01-05..01-09 6–10, [01-10, 01-11], 01-12..01-16 11–15, [01-17, 01-18], 01-19..01-23 16–20
//    =>  2026-01-23.
// E. 补正 notice within 7 working days (Art. 30) of Fri 2024-09-27:
//    [09-28 Sat], 09-29 Sun 调休 1, 09-30 2, [国庆节], 10-08..10-11 3–6, 10-12 Sat 调休 7
//    =>  2024-10-12, itself a Saturday make-up workday.
constexpr AddCase kAddCases[] = {
    {"2024-09-25", 20, "2024-10-28", "A: 20 days across 国庆节 2024"},
    {"2025-01-20", 20, "2025-02-21", "B: 20 days across 春节 2025"},
    {"2024-03-01", 20, "2024-03-29", "C: 20 days in an ordinary month"},
    {"2025-12-25", 20, "2026-01-23", "D: 20 days across the year end"},
    {"2024-09-27", 7, "2024-10-12", "E: 7 days ending on a make-up Saturday"},
    {"2024-03-04", 1, "2024-03-05", "start day not counted: Monday + 1 = Tuesday"},
    {"2024-03-01", 1, "2024-03-04", "Friday + 1 skips the weekend"},
    {"2024-09-28", 1, "2024-09-29", "Saturday + 1 is the make-up Sunday"},
    {"2024-09-30", 1, "2024-10-08", "the eve of 国庆节 + 1 skips the whole holiday"},
    {"2024-10-01", 1, "2024-10-08", "a start day inside a holiday"},
    {"2024-10-01", 0, "2024-10-01", "n == 0 returns the start, even on a holiday"},
    {"2018-12-31", 0, "2018-12-31", "n == 0 needs no coverage"},
};

TEST(WorkingCalendarTest, AddWorkingDaysMatchesWorkedExamples) {
  for (const AddCase& c : kAddCases) {
    SCOPED_TRACE(std::string(c.start) + " + " + std::to_string(c.n) + ": " + c.why);
    auto r = real_calendar().add_working_days(D(c.start), c.n);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_EQ(r->to_string(), c.expected);
  }
}

TEST(WorkingCalendarTest, WeekendMakeUpWorkdayCountsAsAWorkingDay) {
  // Fri 2024-10-11 -> Sat 2024-10-12 (调休上班) -> Mon 2024-10-14.
  EXPECT_EQ(real_calendar().add_working_days(D("2024-10-11"), 1)->to_string(), "2024-10-12");
  EXPECT_EQ(real_calendar().add_working_days(D("2024-10-11"), 2)->to_string(), "2024-10-14");
  EXPECT_EQ(*real_calendar().working_days_in(D("2024-10-11"), D("2024-10-13")), 1);
}

TEST(WorkingCalendarTest, NegativeCountIsInvalidArgument) {
  auto r = real_calendar().add_working_days(D("2024-03-01"), -1);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
}

struct SpanCase {
  const char* after;
  const char* until;
  int expected;
};

TEST(WorkingCalendarTest, WorkingDaysInHalfOpenInterval) {
  constexpr SpanCase kCases[] = {
      {"2024-09-25", "2024-10-28", 20},  // example A, from the other side
      {"2025-01-20", "2025-02-21", 20},  // example B
      {"2024-09-30", "2024-10-07", 0},   // only the holiday
      {"2024-03-04", "2024-03-04", 0},   // empty interval
      {"2024-03-05", "2024-03-04", 0},   // until before after
      {"2024-03-04", "2024-03-05", 1},   // the start is excluded, the end included
      // All of 2024: 366 days - 104 weekend days - 19 holidays on weekdays + 8 make-up days.
      {"2023-12-31", "2024-12-31", 251},
  };
  for (const SpanCase& c : kCases) {
    SCOPED_TRACE(std::string("(") + c.after + ", " + c.until + "]");
    auto r = real_calendar().working_days_in(D(c.after), D(c.until));
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_EQ(*r, c.expected);
  }
}

TEST(WorkingCalendarTest, AddAndCountAreInverseOverEveryCoveredDay) {
  const WorkingCalendar& cal = real_calendar();
  for (Date d = D("2019-01-01"); d < D("2026-11-01"); d = d.plus_days(1)) {
    for (int n : {1, 7, 15, 20, 40}) {
      auto end = cal.add_working_days(d, n);
      ASSERT_TRUE(end.has_value()) << d.to_string();
      ASSERT_TRUE(*cal.is_working_day(*end)) << d.to_string() << " + " << n;
      ASSERT_EQ(*cal.working_days_in(d, *end), n) << d.to_string() << " + " << n;
      // The result is the earliest such day: one day earlier holds one working day fewer.
      ASSERT_EQ(*cal.working_days_in(d, end->plus_days(-1)), n - 1) << d.to_string() << " + " << n;
    }
  }
}

TEST(WorkingCalendarTest, UncoveredYearIsFailedPreconditionNeverAGuess) {
  const WorkingCalendar& cal = real_calendar();

  auto future = cal.is_working_day(D("2027-03-01"));
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(future.error().message(), StartsWith("2027年的节假日安排尚未导入"));

  // 2018-12-29 is listed (a 2019 make-up workday) but 2018 as a whole is not covered.
  auto spill = cal.is_working_day(D("2018-12-29"));
  ASSERT_FALSE(spill.has_value());
  EXPECT_EQ(spill.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(spill.error().message(), StartsWith("2018年"));

  auto walk = cal.add_working_days(D("2026-12-20"), 10);
  ASSERT_FALSE(walk.has_value());
  EXPECT_EQ(walk.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(walk.error().message(), StartsWith("2027年的节假日安排尚未导入"));

  // Within 2026 the same walk works.
  EXPECT_EQ(cal.add_working_days(D("2026-12-20"), 5)->to_string(), "2026-12-25");

  auto span = cal.working_days_in(D("2026-12-30"), D("2027-01-05"));
  ASSERT_FALSE(span.has_value());
  EXPECT_EQ(span.error().code(), ErrorCode::kFailedPrecondition);

  auto explain = cal.explain_span(D("2018-12-28"), D("2019-01-10"));
  ASSERT_FALSE(explain.has_value());
  EXPECT_EQ(explain.error().code(), ErrorCode::kFailedPrecondition);
}

TEST(WorkingCalendarTest, ExplainSpanListsTheNonOrdinaryDays) {
  // Example A: (2024-09-25, 2024-10-28].
  auto r = real_calendar().explain_span(D("2024-09-25"), D("2024-10-28"));
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  using R = DayExplanation::Reason;
  const std::vector<DayExplanation> expected = {
      {D("2024-09-28"), R::kWeekend, false, "", 2},
      {D("2024-09-29"), R::kMakeUpWorkday, true, "国庆节", 3},
      {D("2024-10-01"), R::kHoliday, false, "国庆节", 4},
      {D("2024-10-02"), R::kHoliday, false, "国庆节", 4},
      {D("2024-10-03"), R::kHoliday, false, "国庆节", 4},
      {D("2024-10-04"), R::kHoliday, false, "国庆节", 4},
      {D("2024-10-05"), R::kHoliday, false, "国庆节", 4},
      {D("2024-10-06"), R::kHoliday, false, "国庆节", 4},
      {D("2024-10-07"), R::kHoliday, false, "国庆节", 4},
      {D("2024-10-12"), R::kMakeUpWorkday, true, "国庆节", 9},
      {D("2024-10-13"), R::kWeekend, false, "", 9},
      {D("2024-10-19"), R::kWeekend, false, "", 14},
      {D("2024-10-20"), R::kWeekend, false, "", 14},
      {D("2024-10-26"), R::kWeekend, false, "", 19},
      {D("2024-10-27"), R::kWeekend, false, "", 19},
  };
  EXPECT_EQ(*r, expected);
  EXPECT_EQ((*r)[2].describe(), "2024-10-01 星期二 国庆节 放假，不计入（已计 4 个工作日）");
  EXPECT_EQ((*r)[1].describe(), "2024-09-29 星期日 国庆节 调休上班，计为工作日（已计 3 个工作日）");
  EXPECT_EQ((*r)[0].describe(), "2024-09-28 星期六 周末，不计入（已计 2 个工作日）");

  EXPECT_TRUE(real_calendar().explain_span(D("2024-10-28"), D("2024-10-28"))->empty());
}

TEST(WorkingCalendarTest, RenderMonthShowsGridMarkersAndNamedSpecialDays) {
  auto r = real_calendar().render_month(2024, 10);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(*r,
            "2024年10月\n"
            " 一   二   三   四   五   六   日\n"
            "      1休  2休  3休  4休  5休  6休\n"
            " 7休  8    9   10   11   12班 13\n"
            "14   15   16   17   18   19   20\n"
            "21   22   23   24   25   26   27\n"
            "28   29   30   31\n"
            "\n"
            "休 = 放假（法定节假日）  班 = 调休上班（周末上班）  无标记的周六、周日休息\n"
            "10-01 休 国庆节\n"
            "10-02 休 国庆节\n"
            "10-03 休 国庆节\n"
            "10-04 休 国庆节\n"
            "10-05 休 国庆节\n"
            "10-06 休 国庆节\n"
            "10-07 休 国庆节\n"
            "10-12 班 国庆节\n");
}

TEST(WorkingCalendarTest, RenderMonthEdgeCases) {
  const WorkingCalendar& cal = real_calendar();

  // September 2024 starts on a Sunday and ends on a Monday; it holds 中秋节 and two make-up days.
  auto sep = cal.render_month(2024, 9);
  ASSERT_TRUE(sep.has_value());
  EXPECT_THAT(*sep, HasSubstr("\n                               1\n 2    3"));
  EXPECT_THAT(*sep, HasSubstr("\n30\n"));
  EXPECT_THAT(*sep, HasSubstr("14班 15休\n16休 17休"));
  EXPECT_THAT(*sep, HasSubstr("09-14 班 中秋节\n09-15 休 中秋节\n09-16 休 中秋节\n09-17 休 中秋节\n"
                              "09-29 班 国庆节\n"));

  auto march = cal.render_month(2024, 3);
  ASSERT_TRUE(march.has_value());
  EXPECT_THAT(*march, HasSubstr("本月没有节假日或调休上班日。"));
  EXPECT_THAT(*march, testing::Not(HasSubstr(" \n")));  // no trailing spaces

  auto uncovered = cal.render_month(2027, 1);
  ASSERT_FALSE(uncovered.has_value());
  EXPECT_EQ(uncovered.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(uncovered.error().message(), HasSubstr("2027年的节假日安排尚未导入"));
  EXPECT_THAT(uncovered.error().message(), HasSubstr("2027年1月"));

  auto bad = cal.render_month(2024, 13);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
}

struct CsvErrorCase {
  const char* name;
  const char* csv;
  const char* line_field;  // the FieldError::field naming the bad line
  const char* message_contains;
};

// A minimal valid body: 春节 2024 makes 2024 covered.
#define GK_CSV_HEAD "date,kind,name\n2024-02-10,holiday,春节\n"

constexpr CsvErrorCase kCsvErrorCases[] = {
    {"bad header", "date;kind;name\n2024-02-10,holiday,春节\n", "line 1", "表头"},
    {"impossible date", GK_CSV_HEAD "2024-02-30,holiday,春节\n", "line 3", "2024-02-30"},
    {"malformed date", GK_CSV_HEAD "2024/10/01,holiday,国庆节\n", "line 3", "bad date"},
    {"unknown kind", GK_CSV_HEAD "2024-10-01,holday,国庆节\n", "line 3", "holday"},
    {"missing field", GK_CSV_HEAD "2024-10-01,holiday\n", "line 3", "3 个字段"},
    {"empty name", GK_CSV_HEAD "2024-10-01,holiday,\n", "line 3", "名称为空"},
    {"quoted name", GK_CSV_HEAD "2024-10-01,holiday,\"国庆节\"\n", "line 3", "引号"},
    {"holiday on a day listed as workday",
     GK_CSV_HEAD "2024-10-12,workday,国庆节\n2024-10-12,holiday,国庆节\n", "line 4", "第3行"},
    {"workday on a day listed as holiday",
     GK_CSV_HEAD "2024-10-05,holiday,国庆节\n\n2024-10-05,workday,国庆节\n", "line 5", "conflicting kind"},
    {"duplicate date", GK_CSV_HEAD "2024-10-01,holiday,国庆节\n2024-10-01,holiday,国庆节\n", "line 4",
     "duplicate date"},
    {"workday on a weekday", GK_CSV_HEAD "2024-10-08,workday,国庆节\n", "line 3", "星期二"},
    {"invalid utf-8", GK_CSV_HEAD "2024-10-01,holiday,\xff\xfe\n", "line 3", "UTF-8"},
};

TEST(WorkingCalendarTest, CsvErrorsNameTheLine) {
  for (const CsvErrorCase& c : kCsvErrorCases) {
    SCOPED_TRACE(c.name);
    auto r = WorkingCalendar::from_csv(c.csv);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    const std::string line_no = std::string(c.line_field).substr(5);
    EXPECT_THAT(r.error().message(), HasSubstr("第" + line_no + "行（" + c.line_field + "）"));
    EXPECT_THAT(r.error().message(), HasSubstr(c.message_contains));
    ASSERT_EQ(r.error().fields().size(), 1u);
    EXPECT_EQ(r.error().fields()[0].field, c.line_field);
  }
}

TEST(WorkingCalendarTest, CsvReportsEveryBadLineFirstOneInTheMessage) {
  auto r = WorkingCalendar::from_csv(GK_CSV_HEAD
                                     "2024-10-05,holiday,国庆节\n"
                                     "2024-10-08,workday,国庆节\n"
                                     "2024-10-05,workday,国庆节\n"
                                     "2024-13-01,holiday,国庆节\n");
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message(), HasSubstr("3 处错误"));
  EXPECT_THAT(r.error().message(), HasSubstr("第4行"));
  ASSERT_EQ(r.error().fields().size(), 3u);
  EXPECT_EQ(r.error().fields()[0].field, "line 4");
  EXPECT_EQ(r.error().fields()[1].field, "line 5");
  EXPECT_EQ(r.error().fields()[2].field, "line 6");
}

TEST(WorkingCalendarTest, CsvToleratesBomCrlfBlankLinesAndUnsortedRows) {
  auto r = WorkingCalendar::from_csv(
      "\xEF\xBB\xBF"
      "date,kind,name\r\n"
      "2024-10-12,workday,国庆节\r\n"
      "\r\n"
      " 2024-02-10 , holiday , 春节 \r\n"
      "2024-10-01,holiday,国庆节");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->special_days().size(), 3u);
  EXPECT_EQ(r->special_days()[0], (SpecialDay{D("2024-02-10"), DayKind::kHoliday, "春节"}));
  EXPECT_EQ(r->special_days()[2].date, D("2024-10-12"));
  EXPECT_EQ(r->covered_years(), std::vector<int>{2024});
  EXPECT_TRUE(*r->is_working_day(D("2024-10-12")));
}

TEST(WorkingCalendarTest, EmptyInputIsInvalidArgument) {
  for (const char* csv : {"", "\n\n", "\xEF\xBB\xBF"}) {
    auto r = WorkingCalendar::from_csv(csv);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  }
  // A header alone is a valid, empty calendar that covers nothing.
  auto header_only = WorkingCalendar::from_csv("date,kind,name\n");
  ASSERT_TRUE(header_only.has_value());
  EXPECT_TRUE(header_only->covered_years().empty());
  EXPECT_EQ(header_only->is_working_day(D("2024-03-04")).error().code(), ErrorCode::kFailedPrecondition);
}

TEST(WorkingCalendarTest, CoverageNeedsASpringFestivalHolidayInJanuaryOrFebruary) {
  struct Case {
    std::vector<SpecialDay> days;
    std::vector<int> covered;
    const char* why;
  };
  const Case cases[] = {
      {{{D("2019-02-05"), DayKind::kHoliday, "春节"}}, {2019}, "春节 in February"},
      {{{D("2020-02-01"), DayKind::kHoliday, "春节(2020延长假期)"}}, {2020}, "name containing 春节"},
      {{{D("2019-02-02"), DayKind::kMakeUpWorkday, "春节"}}, {}, "a make-up workday is not enough"},
      {{{D("2018-12-30"), DayKind::kHoliday, "元旦"}, {D("2019-01-01"), DayKind::kHoliday, "元旦"}},
       {},
       "元旦 alone (e.g. spill-over from the next notice) is not enough"},
      {{{D("2024-10-01"), DayKind::kHoliday, "国庆节"}}, {}, "another festival is not enough"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    auto cal = WorkingCalendar::from_days(c.days);
    ASSERT_TRUE(cal.has_value()) << cal.error().to_string();
    EXPECT_EQ(cal->covered_years(), c.covered);
  }
}

TEST(WorkingCalendarTest, FromDaysValidatesAndConstructorThrows) {
  const std::vector<SpecialDay> conflicting = {
      {D("2024-10-12"), DayKind::kMakeUpWorkday, "国庆节"},
      {D("2024-10-12"), DayKind::kHoliday, "国庆节"},
  };
  auto r = WorkingCalendar::from_days(conflicting);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(r.error().message(), HasSubstr("第2条"));
  EXPECT_EQ(r.error().fields().at(0).field, "day 2");
  EXPECT_THROW(WorkingCalendar{conflicting}, std::invalid_argument);

  // Valid rows, unsorted, as a database might return them.
  WorkingCalendar cal(
      {{D("2024-10-12"), DayKind::kMakeUpWorkday, "国庆节"}, {D("2024-02-10"), DayKind::kHoliday, "春节"}});
  EXPECT_EQ(cal.special_days().front().date, D("2024-02-10"));
  EXPECT_TRUE(cal.covers(2024));
}

TEST(WorkingCalendarTest, DayKindStringsAreStable) {
  EXPECT_EQ(day_kind_name(DayKind::kHoliday), "holiday");
  EXPECT_EQ(day_kind_name(DayKind::kMakeUpWorkday), "workday");
  EXPECT_EQ(parse_day_kind("holiday"), DayKind::kHoliday);
  EXPECT_EQ(parse_day_kind("workday"), DayKind::kMakeUpWorkday);
  EXPECT_EQ(parse_day_kind("Holiday"), std::nullopt);
  EXPECT_EQ(parse_day_kind("make_up_workday"), std::nullopt);
}

TEST(WorkingCalendarTest, ConcurrentReadsAgreeWithSerialReads) {
  const WorkingCalendar& cal = real_calendar();
  std::vector<Date> serial;
  for (Date d = D("2024-01-01"); d < D("2025-01-01"); d = d.plus_days(1)) {
    serial.push_back(*cal.add_working_days(d, 20));
  }
  std::vector<std::vector<Date>> results(4);
  std::vector<std::thread> threads;
  for (auto& out : results) {
    threads.emplace_back([&cal, &out] {
      for (Date d = D("2024-01-01"); d < D("2025-01-01"); d = d.plus_days(1)) {
        out.push_back(*cal.add_working_days(d, 20));
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& out : results) EXPECT_EQ(out, serial);
}

}  // namespace
}  // namespace gk::calendar
