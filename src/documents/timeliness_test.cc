// 《政府信息公开条例》第二十六条 worked examples against the repository's holiday calendar
// (data/calendar/holidays-cn.csv, covering 2019–2026). 2024 国庆节: 10-01..10-07 off, Sun 09-29 and
// Sat 10-12 are make-up workdays.
#include "documents/timeliness.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gk::documents {
namespace {

Date D(std::string_view iso) {
  auto d = Date::parse(iso);
  if (!d) throw std::invalid_argument(std::string(iso));
  return *d;
}

const calendar::WorkingCalendar& real_calendar() {
  static const calendar::WorkingCalendar cal = [] {
    const char* root = std::getenv("GK_SOURCE_DIR");
    if (root == nullptr) throw std::runtime_error("GK_SOURCE_DIR is not set (run through ctest)");
    std::ifstream in(std::string(root) + "/data/calendar/holidays-cn.csv", std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto loaded = calendar::WorkingCalendar::from_csv(buf.str());
    if (!loaded) throw std::runtime_error(loaded.error().to_string());
    return std::move(*loaded);
  }();
  return cal;
}

struct Case {
  const char* why;
  const char* formed;
  const char* published;
  int working_days;  // -1: unknown
  const char* due;   // "": unknown
  TimelinessVerdict verdict;
};

constexpr TimelinessVerdict kOnTime = TimelinessVerdict::kOnTime;
constexpr TimelinessVerdict kLate = TimelinessVerdict::kLate;
constexpr TimelinessVerdict kUnknown = TimelinessVerdict::kUnknown;

const Case kCases[] = {
    {"same day: nothing counted", "2024-03-04", "2024-03-04", 0, "2024-04-01", kOnTime},
    {"published before the recorded formation day (bad data) counts 0", "2024-03-04", "2024-03-01", 0,
     "2024-04-01", kOnTime},
    // 国庆 2024: 09-29 (Sun) and 10-12 (Sat) count, 10-01..10-07 do not. A Mon–Fri count would say
    // 21 and flag this document late.
    {"span over 国庆 2024 is on time with 18 working days", "2024-09-27", "2024-10-28", 18, "2024-10-30",
     kOnTime},
    {"published on the due day (20th working day) is on time", "2024-09-27", "2024-10-30", 20, "2024-10-30",
     kOnTime},
    {"one working day after the due day is late", "2024-09-27", "2024-10-31", 21, "2024-10-30", kLate},
    {"中秋 and 国庆 2024 together", "2024-09-13", "2024-10-18", 21, "2024-10-17", kLate},
    {"a rest day after a Friday due day is late though only 20 working days passed", "2024-09-30",
     "2024-11-02", 20, "2024-11-01", kLate},
    {"formed in uncovered 2018: nothing can be counted", "2018-12-25", "2019-01-10", -1, "", kUnknown},
    {"published in uncovered 2027 after a due day in 2026: late without counting", "2026-11-02", "2027-01-05",
     -1, "2026-11-30", kLate},
    {"due day falls in uncovered 2027 but only 5 working days passed: on time", "2026-12-21", "2026-12-28", 5,
     "", kOnTime},
    {"formed and published across into uncovered 2027: unknown, never guessed", "2026-12-20", "2027-01-08",
     -1, "", kUnknown},
};

TEST(TimelinessTest, Article26WorkedExamples) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.why);
    const Timeliness t = assess_timeliness(D(c.formed), D(c.published), real_calendar());
    EXPECT_EQ(t.formed_on, D(c.formed));
    EXPECT_EQ(t.published_on, D(c.published));
    if (c.working_days < 0) {
      EXPECT_FALSE(t.working_days.has_value());
    } else {
      ASSERT_TRUE(t.working_days.has_value());
      EXPECT_EQ(*t.working_days, c.working_days);
    }
    if (std::string_view(c.due).empty()) {
      EXPECT_FALSE(t.due.has_value());
    } else {
      ASSERT_TRUE(t.due.has_value());
      EXPECT_EQ(t.due->to_string(), c.due);
    }
    EXPECT_EQ(t.verdict, c.verdict) << timeliness_verdict_name(t.verdict);
    EXPECT_EQ(t.late(), c.verdict == kLate);
    // A missing figure always carries the calendar's explanation.
    EXPECT_EQ(t.unknown_reason.empty(), t.working_days.has_value() && t.due.has_value()) << t.unknown_reason;
  }
}

TEST(TimelinessTest, UnknownNamesTheMissingYear) {
  const Timeliness t = assess_timeliness(D("2026-12-20"), D("2027-01-08"), real_calendar());
  EXPECT_EQ(t.verdict, kUnknown);
  EXPECT_NE(t.unknown_reason.find("2027"), std::string::npos) << t.unknown_reason;
}

TEST(TimelinessTest, PublicationDayIsTheChinaStandardTimeDate) {
  Document d;
  d.formed_on = D("2024-09-27");
  // 2024-10-30 23:30 CST = 15:30 UTC: still the due day in China.
  d.published_at =
      Instant::from_seconds(static_cast<int64_t>(D("2024-10-30").days()) * 86400 + 15 * 3600 + 1800);
  auto t = timeliness_of(d, real_calendar());
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->published_on, D("2024-10-30"));
  EXPECT_EQ(t->verdict, kOnTime);
  // 2024-10-30 16:30 UTC = 2024-10-31 00:30 CST: the next day, one working day late.
  d.published_at = d.published_at->plus_seconds(3600);
  t = timeliness_of(d, real_calendar());
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->published_on, D("2024-10-31"));
  EXPECT_EQ(t->verdict, kLate);
}

TEST(TimelinessTest, NeverPublishedDocumentHasNoFigures) {
  Document d;
  d.formed_on = D("2024-09-27");
  EXPECT_FALSE(timeliness_of(d, real_calendar()).has_value());
}

TEST(TimelinessTest, VerdictNamesAreStable) {
  EXPECT_EQ(timeliness_verdict_name(kOnTime), "on_time");
  EXPECT_EQ(timeliness_verdict_name(kLate), "late");
  EXPECT_EQ(timeliness_verdict_name(kUnknown), "unknown");
  EXPECT_EQ(timeliness_verdict_label(kLate), "逾期");
}

}  // namespace
}  // namespace gk::documents
