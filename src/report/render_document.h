// The statutory annual report laid out as the national format of 国办公开办函〔2021〕30号 prescribes
// (regulations.md §3): the title, the six section headings of §3.1, the four 第二十条 tables of
// section 二 (§3.2), the 7-column applications table of section 三 with its corner note, two-level
// applicant header and the row-span labels 三、本年度办理结果 and （三）…（六） (§3.3), and the
// 15-column reconsideration/litigation table of section 四 (§3.4).
//
// report_layout() is the one place that knows that layout; the renderers of PDF/DOCX
// (report_document), HTML (render_html.h) and XLSX (render_xlsx.h) all draw from it, so the three
// outputs cannot drift apart. Each table is a docgen::Table (cells with row/column spans, HTML-like)
// plus, for every number cell, the report cell it shows (row key, column key, value) so renderers can
// link it to its drill-down or write it as a number.
//
// Pure functions over values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "docgen/office_document.h"
#include "report/annual_report.h"

namespace gk::report {

// The report cell a table cell shows. Row and column keys are those of the JSON contract:
//   applications: a kApplicationRows key × a kApplicationColumns key;
//   remedies: "reconsideration" | "litigation_direct" | "litigation_after_reconsideration" ×
//             "upheld" | "corrected" | "other" | "pending" | "total";
//   section 二: "rules" | "normative_documents" × "issued" | "repealed" | "in_force", and
//             "licensing_decisions" | "penalties" | "enforcement_measures" | "fees_10k_yuan" × "value".
struct CellValue {
  std::string row;
  std::string column;
  double value = 0;
  bool integer = true;  // false only for 行政事业性收费（万元）
};

struct LayoutTable {
  std::string caption;  // a short description (HTML <caption>, the XLSX line above the table)
  docgen::Table table;
  // Parallel to table.rows: values[r][i] describes table.rows[r][i]; set for number cells only.
  std::vector<std::vector<std::optional<CellValue>>> values;
};

struct LayoutSection {
  std::string heading;                  // e.g. "三、收到和处理政府信息公开申请情况"
  std::vector<std::string> paragraphs;  // text sections, one entry per paragraph
  std::vector<LayoutTable> tables;
};

struct ReportLayout {
  std::string title;                    // "<organ>2023年政府信息公开工作年度报告"
  std::vector<LayoutSection> sections;  // the six sections of §3.1, in order
};

// Official label of an applications-table row (§3.3) as it reads in the first label column that is
// specific to it, e.g. "（一）予以公开", "1.属于国家秘密", "四、结转下年度继续办理"; "" for unknown keys.
std::string_view application_row_caption(std::string_view key);
// The group label of a leaf row ("（三）不予公开" for "withheld_state_secret"); "" for other rows.
std::string_view application_row_group(std::string_view key);
// The official header of an applications column ("自然人", "商业企业", …, "总计"); "" for unknown keys.
std::string_view application_column_caption(std::string_view key);

// The title (department name + year + "年政府信息公开工作年度报告").
std::string report_title(const AnnualReport& report);


// The layout of the whole report. InvalidArgument when an applications row is missing from
// report.applications (the builder guarantees every kApplicationRows key).
[[nodiscard]] Result<ReportLayout> report_layout(const AnnualReport& report);

// The report as an office document for render_pdf / render_docx: A4 portrait, 公文 margins,
// tables in the type area (the 15-column table in a smaller type so its labels fit).
[[nodiscard]] Result<docgen::OfficeDocument> report_document(const AnnualReport& report);

}  // namespace gk::report
