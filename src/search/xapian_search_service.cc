#include "search/xapian_search_service.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <xapian.h>

#include "core/utf8.h"
#include "search/date_order.h"
#include "search/facets.h"
#include "search/highlighter.h"
#include "search/index_dirs.h"
#include "search/index_schema.h"
#include "search/query_builder.h"
#include "search/stored_hit.h"
#include "search/suggester.h"
#include "search/visibility.h"
#include "search/xapian_error.h"

namespace gk::search {

namespace fs = std::filesystem;

namespace {

// Attempts of a search that keeps meeting DatabaseModifiedError.
constexpr int kSearchAttempts = 3;
constexpr int kMaxCompletions = 20;

}  // namespace

Result<std::unique_ptr<SearchService>> SearchService::open(const fs::path& index_dir,
                                                           std::shared_ptr<const text::Segmenter> segmenter,
                                                           std::shared_ptr<const text::Normalizer> normalizer,
                                                           const Clock& clock) {
  GK_TRY_ASSIGN(service,
                XapianSearchService::open(index_dir, std::move(segmenter), std::move(normalizer), clock, {}));
  return std::unique_ptr<SearchService>(std::move(service));
}

Result<std::unique_ptr<XapianSearchService>> XapianSearchService::open(
    const fs::path& index_dir, std::shared_ptr<const text::Segmenter> segmenter,
    std::shared_ptr<const text::Normalizer> normalizer, const Clock& clock, Options options) {
  if (!segmenter || !normalizer)
    return fail(Error::internal("search service needs a segmenter and a normalizer"));
  GK_TRY_ASSIGN(writer, IndexWriter::create(index_dir, segmenter, normalizer));
  // We hold the writer lock, so a leftover build directory is from a reindex that died.
  std::error_code ec;
  fs::remove_all(sibling_dir(index_dir, ".new"), ec);
  fs::remove_all(sibling_dir(index_dir, ".old"), ec);
  fs::remove_all(sibling_dir(index_dir, ".compact"), ec);
  fs::remove_all(sibling_dir(index_dir, ".new.compact"), ec);
  auto analyzer = std::make_shared<const TextAnalyzer>(std::move(segmenter), std::move(normalizer));
  std::unique_ptr<XapianSearchService> service(
      new XapianSearchService(index_dir, std::move(writer), std::move(analyzer), clock, options));
  {
    std::lock_guard lock(service->writer_mu_);
    GK_TRY_STATUS(service->load_record_table(service->readers_.epoch()));
  }
  return service;
}

std::shared_ptr<const RecordTable> XapianSearchService::record_table_for(uint64_t epoch) const {
  std::lock_guard lock(table_mu_);
  return record_table_epoch_ == epoch ? record_table_ : nullptr;
}

Status XapianSearchService::load_record_table(uint64_t epoch) {
  std::shared_ptr<RecordTable> table;
  try {
    table = RecordTable::load(Xapian::Database(dir_.string()));
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, "loading the record table"));
  }
  if (writer_) writer_->set_record_table(table.get());
  std::lock_guard lock(table_mu_);
  record_table_ = std::move(table);
  record_table_epoch_ = epoch;
  return ok();
}

XapianSearchService::XapianSearchService(fs::path dir, std::unique_ptr<IndexWriter> writer,
                                         std::shared_ptr<const TextAnalyzer> analyzer, const Clock& clock,
                                         Options options)
    : dir_(std::move(dir)),
      clock_(clock),
      options_(options),
      analyzer_(std::move(analyzer)),
      synonyms_(std::make_shared<const SynonymTable>()),
      writer_(std::move(writer)),
      readers_(dir_) {}

// ---- configuration ---------------------------------------------------------------------------

void XapianSearchService::add_source(SearchSource& source) {
  std::lock_guard lock(config_mu_);
  sources_[std::string(source.kind())] = &source;
}

void XapianSearchService::set_change_feed(ChangeFeed& feed) {
  std::lock_guard lock(config_mu_);
  feed_ = &feed;
}

