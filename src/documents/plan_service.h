// PlanService: registering documents as plans (规划) and reading the city's plan system. Setting the
// facts checks them against the other plans (plan.h: parent exists, no cycles, level and type rules)
// and writes the row and one audit entry in one transaction. The public reads only see plans whose
// documents are public now. Thread-safe when the store is.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/document_store.h"
#include "documents/plan.h"

namespace gk::documents {

struct PlanEntry {
  PlanFacts facts;
  DocumentHeading document;
};

// A public plan with its public neighbours, for its document page.
struct PublicPlan {
  PlanFacts facts;
  std::optional<DocumentHeading> parent;  // nullopt: none, or not public
  std::vector<PlanEntry> children;        // public plans deriving from it
};

struct PlanSystem {
  std::vector<PlanPeriodGroup> groups;           // after the filter
  std::map<int64_t, DocumentHeading> documents;  // every public plan's document, by id
  std::vector<std::pair<int, int>> periods;      // every root period (for the filter), newest first
  int64_t total = 0;                             // public plans before the filter
};

class PlanService {
 public:
  PlanService(DocumentStore& store, const Clock& clock);

  // Registers document `id` as a plan, or changes its facts (document_facts.h: may_set_facts).
  // InvalidArgument (field errors) for bad facts or a hard rule of the plan system; returns the soft
  // findings otherwise (e.g. a 专项规划 without a 总体规划 above it), which the editor should see.
  [[nodiscard]] Result<std::vector<std::string>> set(const accounts::Principal& who, DocumentId id,
                                                     const PlanDraft& draft, const RequestContext& ctx);
  // Removes the plan facts (the document stays). Conflict while other plans derive from it.
  [[nodiscard]] Status remove(const accounts::Principal& who, DocumentId id, const RequestContext& ctx);
  // Staff view: the facts of a document the principal may see; nullopt when it is not a plan.
  [[nodiscard]] Result<std::optional<PlanFacts>> get(const accounts::Principal& who, DocumentId id);
  // Plans `who` may choose as the parent of `for_document`: public plans and their own department's,
  // except the document itself.
  [[nodiscard]] Result<std::vector<PlanEntry>> parent_candidates(const accounts::Principal& who,
                                                                 DocumentId for_document);

  // Public: the plan facts of a public document (nullopt when it is not a plan); NotFound when the
  // document is not public.
  [[nodiscard]] Result<std::optional<PublicPlan>> get_public(DocumentId id);
  // Public: the city's plan system — the trees of public plans grouped by period (plan.h).
  [[nodiscard]] Result<PlanSystem> system(const PlanFilter& filter);

 private:
  DocumentStore& store_;
  const Clock& clock_;
};

}  // namespace gk::documents
