#include "report/render.h"

#include "docgen/docx_renderer.h"
#include "docgen/pdf_renderer.h"
#include "report/render_document.h"
#include "report/render_xlsx.h"
#include "report/report_json.h"

namespace gk::report {

Result<std::string> render(const AnnualReport& report, std::string_view format, const HtmlOptions& html) {
  if (format == "json") return to_json(report);
  if (format == "html") return render_html(report, html);
  if (format == "xlsx") return render_xlsx(report);
  if (format == "pdf" || format == "docx") {
    GK_TRY_ASSIGN(doc, report_document(report));
    return format == "pdf" ? docgen::render_pdf(doc) : docgen::render_docx(doc);
  }
  return fail(Error::invalid_field(
      "format", "不支持的格式：" + std::string(format) + "（可选 json、html、pdf、docx、xlsx）"));
}

std::string_view render_content_type(std::string_view format) {
  if (format == "json") return "application/json";
  if (format == "html") return "text/html; charset=utf-8";
  if (format == "pdf") return "application/pdf";
  if (format == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (format == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return {};
}

}  // namespace gk::report
