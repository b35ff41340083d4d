#include "report/render_html.h"

#include <fmt/format.h>

#include "report/render_document.h"

namespace gk::report {
namespace {

// Ruled tables as printed. Captions are for screen readers only: the official layout prints none
// (the section heading above each table says what it is).
constexpr std::string_view kStyle = R"(<style>
.gk-annual-report{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;max-width:60em;margin:0 auto;line-height:1.75}
.gk-annual-report h1{text-align:center;font-size:1.6em}
.gk-annual-report h2{font-family:"Noto Sans CJK SC","SimHei",sans-serif;font-size:1.2em}
.gk-annual-report p{text-indent:2em;margin:.3em 0}
.gk-annual-report table{border-collapse:collapse;width:100%;margin:.8em 0;font-size:.9em}
.gk-annual-report caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.gk-annual-report th,.gk-annual-report td{border:1px solid #000;padding:.25em .4em;vertical-align:middle}
.gk-annual-report thead th{text-align:center}
.gk-annual-report tbody th{text-align:left;font-weight:normal}
.gk-annual-report td.num{text-align:right;font-variant-numeric:tabular-nums}
.gk-annual-report .check-errors{border:1px solid #c00;color:#900;padding:.5em 1em}
.gk-annual-report col.gk-w5{width:5%}
.gk-annual-report col.gk-w10{width:10%}
.gk-annual-report col.gk-w15{width:15%}
.gk-annual-report col.gk-w20{width:20%}
.gk-annual-report col.gk-w25{width:25%}
.gk-annual-report col.gk-w30{width:30%}
.gk-annual-report col.gk-w35{width:35%}
.gk-annual-report col.gk-w40{width:40%}
.gk-annual-report col.gk-w45{width:45%}
.gk-annual-report col.gk-w50{width:50%}
.gk-annual-report col.gk-w55{width:55%}
.gk-annual-report col.gk-w60{width:60%}
</style>
)";

// A percentage rounded to the nearest 5, within 5..60.
int width_class(double percent) {
  const int n = static_cast<int>(percent / 5 + 0.5) * 5;
  return n < 5 ? 5 : (n > 60 ? 60 : n);
}

std::string span_attrs(const docgen::TableCell& c) {
  std::string out;
  if (c.row_span > 1) out += fmt::format(" rowspan=\"{}\"", c.row_span);
  if (c.col_span > 1) out += fmt::format(" colspan=\"{}\"", c.col_span);
  return out;
}

// Cell text with '\n' as <br>.
std::string cell_text(std::string_view text) {
  std::string out;
  size_t start = 0;
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', start)) {
    out += html_escape(text.substr(start, at - start));
    out += "<br>";
    start = at + 1;
  }
  out += html_escape(text.substr(start));
  return out;
}

void append_table(std::string& out, const LayoutTable& lt, const HtmlOptions& options) {
  const docgen::Table& t = lt.table;
  out += "<table>\n<caption>" + html_escape(lt.caption) + "</caption>\n";
  // The layout's relative column widths, so the label columns of the applications table keep room:
  // as classes in 5 % steps (gk-w5 … gk-w60, defined in kStyle and in the site's stylesheet), not
  // style attributes, so pages with a strict Content-Security-Policy (no inline styles) keep them.
  if (!t.column_widths.empty()) {
    double sum = 0;
    for (double w : t.column_widths) sum += w;
    out += "<colgroup>";
    for (double w : t.column_widths) out += fmt::format("<col class=\"gk-w{}\">", width_class(100 * w / sum));
    out += "</colgroup>\n";
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const bool header = static_cast<int>(r) < t.header_rows;
    if (r == 0 && header) out += "<thead>\n";
    if (static_cast<int>(r) == t.header_rows) out += "<tbody>\n";
    out += "<tr>";
    for (size_t i = 0; i < t.rows[r].size(); ++i) {
      const docgen::TableCell& c = t.rows[r][i];
      const auto& value = lt.values[r][i];
      if (value) {
        out += fmt::format("<td class=\"num\" data-row=\"{}\" data-col=\"{}\"{}>", html_escape(value->row),
                           html_escape(value->column), span_attrs(c));
        std::string url = options.link ? options.link(value->row, value->column) : std::string();
        if (url.empty())
          out += html_escape(c.text);
        else
          out += "<a href=\"" + html_escape(url) + "\">" + html_escape(c.text) + "</a>";
        out += "</td>";
      } else if (header) {
        // The corner note of the applications table describes the rows below it, not a column.
        const bool corner = r == 0 && c.row_span == t.header_rows && t.header_rows > 1;
        const char* scope = corner ? "" : (c.col_span > 1 ? " scope=\"colgroup\"" : " scope=\"col\"");
        out += fmt::format("<th{}{}>{}</th>", scope, span_attrs(c), cell_text(c.text));
      } else {
        const char* scope = c.row_span > 1 ? "rowgroup" : "row";
        out += fmt::format("<th scope=\"{}\"{}>{}</th>", scope, span_attrs(c), cell_text(c.text));
      }
    }
    out += "</tr>\n";
    if (header && static_cast<int>(r) + 1 == t.header_rows) out += "</thead>\n";
  }
  if (static_cast<int>(t.rows.size()) > t.header_rows) out += "</tbody>\n";
  out += "</table>\n";
}

}  // namespace



Result<std::string> render_html(const AnnualReport& report, const HtmlOptions& options) {
  GK_TRY_ASSIGN(layout, report_layout(report));
  std::string out;
  out.reserve(64 * 1024);
  if (options.full_page) {
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
           html_escape(layout.title) + "</title>\n";
    out += kStyle;
    out += "</head>\n<body>\n";
  }
  out += "<article class=\"gk-annual-report\">\n";
  if (options.title) out += "<h1>" + html_escape(layout.title) + "</h1>\n";
  if (options.show_check_errors && !report.check_errors.empty()) {
    out += "<div class=\"check-errors\" role=\"alert\">\n<p>以下勾稽关系校验未通过：</p>\n<ul>\n";
    for (const auto& e : report.check_errors) out += "<li>" + html_escape(e) + "</li>\n";
    out += "</ul>\n</div>\n";
  }
  for (const auto& section : layout.sections) {
    out += "<section>\n<h2>" + html_escape(section.heading) + "</h2>\n";
    for (const auto& p : section.paragraphs) out += "<p>" + html_escape(p) + "</p>\n";
    for (const auto& t : section.tables) append_table(out, t, options);
    out += "</section>\n";
  }
  out += "</article>\n";
  if (options.full_page) out += "</body>\n</html>\n";
  return out;
}

}  // namespace gk::report
