// Typed facts of a document: a document that is a plan, a budget or final account, or a service guide
// keeps all its document machinery (metadata, workflow, validity, feeds, search) and adds one row of
// facts in a table of its own (plans, budget_reports, service_guides). This file holds what the three
// kinds share: who may set facts, the rule that a document is at most one kind, the light heading
// lists of facts show, and the audit event. Thread-safe (pure functions).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accounts/user.h"
#include "audit/audit_sink.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/document.h"

namespace gk::documents {

class DocumentRepository;

enum class FactsKind { kPlan, kBudgetReport, kServiceGuide };
std::string_view facts_kind_label(FactsKind k);  // 规划, 预决算, 办事指南

// The few fields of a document that lists of facts show (no body).
struct DocumentHeading {
  DocumentId id;
  std::string title;
  std::optional<std::string> doc_number;
  DepartmentId department;
  PublicationState state = PublicationState::kDraft;
  DisclosureMode mode = DisclosureMode::kProactive;
  std::optional<Instant> published_at;
  Date formed_on;

  bool is_public_at(Instant now) const;  // as Document::is_public_at
};

// Who may set or remove facts of `doc`:
//   - while it is editable (draft, returned): whoever may edit it (its department's editor, an admin);
//   - afterwards, plan and budget facts only — they classify a document, as when historical plans are
//     gathered into the plan system (工作要点 一(二) "做好本部门历史规划的归集整理") — its department's
//     reviewer (who publishes) or an admin. Guide elements are content: FailedPrecondition, the
//     document must be withdrawn and revised like any other change of content.
// Unauthenticated / PermissionDenied / FailedPrecondition otherwise.
[[nodiscard]] Status may_set_facts(const accounts::Principal& who, const Document& doc, FactsKind kind);

// FailedPrecondition when `id` already carries facts of another kind (a plan is not also a guide).
[[nodiscard]] Status check_single_kind(DocumentRepository& repo, DocumentId id, FactsKind kind);

audit::AuditEvent facts_event(const accounts::Principal& who, const Document& doc, std::string action,
                              std::string summary, const RequestContext& ctx);

}  // namespace gk::documents
