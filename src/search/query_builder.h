// QueryBuilder: turns the user's text into a Xapian query, and SearchQuery's filters into boolean
// filter terms.
//
// The text is normalised and segmented in default mode; punctuation is dropped, so operators and
// quotes are plain text, except that a balanced pair of quotes ("…", “…”, 「…」, 『…』) makes a
// phrase. An unbalanced quote is ignored.
//
// Each query word W becomes a clause; a word or run of adjacent words that belongs to a synonym
// group becomes the OR of every member (each member segmented and searched as a phrase); a quoted
// phrase becomes OP_PHRASE over its words. Clauses are ANDed (precision); single-character words
// that are very common or never indexed on their own are optional (AND_MAYBE) instead.
//
// Queries tried in turn by the service until one matches something:
//   strict    the clauses as above. The indexer adds 2-, 3- and (inside long words) longer
//             dictionary sub-words, so a query word is usually a term wherever its text occurs.
//   expanded  each word W of three or more characters that is no term of the index also matches
//             as the phrase of sub-words covering it (年度报告 → 年度 + 报告 adjacent): finds text
//             the indexer segmented across W's boundary (年度/报告厅). Costly on common sub-words,
//             hence not tried first.
//   relaxed_most  (three or more clauses) records holding all strict clauses but one.
//   relaxed   records holding any of the three most selective strict clauses (OP_ELITE_SET):
//             recall when no record holds every word. A plain OR of all clauses would visit most
//             of the index when the query has common words (≈ 150 ms at 1,000,000 records).
//
// Positions in the index are byte offsets of normalised text, so a phrase is the words in order
// within a window of the phrase's own byte span: exact whatever way either side was segmented.
//
// A query that is (or whose whitespace-separated part is) a 文号 present in the index — exactly, or
// as a prefix that contains a digit or bracket or ends in 发/号/令/函/字 — adds a fixed weight far
// above any text weight: exact 文号 matches first, then prefix matches, then text matches.
//
// Stateless apart from what it is given; one instance per query, on the calling thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/error.h"
#include "search/search_query.h"
#include "search/synonyms.h"
#include "search/text_analyzer.h"

namespace gk::search {

// Fixed weights of 文号 matches (BM25 text weights stay well below 100 per word).
inline constexpr double kDocNumberExactWeight = 10000;
inline constexpr double kDocNumberPrefixWeight = 5000;

struct ParsedQuery {
  std::string normalized;              // the normalised query text
  Xapian::Query strict;                // text clauses ANDed (+ 文号); MatchNothing when no words
  Xapian::Query expanded;              // strict with sub-word phrases; empty when the same as strict
  Xapian::Query relaxed_most;          // all strict clauses but one (+ 文号); empty below 3 clauses
  Xapian::Query relaxed;               // any of the rarest strict clauses (+ 文号); empty for one clause
  bool positional = false;             // strict (and so every query) has a phrase: costly to count
  bool positional_expanded = false;    // expanded has sub-word phrases
  bool has_doc_number = false;         // a 文号 in the index matched the query
  double text_weight_estimate = 0;     // Σ idf of the required words (to scale the in-force boost)
  std::vector<std::string> terms;      // words and synonyms searched for, for display, unique
  std::vector<std::string> highlight;  // normalised strings to mark (strict query)
  std::vector<std::string> highlight_expanded;  // … when the expanded or relaxed query ran
  // Byte ranges of the default-mode words in `normalized` (for spelling suggestions).
  struct Span {
    uint32_t offset = 0, length = 0;
  };
  std::vector<Span> words;
};

// InvalidArgument (Chinese messages, one field error per bad field) for a query the service
// refuses: see search_service.h.
[[nodiscard]] Status validate_query(const SearchQuery& query);

class QueryBuilder {
 public:
  QueryBuilder(const TextAnalyzer& analyzer, const SynonymTable& synonyms, const Xapian::Database& db)
      : analyzer_(analyzer), synonyms_(synonyms), db_(db) {}

  // May throw Xapian::Error (term statistics are read from `db`).
  ParsedQuery parse(std::string_view q) const;

  // The boolean filter of the query's type/department/year/validity/topic/genre; empty Query when
  // there is none.
  static Xapian::Query filter(const SearchQuery& query);

 private:
  const TextAnalyzer& analyzer_;
  const SynonymTable& synonyms_;
  const Xapian::Database& db_;
};

}  // namespace gk::search
