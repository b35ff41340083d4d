// AnnualReportBuilder: computes the figures of an AnnualReport (annual_report.h) for one year and
// one department (or the city) from streamed rows, with the cross-checks of regulations.md §3.3.
//
// Counting rules (issue 6; Y = the report year, [Y-01-01, Y-12-31]):
//   * 一 本年新收 (new_this_year): cases received in Y.
//   * 二 上年结转 (carried_over): cases received before Y and not closed before Y.
//   * 三 办理结果: the cases of 一 and 二 closed in Y, in the row of their outcome (a closed case with
//     no recorded outcome counts as （六）3 其他); （七）总计 (total_handled) = the sum of those rows.
//   * 四 结转下年度 (carried_forward): the cases of 一 and 二 still open at the end of Y.
//   * Columns: the applicant type (自然人 and the five kinds of organisation); 总计 = their sum.
//   * Section 四: remedies FILED in Y, by outcome as of the end of Y — decided after Y (or not at
//     all) counts as 尚未审结 (pending); total = the four.
//   * Section 二: documents the caller classifies (DocumentYear); statistics uploaded per department.
//   * Section 六: information-processing fees collected in Y (add_fee).
//   * 规章: the taxonomy has no 规章 genre (its "rules" is 细则, a genre of any document), and the
//     platform's organs — a county-level city's government and departments — have no power to make
//     规章 (《立法法》第九十三条: 设区的市 and above). rules therefore stays 0 unless a caller adds
//     DocumentYear rows with rule = true.
//
// Streaming: add_case/add_remedy touch fixed arrays only; with drill-down on, a case's id is
// appended to the id vectors of its cells (amortised, no per-row allocation of its own). Rows outside
// the year are ignored, so the repository's superset (for_each_report_row) can be fed unfiltered.
// Section 二's documents drill down too: "normative_documents/issued" (or "rules/…", columns issued,
// repealed, in_force) → document ids, in the order added.
// Drill-down (cell_cases) keys are "row/column" for the six applicant columns only (the 总计 column's
// cases are their union) and "reconsideration/upheld"-style keys for remedies (the ids of the
// cases the remedies were brought against, each once).
//
// Not thread-safe; one builder per report.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "documents/document_store.h"
#include "foi/foi_store.h"
#include "report/annual_report.h"

namespace gk::report {

// One document's standing in the report year (section 二, 第二十条第（一）项).
struct DocumentYear {
  int64_t id = 0;         // the document (drill-down); 0: none
  bool rule = false;      // 规章 (else 行政规范性文件)
  bool issued = false;    // published in Y
  bool repealed = false;  // repealed, replaced or expired in Y
  bool in_force = false;  // in force on Y-12-31
};

// Uploaded department statistics (第二十条第（五）（六）（八）项).
struct DepartmentStatistics {
  int64_t licensing_decisions = 0;
  int64_t penalties = 0;
  int64_t enforcement_measures = 0;
  double fees_10k_yuan = 0;
};

class AnnualReportBuilder {
 public:
  AnnualReportBuilder(int year, std::string department_code, std::string department_name,
                      bool drill_down = true);

  Date first_day() const { return first_; }
  Date last_day() const { return last_; }

  void add_case(const foi::CaseReportRow& row);
  void add_remedy(const foi::RemedyReportRow& row);
  void add_document(const DocumentYear& d);
  void add_statistics(const DepartmentStatistics& s);
  void add_fee(double yuan) { fees_yuan_ += yuan; }
  // Section 六 from FOI fee events (FoiRepository::fee_events, by case then seq): each fee_paid
  // dated in Y adds the fee_yuan of its case's latest fee_notice before it.
  void add_fee_events(const std::vector<foi::CaseEvent>& events);

  // The report with totals, cross-checks (check_errors) and drill-down. Leaves the builder empty.
  AnnualReport finish();

 private:
  static constexpr size_t kRows = kApplicationRows.size();  // 25
  static constexpr size_t kTypes = 6;                       // columns without 总计
  int year_;
  Date first_, last_;
  bool drill_down_;
  AnnualReport report_;
  std::array<std::array<int64_t, kTypes>, kRows> counts_{};
  std::array<std::array<std::vector<int64_t>, kTypes>, kRows> ids_;
  std::array<std::array<int64_t, 4>, 3> remedies_{};
  std::array<std::array<std::vector<int64_t>, 4>, 3> remedy_ids_;
  double fees_yuan_ = 0;
};

// The cross-checks of regulations.md §3.3 on the applications table, as Chinese messages (empty when
// they hold): per column 一 + 二 = 三（七）总计 + 四; （七）= the sum of the 21 leaf rows; the 总计
// column = the sum of the six others (every row). Also each remedy group's 总计 = its four columns.
std::vector<std::string> check_report(const AnnualReport& r);

// Computes the report from the stores: FOI cases and remedies (one read transaction), and the
// published 行政规范性文件 of the scope with their validity on Y-12-31 (validity.h). `department`
// nullopt: the whole city. Fees from the FOI fee events. The uploaded statistics (statistics.h,
// StatisticsService::totals) are not read here: the caller sets proactive.licensing_decisions… from
// them (as `gongkai report annual` does).
[[nodiscard]] Result<AnnualReport> build_annual_report(foi::FoiStore& foi,
                                                       documents::DocumentStore& documents, int year,
                                                       std::optional<DepartmentId> department,
                                                       std::string department_code,
                                                       std::string department_name, bool drill_down = true);

}  // namespace gk::report
