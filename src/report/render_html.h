// render_html: the annual report as HTML in the official layout (国办公开办函〔2021〕30号,
// regulations.md §3): the title, the six sections, and every table as a <table> with its <caption>
// (visually hidden: the printed layout has none), a <colgroup> of the layout's column widths,
// <thead> header rows (<th scope="col|colgroup">), row labels as <th scope="row|rowgroup">, and the
// official row/column spans. Every number cell carries data-row / data-col (the JSON keys, see
// CellValue in render_document.h) and, when a linker is given and returns a non-empty URL, an <a>
// to its drill-down. All text and URLs are HTML-escaped. Failed cross-checks (check_errors) are
// listed above the report in a role="alert" block when options.show_check_errors is set; they are not
// part of the official layout.
//
// Thread-safe (the linker is called on the calling thread only).
#pragma once

#include "core/markup_escape.h"

#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "report/annual_report.h"

namespace gk::report {

// (row key, column key) → drill-down URL, or "" for no link.
using CellLinker = std::function<std::string(std::string_view row, std::string_view column)>;

struct HtmlOptions {
  CellLinker link;        // empty: no links
  bool full_page = true;  // true: a self-contained <!DOCTYPE html> page with its own <style>;
                          // false: an <article class="gk-annual-report"> fragment without style
                          // (the embedding site styles it; web/static/css/site.css does)
  bool show_check_errors = true;
  bool title = true;      // false: no <h1> (the embedding page or document has its own title)
};

// InvalidArgument as report_layout().
[[nodiscard]] Result<std::string> render_html(const AnnualReport& report, const HtmlOptions& options = {});

using gk::html_escape;  // core/markup_escape.h

}  // namespace gk::report