void XapianSearchService::set_synonyms(std::vector<SynonymGroup> groups) {
  std::shared_ptr<const TextAnalyzer> analyzer;
  {
    std::lock_guard lock(config_mu_);
    analyzer = analyzer_;
  }
  auto table = std::make_shared<const SynonymTable>(groups, *analyzer);
  std::lock_guard lock(config_mu_);
  synonyms_ = std::move(table);
}

void XapianSearchService::set_segmenter(std::shared_ptr<const text::Segmenter> segmenter) {
  if (!segmenter) return;
  {
    std::lock_guard lock(config_mu_);
    analyzer_ = std::make_shared<const TextAnalyzer>(segmenter, analyzer_->normalizer());
  }
  std::lock_guard lock(writer_mu_);
  if (writer_) writer_->set_segmenter(std::move(segmenter));
}

XapianSearchService::Config XapianSearchService::config() const {
  std::lock_guard lock(config_mu_);
  return Config{analyzer_, synonyms_, sources_, feed_};
}

// ---- reading ---------------------------------------------------------------------------------

Result<SearchResults> XapianSearchService::search(const SearchQuery& query) {
  GK_TRY_STATUS(validate_query(query));
  const Config cfg = config();
  GK_TRY_ASSIGN(lease, readers_.acquire());
  for (int attempt = 1;; ++attempt) {
    try {
      const std::shared_ptr<const RecordTable> table = record_table_for(lease.epoch());
      return run_search(lease.db(), lease.facet_labels(), table.get(), query, cfg);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kSearchAttempts) return fail(from_xapian(e, "search"));
      GK_TRY_STATUS(lease.refresh());
    } catch (const Xapian::Error& e) {
      return fail(from_xapian(e, "search"));
    }
  }
}

