#include "core/date.h"

#include <gtest/gtest.h>

namespace gk {
namespace {

TEST(DateTest, ParsesAndPrintsIsoDates) {
  auto d = Date::parse("2024-10-01");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 10);
  EXPECT_EQ(d->day(), 1);
  EXPECT_EQ(d->to_string(), "2024-10-01");
}

TEST(DateTest, RejectsImpossibleOrMalformedDates) {
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024/10/01", "", "abcd-ef-gh",
                          "2024-04-31"}) {
    EXPECT_FALSE(Date::parse(bad)) << bad;
  }
  EXPECT_TRUE(Date::parse("2024-02-29"));
}

TEST(DateTest, KnowsWeekdays) {
  struct Case {
    const char* date;
    Weekday weekday;
  };
  for (auto c : {Case{"1970-01-01", Weekday::kThursday}, Case{"2024-10-01", Weekday::kTuesday},
                 Case{"2024-10-12", Weekday::kSaturday}, Case{"1969-12-31", Weekday::kWednesday},
                 Case{"2000-01-01", Weekday::kSaturday}}) {
    EXPECT_EQ(Date::parse(c.date)->weekday(), c.weekday) << c.date;
  }
}

TEST(DateTest, DayArithmeticCrossesMonthsAndYears) {
  EXPECT_EQ(Date::parse("2024-12-31")->plus_days(1).to_string(), "2025-01-01");
  EXPECT_EQ(Date::parse("2024-03-01")->plus_days(-1).to_string(), "2024-02-29");
  EXPECT_LT(*Date::parse("2024-01-01"), *Date::parse("2024-01-02"));
}

TEST(InstantTest, LocalDateIsChinaStandardTime) {
  // 2024-09-30T16:00:00Z is midnight, 1 October, in Beijing.
  const Instant t = Instant::from_seconds(1727712000);
  EXPECT_EQ(t.to_string(), "2024-09-30T16:00:00.000Z");
  EXPECT_EQ(t.local_date().to_string(), "2024-10-01");
  EXPECT_EQ(t.to_local_display(), "2024-10-01 00:00");
  EXPECT_EQ(t.plus_seconds(-1).local_date().to_string(), "2024-09-30");
}

TEST(FakeClockTest, AdvancesOnlyWhenTold) {
  FakeClock clock(Instant::from_seconds(1000));
  EXPECT_EQ(clock.now().seconds(), 1000);
  clock.advance_seconds(60);
  EXPECT_EQ(clock.now().seconds(), 1060);
}

}  // namespace
}  // namespace gk
