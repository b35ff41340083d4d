// SearchService: the site-wide search (一网可查) over every public object — the one entry point the
// portal, the JSON API and the CLI use.
//
// The index (Xapian, under <data_dir>/search) is derived data: it can be deleted at any time and
// rebuilt with reindex(). Terms come from our segmenter (search mode) over normalised text
// (text/normalizer.h). Fields: title (weighted above body), body, 文号 (exact and prefix), issuing
// bodies. Each node keeps its own index current by applying outbox events (sync()), remembering the
// last applied event in the index itself.
//
// The implementation is XapianSearchService (xapian_search_service.h: ranking, counting and
// concurrency); index_writer.h loads records without a source (benchmarks, imports).
//
// Cost (1,000,000 records, one core, CPU time of a page with facets): rare words, titles, 文号 and
// most multi-word queries 1–5 ms; a single very common word (in half the records) 10–20 ms, as
// Xapian reads its whole posting list; a date sort of such a word ~6 ms (date_order.h). Facets count
// the first kExactCountLimit matches exactly and estimate beyond (search_query.h);
// SearchQuery::facets = false skips counting.
//
// Thread-safety: search(), complete() and stats() may be called from any number of threads
// concurrently with one thread calling sync()/reindex(); sync() and reindex() serialise.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "search/search_query.h"
#include "search/search_source.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace gk::search {

struct IndexStats {
  int64_t documents = 0;        // records in the index
  int64_t cursor = 0;           // last outbox seq applied
  uint64_t bytes_on_disk = 0;
};

// A group of equivalent terms, e.g. {发改局, 发展和改革局, 发改委}: a query for one finds all.
using SynonymGroup = std::vector<std::string>;

class SearchService {
 public:
  // Opens (creating when missing) the index in `index_dir`. Unavailable when it cannot be opened
  // (e.g. locked by another writer); a corrupt index is reported so the caller can delete and rebuild.
  [[nodiscard]] static Result<std::unique_ptr<SearchService>> open(const std::filesystem::path& index_dir,
                                                                   std::shared_ptr<const text::Segmenter> segmenter,
                                                                   std::shared_ptr<const text::Normalizer> normalizer,
                                                                   const Clock& clock);
  virtual ~SearchService() = default;

  // Wiring, done by the composition root before serving. Sources are not owned.
  virtual void add_source(SearchSource& source) = 0;
  virtual void set_change_feed(ChangeFeed& feed) = 0;
  // Replaces the synonym groups (takes effect for the next query; the index is unaffected).
  virtual void set_synonyms(std::vector<SynonymGroup> groups) = 0;
  // Replaces the segmenter (e.g. after staff added dictionary words). Queries use it at once;
  // already indexed text keeps its old terms until reindex().
  virtual void set_segmenter(std::shared_ptr<const text::Segmenter> segmenter) = 0;

  // Searches public objects visible now. InvalidArgument (Chinese message, field "q"/"page"/
  // "per_page"/"sort"/"year") for an empty or over-long query, invalid UTF-8, a bad page size or
  // sort. Quotes and operators are treated as text; a page beyond the end is an empty page.
  [[nodiscard]] virtual Result<SearchResults> search(const SearchQuery& query) = 0;
  // Up to `limit` completions of `prefix` (titles and frequent terms), best first; empty for "".
  [[nodiscard]] virtual Result<std::vector<std::string>> complete(std::string_view prefix, int limit = 8) = 0;

  // Applies pending outbox events (upsert or delete per event). Returns how many were applied.
  [[nodiscard]] virtual Result<int> sync() = 0;
  // Rebuilds the index from every source; `progress(done, total)` is called as batches land.
  // Searches keep answering from the old index until the new one is complete.
  [[nodiscard]] virtual Result<int64_t> reindex(const std::function<void(int64_t done, int64_t total)>& progress) = 0;
  [[nodiscard]] virtual Result<IndexStats> stats() = 0;
};

}  // namespace gk::search
