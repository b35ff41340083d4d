#include "documents/cleanup_service.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "accounts/permission.h"

namespace gk::documents {
namespace {

using accounts::Principal;
using accounts::Role;

constexpr size_t kIdBatch = 500;  // keeps IN (...) lists below every engine's parameter limit

Status may_read(const Principal& who, DepartmentId department) {
  if (who.kind == Principal::Kind::kSystem) return ok();
  return accounts::authorize(&who, accounts::Permission::kUseBackOffice, department);
}

audit::AuditEvent event(const Principal& who, DepartmentId department, std::string action, std::string target,
                        std::string summary, const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  e.department = department;
  e.action = std::move(action);
  e.target = std::move(target);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

std::string campaign_target(CleanupCampaignId id) { return fmt::format("cleanup_campaign:{}", id.value); }

ValidityFacts facts_of(const Document& d) {
  ValidityFacts f;
  f.id = d.id;
  f.title = d.title;
  f.effective = d.effective_on;
  f.expires = d.expires_on;
  if (d.state == PublicationState::kPublished && d.published_at) f.published = d.published_at->local_date();
  f.normative = d.normative;
  return f;
}

// The domain value of a stored campaign: its decisions replayed in their stored order, then its
// publication (cleanup.h: create, replay decide(), then publish()).
Result<CleanupCampaign> restore(const CleanupCampaignRecord& rec,
                                const std::vector<CleanupItemRecord>& items) {
  GK_TRY_ASSIGN(c, CleanupCampaign::create(rec.name, rec.started_on));
  std::vector<DocumentId> batch;
  for (const CleanupItemRecord& i : items) {
    batch.push_back(i.document);
    if (i.action) GK_TRY_STATUS(c.decide(i.document, *i.action, i.reason));
  }
  if (rec.published_on) GK_TRY_STATUS(c.publish(*rec.published_on, batch));
  return c;
}

std::vector<DocumentId> batch_of(const std::vector<CleanupItemRecord>& items) {
  std::vector<DocumentId> out;
  out.reserve(items.size());
  for (const CleanupItemRecord& i : items) out.push_back(i.document);
  return out;
}

Result<std::vector<Document>> find_all(DocumentRepository& docs, const std::vector<DocumentId>& ids) {
  std::vector<Document> out;
  for (size_t start = 0; start < ids.size(); start += kIdBatch) {
    std::vector<DocumentId> part(
        ids.begin() + static_cast<ptrdiff_t>(start),
        ids.begin() + static_cast<ptrdiff_t>(std::min(ids.size(), start + kIdBatch)));
    GK_TRY_ASSIGN(found, docs.find_many(part));
    for (Document& d : found) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

CleanupService::CleanupService(CleanupStore& store, const Clock& clock, ValidityPolicy policy)
    : store_(store), clock_(clock), policy_(policy) {}

// Starting, deciding and publishing: the department's reviewer, or an admin (city-wide).
Status CleanupService::may_manage(const Principal& who, DepartmentId department) {
  if (who.kind == Principal::Kind::kSystem) return ok();
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, department));
  if (who.has_role(Role::kAdmin)) return ok();
  if (who.has_role(Role::kReviewer) && who.department == department) return ok();
  return fail(Error::permission_denied("需要本单位“审核人”角色或系统管理员才能进行规范性文件清理"));
}

Result<CleanupCampaignId> CleanupService::create(const Principal& who, DepartmentId department,
                                                 std::string name, const RequestContext& ctx) {
  GK_TRY_STATUS(may_manage(who, department));
  const Date today = clock_.today();
  GK_TRY_ASSIGN(campaign, CleanupCampaign::create(std::move(name), today));
  CleanupCampaignId id;
  GK_TRY_STATUS(store_.transact(
      [&](CleanupRepository& cleanup, DocumentRepository& docs, audit::AuditSink& audit) -> Status {
        DocumentFilter f;
        f.department = department;
        f.normative = true;
        f.public_at = clock_.now();
        f.sort = "published_asc";
        f.limit = 0;
        GK_TRY_ASSIGN(listed, docs.list(f));
        std::vector<ValidityFacts> facts;
        std::vector<Relation> relations;
        for (size_t start = 0; start < listed.first.size(); start += kIdBatch) {
          std::vector<DocumentId> ids;
          for (size_t i = start; i < std::min(listed.first.size(), start + kIdBatch); ++i) {
            ids.push_back(listed.first[i].id);
          }
          GK_TRY_ASSIGN(rel, docs.relations_of(ids));
          for (Relation& r : rel) {
            if (std::find(relations.begin(), relations.end(), r) == relations.end()) relations.push_back(r);
          }
        }
        for (const Document& d : listed.first) facts.push_back(facts_of(d));
        GK_TRY_ASSIGN(index, ValidityIndex::build(facts, relations, policy_));
        const std::vector<DocumentId> batch = index.in_force_on(today);
        if (batch.empty())
          return fail(Error::failed_precondition("本单位没有现行有效的行政规范性文件，无需清理"));

        CleanupCampaignRecord rec;
        rec.department = department;
        rec.name = campaign.name();
        rec.started_on = today;
        rec.created_by = who.actor();
        rec.created_at = clock_.now();
        GK_TRY_ASSIGN(new_id, cleanup.insert_campaign(rec, batch));
        id = new_id;
        return audit.append(event(who, department, "cleanup.create", campaign_target(id),
                                  fmt::format("发起规范性文件清理《{}》，共 {} 件", rec.name, batch.size()),
                                  ctx));
      }));
  return id;
}

Result<std::vector<CleanupCampaignRecord>> CleanupService::list(const Principal& who,
                                                                std::optional<DepartmentId> department) {
  if (!department && !who.is_city_wide()) department = who.department;
  if (who.kind != Principal::Kind::kSystem) {
    GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, department));
  }
  std::optional<std::vector<CleanupCampaignRecord>> out;
  GK_TRY_STATUS(
      store_.transact([&](CleanupRepository& cleanup, DocumentRepository&, audit::AuditSink&) -> Status {
        GK_TRY_ASSIGN(list, cleanup.list_campaigns(department));
        out = std::move(list);
        return ok();
      }));
  return std::move(*out);
}

Result<CleanupCampaignView> CleanupService::view_of(CleanupRepository& cleanup, DocumentRepository& docs,
                                                    CleanupCampaignRecord rec) {
  GK_TRY_ASSIGN(items, cleanup.items(rec.id));
  std::vector<DocumentId> ids = batch_of(items);
  if (rec.notice_document) ids.push_back(*rec.notice_document);
  GK_TRY_ASSIGN(found, find_all(docs, ids));
  std::map<int64_t, const Document*> by_id;
  for (const Document& d : found) by_id[d.id.value] = &d;
  const Instant now = clock_.now();

  CleanupCampaignView v;
  for (CleanupItemRecord& i : items) {
    CleanupItem item;
    item.document = i.document;
    if (auto it = by_id.find(i.document.value); it != by_id.end()) {
      item.title = it->second->title;
      item.doc_number = it->second->doc_number;
      item.effective_on = it->second->effective_on;
      item.is_public = it->second->is_public_at(now);
    }
    item.action = i.action;
    item.reason = std::move(i.reason);
    item.decided_by = std::move(i.decided_by);
    item.decided_at = i.decided_at;
    v.items.push_back(std::move(item));
  }
  if (rec.notice_document) {
    if (auto it = by_id.find(rec.notice_document->value); it != by_id.end())
      v.notice_title = it->second->title;
  }
  std::vector<CleanupItemRecord> decided;
  for (const CleanupItem& i : v.items) {
    if (i.action) decided.push_back({i.document, i.action, i.reason, i.decided_by, i.decided_at});
  }
  GK_TRY_ASSIGN(campaign, restore(rec, decided));
  v.list = cleanup_list(campaign, [&](DocumentId id) {
    auto it = by_id.find(id.value);
    return it == by_id.end() ? std::string() : it->second->title;
  });
  for (CleanupListRow& row : v.list) {
    if (auto it = by_id.find(row.doc.value); it != by_id.end())
      row.doc_number = it->second->doc_number.value_or("");
  }
  v.campaign = std::move(rec);
  return v;
}

Result<CleanupCampaignView> CleanupService::get(const Principal& who, CleanupCampaignId id) {
  std::optional<CleanupCampaignView> out;
  GK_TRY_STATUS(
      store_.transact([&](CleanupRepository& cleanup, DocumentRepository& docs, audit::AuditSink&) -> Status {
        GK_TRY_ASSIGN(rec, cleanup.find_campaign(id));
        GK_TRY_STATUS(may_read(who, rec.department));
        GK_TRY_ASSIGN(v, view_of(cleanup, docs, std::move(rec)));
        out = std::move(v);
        return ok();
      }));
  return std::move(*out);
}

Result<CleanupCampaignView> CleanupService::get_public(CleanupCampaignId id) {
  std::optional<CleanupCampaignView> out;
  GK_TRY_STATUS(
      store_.transact([&](CleanupRepository& cleanup, DocumentRepository& docs, audit::AuditSink&) -> Status {
        auto rec = cleanup.find_campaign(id);
        if (!rec || !rec->published_on) return fail(Error::not_found("该清理结果不存在或尚未公布"));
        GK_TRY_ASSIGN(v, view_of(cleanup, docs, std::move(*rec)));
        out = std::move(v);
        return ok();
      }));
  return std::move(*out);
}

Status CleanupService::decide(const Principal& who, CleanupCampaignId id, DocumentId doc,
                              CleanupDecision::Action action, std::string reason, const RequestContext& ctx) {
  return store_.transact(
      [&](CleanupRepository& cleanup, DocumentRepository& docs, audit::AuditSink& audit) -> Status {
        GK_TRY_ASSIGN(rec, cleanup.find_campaign(id));
        GK_TRY_STATUS(may_manage(who, rec.department));
        if (rec.published_on) return fail(Error::failed_precondition("清理结果已公布，不能再修改"));
        // The domain value checks the reason (required, trimmed, bounded) and the document id.
        GK_TRY_ASSIGN(campaign, CleanupCampaign::create(rec.name, rec.started_on));
        GK_TRY_STATUS(campaign.decide(doc, action, std::move(reason)));
        const CleanupDecision& d = campaign.decisions().back();
        GK_TRY_STATUS(cleanup.decide(id, {doc, action, d.reason, who.actor(), clock_.now()}));
        GK_TRY_STATUS(cleanup.touch_campaign(id));
        GK_TRY_ASSIGN(facts, docs.facts({doc}));
        const std::string title =
            facts.empty() ? fmt::format("文件（编号 {}）", doc.value) : "《" + facts[0].title + "》";
        return audit.append(event(
            who, rec.department, "cleanup.decide", campaign_target(id),
            fmt::format("清理意见：{} {}，理由：{}", title, cleanup_action_label(action), d.reason), ctx));
      });
}

Status CleanupService::publish(const Principal& who, CleanupCampaignId id, int expected_version,
                               DocumentId notice, const RequestContext& ctx) {
  const Date today = clock_.today();
  const Instant now = clock_.now();
  return store_.transact(
      [&](CleanupRepository& cleanup, DocumentRepository& docs, audit::AuditSink& audit) -> Status {
        GK_TRY_ASSIGN(rec, cleanup.find_campaign(id));
        GK_TRY_STATUS(may_manage(who, rec.department));
        GK_TRY_ASSIGN(items, cleanup.items(id));
        GK_TRY_ASSIGN(campaign, restore(rec, items));
        GK_TRY_STATUS(campaign.publish(today, batch_of(items)));
        if (rec.version != expected_version)
          return fail(Error::conflict("清理意见已被他人修改，请刷新后重试"));

        if (!notice) return fail(Error::invalid_field("notice", "请填写公布清理结果的文件编号"));
        auto notice_doc = docs.find(notice);
        if (!notice_doc) {
          if (notice_doc.error().code() != ErrorCode::kNotFound) return fail(notice_doc.error());
          return fail(Error::invalid_field("notice", "公布清理结果的文件不存在"));
        }
        if (!notice_doc->is_public_at(now)) {
          return fail(Error::invalid_field("notice", "公布清理结果的文件须为已发布的主动公开文件"));
        }
        if (notice_doc->department != rec.department) {
          return fail(Error::invalid_field("notice", "公布清理结果的文件须由本单位发布"));
        }
        for (const CleanupItemRecord& i : items) {
          if (i.document == notice)
            return fail(Error::invalid_field("notice", "公布清理结果的文件不能是被清理的文件"));
        }

        // The notice repeals every document decided "repeal". The relation takes effect with the
        // notice (its 施行日期, else its publication day): the store derives that, so it is left empty.
        const std::vector<Relation> repeals = repeal_relations(campaign, notice, std::nullopt);
        if (!repeals.empty()) {
          GK_TRY_ASSIGN(ids, docs.all_ids());
          GK_TRY_ASSIGN(existing, docs.all_relations());
          GK_TRY_ASSIGN(graph, RelationGraph::build(ids, existing));
          std::vector<DocumentId> targets;
          for (const Relation& r : repeals) targets.push_back(r.to);
          GK_TRY_ASSIGN(target_facts, docs.facts(targets));
          std::map<int64_t, std::string> titles;
          for (const ValidityFacts& f : target_facts) titles[f.id.value] = f.title;
          for (const Relation& r : repeals) {
            const bool present = std::any_of(existing.begin(), existing.end(), [&](const Relation& e) {
              return e.from == r.from && e.kind == r.kind && e.to == r.to;
            });
            if (present) continue;
            GK_TRY_STATUS(graph.add(r));
            GK_TRY_STATUS(docs.add_relation(r, now));
            GK_TRY_STATUS(audit.append(event(who, rec.department, "document.relation",
                                             fmt::format("document:{}", r.to.value),
                                             fmt::format("《{}》废止《{}》（规范性文件清理《{}》）",
                                                         notice_doc->title, titles[r.to.value], rec.name),
                                             ctx)));
          }
        }

        int kept = 0, amended = 0, repealed = 0;
        for (const CleanupDecision& d : campaign.decisions()) {
          switch (d.action) {
            case CleanupDecision::Action::kKeep:
              ++kept;
              break;
            case CleanupDecision::Action::kAmend:
              ++amended;
              break;
            case CleanupDecision::Action::kRepeal:
              ++repealed;
              break;
          }
        }
        rec.published_on = today;
        rec.notice_document = notice;
        GK_TRY_STATUS(cleanup.update_campaign(rec));
        return audit.append(
            event(who, rec.department, "cleanup.publish", campaign_target(id),
                  fmt::format("公布清理结果《{}》：继续有效 {} 件，修改 {} 件，废止 {} 件，公布文件《{}》",
                              rec.name, kept, amended, repealed, notice_doc->title),
                  ctx));
      });
}

}  // namespace gk::documents
