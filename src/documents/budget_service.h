// BudgetService: registering documents as department budgets and final accounts (预算/决算) and the
// public matrix of departments × years with the gaps (budget_report.h). Writes the row and one audit
// entry in one transaction. Thread-safe when the store is.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/budget_report.h"
#include "documents/document_store.h"

namespace gk::documents {

// What an editor typed. `department` empty: the document's own department.
struct BudgetDraft {
  std::optional<DepartmentId> department;
  std::string fiscal_year;
  std::string kind;  // "budget" | "final_account"
};

class BudgetService {
 public:
  BudgetService(DocumentStore& store, const Clock& clock);

  // Registers document `id` as the budget or final account of a department and year, or changes it
  // (document_facts.h: may_set_facts). Only an admin may file it under another department than the
  // document's own. InvalidArgument for a bad year or kind, or when another document already holds
  // that department's report of that year and kind (naming it).
  [[nodiscard]] Status set(const accounts::Principal& who, DocumentId id, const BudgetDraft& draft,
                           const RequestContext& ctx);
  [[nodiscard]] Status remove(const accounts::Principal& who, DocumentId id, const RequestContext& ctx);
  // Staff view; nullopt when the document is not a budget report.
  [[nodiscard]] Result<std::optional<BudgetReport>> get(const accounts::Principal& who, DocumentId id);

  // Public: the report facts of a public document; NotFound when the document is not public.
  [[nodiscard]] Result<std::optional<BudgetReport>> get_public(DocumentId id);
  // Public: the matrix of `departments` × the latest `year_count` fiscal years (1..10).
  [[nodiscard]] Result<BudgetMatrix> matrix(std::span<const BudgetDepartment> departments, int year_count);

 private:
  DocumentStore& store_;
  const Clock& clock_;
};

}  // namespace gk::documents
