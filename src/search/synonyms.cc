#include "search/synonyms.h"

#include <algorithm>

namespace gk::search {

SynonymTable::SynonymTable(const std::vector<std::vector<std::string>>& groups,
                           const TextAnalyzer& analyzer) {
  for (const auto& group : groups) {
    std::vector<std::string> members;
    for (const std::string& m : group) {
      std::string n;
      for (const char c : analyzer.normalize(sanitize_utf8(m))) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') n.push_back(c);
      }
      if (n.empty() || index_.contains(n) || std::find(members.begin(), members.end(), n) != members.end())
        continue;
      members.push_back(std::move(n));
    }
    if (members.size() < 2) continue;
    for (const std::string& m : members) index_.emplace(m, groups_.size());
    groups_.push_back(std::move(members));
  }
}

const std::vector<std::string>* SynonymTable::group_of(std::string_view text) const {
  const auto it = index_.find(std::string(text));
  return it == index_.end() ? nullptr : &groups_[it->second];
}

}  // namespace gk::search
