// AnnualReport: the statutory 政府信息公开工作年度报告 of one organ (or the whole city) for one year,
// in the national format of 国办公开办函〔2021〕30号 (regulations.md §3; 条例 Arts. 49–50). Every number
// is computed from the platform's data (documents, FOI cases and remedies, uploaded statistics); the
// text sections are drafts staff edit. This header is the model shared by the computation
// (annual_report_builder.h) and the renderers (JSON contract of `gongkai report annual`, HTML, PDF,
// DOCX, XLSX).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace gk::report {

// Section 二 (第二十条 (一)(五)(六)(八)).
struct IssuedCounts {
  int64_t issued = 0;    // 本年制发件数
  int64_t repealed = 0;  // 本年废止件数
  int64_t in_force = 0;  // 现行有效件数 (at the end of the year)
};

struct Proactive {
  IssuedCounts rules;                 // 规章
  IssuedCounts normative_documents;   // 行政规范性文件
  int64_t licensing_decisions = 0;    // 行政许可 本年处理决定数量
  int64_t penalties = 0;              // 行政处罚
  int64_t enforcement_measures = 0;   // 行政强制
  double fees_10k_yuan = 0;           // 行政事业性收费 本年收费金额（万元）
};

// Section 三: 7 columns × the rows of §3.3, keys in the order of the official table.
inline constexpr std::array<std::string_view, 7> kApplicationColumns = {
    "natural_person",           "commercial_enterprise",     "research_institution", "social_welfare_organization",
    "legal_service_institution", "other_organization",        "total"};
inline constexpr std::array<std::string_view, 25> kApplicationRows = {
    "new_this_year",
    "carried_over",
    "disclosed",
    "partially_disclosed",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party_rights",
    "withheld_internal_affairs",
    "withheld_process_information",
    "withheld_law_enforcement_files",
    "withheld_administrative_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear_after_clarification",
    "not_processed_petition_complaint",
    "not_processed_repeat",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirm_or_reissue",
    "other_no_clarification",
    "other_fee_unpaid",
    "other_other",
    "total_handled",
    "carried_forward",
};
using Row = std::array<int64_t, 7>;

// Section 四: 行政复议 / 行政诉讼（未经复议直接起诉 / 复议后起诉）, each 维持 / 纠正 / 其他 / 尚未审结 / 总计.
struct RemedyCounts {
  int64_t upheld = 0, corrected = 0, other = 0, pending = 0, total = 0;
};

// A cell's drill-down: the FOI case ids counted in it (for section 四, the cases of the remedies).
struct CellRef {
  std::string row;     // a kApplicationRows key, or "reconsideration" / "litigation_direct" / …
  std::string column;  // a kApplicationColumns key, or "upheld" / "corrected" / …
};

struct AnnualReport {
  int year = 0;
  std::string department_code;  // "" = city-wide
  std::string department_name;  // e.g. 东阳市财政局, or 东阳市人民政府 for the city
  Proactive proactive;
  std::map<std::string, Row, std::less<>> applications;  // every kApplicationRows key present
  RemedyCounts reconsideration, litigation_direct, litigation_after_reconsideration;
  double fees_yuan = 0;                                  // section 六: information-processing fees collected in Y
  std::vector<std::string> check_errors;                 // cross-checks that failed, in Chinese
  std::map<std::string, std::vector<int64_t>, std::less<>> cell_cases;  // "row/column" → ids (drill-down)
  // Text sections (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项): drafted from the data.
  std::string overview, problems, other_matters;
};

// A money amount (yuan, or 万元) as every output writes it: whole amounts without a fraction ("0",
// "12"), others with at most 4 decimals, trailing zeros dropped ("12.5"); non-finite → "0".
std::string format_amount(double value);

// Official labels for the rows and columns (docs/annual-report.md maps each key to its label).
std::string_view application_row_label(std::string_view key);
std::string_view application_column_label(std::string_view key);

}  // namespace gk::report
