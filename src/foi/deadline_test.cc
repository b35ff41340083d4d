// The legal clock against the real 2024 holiday notice (data/calendar/holidays-cn.csv): 国庆节
// 2024-10-01…07 off with 09-29 (Sun) and 10-12 (Sat) worked; 清明节 04-04…06 off with 04-07 (Sun) worked.
#include "foi/deadline.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gk::foi {
namespace {

const calendar::WorkingCalendar& real_calendar() {
  static const calendar::WorkingCalendar cal = [] {
    const char* root = std::getenv("GK_SOURCE_DIR");
    std::ifstream in(std::string(root ? root : ".") + "/data/calendar/holidays-cn.csv");
    std::stringstream ss;
    ss << in.rdbuf();
    auto c = calendar::WorkingCalendar::from_csv(ss.str());
    if (!c) throw std::runtime_error(c.error().to_string());
    return *c;
  }();
  return cal;
}

Date d(const char* s) { return *Date::parse(s); }

ClockInput in_person(const char* submitted, std::vector<ClockEvent> events = {}) {
  ClockInput in;
  in.channel = Channel::kInPerson;
  in.submitted = d(submitted);
  in.events = std::move(events);
  return in;
}

std::string joined(const ClockResult& r) {
  std::string s;
  for (const auto& line : r.explanation) s += line + "\n";
  return s;
}

TEST(Clock, TwentyWorkingDaysSkipTheNationalDayHolidayAndCountTheMakeUpWorkdays) {
  auto r = compute_clock(in_person("2024-09-27"), real_calendar());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->receipt_date, d("2024-09-27"));
  EXPECT_EQ(r->clock_start, d("2024-09-27"));
  EXPECT_EQ(r->due, d("2024-10-30"));
  EXPECT_EQ(r->state, ClockState::kRunning);
  EXPECT_EQ(r->paused_working_days, 0);
  const std::string text = joined(*r);
  EXPECT_NE(text.find("国庆节"), std::string::npos) << text;
  EXPECT_NE(text.find("2024-09-29"), std::string::npos) << "the 调休 Sunday is named: " << text;
  EXPECT_NE(text.find("2024-10-12"), std::string::npos) << text;
  EXPECT_NE(text.find("第三十一条"), std::string::npos) << text;
}

TEST(Clock, TheReceiptDateFollowsTheChannel) {
  ClockInput post;
  post.channel = Channel::kPostSigned;
  post.submitted = d("2024-03-01");
  post.signed_on = d("2024-03-04");
  auto signed_post = compute_clock(post, real_calendar());
  ASSERT_TRUE(signed_post);
  EXPECT_EQ(signed_post->receipt_date, d("2024-03-04"));

  for (Channel c : {Channel::kPostUnsigned, Channel::kOnline, Channel::kFax, Channel::kEmail}) {
    ClockInput in;
    in.channel = c;
    in.submitted = d("2024-03-01");
    in.confirmed = d("2024-03-05");
    auto r = compute_clock(in, real_calendar());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->receipt_date, d("2024-03-05")) << channel_key(c);
  }
  ClockInput missing;
  missing.channel = Channel::kPostSigned;
  missing.submitted = d("2024-03-01");
  auto err = compute_clock(missing, real_calendar());
  ASSERT_FALSE(err);
  EXPECT_EQ(err.error().fields().at(0).field, "signed");
}

TEST(Clock, ASupplementRestartsTheClockFromItsReceipt) {
  auto r = compute_clock(in_person("2024-03-01", {{ClockEventType::kSupplementRequested, d("2024-03-05")},
                                                  {ClockEventType::kSupplementReceived, d("2024-03-11")}}),
                         real_calendar());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->clock_start, d("2024-03-11"));
  EXPECT_EQ(r->due, d("2024-04-09")) << "清明 04-04…06 skipped, 04-07 worked";
  EXPECT_TRUE(r->warnings.empty());
  EXPECT_EQ(r->supplement_notice_due, d("2024-03-12"));
}

TEST(Clock, AnOutstandingSupplementStopsTheClockAndALateNoticeIsFlagged) {
  auto r = compute_clock(in_person("2024-03-01", {{ClockEventType::kSupplementRequested, d("2024-03-13")}}),
                         real_calendar());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->state, ClockState::kAwaitingSupplement);
  EXPECT_FALSE(r->due.has_value());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("第三十条"), std::string::npos);
}

