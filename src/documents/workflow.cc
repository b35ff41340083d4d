#include "documents/workflow.h"

#include <fmt/format.h>

namespace gk::documents {
namespace {

using accounts::Principal;
using accounts::Role;

struct Transition {
  WorkflowAction action;
  PublicationState from;
  PublicationState to;
};

constexpr Transition kTransitions[] = {
    {WorkflowAction::kEdit, PublicationState::kDraft, PublicationState::kDraft},
    {WorkflowAction::kEdit, PublicationState::kReturned, PublicationState::kReturned},
    {WorkflowAction::kSubmit, PublicationState::kDraft, PublicationState::kSubmitted},
    {WorkflowAction::kSubmit, PublicationState::kReturned, PublicationState::kSubmitted},
    {WorkflowAction::kApprove, PublicationState::kSubmitted, PublicationState::kApproved},
    {WorkflowAction::kReturn, PublicationState::kSubmitted, PublicationState::kReturned},
    {WorkflowAction::kReturn, PublicationState::kApproved, PublicationState::kReturned},
    {WorkflowAction::kPublish, PublicationState::kApproved, PublicationState::kPublished},
    {WorkflowAction::kWithdraw, PublicationState::kPublished, PublicationState::kWithdrawn},
    {WorkflowAction::kRevise, PublicationState::kWithdrawn, PublicationState::kDraft},
};

struct ActionInfo {
  WorkflowAction action;
  std::string_view name;
  std::string_view label;
  Role role;  // who may take it within their department
};

constexpr ActionInfo kActions[] = {
    {WorkflowAction::kEdit, "edit", "编辑", Role::kEditor},
    {WorkflowAction::kSubmit, "submit", "提交审核", Role::kEditor},
    {WorkflowAction::kApprove, "approve", "审核通过", Role::kReviewer},
    {WorkflowAction::kReturn, "return", "退回修改", Role::kReviewer},
    {WorkflowAction::kPublish, "publish", "发布", Role::kReviewer},
    {WorkflowAction::kWithdraw, "withdraw", "撤回", Role::kReviewer},
    {WorkflowAction::kRevise, "revise", "重新编辑", Role::kEditor},
};

const ActionInfo& info(WorkflowAction a) {
  for (const auto& i : kActions)
    if (i.action == a) return i;
  return kActions[0];
}

}  // namespace

std::string_view workflow_action_name(WorkflowAction a) { return info(a).name; }
std::string_view workflow_action_label(WorkflowAction a) { return info(a).label; }

Result<PublicationState> next_state(PublicationState from, WorkflowAction action) {
  for (const auto& t : kTransitions)
    if (t.action == action && t.from == from) return t.to;
  return fail(Error::failed_precondition(fmt::format("文件当前状态为“{}”，不能{}", publication_state_label(from),
                                                     workflow_action_label(action))));
}

Status may_take(const Principal& who, const Document& doc, WorkflowAction action) {
  if (who.kind == Principal::Kind::kSystem) return ok();
  if (who.kind != Principal::Kind::kStaff) return fail(Error::permission_denied("仅限工作人员"));
  const Role needed = info(action).role;
  if (!who.has_role(needed) && !who.has_role(Role::kAdmin)) {
    return fail(Error::permission_denied(fmt::format("需要“{}”角色才能{}", accounts::role_label(needed),
                                                     workflow_action_label(action))));
  }
  if (doc.department != who.department && !who.has_role(Role::kAdmin)) {
    return fail(Error::permission_denied("只能处理本单位的文件"));
  }
  const bool checks_others_work =
      action == WorkflowAction::kApprove || action == WorkflowAction::kPublish || action == WorkflowAction::kReturn;
  // created_by is "user:<id> <name>"; compare the id so a renamed user is still recognised.
  const std::string self = fmt::format("user:{} ", who.user.value);
  if (checks_others_work && (doc.created_by.starts_with(self) || doc.created_by == who.actor())) {
    return fail(Error::permission_denied("不能审核或发布本人起草的文件"));
  }
  return ok();
}

}  // namespace gk::documents
