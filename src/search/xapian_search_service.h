// XapianSearchService: SearchService over a Xapian (glass) database in `index_dir`.
//
// Writing: one IndexWriter (Xapian's single writer) owned by the service, used under writer_mu_ by
// sync() and reindex(). reindex() builds a complete new database in the sibling directory
// "<index_dir>.new" while searches keep reading the live one, then exchanges the two directories in
// one renameat2(RENAME_EXCHANGE) (two renames where the file system cannot exchange) and deletes
// the old one.
//
// Reading: searches borrow a Database from a ReaderPool (one per concurrent search; reopened after
// each commit, reopened on the new directory after a swap). A search that meets Xapian's
// DatabaseModifiedError (the writer committed twice under it) refreshes and retries.
//
// Ranking (relevance sort): BM25 over title+body terms (title words weigh kTitleWdf occurrences);
// 文号 matches get a fixed weight above any text weight (query_builder.h). Records in force get an
// extra weight of kInForceBoost × Σ idf of the query's words — enough to put an in-force record
// above a superseded one with the same text, not enough to lift a weak match over a strong one.
// The boost is applied after the match, to the best kRerankWindow matches (from the RecordTable):
// inside the match (OP_AND_MAYBE with a posting source) it doubled the cost of every query, as
// each candidate then needs a seek in the in-force list. A record outside the window would need a
// relevance within the boost of the window's last one to move up; the order stays one total order,
// so pages never overlap.
// Date sort: date descending, relevance breaking ties; the main pass only counts (no weights) and
// the page comes from date_order.h, a year at a time when more than kDateByYearAbove match.
//
// Counting: with facets requested the match examines up to kExactCountLimit matching records
// (kExactCountLimitPositional for a query with a phrase, each match costing a position check):
// exact total and facet counts up to there, scaled estimates beyond; without facets, only what the
// page needs (estimated total).
//
// Thread-safety: as SearchService.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <xapian.h>

#include "search/facets.h"
#include "search/index_writer.h"
#include "search/reader_pool.h"
#include "search/search_service.h"
#include "search/synonyms.h"
#include "search/text_analyzer.h"

namespace gk::search {

// Weight of being in force, per unit of the query's summed idf (see above).
inline constexpr double kInForceBoost = 0.1;
// Phrase matches counted exactly (each needs its positions read).
inline constexpr int kExactCountLimitPositional = 2000;
// Matches reordered by the in-force boost.
inline constexpr Xapian::doccount kRerankWindow = 100;
// Date-sorted results larger than this are paged a year at a time (date_order.h).
inline constexpr int64_t kDateByYearAbove = 2000;
// Below this many results a spelling correction is looked for.
inline constexpr int64_t kSuggestBelow = 3;
// Outbox events read per batch by sync(); each batch is one commit.
inline constexpr int kSyncBatch = 500;
// Records per commit while reindex() builds the new database.
inline constexpr int kReindexCommitEvery = 20000;

class XapianSearchService final : public SearchService {
 public:
  struct Options {
    int exact_count_limit = kExactCountLimit;
    int exact_count_limit_positional = kExactCountLimitPositional;
  };

  [[nodiscard]] static Result<std::unique_ptr<XapianSearchService>> open(
      const std::filesystem::path& index_dir, std::shared_ptr<const text::Segmenter> segmenter,
      std::shared_ptr<const text::Normalizer> normalizer, const Clock& clock, Options options);

  void add_source(SearchSource& source) override;
  void set_change_feed(ChangeFeed& feed) override;
  void set_synonyms(std::vector<SynonymGroup> groups) override;
  void set_segmenter(std::shared_ptr<const text::Segmenter> segmenter) override;

  [[nodiscard]] Result<SearchResults> search(const SearchQuery& query) override;
  [[nodiscard]] Result<std::vector<std::string>> complete(std::string_view prefix, int limit) override;
  [[nodiscard]] Result<int> sync() override;
  [[nodiscard]] Result<int64_t> reindex(
      const std::function<void(int64_t done, int64_t total)>& progress) override;
  [[nodiscard]] Result<IndexStats> stats() override;

 private:
  XapianSearchService(std::filesystem::path dir, std::unique_ptr<IndexWriter> writer,
                      std::shared_ptr<const TextAnalyzer> analyzer, const Clock& clock, Options options);

  struct Config {
    std::shared_ptr<const TextAnalyzer> analyzer;
    std::shared_ptr<const SynonymTable> synonyms;
    std::map<std::string, SearchSource*, std::less<>> sources;
    ChangeFeed* feed = nullptr;
  };
  Config config() const;

  Result<SearchResults> run_search(Xapian::Database& db, FacetLabels& labels, const RecordTable* table,
                                   const SearchQuery& query, const Config& config) const;
  // Applies the feed's events after the writer's cursor, committing each batch.
  Result<int> apply_events(IndexWriter& writer, const Config& config, bool notify_readers);

  const std::filesystem::path dir_;
  const Clock& clock_;
  const Options options_;

  mutable std::mutex config_mu_;
  std::shared_ptr<const TextAnalyzer> analyzer_;
  std::shared_ptr<const SynonymTable> synonyms_;
  std::map<std::string, SearchSource*, std::less<>> sources_;
  ChangeFeed* feed_ = nullptr;

  std::mutex writer_mu_;
  std::unique_ptr<IndexWriter> writer_;

  // The record table (record_table.h) of the live database and the reader epoch it belongs to (a
  // reader of another epoch — a search straddling a reindex swap — reads values instead).
  mutable std::mutex table_mu_;
  std::shared_ptr<RecordTable> record_table_;
  uint64_t record_table_epoch_ = 0;
  std::shared_ptr<const RecordTable> record_table_for(uint64_t epoch) const;
  // Loads the table of the live database for `epoch` and attaches it to writer_.
  Status load_record_table(uint64_t epoch);

  ReaderPool readers_;
};

}  // namespace gk::search
