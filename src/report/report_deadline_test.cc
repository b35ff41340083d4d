// The deadlines of 条例第四十九条 and the reminder thresholds before them.
#include "report/report_deadline.h"

#include <gtest/gtest.h>

namespace gk::report {
namespace {

Date d(std::string_view s) { return *Date::parse(s); }

TEST(ReportDeadline, DepartmentsPublishBy31JanuaryAndTheGovernmentBy31March) {
  EXPECT_EQ(report_deadline(2025, accounts::DepartmentKind::kDepartment), d("2026-01-31"));
  EXPECT_EQ(report_deadline(2025, accounts::DepartmentKind::kOffice), d("2026-01-31"));
  EXPECT_EQ(report_deadline(2025, accounts::DepartmentKind::kTownship), d("2026-01-31"));
  EXPECT_EQ(report_deadline(2025, accounts::DepartmentKind::kGovernment), d("2026-03-31"));
}

TEST(ReportDeadline, NoReminderDuringTheReportYearOrBeforeTheLoosestThreshold) {
  const Date due = d("2026-01-31");
  EXPECT_FALSE(reminder_threshold(2025, due, d("2025-12-31")));
  EXPECT_FALSE(reminder_threshold(2025, due, d("2026-01-16")));  // 15 days left
}

TEST(ReportDeadline, TheTightestCrossedThresholdIsReported) {
  const Date due = d("2026-01-31");
  EXPECT_EQ(reminder_threshold(2025, due, d("2026-01-17")), "14");
  EXPECT_EQ(reminder_threshold(2025, due, d("2026-01-24")), "7");
  EXPECT_EQ(reminder_threshold(2025, due, d("2026-01-25")), "7");
  EXPECT_EQ(reminder_threshold(2025, due, d("2026-01-28")), "3");
  EXPECT_EQ(reminder_threshold(2025, due, d("2026-01-30")), "1");
  EXPECT_EQ(reminder_threshold(2025, due, d("2026-01-31")), "1");  // the deadline day is still in time
}

TEST(ReportDeadline, AfterTheDeadlineTheReportIsOverdue) {
  EXPECT_EQ(reminder_threshold(2025, d("2026-01-31"), d("2026-02-01")), "overdue");
  EXPECT_EQ(reminder_threshold(2025, d("2026-03-31"), d("2026-04-01")), "overdue");
  EXPECT_EQ(reminder_threshold(2025, d("2026-03-31"), d("2026-03-20")), "14");
}

}  // namespace
}  // namespace gk::report
