#include "documents/cleanup.h"

#include <algorithm>
#include <unordered_set>

#include "core/utf8.h"

namespace gk::documents {

std::string_view cleanup_action_name(CleanupDecision::Action a) {
  switch (a) {
    case CleanupDecision::Action::kKeep:
      return "keep";
    case CleanupDecision::Action::kAmend:
      return "amend";
    case CleanupDecision::Action::kRepeal:
      return "repeal";
  }
  return "keep";
}

std::string_view cleanup_action_label(CleanupDecision::Action a) {
  switch (a) {
    case CleanupDecision::Action::kKeep:
      return "继续有效";
    case CleanupDecision::Action::kAmend:
      return "修改";
    case CleanupDecision::Action::kRepeal:
      return "废止";
  }
  return "继续有效";
}

std::optional<CleanupDecision::Action> parse_cleanup_action(std::string_view s) {
  using A = CleanupDecision::Action;
  for (A a : {A::kKeep, A::kAmend, A::kRepeal}) {
    if (cleanup_action_name(a) == s) return a;
  }
  return std::nullopt;
}

Result<CleanupCampaign> CleanupCampaign::create(std::string name, Date started) {
  std::string n = trim(name);
  if (n.empty()) return fail(Error::invalid_field("name", "请填写清理工作的名称"));
  if (!is_valid_utf8(n)) return fail(Error::invalid_field("name", "名称含有无效字符"));
  if (utf8_length(n) > kMaxCleanupNameLength) {
    return fail(
        Error::invalid_field("name", "名称过长（最多 " + std::to_string(kMaxCleanupNameLength) + " 字）"));
  }
  return CleanupCampaign(std::move(n), started);
}

const CleanupDecision* CleanupCampaign::decision_for(DocumentId doc) const {
  auto it = std::find_if(decisions_.begin(), decisions_.end(),
                         [doc](const CleanupDecision& d) { return d.doc == doc; });
  return it == decisions_.end() ? nullptr : &*it;
}

Status CleanupCampaign::decide(DocumentId doc, CleanupDecision::Action action, std::string reason) {
  if (published_on_) return fail(Error::failed_precondition("清理结果已公布，不能再修改"));
  if (!doc) return fail(Error::invalid_field("doc", "请选择文件"));
  std::string r = trim(reason);
  if (r.empty()) return fail(Error::invalid_field("reason", "请填写清理意见的理由"));
  if (!is_valid_utf8(r)) return fail(Error::invalid_field("reason", "理由含有无效字符"));
  if (utf8_length(r) > kMaxCleanupReasonLength) {
    return fail(Error::invalid_field("reason",
                                     "理由过长（最多 " + std::to_string(kMaxCleanupReasonLength) + " 字）"));
  }
  for (CleanupDecision& d : decisions_) {
    if (d.doc == doc) {
      d.action = action;
      d.reason = std::move(r);
      return ok();
    }
  }
  decisions_.push_back({doc, action, std::move(r)});
  return ok();
}

bool CleanupCampaign::complete(const std::vector<DocumentId>& batch) const {
  return undecided(batch).empty();
}

std::vector<DocumentId> CleanupCampaign::undecided(const std::vector<DocumentId>& batch) const {
  std::unordered_set<int64_t> decided;
  for (const CleanupDecision& d : decisions_) decided.insert(d.doc.value);
  std::vector<DocumentId> out;
  for (DocumentId id : batch) {
    if (!decided.contains(id.value)) out.push_back(id);
  }
  return out;
}

Status CleanupCampaign::publish(Date on, const std::vector<DocumentId>& batch) {
  if (published_on_)
    return fail(Error::failed_precondition("清理结果已于 " + published_on_->to_string() + " 公布"));
  if (on < started_) return fail(Error::failed_precondition("公布日期早于清理开始日期"));
  if (auto missing = undecided(batch); !missing.empty()) {
    return fail(Error::failed_precondition("还有 " + std::to_string(missing.size()) + " 件文件没有清理意见"));
  }
  published_on_ = on;
  return ok();
}

std::vector<CleanupListRow> cleanup_list(const CleanupCampaign& campaign,
                                         const std::function<std::string(DocumentId)>& title_of) {
  std::vector<CleanupListRow> rows;
  rows.reserve(campaign.decisions().size());
  int seq = 0;
  for (auto action :
       {CleanupDecision::Action::kKeep, CleanupDecision::Action::kAmend, CleanupDecision::Action::kRepeal}) {
    for (const CleanupDecision& d : campaign.decisions()) {
      if (d.action != action) continue;
      rows.push_back({++seq, d.doc, title_of ? title_of(d.doc) : std::string(), std::string(),
                      std::string(cleanup_action_label(d.action)), d.reason});
    }
  }
  return rows;
}

std::vector<Relation> repeal_relations(const CleanupCampaign& campaign, DocumentId decision_document,
                                       std::optional<Date> effective) {
  std::vector<Relation> out;
  for (const CleanupDecision& d : campaign.decisions()) {
    if (d.action == CleanupDecision::Action::kRepeal) {
      out.push_back({decision_document, RelationKind::kRepeals, d.doc, effective});
    }
  }
  return out;
}

}  // namespace gk::documents