Result<SearchResults> XapianSearchService::run_search(Xapian::Database& db, FacetLabels& labels,
                                                      const RecordTable* table, const SearchQuery& query,
                                                      const Config& cfg) const {
  SearchResults results;
  results.page = query.page;
  results.per_page = query.per_page;

  const QueryBuilder builder(*cfg.analyzer, *cfg.synonyms, db);
  const ParsedQuery parsed = builder.parse(query.q);
  results.terms = parsed.terms;
  if (parsed.strict.empty() || parsed.strict.get_type() == Xapian::Query::LEAF_MATCH_NOTHING) return results;

  const Instant now = clock_.now();
  const Xapian::Query filter = QueryBuilder::filter(query);
  const Xapian::Query scheduled = not_yet_visible(db, now);
  const bool by_date = query.sort == "date";
  auto decorate = [&](const Xapian::Query& text) {
    Xapian::Query q = text;
    if (!filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    if (!scheduled.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, scheduled);
    return q;
  };

  const Xapian::doccount doccount = db.get_doccount();
  const auto first = static_cast<Xapian::doccount>((query.page - 1) * query.per_page);
  const auto per_page = static_cast<Xapian::doccount>(query.per_page);
  // The in-force boost reorders the best kRerankWindow matches (see the header); pages that reach
  // into them fetch from the top.
  const bool rerank = !by_date && first < kRerankWindow;
  const Xapian::doccount fetch_first = rerank ? 0 : first;
  const Xapian::doccount fetch_count = rerank ? std::max(kRerankWindow, first + per_page) : per_page;
  // Counting a phrase match means checking positions: fewer are counted exactly.
  auto check_at_least_for = [&](bool positional) -> Xapian::doccount {
    if (!query.facets) return 0;
    const int limit = positional ? options_.exact_count_limit_positional : options_.exact_count_limit;
    return std::min<Xapian::doccount>(doccount, static_cast<Xapian::doccount>(limit));
  };

  // The main pass: the relevance-ranked page, or (date sort) only the count, which needs no
  // weights; either way the facets and the total.
  struct Pass {
    Xapian::Enquire enquire;
    FacetCollector facets;
    Xapian::MSet mset;
    Pass(const Xapian::Database& db, FacetLabels& labels, const RecordTable* table)
        : enquire(db), facets(db, labels, table) {}
  };
  auto run = [&](const Xapian::Query& text, bool positional) {
    const Xapian::doccount check_at_least = check_at_least_for(positional);
    auto p = std::make_unique<Pass>(db, labels, table);
    p->enquire.set_query(decorate(text));
    if (query.facets) p->facets.attach(p->enquire);
    // BM25 with the usual k1 = 1.2, b = 0.75 (Xapian's defaults are 1 and 0.5): measured better on
    // the labelled questions of bench/search/relevance.sh.
    p->enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    if (by_date) {
      p->enquire.set_weighting_scheme(Xapian::BoolWeight());
      p->mset = p->enquire.get_mset(0, 1, check_at_least);
    } else {
      p->mset = p->enquire.get_mset(fetch_first, fetch_count, check_at_least);
    }
    return p;
  };

  // Strict, then (each only when the one before finds nothing) expanded, relaxed_most, relaxed:
  // query_builder.h.
  Xapian::Query text = parsed.strict;
  std::unique_ptr<Pass> pass = run(text, parsed.positional);
  bool expanded = false;
  if (pass->mset.get_matches_upper_bound() == 0 && !parsed.expanded.empty()) {
    pass = run(text = parsed.expanded, parsed.positional || parsed.positional_expanded);
    expanded = true;
  }
  for (const Xapian::Query* relaxation : {&parsed.relaxed_most, &parsed.relaxed}) {
    if (pass->mset.get_matches_upper_bound() != 0 || relaxation->empty()) continue;
    pass = run(text = *relaxation, parsed.positional);
    expanded = true;
    results.relaxed = true;
  }
  const Xapian::MSet& mset = pass->mset;
  results.total = static_cast<int64_t>(mset.get_matches_estimated());
  results.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (query.facets) {
    const int64_t examined = pass->facets.examined();
    const double scale = results.exact || examined == 0
                             ? 1.0
                             : static_cast<double>(results.total) / static_cast<double>(examined);
    results.facets = pass->facets.collect(scale);
  }

  std::vector<RankedDoc> page;
  if (by_date) {
    if (results.total > 0) {
      const bool by_year = !query.year && results.total > kDateByYearAbove;
      page = date_ordered_page(db, decorate(text), first, per_page, by_year, table);
    }
  } else {
    // MSet ranks, reordered within the rerank window by relevance + in-force boost.
    std::vector<Xapian::doccount> order(mset.size());
    for (Xapian::doccount i = 0; i < order.size(); ++i) order[i] = i;
    if (rerank) {
      const double boost = kInForceBoost * std::max(1.0, parsed.text_weight_estimate);
      const Xapian::doccount window = std::min<Xapian::doccount>(kRerankWindow, mset.size());
      std::vector<double> weight(window);
      for (Xapian::doccount i = 0; i < window; ++i) {
        const auto it = mset[i];
        const RecordTable::Entry known = table ? table->get(*it) : RecordTable::Entry{};
        const bool in_force =
            known.known ? known.in_force : !it.get_document().get_value(schema::kSlotInForce).empty();
        weight[i] = it.get_weight() + (in_force ? boost : 0.0);
      }
      std::stable_sort(order.begin(), order.begin() + window,
                       [&](Xapian::doccount a, Xapian::doccount b) { return weight[a] > weight[b]; });
    }
    const Xapian::doccount begin = std::min<Xapian::doccount>(first - fetch_first, mset.size());
    const Xapian::doccount end = std::min<Xapian::doccount>(begin + per_page, mset.size());
    for (Xapian::doccount rank = begin; rank < end; ++rank) {
      const Xapian::MSetIterator it = mset[order[rank]];
      page.push_back({it.get_document(), it.get_percent()});
    }
  }

  const Highlighter highlighter(*cfg.analyzer, expanded ? parsed.highlight_expanded : parsed.highlight);
  results.hits.reserve(page.size());
  for (const RankedDoc& ranked : page) {
    const auto stored = decode_stored_hit(ranked.document.get_data());
    if (!stored) continue;  // written by another schema version; a reindex replaces it
    SearchHit hit;
    hit.kind = stored->kind;
    hit.id = stored->id;
    hit.title = stored->title;
    hit.url = stored->url;
    hit.title_html = highlighter.highlight(stored->title);
    hit.snippet_html = highlighter.snippet(stored->body);
    hit.score = ranked.percent;
    hit.date = stored->date;
    hit.doc_number = stored->doc_number;
    hit.department_name = stored->department_name;
    hit.validity = stored->validity;
    hit.validity_label = stored->validity_label;
    results.hits.push_back(std::move(hit));
  }

  // 您是不是要找: only a correction that finds more records holding every word than the query did.
  const int64_t strict_total = results.relaxed ? 0 : results.total;
  if (strict_total < kSuggestBelow) {
    const Suggester suggester(db, now);
    if (const auto corrected = suggester.correct(parsed)) {
      const ParsedQuery cp = builder.parse(*corrected);
      Xapian::Enquire probe(db);
      probe.set_query(decorate(cp.expanded.empty() ? cp.strict : cp.expanded));
      probe.set_weighting_scheme(Xapian::BoolWeight());  // stops once it has found enough
      const Xapian::MSet m = probe.get_mset(0, 1, static_cast<Xapian::doccount>(kSuggestBelow));
      if (static_cast<int64_t>(m.get_matches_lower_bound()) > strict_total) results.suggestion = *corrected;
    }
  }
  return results;
}

Result<std::vector<std::string>> XapianSearchService::complete(std::string_view prefix, int limit) {
  if (!is_valid_utf8(prefix)) return fail(Error::invalid_field("q", "搜索词含有无效字符，请重新输入"));
  if (utf8_length(prefix) > static_cast<size_t>(kMaxQueryChars)) {
    return fail(Error::invalid_field("q", fmt::format("搜索词不能超过{}个字", kMaxQueryChars)));
  }
  limit = std::clamp(limit, 0, kMaxCompletions);
  const Config cfg = config();
  const std::string normalized = trim(cfg.analyzer->normalize(prefix));
  if (normalized.empty() || limit == 0) return std::vector<std::string>{};
  GK_TRY_ASSIGN(lease, readers_.acquire());
  for (int attempt = 1;; ++attempt) {
    try {
      return Suggester(lease.db(), clock_.now()).complete(normalized, limit);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kSearchAttempts) return fail(from_xapian(e, "complete"));
      GK_TRY_STATUS(lease.refresh());
    } catch (const Xapian::Error& e) {
      return fail(from_xapian(e, "complete"));
    }
  }
}

