// CleanupService: the use cases of a cleanup campaign (规范性文件清理, cleanup.h) — start one over a
// department's 行政规范性文件 in force, decide keep / amend / repeal for each with a reason, and
// publish the result as a list. Publishing names the notice that carries the result (an existing
// published document, e.g. 《关于公布规范性文件清理结果的通知》); that notice then repeals every
// document decided "repeal" (cleanup.h repeal_relations), so their validity changes by derivation
// (validity.h) from the notice's 施行日期, or its publication day when it has none.
//
// Permissions: starting, deciding and publishing need the reviewer role (审核人) in the campaign's
// department, or the admin role (city-wide); reading needs back-office access to that department
// (city-wide roles read every department). The published result is public.
//
// Every change — the campaign, each decision, the publication and each repeal relation it adds —
// is written with its audit row in one transaction. Thread-safe when the store is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/cleanup.h"
#include "documents/cleanup_store.h"
#include "documents/validity.h"

namespace gk::documents {

// One document of the batch, with what the pages show of it.
struct CleanupItem {
  DocumentId document;
  std::string title;
  std::optional<std::string> doc_number;
  std::optional<Date> effective_on;
  bool is_public = false;                         // public now (the list links only to public documents)
  std::optional<CleanupDecision::Action> action;  // nullopt: undecided
  std::string reason;
  std::string decided_by;
  std::optional<Instant> decided_at;
};

struct CleanupCampaignView {
  CleanupCampaignRecord campaign;
  std::vector<CleanupItem> items;    // decided in decision order, then undecided by document id
  std::vector<CleanupListRow> list;  // the list as published (cleanup_list), 文号 filled in
  std::string notice_title;          // empty until published
};

class CleanupService {
 public:
  CleanupService(CleanupStore& store, const Clock& clock, ValidityPolicy policy = {});

  // Starts a campaign over the normative documents of `department` that are public and in force
  // today. InvalidArgument (field "name") for a blank or overlong name; FailedPrecondition when the
  // department has no such document; PermissionDenied as above.
  [[nodiscard]] Result<CleanupCampaignId> create(const accounts::Principal& who, DepartmentId department,
                                                 std::string name, const RequestContext& ctx);

  // Campaigns newest first: of `department`, or of the principal's own department (nullopt); a
  // city-wide principal with nullopt sees every department.
  [[nodiscard]] Result<std::vector<CleanupCampaignRecord>> list(const accounts::Principal& who,
                                                                std::optional<DepartmentId> department);

  [[nodiscard]] Result<CleanupCampaignView> get(const accounts::Principal& who, CleanupCampaignId id);
  // NotFound unless the campaign's result has been published.
  [[nodiscard]] Result<CleanupCampaignView> get_public(CleanupCampaignId id);

  // Records (or replaces) the decision on `doc`. InvalidArgument field "reason" for a blank or
  // overlong reason; NotFound when `doc` is not in the batch; FailedPrecondition once published.
  [[nodiscard]] Status decide(const accounts::Principal& who, CleanupCampaignId id, DocumentId doc,
                              CleanupDecision::Action action, std::string reason, const RequestContext& ctx);

  // Publishes the result today with `notice` as the document carrying it, and adds its repeal
  // relations. FailedPrecondition while documents are undecided or when already published;
  // Conflict when `expected_version` is stale (someone decided in between); InvalidArgument field
  // "notice" when the notice is unknown, not public, of another department or one of the batch;
  // the relation graph's errors when a repeal would contradict an existing relation.
  [[nodiscard]] Status publish(const accounts::Principal& who, CleanupCampaignId id, int expected_version,
                               DocumentId notice, const RequestContext& ctx);

  // Whether `who` may start, decide and publish campaigns of `department` (pages show the forms
  // only then): OK, or PermissionDenied / Unauthenticated.
  [[nodiscard]] static Status may_manage(const accounts::Principal& who, DepartmentId department);

 private:
  Result<CleanupCampaignView> view_of(CleanupRepository& cleanup, DocumentRepository& docs,
                                      CleanupCampaignRecord campaign);

  CleanupStore& store_;
  const Clock& clock_;
  ValidityPolicy policy_;
};

}  // namespace gk::documents
