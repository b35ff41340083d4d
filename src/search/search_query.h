// SearchQuery and SearchResults: the request and answer of a site-wide search, independent of how
// they arrive (portal page, JSON API, CLI) and of the index behind them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace gk::search {

// Bounds (a longer query or a bigger page is InvalidArgument with a Chinese message).
inline constexpr int kMaxQueryChars = 200;
inline constexpr int kMaxPerPage = 50;
inline constexpr int kMaxPage = 1000;
// Matches counted exactly (for total and facets) before counts become estimates. Counting costs
// about 0.1 µs per match on top of matching (an in-memory table, record_table.h), so the bound is
// set by matching itself: examining 20,000 matches of a common word takes ~2 ms at 1,000,000
// records. Phrase queries count fewer exactly (xapian_search_service.h), each match needing a
// position check.
inline constexpr int kExactCountLimit = 20000;

struct SearchQuery {
  std::string q;                  // user text: words, "quoted phrases", a 文号 (or its prefix)
  std::string type;               // SearchRecord::kind filter, "" = all
  std::string department;         // department code filter
  std::optional<int> year;
  std::string validity;           // validity_name filter
  std::string topic;              // topic key filter
  std::string genre;              // genre key filter
  std::string sort = "relevance"; // relevance | date
  int page = 1;                   // 1-based; beyond the end is an empty page, not an error
  int per_page = 10;              // 1..kMaxPerPage
  // Facet counts and an exact total cost a pass over (up to kExactCountLimit) matches; a caller
  // that shows neither (autocomplete previews, API clients, throughput benchmarks) turns them off:
  // `facets` stays empty and `total` is Xapian's estimate (`exact` false unless it is sure).
  bool facets = true;
};

struct SearchHit {
  std::string kind, id, title, url;
  std::string title_html;         // title, HTML-escaped, query terms wrapped in <em>
  std::string snippet_html;       // body excerpt, HTML-escaped, query terms wrapped in <em>
  double score = 0;               // relevance (0..100)
  std::optional<Date> date;
  std::string doc_number;
  std::string department_name;
  std::string validity, validity_label;
};

struct FacetValue {
  std::string value;              // the filter value to send back (code, key, year)
  std::string label;              // what to show (市财政局, 有效, 2021 …)
  int64_t count = 0;
};

struct SearchResults {
  // Matches. Exact (and `exact` true) when the query matches at most kExactCountLimit records or
  // the estimate is certain; otherwise Xapian's estimate — show it as "约 N 条".
  int64_t total = 0;
  bool exact = true;              // total and facet counts are exact (else estimates, see above)
  int page = 1, per_page = 10;
  std::vector<SearchHit> hits;
  // Facet name → values by descending count: "type", "department", "year", "validity", "topic", "genre".
  // Counts are exact when `exact`; otherwise the counts of the first kExactCountLimit matches
  // examined, scaled to `total`.
  std::map<std::string, std::vector<FacetValue>> facets;
  std::optional<std::string> suggestion;  // 您是不是要找: a corrected query that has results
  std::vector<std::string> terms;         // the terms searched for (after segmentation/synonyms)
  // True when no record held every word and the results are those holding some of them.
  bool relaxed = false;
};

}  // namespace gk::search