TEST(Clock, AnExtensionAddsTwentyWorkingDaysToTheBaseDueDate) {
  auto r = compute_clock(in_person("2024-09-27", {{ClockEventType::kExtension, d("2024-10-25")}}), real_calendar());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->base_due, d("2024-10-30"));
  EXPECT_EQ(r->due, d("2024-11-27"));
  EXPECT_TRUE(r->extended);
  auto twice = compute_clock(in_person("2024-09-27", {{ClockEventType::kExtension, d("2024-10-25")},
                                                      {ClockEventType::kExtension, d("2024-10-28")}}),
                             real_calendar());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().fields().at(0).field, "events[1].type");
}

TEST(Clock, AConsultationPausesTheClockByItsWorkingDays) {
  // (10-09, 10-16] holds 10, 11, 12 (调休 Saturday), 14, 15, 16: six working days.
  auto r = compute_clock(in_person("2024-09-27", {{ClockEventType::kThirdPartyReplied, d("2024-10-16")},
                                                  {ClockEventType::kThirdPartySent, d("2024-10-09")}}),
                         real_calendar());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->paused_working_days, 6);
  EXPECT_EQ(r->due, d("2024-11-07"));
  EXPECT_NE(joined(*r).find("第三十二条"), std::string::npos);
}

TEST(Clock, OverlappingPausesCountOnce) {
  auto r = compute_clock(in_person("2024-09-27", {{ClockEventType::kThirdPartySent, d("2024-10-09")},
                                                  {ClockEventType::kAgencyConsultSent, d("2024-10-10")},
                                                  {ClockEventType::kThirdPartyReplied, d("2024-10-16")},
                                                  {ClockEventType::kAgencyConsultReplied, d("2024-10-15")}}),
                         real_calendar());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->paused_working_days, 6);
}

TEST(Clock, AnUnansweredConsultationLapsesAfterFifteenWorkingDays) {
  auto r = compute_clock(in_person("2024-03-01", {{ClockEventType::kThirdPartySent, d("2024-03-04")}}),
                         real_calendar());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->paused_working_days, 15);
  EXPECT_NE(joined(*r).find("不视为同意"), std::string::npos);
}

TEST(Clock, AnUnpaidFeeNoticeStopsTheClockAndPaymentResumesIt) {
  auto open = compute_clock(in_person("2024-09-27", {{ClockEventType::kFeeNotice, d("2024-10-14")}}), real_calendar());
  ASSERT_TRUE(open);
  EXPECT_EQ(open->state, ClockState::kAwaitingFee);
  EXPECT_FALSE(open->due.has_value());
  // 20 working days after 10-14 (the notice day itself not counted): 11-11.
  EXPECT_EQ(open->fee_payment_due, d("2024-11-11"));
  auto paid = compute_clock(in_person("2024-09-27", {{ClockEventType::kFeeNotice, d("2024-10-14")},
                                                     {ClockEventType::kFeePaid, d("2024-10-16")}}),
                            real_calendar());
  ASSERT_TRUE(paid);
  EXPECT_EQ(paid->paused_working_days, 2);
  EXPECT_EQ(paid->due, d("2024-11-01"));
}

TEST(Clock, BadEventsAreRefusedNamingTheEvent) {
  auto early = compute_clock(in_person("2024-09-27", {{ClockEventType::kThirdPartySent, d("2024-09-20")}}),
                             real_calendar());
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().fields().at(0).field, "events[0].date");
  auto orphan = compute_clock(in_person("2024-09-27", {{ClockEventType::kFeePaid, d("2024-10-09")}}), real_calendar());
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().fields().at(0).field, "events[0].type");
  auto received_first = compute_clock(in_person("2024-09-27", {{ClockEventType::kSupplementReceived, d("2024-10-09")}}),
                                      real_calendar());
  ASSERT_FALSE(received_first);
}

TEST(Clock, AYearWithoutAHolidayNoticeIsReportedNotGuessed) {
  auto r = compute_clock(in_person("2031-05-06"), real_calendar());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace gk::foi
