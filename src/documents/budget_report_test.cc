// Tests for budget reports (budget_report.h): due dates after 预算法 第十四条, the fiscal-year rule and
// the departments × years matrix with its gaps.
#include "documents/budget_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gk::documents {
namespace {

using ::testing::ElementsAre;

Date D(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

TEST(BudgetReportTest, StableNamesRoundTrip) {
  for (auto k : {BudgetKind::kBudget, BudgetKind::kFinalAccount})
    EXPECT_EQ(parse_budget_kind(budget_kind_name(k)), k);
  EXPECT_EQ(budget_kind_label(BudgetKind::kFinalAccount), "决算");
  EXPECT_FALSE(parse_budget_kind("final"));
}

TEST(BudgetReportTest, DueDates) {
  EXPECT_EQ(budget_report_due(2024, BudgetKind::kBudget), D(2024, 4, 30));
  EXPECT_EQ(budget_report_due(2023, BudgetKind::kFinalAccount), D(2024, 9, 30));
}

TEST(BudgetReportTest, FiscalYearRules) {
  const Date today = D(2024, 10, 1);
  struct Case {
    int year;
    BudgetKind kind;
    bool ok;
  } cases[] = {
      {2024, BudgetKind::kBudget, true},        {2025, BudgetKind::kBudget, true},
      {2026, BudgetKind::kBudget, false},       {2023, BudgetKind::kFinalAccount, true},
      {2024, BudgetKind::kFinalAccount, false},  // the year has not ended
      {1900, BudgetKind::kBudget, false},
  };
  for (const auto& c : cases) {
    Status st = check_fiscal_year(c.year, c.kind, today);
    EXPECT_EQ(st.has_value(), c.ok) << c.year << " " << budget_kind_name(c.kind);
    if (!st) {
      EXPECT_EQ(st.error().fields().at(0).field, "fiscal_year");
    }
  }
}

TEST(BudgetReportTest, MatrixShowsPublishedMissingAndNotYetDue) {
  const BudgetDepartment czj{DepartmentId(1), "czj", "东阳市财政局"};
  const BudgetDepartment jyj{DepartmentId(2), "jyj", "东阳市教育局"};
  const std::vector<BudgetDepartment> depts{czj, jyj};
  const std::vector<PublishedBudgetReport> reports = {
      {{DocumentId(10), czj.id, 2024, BudgetKind::kBudget}, "2024年部门预算", D(2024, 3, 1)},
      {{DocumentId(11), czj.id, 2023, BudgetKind::kFinalAccount}, "2023年部门决算", D(2024, 8, 1)},
      {{DocumentId(12), jyj.id, 2018, BudgetKind::kBudget}, "older than the window", D(2018, 3, 1)},
  };
  const BudgetMatrix m = build_budget_matrix(depts, reports, D(2024, 10, 1), 5);
  EXPECT_THAT(m.years, ElementsAre(2024, 2023, 2022, 2021, 2020));
  ASSERT_EQ(m.rows.size(), 2u);
  const auto& y2024 = m.rows[0].years[0];
  EXPECT_EQ(y2024.budget.status, BudgetCellStatus::kPublished);
  EXPECT_EQ(y2024.budget.report->report.document, DocumentId(10));
  EXPECT_EQ(y2024.final_account.status, BudgetCellStatus::kNotYetDue);  // due 2025-09-30
  EXPECT_EQ(m.rows[0].years[1].final_account.status, BudgetCellStatus::kPublished);
  EXPECT_EQ(m.rows[0].years[1].budget.status, BudgetCellStatus::kMissing);
  // 财政局: 2023 budget + 2022..2020 both kinds = 7 gaps; 教育局: 2024 budget + 4 years × 2 = 9.
  EXPECT_EQ(m.rows[0].missing, 7);
  EXPECT_EQ(m.rows[1].missing, 9);
  EXPECT_EQ(m.missing, 16);
}

TEST(BudgetReportTest, TheLastDayOfTheWindowIsStillNotDue) {
  const BudgetDepartment czj{DepartmentId(1), "czj", "东阳市财政局"};
  const std::vector<BudgetDepartment> depts{czj};
  auto on_due = build_budget_matrix(depts, {}, D(2024, 4, 30), 1);
  EXPECT_EQ(on_due.rows[0].years[0].budget.status, BudgetCellStatus::kNotYetDue);
  auto after = build_budget_matrix(depts, {}, D(2024, 5, 1), 1);
  EXPECT_EQ(after.rows[0].years[0].budget.status, BudgetCellStatus::kMissing);
}

}  // namespace
}  // namespace gk::documents
