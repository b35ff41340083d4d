// GuideService: the elements of service guides (办事指南, service_guide.h) — setting them on a document
// while it is being drafted (they are content, reviewed and published with it), reading them, and the
// public list of guides. Writes the row and one audit entry in one transaction. Thread-safe when the
// store is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/document_store.h"
#include "documents/service_guide.h"

namespace gk::documents {

struct GuideQuery {
  std::optional<DepartmentId> department;
  std::string q;  // in 事项名称
  int page = 1;
  int per_page = 20;  // 1..100
};

struct GuideListItem {
  ServiceGuide guide;
  DocumentHeading document;
};

struct GuidePage {
  std::vector<GuideListItem> items;
  int64_t total = 0;
  int page = 1;
  int per_page = 20;
};

class GuideService {
 public:
  GuideService(DocumentStore& store, const Clock& clock);

  // Sets the elements of document `id` (`guide.document` is ignored). InvalidArgument listing the
  // missing required elements by their Chinese names (service_guide.h); FailedPrecondition unless the
  // document is editable (document_facts.h: may_set_facts).
  [[nodiscard]] Status set(const accounts::Principal& who, DocumentId id, ServiceGuide guide,
                           const RequestContext& ctx);
  [[nodiscard]] Status remove(const accounts::Principal& who, DocumentId id, const RequestContext& ctx);
  // Staff view; nullopt when the document is not a guide.
  [[nodiscard]] Result<std::optional<ServiceGuide>> get(const accounts::Principal& who, DocumentId id);

  // Public: the elements of a public document; NotFound when the document is not public.
  [[nodiscard]] Result<std::optional<ServiceGuide>> get_public(DocumentId id);
  [[nodiscard]] Result<GuidePage> list_public(const GuideQuery& q);

 private:
  DocumentStore& store_;
  const Clock& clock_;
};

}  // namespace gk::documents
