// DocumentSearchSource: how the document library feeds the site-wide search index — every public
// (or scheduled) document as one SearchRecord of kind "document", with its derived validity so
// that superseded documents rank below those in force.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "documents/document_service.h"
#include "search/search_source.h"

namespace gk::documents {

// Department code and name, e.g. {"czj", "市财政局"}; the composition root supplies it.
using DepartmentNamer = std::function<std::pair<std::string, std::string>(DepartmentId)>;

class DocumentSearchSource final : public search::SearchSource {
 public:
  DocumentSearchSource(DocumentService& documents, DepartmentNamer namer)
      : documents_(documents), namer_(std::move(namer)) {}

  std::string_view kind() const override { return "document"; }
  [[nodiscard]] Status for_each(const std::function<Status(std::vector<search::SearchRecord>&&)>& sink) override;
  [[nodiscard]] Result<std::optional<search::SearchRecord>> get(std::string_view id) override;
  [[nodiscard]] Result<int64_t> count() override;

  // The record of one document (pure mapping; exposed for tests).
  static search::SearchRecord record_of(const DocumentListItem& item, const std::pair<std::string, std::string>& dept);

 private:
  DocumentService& documents_;
  DepartmentNamer namer_;
};

}  // namespace gk::documents
