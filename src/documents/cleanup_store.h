// Ports of cleanup campaigns (规范性文件清理, cleanup.h): the repository of campaigns and of their
// batch with one decision row per document, and the store that runs a unit of work in one
// transaction together with the document repository (publishing a campaign adds repeal relations)
// and the audit sink. Implemented by src/storage (SqlCleanupStore, tables cleanup_campaigns and
// cleanup_decisions of migration 0005_cleanup).
//
// The batch is fixed when the campaign is created: one cleanup_decisions row per document, its
// action empty (undecided) until someone decides it. Deciding replaces the row's action, reason,
// decider and time.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_sink.h"
#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "documents/cleanup.h"
#include "documents/document_store.h"

namespace gk::documents {

using CleanupCampaignId = Id<struct CleanupCampaignTag>;

struct CleanupCampaignRecord {
  CleanupCampaignId id;
  DepartmentId department;  // whose normative documents are reviewed
  std::string name;
  Date started_on;
  std::optional<Date> published_on;           // set once, when the result is published
  std::optional<DocumentId> notice_document;  // the published notice carrying the result
  std::string created_by;                     // actor string
  Instant created_at;
  int version = 1;
  // Read-only, filled by the repository: documents in the batch and how many are decided.
  int total = 0;
  int decided = 0;
};

struct CleanupItemRecord {
  DocumentId document;
  std::optional<CleanupDecision::Action> action;  // nullopt: undecided
  std::string reason;
  std::string decided_by;  // actor string; empty while undecided
  std::optional<Instant> decided_at;
};

class CleanupRepository {
 public:
  virtual ~CleanupRepository() = default;

  // Inserts the campaign (id, version, total and decided ignored) and one undecided row per
  // document of `batch`. Returns the new id.
  virtual Result<CleanupCampaignId> insert_campaign(const CleanupCampaignRecord& c,
                                                    const std::vector<DocumentId>& batch) = 0;
  virtual Result<CleanupCampaignRecord> find_campaign(CleanupCampaignId id) = 0;  // NotFound
  // Newest first; nullopt: every department.
  virtual Result<std::vector<CleanupCampaignRecord>> list_campaigns(
      std::optional<DepartmentId> department) = 0;
  // The batch: decided rows in the order they were decided, then undecided rows by document id.
  virtual Result<std::vector<CleanupItemRecord>> items(CleanupCampaignId id) = 0;
  // Records a decision (action set) on a document of the batch. NotFound when it is not in the batch.
  virtual Status decide(CleanupCampaignId id, const CleanupItemRecord& decision) = 0;
  // Writes published_on and notice_document; optimistic on c.version (stale → Conflict); bumps it.
  virtual Status update_campaign(const CleanupCampaignRecord& c) = 0;
  // Bumps the campaign's version without other changes (a decision changes what publish confirms).
  virtual Status touch_campaign(CleanupCampaignId id) = 0;
};

class CleanupStore {
 public:
  virtual ~CleanupStore() = default;
  using Work = std::function<Status(CleanupRepository&, DocumentRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
};

}  // namespace gk::documents
