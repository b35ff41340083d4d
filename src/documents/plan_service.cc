#include "documents/plan_service.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "accounts/permission.h"

namespace gk::documents {

using accounts::Principal;

PlanService::PlanService(DocumentStore& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<std::vector<std::string>> PlanService::set(const Principal& who, DocumentId id, const PlanDraft& draft,
                                                  const RequestContext& ctx) {
  GK_TRY_ASSIGN(facts, parse_plan(id, draft));
  std::vector<std::string> warnings;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(may_set_facts(who, doc, FactsKind::kPlan));
    GK_TRY_STATUS(check_single_kind(repo, id, FactsKind::kPlan));
    GK_TRY_ASSIGN(all, repo.list_plans(std::nullopt));
    std::map<int64_t, PlanFacts> plans;
    for (auto& [p, _] : all) plans.emplace(p.document.value, std::move(p));
    const auto old = plans.find(id.value);
    const bool existed = old != plans.end();
    GK_TRY_ASSIGN(w, check_plan_in_system(facts, plans));
    warnings = std::move(w);
    if (existed && old->second == facts) return ok();  // nothing changes: no write, no audit row
    GK_TRY_STATUS(repo.put_plan(facts, clock_.now()));
    std::string summary = fmt::format("{}规划《{}》：{}，{}，{}", existed ? "修改" : "登记", doc.title,
                                      plan_type_label(facts.type), plan_level_label(facts.level),
                                      plan_period_label(facts.period_start_year, facts.period_end_year));
    if (facts.parent) summary += fmt::format("，上级规划为文件 {}", facts.parent->value);
    return audit.append(facts_event(who, doc, "document.plan_set", std::move(summary), ctx));
  }));
  return warnings;
}

Status PlanService::remove(const Principal& who, DocumentId id, const RequestContext& ctx) {
  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(may_set_facts(who, doc, FactsKind::kPlan));
    GK_TRY_ASSIGN(current, repo.find_plan(id));
    if (!current) return ok();
    if (Status st = repo.delete_plan(id); !st) {
      if (st.error().code() == ErrorCode::kConflict) {
        return fail(Error::failed_precondition(st.error().message() + "，请先调整这些规划的上级规划"));
      }
      return st;
    }
    return audit.append(
        facts_event(who, doc, "document.plan_remove", "移除规划《" + doc.title + "》的规划信息", ctx));
  });
}

Result<std::optional<PlanFacts>> PlanService::get(const Principal& who, DocumentId id) {
  std::optional<PlanFacts> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    if (who.kind != Principal::Kind::kSystem) {
      GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, doc.department));
    }
    GK_TRY_ASSIGN(p, repo.find_plan(id));
    out = std::move(p);
    return ok();
  }));
  return out;
}

Result<std::vector<PlanEntry>> PlanService::parent_candidates(const Principal& who, DocumentId for_document) {
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice));
  std::vector<PlanEntry> out;
  const Instant now = clock_.now();
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    out.clear();
    GK_TRY_ASSIGN(all, repo.list_plans(std::nullopt));
    for (auto& [facts, heading] : all) {
      if (facts.document == for_document) continue;
      // Drafts of other departments stay private to them; a city-wide principal sees all.
      if (!heading.is_public_at(now) && heading.department != who.department && !who.is_city_wide()) continue;
      out.push_back({std::move(facts), std::move(heading)});
    }
    return ok();
  }));
  return out;
}

Result<std::optional<PublicPlan>> PlanService::get_public(DocumentId id) {
  std::optional<PublicPlan> out;
  const Instant now = clock_.now();
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    out.reset();
    GK_TRY_ASSIGN(doc, repo.find_heading(id));
    if (!doc || !doc->is_public_at(now)) return fail(Error::not_found("该文件不存在或尚未公开"));
    GK_TRY_ASSIGN(facts, repo.find_plan(id));
    if (!facts) return ok();
    PublicPlan p;
    p.facts = *facts;
    GK_TRY_ASSIGN(public_plans, repo.list_plans(now));
    for (auto& [f, h] : public_plans) {
      if (facts->parent && f.document == *facts->parent) p.parent = h;
      if (f.parent == id) p.children.push_back({f, h});
    }
    out = std::move(p);
    return ok();
  }));
  return out;
}

Result<PlanSystem> PlanService::system(const PlanFilter& filter) {
  PlanSystem sys;
  const Instant now = clock_.now();
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(public_plans, repo.list_plans(now));
    std::vector<PlanFacts> facts;
    std::map<int64_t, std::string> titles;
    sys.documents.clear();
    for (auto& [f, h] : public_plans) {
      titles[f.document.value] = h.title;
      sys.documents[f.document.value] = h;
      facts.push_back(f);
    }
    sys.total = static_cast<int64_t>(facts.size());
    sys.groups = build_plan_system(facts, filter, titles);
    sys.periods.clear();
    for (const auto& g : build_plan_system(facts, {}, titles))
      sys.periods.emplace_back(g.start_year, g.end_year);
    return ok();
  }));
  return sys;
}

}  // namespace gk::documents
