// SynonymTable: groups of equivalent terms ({发改局, 发展和改革局, 发改委}) normalised once, looked
// up while a query is parsed. A query word (or run of adjacent words) equal to a member is searched
// as any member of its group.
// Immutable after construction; safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/text_analyzer.h"

namespace gk::search {

class SynonymTable {
 public:
  SynonymTable() = default;
  // Members are normalised with `analyzer`; empty members and groups of fewer than two distinct
  // members are dropped; a member listed in two groups joins the first.
  SynonymTable(const std::vector<std::vector<std::string>>& groups, const TextAnalyzer& analyzer);

  // The group of normalised `text`, or nullptr.
  const std::vector<std::string>* group_of(std::string_view text) const;
  bool empty() const { return groups_.empty(); }

 private:
  std::vector<std::vector<std::string>> groups_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace gk::search
