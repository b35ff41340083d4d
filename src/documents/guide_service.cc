#include "documents/guide_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "accounts/permission.h"

namespace gk::documents {

using accounts::Principal;

GuideService::GuideService(DocumentStore& store, const Clock& clock) : store_(store), clock_(clock) {}

Status GuideService::set(const Principal& who, DocumentId id, ServiceGuide guide, const RequestContext& ctx) {
  guide.document = id;
  GK_TRY_ASSIGN(valid, validate_service_guide(std::move(guide)));
  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(may_set_facts(who, doc, FactsKind::kServiceGuide));
    GK_TRY_STATUS(check_single_kind(repo, id, FactsKind::kServiceGuide));
    GK_TRY_ASSIGN(current, repo.find_service_guide(id));
    if (current == valid) return ok();
    GK_TRY_STATUS(repo.put_service_guide(valid, clock_.now()));
    return audit.append(facts_event(
        who, doc, "document.service_guide_set",
        fmt::format("{}办事指南《{}》（事项：{}）", current ? "修改" : "填写", doc.title, valid.item_name),
        ctx));
  });
}

Status GuideService::remove(const Principal& who, DocumentId id, const RequestContext& ctx) {
  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(may_set_facts(who, doc, FactsKind::kServiceGuide));
    GK_TRY_ASSIGN(current, repo.find_service_guide(id));
    if (!current) return ok();
    GK_TRY_STATUS(repo.delete_service_guide(id));
    return audit.append(facts_event(who, doc, "document.service_guide_remove",
                                    "移除《" + doc.title + "》的办事指南要素", ctx));
  });
}

Result<std::optional<ServiceGuide>> GuideService::get(const Principal& who, DocumentId id) {
  std::optional<ServiceGuide> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    if (who.kind != Principal::Kind::kSystem) {
      GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, doc.department));
    }
    GK_TRY_ASSIGN(g, repo.find_service_guide(id));
    out = std::move(g);
    return ok();
  }));
  return out;
}

Result<std::optional<ServiceGuide>> GuideService::get_public(DocumentId id) {
  std::optional<ServiceGuide> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find_heading(id));
    if (!doc || !doc->is_public_at(clock_.now())) return fail(Error::not_found("该文件不存在或尚未公开"));
    GK_TRY_ASSIGN(g, repo.find_service_guide(id));
    out = std::move(g);
    return ok();
  }));
  return out;
}

Result<GuidePage> GuideService::list_public(const GuideQuery& q) {
  GuidePage page;
  page.per_page = std::clamp(q.per_page, 1, 100);
  page.page = std::max(q.page, 1);
  GuideFilter f;
  f.department = q.department;
  f.item_contains = q.q;
  f.public_at = clock_.now();
  f.offset = static_cast<int64_t>(page.page - 1) * page.per_page;
  f.limit = page.per_page;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(result, repo.list_service_guides(f));
    page.items.clear();
    for (auto& [g, h] : result.first) page.items.push_back({std::move(g), std::move(h)});
    page.total = result.second;
    return ok();
  }));
  return page;
}

}  // namespace gk::documents
