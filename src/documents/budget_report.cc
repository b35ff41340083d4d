#include "documents/budget_report.h"

#include <map>
#include <tuple>

#include <fmt/format.h>

namespace gk::documents {
namespace {

// Ends of the usual disclosure windows (预算法 第十四条、第五十二条、第八十二条; see budget_report.h).
constexpr int kBudgetDueMonth = 4, kBudgetDueDay = 30;              // 预算: by 30 April of the year
constexpr int kFinalAccountDueMonth = 9, kFinalAccountDueDay = 30;  // 决算: by 30 September of the next year
constexpr int kMinFiscalYear = 1949;

}  // namespace

std::string_view budget_kind_name(BudgetKind k) {
  return k == BudgetKind::kBudget ? "budget" : "final_account";
}
std::string_view budget_kind_label(BudgetKind k) { return k == BudgetKind::kBudget ? "预算" : "决算"; }
std::optional<BudgetKind> parse_budget_kind(std::string_view s) {
  if (s == "budget") return BudgetKind::kBudget;
  if (s == "final_account") return BudgetKind::kFinalAccount;
  return std::nullopt;
}

Date budget_report_due(int fiscal_year, BudgetKind kind) {
  if (kind == BudgetKind::kBudget) return *Date::from_ymd(fiscal_year, kBudgetDueMonth, kBudgetDueDay);
  return *Date::from_ymd(fiscal_year + 1, kFinalAccountDueMonth, kFinalAccountDueDay);
}

Status check_fiscal_year(int fiscal_year, BudgetKind kind, Date today) {
  if (fiscal_year < kMinFiscalYear)
    return fail(Error::invalid_field("fiscal_year", "预算年度应为四位数字的年份"));
  if (kind == BudgetKind::kBudget && fiscal_year > today.year() + 1) {
    return fail(Error::invalid_field("fiscal_year", fmt::format("{}年度的预算尚未编制", fiscal_year)));
  }
  if (kind == BudgetKind::kFinalAccount && fiscal_year >= today.year()) {
    return fail(Error::invalid_field("fiscal_year", fmt::format("{}年度尚未结束，不能有决算", fiscal_year)));
  }
  return ok();
}

BudgetMatrix build_budget_matrix(std::span<const BudgetDepartment> departments,
                                 std::span<const PublishedBudgetReport> reports, Date today, int year_count) {
  BudgetMatrix m;
  for (int i = 0; i < year_count; ++i) m.years.push_back(today.year() - i);
  std::map<std::tuple<int64_t, int, BudgetKind>, const PublishedBudgetReport*> index;
  for (const auto& r : reports) index[{r.report.department.value, r.report.fiscal_year, r.report.kind}] = &r;
  auto cell = [&](DepartmentId dept, int year, BudgetKind kind) {
    BudgetCell c;
    c.due = budget_report_due(year, kind);
    if (auto it = index.find({dept.value, year, kind}); it != index.end()) {
      c.status = BudgetCellStatus::kPublished;
      c.report = *it->second;
      return c;
    }
    c.status = today > c.due ? BudgetCellStatus::kMissing : BudgetCellStatus::kNotYetDue;
    return c;
  };
  for (const auto& d : departments) {
    BudgetMatrixRow row;
    row.department = d;
    for (int y : m.years) {
      BudgetYearCells cells;
      cells.fiscal_year = y;
      cells.budget = cell(d.id, y, BudgetKind::kBudget);
      cells.final_account = cell(d.id, y, BudgetKind::kFinalAccount);
      row.missing += (cells.budget.status == BudgetCellStatus::kMissing) +
                     (cells.final_account.status == BudgetCellStatus::kMissing);
      row.years.push_back(std::move(cells));
    }
    m.missing += row.missing;
    m.rows.push_back(std::move(row));
  }
  return m;
}

}  // namespace gk::documents