Result<IndexStats> XapianSearchService::stats() {
  GK_TRY_ASSIGN(lease, readers_.acquire());
  IndexStats s;
  try {
    s.documents = static_cast<int64_t>(lease.db().get_doccount());
    const std::string cursor = lease.db().get_metadata(std::string(schema::kMetaCursor));
    s.cursor = cursor.empty() ? 0 : std::stoll(cursor);
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, "stats"));
  } catch (const std::exception&) {
    return fail(Error::internal("search index cursor is not a number"));
  }
  s.bytes_on_disk = dir_bytes(dir_);
  return s;
}

// ---- writing ---------------------------------------------------------------------------------

Result<int> XapianSearchService::apply_events(IndexWriter& writer, const Config& cfg, bool notify_readers) {
  if (!cfg.feed) return fail(Error::failed_precondition("search: no change feed configured"));
  int applied = 0;
  for (;;) {
    GK_TRY_ASSIGN(events, cfg.feed->after(writer.cursor(), kSyncBatch));
    if (events.empty()) break;
    int64_t cursor = writer.cursor();
    Status failure = ok();
    for (const ChangeEvent& e : events) {
      const auto source = cfg.sources.find(e.kind);
      if (source != cfg.sources.end()) {
        auto record = source->second->get(e.id);
        if (!record) {
          failure = fail(record.error());
          break;
        }
        Status st = ok();
        if (*record) {
          SearchRecord& r = **record;
          if (r.kind.empty()) r.kind = e.kind;
          if (r.id.empty()) r.id = e.id;
          st = writer.add(r);
        } else {
          st = writer.remove(e.kind, e.id);
        }
        if (!st) {
          failure = st;
          break;
        }
        ++applied;
      }
      // Unknown kinds (a newer node's source) are skipped: the cursor moves past them.
      cursor = e.seq;
    }
    // Commit what was applied (with its cursor) even when an event failed, so the next sync retries
    // from the failed event only.
    writer.set_cursor(cursor);
    GK_TRY_STATUS(writer.commit());
    if (notify_readers) readers_.committed();
    if (!failure) return fail(failure.error());
    if (static_cast<int>(events.size()) < kSyncBatch) break;
  }
  return applied;
}

