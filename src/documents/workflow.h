// The publishing workflow as a pure rule: which action is allowed in which state, by which role,
// and what state it leads to. The service applies it, writes the change, a version and the audit
// row. Separation of duties: nobody approves or publishes a document they created.
//
//   draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published ──withdraw──▶ withdrawn
//     ▲                   │                                                                  │
//     └──edit── returned ◀┘ return (comment required)                          revise ──▶ draft
#pragma once

#include <string_view>

#include "accounts/user.h"
#include "core/error.h"
#include "documents/document.h"

namespace gk::documents {

enum class WorkflowAction { kEdit, kSubmit, kApprove, kReturn, kPublish, kWithdraw, kRevise };
std::string_view workflow_action_name(WorkflowAction a);   // "edit", "submit", … (audit: "document.<name>")
std::string_view workflow_action_label(WorkflowAction a);  // 编辑, 提交审核, …

// The state `action` leads to from `from`, or FailedPrecondition naming both in Chinese.
[[nodiscard]] Result<PublicationState> next_state(PublicationState from, WorkflowAction action);

// Whether `who` may take `action` on `doc` (role, department scope, separation of duties).
// Unauthenticated / PermissionDenied otherwise.
[[nodiscard]] Status may_take(const accounts::Principal& who, const Document& doc, WorkflowAction action);

}  // namespace gk::documents
