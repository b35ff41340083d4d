// BudgetReport: the typed facts of a document that is a department's budget (预算) or final account
// (决算) for a fiscal year (条例 Art. 20 (七) 财政预算、决算信息), and the matrix of departments × years
// an inspector reads to find what has not been disclosed.
//
// 《中华人民共和国预算法》第十四条: department budgets and final accounts approved by the finance
// department are disclosed by each department within 20 days of approval (批复). 第五十二条: budgets
// are approved within 20 days after the people's congress adopts the budget (early in the year);
// 第八十二条: final accounts within 20 days after its standing committee adopts them (mid-year of the
// following year). The approval days differ from year to year and are not recorded here, so a missing
// report counts as "未公开" only after a conservative end of its usual window (kBudgetDueMonthDay,
// kFinalAccountDueMonthDay); before that it is "未到公开期".
//
// One report per department, year and kind (a corrected version replaces the link). Value types and
// pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::documents {

enum class BudgetKind { kBudget, kFinalAccount };  // 预算 / 决算
std::string_view budget_kind_name(BudgetKind k);   // "budget", "final_account" (persisted)
std::string_view budget_kind_label(BudgetKind k);  // 预算, 决算
std::optional<BudgetKind> parse_budget_kind(std::string_view s);

struct BudgetReport {
  DocumentId document;
  DepartmentId department;  // whose budget it is (normally the document's own department)
  int fiscal_year = 0;
  BudgetKind kind = BudgetKind::kBudget;

  friend bool operator==(const BudgetReport&, const BudgetReport&) = default;
};

// The last day on which a missing report of `fiscal_year` is still "not yet due": budget of Y by
// Y-04-30, final account of Y by (Y+1)-09-30 (see the file comment).
Date budget_report_due(int fiscal_year, BudgetKind kind);

// Checks the year against `today`: a budget may be for at most next year; a final account only for a
// year that has ended. InvalidArgument on field "fiscal_year".
[[nodiscard]] Status check_fiscal_year(int fiscal_year, BudgetKind kind, Date today);

// A published report, as the public matrix needs it.
struct PublishedBudgetReport {
  BudgetReport report;
  std::string title;
  Date published_on;
};

struct BudgetDepartment {
  DepartmentId id;
  std::string code;
  std::string name;
};

enum class BudgetCellStatus { kPublished, kMissing, kNotYetDue };  // 已公开 / 未公开 / 未到公开期

struct BudgetCell {
  BudgetCellStatus status = BudgetCellStatus::kMissing;
  std::optional<PublishedBudgetReport> report;  // when published
  Date due;
};

struct BudgetYearCells {
  int fiscal_year = 0;
  BudgetCell budget;
  BudgetCell final_account;
};

struct BudgetMatrixRow {
  BudgetDepartment department;
  std::vector<BudgetYearCells> years;  // same order as BudgetMatrix::years
  int missing = 0;                     // cells that are kMissing
};

struct BudgetMatrix {
  std::vector<int> years;  // newest first
  std::vector<BudgetMatrixRow> rows;
  int missing = 0;
};

// The latest `year_count` fiscal years up to today's year, for `departments` in the given order.
// Reports of other departments or years are ignored.
BudgetMatrix build_budget_matrix(std::span<const BudgetDepartment> departments,
                                 std::span<const PublishedBudgetReport> reports, Date today, int year_count);

}  // namespace gk::documents
