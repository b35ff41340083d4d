// The SQLite FTS5 peer of the search benchmarks: the same records, analysed by the same code as our
// index (search::TextAnalyzer: normalise, segment with our segmenter in search mode, drop
// punctuation), stored as space-joined words in an FTS5 table with the unicode61 tokenizer
// (title, body) beside an ordinary table of filter and display columns. The trigram tokenizer is not
// used: it cannot match 2-character words (shared/reference/stack-notes.md, gotcha 5).
//
// Queries: the user text becomes an FTS5 MATCH expression — each quoted part ("…" or “…”) a phrase
// of its search-mode words, every other word (default mode) a term; terms joined by AND (search)
// or OR (the relevance benchmark, where the AND of a whole question finds nothing). Filters are
// WHERE clauses on the ordinary table; ranking is ORDER BY bm25(t, 10.0, 1.0) (title weighted 10×).
// A page (variant kPage) also computes highlight()/snippet() for the ≤ 10 hits, six facet counts
// over the first search::kExactCountLimit matches (one scan joined with the ordinary table, counted
// in C++; ours counts the same number exactly) and the exact total (count(*) when the scan was
// cut). kNoFacets is a page without the facets and total (ours: SearchQuery::facets = false);
// kIdsOnly fetches the ids and titles of the top 10 only (the relevance benchmark).
//
// Fts5Writer and Fts5Searcher are single-threaded; use one Fts5Searcher (connection) per thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "search/search_query.h"
#include "search/search_record.h"
#include "search/text_analyzer.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gk::bench {

// The FTS5 MATCH expression for `q` ("" when it has no searchable word). `any` joins terms by OR.
std::string fts5_match(const search::TextAnalyzer& analyzer, std::string_view q, bool any);

class Fts5Writer {
 public:
  // Creates a new database at `path` (an existing file is removed first).
  [[nodiscard]] static Result<std::unique_ptr<Fts5Writer>> create(const std::string& path,
                                                                  const search::TextAnalyzer& analyzer);
  ~Fts5Writer();
  [[nodiscard]] Status add(const search::SearchRecord& r);
  // Commits and merges the FTS5 index into one segment ('optimize').
  [[nodiscard]] Status finish();
  double analysis_seconds() const { return analysis_seconds_; }

 private:
  Fts5Writer(sqlite3* db, const search::TextAnalyzer& analyzer) : db_(db), analyzer_(analyzer) {}
  [[nodiscard]] Status exec(const char* sql);
  std::string joined_words(std::string_view text);

  sqlite3* db_;
  const search::TextAnalyzer& analyzer_;
  sqlite3_stmt* insert_fts_ = nullptr;
  sqlite3_stmt* insert_meta_ = nullptr;
  int64_t rowid_ = 0;
  int in_batch_ = 0;
  double analysis_seconds_ = 0;
  std::vector<search::Word> words_;
};

struct PeerHit {
  std::string id, title, title_html, snippet_html;
  double score = 0;
};

struct PeerResults {
  int64_t total = -1;  // -1 when not counted
  std::vector<PeerHit> hits;
  std::map<std::string, std::map<std::string, int64_t>> facets;
};

enum class PeerVariant { kPage, kNoFacets, kIdsOnly };

class Fts5Searcher {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Fts5Searcher>> open(const std::string& path,
                                                                  const search::TextAnalyzer& analyzer);
  ~Fts5Searcher();
  // The page of `query` (its q, filters, sort, page, per_page). `any`: OR of the terms.
  [[nodiscard]] Result<PeerResults> search(const search::SearchQuery& query, PeerVariant variant, bool any = false);

 private:
  Fts5Searcher(sqlite3* db, const search::TextAnalyzer& analyzer) : db_(db), analyzer_(analyzer) {}
  [[nodiscard]] Result<sqlite3_stmt*> prepare(const std::string& sql);

  sqlite3* db_;
  const search::TextAnalyzer& analyzer_;
  std::map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace gk::bench
