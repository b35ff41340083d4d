// render_xlsx: the annual report's tables as an .xlsx workbook (libxlsxwriter), in the official
// layout of regulations.md §3.2–3.4 with merged header and label cells and ruled borders. Three
// worksheets: 主动公开 (the four 第二十条 tables of section 二, one under the other), 依申请公开 (the
// applications table of section 三) and 复议诉讼 (the 15-column table of section 四). Every count is
// written as a number (行政事业性收费 in 万元 as a decimal), labels as text; the report's title is the
// first line of each sheet.
//
// libxlsxwriter writes to a file: the workbook goes to a private temporary file (mkstemps in
// TMPDIR or /tmp), which is read back and removed before returning. Thread-safe.
#pragma once

#include <string>

#include "core/error.h"
#include "report/annual_report.h"

namespace gk::report {

// InvalidArgument as report_layout(); Internal when the temporary file or libxlsxwriter fails.
[[nodiscard]] Result<std::string> render_xlsx(const AnnualReport& report);

}  // namespace gk::report