Result<int> XapianSearchService::sync() {
  const Config cfg = config();
  std::lock_guard lock(writer_mu_);
  if (!writer_) {
    GK_TRY_ASSIGN(writer,
                  IndexWriter::create(dir_, cfg.analyzer->segmenter_ptr(), cfg.analyzer->normalizer()));
    writer_ = std::move(writer);
    GK_TRY_STATUS(load_record_table(readers_.epoch()));
  }
  return apply_events(*writer_, cfg, /*notify_readers=*/true);
}

Result<int64_t> XapianSearchService::reindex(const std::function<void(int64_t, int64_t)>& progress) {
  const Config cfg = config();
  std::lock_guard lock(writer_mu_);
  // Events from here on are replayed on top of the rebuilt index.
  int64_t start = 0;
  if (cfg.feed) {
    GK_TRY_ASSIGN(last, cfg.feed->last_seq());
    start = last;
  }
  int64_t total = 0;
  for (const auto& [kind, source] : cfg.sources) {
    GK_TRY_ASSIGN(n, source->count());
    total += n;
  }

  const fs::path fresh = sibling_dir(dir_, ".new");
  std::error_code ec;
  fs::remove_all(fresh, ec);
  int64_t done = 0;
  {
    IndexWriter::Options wo;
    wo.commit_every = kReindexCommitEvery;
    wo.no_sync = true;
    GK_TRY_ASSIGN(builder,
                  IndexWriter::create(fresh, cfg.analyzer->segmenter_ptr(), cfg.analyzer->normalizer(), wo));
    auto abandon = [&](Error e) {
      builder.reset();
      std::error_code ignored;
      fs::remove_all(fresh, ignored);
      return fail(std::move(e));
    };
    for (const auto& [kind, source] : cfg.sources) {
      const std::string kind_name = kind;
      const Status st = source->for_each([&](std::vector<SearchRecord>&& batch) -> Status {
        for (SearchRecord& r : batch) {
          if (r.kind.empty()) r.kind = kind_name;
          GK_TRY_STATUS(builder->add(r));
        }
        done += static_cast<int64_t>(batch.size());
        if (progress) progress(done, std::max(total, done));
        return ok();
      });
      if (!st) return abandon(st.error());
    }
    builder->set_cursor(start);
    if (auto st = builder->commit(); !st) return abandon(st.error());
    if (cfg.feed) {
      if (auto caught_up = apply_events(*builder, cfg, /*notify_readers=*/false); !caught_up) {
        return abandon(caught_up.error());
      }
    }
    // Packed B-trees: a fifth smaller and ~10% faster to search than the bulk-loaded ones.
    if (auto st = builder->compact(); !st) return abandon(st.error());
    builder.reset();  // closes the database and releases its lock
    if (auto st = sync_dir(fresh); !st) return abandon(st.error());
  }

  // Swap: the live writer lets go, the directories change places, a writer opens the new index.
  writer_.reset();
  const Status swapped = exchange_dirs(fresh, dir_);
  const uint64_t epoch = swapped ? readers_.replaced() : readers_.epoch();
  GK_TRY_ASSIGN(writer, IndexWriter::create(dir_, cfg.analyzer->segmenter_ptr(), cfg.analyzer->normalizer()));
  writer_ = std::move(writer);
  GK_TRY_STATUS(load_record_table(epoch));
  if (!swapped) return fail(swapped.error());
  fs::remove_all(fresh, ec);
  return done;
}

}  // namespace gk::search
