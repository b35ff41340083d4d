// Cleanup campaign (规范性文件清理): a named review of a batch of documents in which each one gets a
// decision — keep (继续有效), amend (修改) or repeal (废止) — with a reason, and the result is
// published as a list. Periodic and special cleanups are how cities keep their 行政规范性文件
// current beside the validity periods of validity.h (regulations.md §4.5).
//
// The campaign is a pure value type: it holds decisions, not documents. Repeals decided here take
// effect through the decision document that publishes the result (repeal_relations() gives its
// relations), so validity stays derived. Persistence and permissions belong to the service.
//
// Invariants: every decision has a non-blank reason and a non-zero document; a document has at most
// one decision (deciding again replaces it); after publish() nothing changes. Thread-compatible.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "documents/relation.h"

namespace gk::documents {

struct CleanupDecision {
  enum class Action { kKeep, kAmend, kRepeal };

  DocumentId doc;
  Action action = Action::kKeep;
  std::string reason;  // trimmed, non-blank, at most kMaxCleanupReasonLength code points

  friend bool operator==(const CleanupDecision&, const CleanupDecision&) = default;
};

// Stable persisted names "keep", "amend", "repeal"; list labels 继续有效, 修改, 废止.
std::string_view cleanup_action_name(CleanupDecision::Action a);
std::string_view cleanup_action_label(CleanupDecision::Action a);
std::optional<CleanupDecision::Action> parse_cleanup_action(std::string_view s);

inline constexpr size_t kMaxCleanupNameLength = 200;     // code points
inline constexpr size_t kMaxCleanupReasonLength = 2000;  // code points

class CleanupCampaign {
 public:
  // InvalidArgument, field "name", when the trimmed name is blank or longer than
  // kMaxCleanupNameLength. (To restore a stored campaign: create, replay decide(), then publish().)
  [[nodiscard]] static Result<CleanupCampaign> create(std::string name, Date started);

  const std::string& name() const { return name_; }
  Date started() const { return started_; }
  // In the order first decided; a changed decision keeps its place.
  const std::vector<CleanupDecision>& decisions() const { return decisions_; }
  const CleanupDecision* decision_for(DocumentId doc) const;  // nullptr when undecided

  // Records (or replaces) the decision on `doc`. InvalidArgument field "doc" for id 0, field
  // "reason" for a blank or overlong reason; FailedPrecondition once published.
  [[nodiscard]] Status decide(DocumentId doc, CleanupDecision::Action action, std::string reason);

  // Whether every document of `batch` has a decision.
  bool complete(const std::vector<DocumentId>& batch) const;
  // The documents of `batch` still undecided, in batch order.
  std::vector<DocumentId> undecided(const std::vector<DocumentId>& batch) const;

  // Freezes the campaign as published on `on`. FailedPrecondition when already published, when
  // `batch` is not complete (the message counts the undecided documents) or when `on` is before
  // started().
  [[nodiscard]] Status publish(Date on, const std::vector<DocumentId>& batch);
  std::optional<Date> published_on() const { return published_on_; }

 private:
  CleanupCampaign(std::string name, Date started) : name_(std::move(name)), started_(started) {}

  std::string name_;
  Date started_;
  std::vector<CleanupDecision> decisions_;
  std::optional<Date> published_on_;
};

// One row of the published list (清理结果目录).
struct CleanupListRow {
  int seq = 0;  // 序号, from 1
  DocumentId doc;
  std::string title;       // from title_of
  std::string doc_number;  // 文号: left empty here; the caller fills it from the document
  std::string decision;    // 继续有效 / 修改 / 废止
  std::string reason;
};

// The list as published: decisions grouped keep, amend, repeal (the order cities publish them
// in), first-decided first within a group, numbered through. `title_of` supplies each title.
std::vector<CleanupListRow> cleanup_list(const CleanupCampaign& campaign,
                                         const std::function<std::string(DocumentId)>& title_of);

// The repeal relations the published result creates: `decision_document` (the notice publishing the
// result, e.g. 《关于公布规范性文件清理结果的通知》) repeals each document decided kRepeal, effective
// `effective` (usually that notice's 施行日期; empty: not in effect yet).
std::vector<Relation> repeal_relations(const CleanupCampaign& campaign, DocumentId decision_document,
                                       std::optional<Date> effective);

}  // namespace gk::documents
