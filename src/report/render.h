// render: the annual report in one of the output formats of `gongkai report annual --format`
// (issue 6, item 3–4): "json" (the CLI contract, report_json.h), "html" (render_html.h), "pdf" and
// "docx" (the official layout of render_document.h through gk_docgen: A4, ruled tables, CJK fonts)
// and "xlsx" (render_xlsx.h). Returns the file's bytes. Pure function of the report; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "report/annual_report.h"
#include "report/render_html.h"

namespace gk::report {

// The formats render() accepts, in the order the CLI lists them.
inline constexpr std::string_view kRenderFormats[] = {"json", "html", "pdf", "docx", "xlsx"};

// InvalidArgument (field "format") for an unknown format, or as report_layout() for an incomplete
// report; Internal when a renderer fails. `html` options apply to "html" only.
[[nodiscard]] Result<std::string> render(const AnnualReport& report, std::string_view format,
                                         const HtmlOptions& html = {});

// MIME type of a format ("application/pdf", …); "" for an unknown format.
std::string_view render_content_type(std::string_view format);

}  // namespace gk::report
