#include "foi/conversion_drafter.h"

#include "core/markup_escape.h"

namespace gk::foi {

std::string paragraphs_html(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      out += "<p>" + html_escape(line);
      out += "</p>";
    }
    start = end + 1;
  }
  return out;
}

DocumentDrafter make_document_drafter(documents::DocumentService& documents,
                                      std::function<std::string(DepartmentId)> department_name) {
  return [&documents, name = std::move(department_name)](const accounts::Principal& who,
                                                         const ConversionDraft& d,
                                                         const RequestContext& ctx) -> Result<DocumentId> {
    accounts::Principal acting = who;
    acting.department = d.department;
    acting.department_name = name(d.department);
    documents::DocumentDraft draft;
    draft.title = d.title;
    draft.summary = d.summary;
    draft.body_html = paragraphs_html(d.body_text);
    draft.genre = d.genre;
    draft.topic = d.topic;
    draft.mode = "proactive";
    draft.formed_on = d.formed_on.to_string();
    return documents.create(acting, draft, ctx);
  };
}

}  // namespace gk::foi
