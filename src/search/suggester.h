// Suggester: 您是不是要找 (a corrected query from Xapian's spelling dictionary, which the indexer
// fills with the words of titles and the start of bodies) and autocompletion (frequent words, then
// titles, that start with what was typed).
//
// Neither leaks what is not public yet: a completion is offered only when a record visible at `now`
// carries it, and the service offers a correction only when the corrected query finds visible
// records.
// One per call, on the calling thread (it reads the caller's Database).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/date.h"
#include "search/query_builder.h"

namespace gk::search {

// Words scanned per completion request (allterms in byte order from the prefix), and titles.
inline constexpr int kCompletionWordScan = 3000;
inline constexpr int kCompletionTitleScan = 500;

class Suggester {
 public:
  Suggester(const Xapian::Database& db, Instant now) : db_(db), now_(now) {}

  // The normalised query with misspelt words replaced by the dictionary's suggestion (only words
  // less frequent in the index than their suggestion), or nullopt when nothing changes.
  // May throw Xapian::Error.
  std::optional<std::string> correct(const ParsedQuery& parsed) const;

  // Up to `limit` completions of normalised `prefix`: about half frequent words (by document
  // frequency), the rest titles (as written). May throw Xapian::Error.
  std::vector<std::string> complete(std::string_view prefix, int limit) const;

 private:
  // The first record visible at now_ among (up to a few dozen of) those holding `term`.
  std::optional<Xapian::docid> visible_doc(const std::string& term) const;
  bool all_visible() const;

  const Xapian::Database& db_;
  Instant now_;
};

}  // namespace gk::search
