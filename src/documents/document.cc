#include "documents/document.h"

namespace gk::documents {
namespace {

struct StateInfo {
  PublicationState state;
  std::string_view name;
  std::string_view label;
};

constexpr StateInfo kStates[] = {
    {PublicationState::kDraft, "draft", "草稿"},         {PublicationState::kSubmitted, "submitted", "待审核"},
    {PublicationState::kReturned, "returned", "退回修改"}, {PublicationState::kApproved, "approved", "已审核待发布"},
    {PublicationState::kPublished, "published", "已发布"}, {PublicationState::kWithdrawn, "withdrawn", "已撤回"},
};

}  // namespace

std::string_view publication_state_name(PublicationState s) {
  for (const auto& i : kStates)
    if (i.state == s) return i.name;
  return "draft";
}

std::string_view publication_state_label(PublicationState s) {
  for (const auto& i : kStates)
    if (i.state == s) return i.label;
  return "";
}

std::optional<PublicationState> parse_publication_state(std::string_view s) {
  for (const auto& i : kStates)
    if (i.name == s) return i.state;
  return std::nullopt;
}

bool Document::is_public_at(Instant now) const {
  return state == PublicationState::kPublished && mode == DisclosureMode::kProactive && published_at &&
         *published_at <= now;
}

}  // namespace gk::documents
