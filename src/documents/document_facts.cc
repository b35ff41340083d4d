#include "documents/document_facts.h"

#include <fmt/format.h>

#include "documents/document_store.h"
#include "documents/workflow.h"

namespace gk::documents {

using accounts::Principal;
using accounts::Role;

std::string_view facts_kind_label(FactsKind k) {
  switch (k) {
    case FactsKind::kPlan:
      return "规划";
    case FactsKind::kBudgetReport:
      return "预决算";
    case FactsKind::kServiceGuide:
      return "办事指南";
  }
  return "";
}

bool DocumentHeading::is_public_at(Instant now) const {
  return state == PublicationState::kPublished && mode == DisclosureMode::kProactive && published_at &&
         *published_at <= now;
}

Status may_set_facts(const Principal& who, const Document& doc, FactsKind kind) {
  if (next_state(doc.state, WorkflowAction::kEdit)) return may_take(who, doc, WorkflowAction::kEdit);
  if (kind == FactsKind::kServiceGuide) {
    return fail(Error::failed_precondition(
        fmt::format("文件当前状态为“{}”，办事指南要素属于文件内容，须撤回并重新编辑后修改",
                    publication_state_label(doc.state))));
  }
  if (who.kind == Principal::Kind::kSystem || who.has_role(Role::kAdmin)) return ok();
  if (who.kind != Principal::Kind::kStaff) return fail(Error::permission_denied("仅限工作人员"));
  if (!who.has_role(Role::kReviewer)) {
    return fail(
        Error::permission_denied(fmt::format("文件已进入审核或已发布，需要“{}”角色才能登记{}信息",
                                             accounts::role_label(Role::kReviewer), facts_kind_label(kind))));
  }
  if (doc.department != who.department) return fail(Error::permission_denied("只能处理本单位的文件"));
  return ok();
}

Status check_single_kind(DocumentRepository& repo, DocumentId id, FactsKind kind) {
  std::optional<FactsKind> other;
  if (kind != FactsKind::kPlan) {
    GK_TRY_ASSIGN(p, repo.find_plan(id));
    if (p) other = FactsKind::kPlan;
  }
  if (!other && kind != FactsKind::kBudgetReport) {
    GK_TRY_ASSIGN(b, repo.find_budget_report(id));
    if (b) other = FactsKind::kBudgetReport;
  }
  if (!other && kind != FactsKind::kServiceGuide) {
    GK_TRY_ASSIGN(g, repo.find_service_guide(id));
    if (g) other = FactsKind::kServiceGuide;
  }
  if (other) {
    return fail(Error::failed_precondition(
        fmt::format("该文件已登记为{}，不能同时登记为{}；如需更改请先移除{}信息", facts_kind_label(*other),
                    facts_kind_label(kind), facts_kind_label(*other))));
  }
  return ok();
}

audit::AuditEvent facts_event(const Principal& who, const Document& doc, std::string action,
                              std::string summary, const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  e.department = doc.department;
  e.action = std::move(action);
  e.target = fmt::format("document:{}", doc.id.value);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

}  // namespace gk::documents
