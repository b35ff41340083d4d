#include "search/xapian_search_service.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <xapian.h>

#include "core/utf8.h"
#include "search/facets.h"
#include "search/highlighter.h"
#include "search/index_schema.h"
#include "search/query_builder.h"
#include "search/stored_hit.h"
#include "search/suggester.h"
#include "search/xapian_error.h"

namespace gk::search {

namespace fs = std::filesystem;

namespace {

// Attempts of a search that keeps meeting DatabaseModifiedError.
constexpr int kSearchAttempts = 3;
constexpr int kMaxCompletions = 20;

fs::path sibling(const fs::path& dir, std::string_view suffix) {
  fs::path p = dir;
  if (!p.has_filename()) p = p.parent_path();  // "a/b/" → "a/b"
  p += std::string(suffix);
  return p;
}

// fsync every file of a database built with DB_NO_SYNC, then the directory itself.
Status sync_tree(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      const int err = errno;
      if (fd >= 0) ::close(fd);
      return fail(Error::internal(fmt::format("fsync {}: {}", entry.path().string(), std::strerror(err))));
    }
    ::close(fd);
  }
  if (ec) return fail(Error::internal(fmt::format("listing {}: {}", dir.string(), ec.message())));
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return ok();
}

// Puts `fresh` at `live` and the old live directory at `fresh`, atomically where the file system
// can exchange directories (ext4, xfs, btrfs, tmpfs); otherwise with two renames (a crash between
// them leaves no live index: open() creates an empty one and a reindex refills it).
Status exchange_dirs(const fs::path& fresh, const fs::path& live) {
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, live.c_str(), RENAME_EXCHANGE) == 0) return ok();
  const int err = errno;
  if (err != EINVAL && err != ENOSYS && err != EXDEV && err != ENOTSUP && err != ENOENT) {
    return fail(Error::internal(fmt::format("exchanging {} and {}: {}", fresh.string(), live.string(), std::strerror(err))));
  }
  const fs::path old = sibling(live, ".old");
  std::error_code ec;
  fs::remove_all(old, ec);
  if (fs::exists(live)) fs::rename(live, old, ec);
  if (ec) return fail(Error::internal(fmt::format("renaming {}: {}", live.string(), ec.message())));
  fs::rename(fresh, live, ec);
  if (ec) return fail(Error::internal(fmt::format("renaming {}: {}", fresh.string(), ec.message())));
  fs::rename(old, fresh, ec);  // so the caller deletes it where it expects the old index
  return ok();
}

Xapian::Query combine_filters(Xapian::Query a, Xapian::Query b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}

}  // namespace

Result<std::unique_ptr<SearchService>> SearchService::open(const fs::path& index_dir,
                                                           std::shared_ptr<const text::Segmenter> segmenter,
                                                           std::shared_ptr<const text::Normalizer> normalizer,
                                                           const Clock& clock) {
  GK_TRY_ASSIGN(service, XapianSearchService::open(index_dir, std::move(segmenter), std::move(normalizer), clock, {}));
  return std::unique_ptr<SearchService>(std::move(service));
}

Result<std::unique_ptr<XapianSearchService>> XapianSearchService::open(const fs::path& index_dir,
                                                                       std::shared_ptr<const text::Segmenter> segmenter,
                                                                       std::shared_ptr<const text::Normalizer> normalizer,
                                                                       const Clock& clock, Options options) {
  if (!segmenter || !normalizer) return fail(Error::internal("search service needs a segmenter and a normalizer"));
  GK_TRY_ASSIGN(writer, IndexWriter::create(index_dir, segmenter, normalizer));
  // We hold the writer lock, so a leftover build directory is from a reindex that died.
  std::error_code ec;
  fs::remove_all(sibling(index_dir, ".new"), ec);
  fs::remove_all(sibling(index_dir, ".old"), ec);
  auto analyzer = std::make_shared<const TextAnalyzer>(std::move(segmenter), std::move(normalizer));
  return std::unique_ptr<XapianSearchService>(
      new XapianSearchService(index_dir, std::move(writer), std::move(analyzer), clock, options));
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
      return run_search(lease.db(), query, cfg);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kSearchAttempts) return fail(from_xapian(e, "search"));
      GK_TRY_STATUS(lease.refresh());
    } catch (const Xapian::Error& e) {
      return fail(from_xapian(e, "search"));
    }
  }
}

Result<SearchResults> XapianSearchService::run_search(Xapian::Database& db, const SearchQuery& query,
                                                      const Config& cfg) const {
  SearchResults results;
  results.page = query.page;
  results.per_page = query.per_page;

  const QueryBuilder builder(*cfg.analyzer, *cfg.synonyms, db);
  const ParsedQuery parsed = builder.parse(query.q);
  results.terms = parsed.terms;
  if (parsed.strict.empty() || parsed.strict.get_type() == Xapian::Query::LEAF_MATCH_NOTHING) return results;

  // Records not yet visible are filtered out, unless the index holds none (the usual case).
  const Instant now = clock_.now();
  const std::string now_value = Xapian::sortable_serialise(static_cast<double>(now.micros()));
  Xapian::Query filter = QueryBuilder::filter(query);
  if (db.get_value_upper_bound(schema::kSlotVisibleFrom) > now_value) {
    filter = combine_filters(filter, Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotVisibleFrom, now_value));
  }
  const bool by_date = query.sort == "date";
  auto decorate = [&](const Xapian::Query& text) {
    Xapian::Query q = text;
    if (!by_date) {
      const double boost = kInForceBoost * std::max(1.0, parsed.text_weight_estimate);
      Xapian::Query in_force((new Xapian::ValueWeightPostingSource(schema::kSlotInForce))->release());
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, in_force, boost));
    }
    if (!filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    return q;
  };

  const Xapian::doccount doccount = db.get_doccount();
  const auto first = static_cast<Xapian::doccount>((query.page - 1) * query.per_page);
  const auto check_at_least =
      query.facets ? std::min<Xapian::doccount>(doccount, static_cast<Xapian::doccount>(options_.exact_count_limit)) : 0;

  struct Run {
    Xapian::Enquire enquire;
    FacetCollector facets;
    Xapian::MSet mset;
    explicit Run(const Xapian::Database& db) : enquire(db) {}
  };
  auto run = [&](const Xapian::Query& text) {
    auto r = std::make_unique<Run>(db);
    r->enquire.set_query(decorate(text));
    if (by_date) r->enquire.set_sort_by_value_then_relevance(schema::kSlotDate, /*reverse=*/true);
    if (query.facets) r->facets.attach(r->enquire);
    r->mset = r->enquire.get_mset(first, static_cast<Xapian::doccount>(query.per_page), check_at_least);
    return r;
  };

  // Strict, then (only when it finds nothing) expanded, then relaxed: query_builder.h.
  std::unique_ptr<Run> r = run(parsed.strict);
  bool expanded = false;
  if (r->mset.get_matches_upper_bound() == 0 && !parsed.expanded.empty()) {
    r = run(parsed.expanded);
    expanded = true;
  }
  if (r->mset.get_matches_upper_bound() == 0 && !parsed.relaxed.empty()) {
    r = run(parsed.relaxed);
    expanded = true;
    results.relaxed = true;
  }
  const Xapian::MSet& mset = r->mset;
  results.total = static_cast<int64_t>(mset.get_matches_estimated());
  results.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (query.facets) {
    const int64_t examined = r->facets.examined();
    const double scale =
        results.exact || examined == 0 ? 1.0 : static_cast<double>(results.total) / static_cast<double>(examined);
    results.facets = r->facets.collect(scale);
  }

  const Highlighter highlighter(*cfg.analyzer, expanded ? parsed.highlight_expanded : parsed.highlight);
  results.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto stored = decode_stored_hit(it.get_document().get_data());
    if (!stored) continue;  // written by another schema version; a reindex replaces it
    SearchHit hit;
    hit.kind = stored->kind;
    hit.id = stored->id;
    hit.title = stored->title;
    hit.url = stored->url;
    hit.title_html = highlighter.highlight(stored->title);
    hit.snippet_html = highlighter.snippet(stored->body);
    hit.score = it.get_percent();
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
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) s.bytes_on_disk += it->file_size(size_ec);
  }
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
    GK_TRY_ASSIGN(writer, IndexWriter::create(dir_, cfg.analyzer->segmenter_ptr(), cfg.analyzer->normalizer()));
    writer_ = std::move(writer);
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

  const fs::path fresh = sibling(dir_, ".new");
  std::error_code ec;
  fs::remove_all(fresh, ec);
  int64_t done = 0;
  {
    IndexWriter::Options wo;
    wo.commit_every = kReindexCommitEvery;
    wo.no_sync = true;
    GK_TRY_ASSIGN(builder, IndexWriter::create(fresh, cfg.analyzer->segmenter_ptr(), cfg.analyzer->normalizer(), wo));
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
    builder.reset();  // closes the database and releases its lock
    if (auto st = sync_tree(fresh); !st) return abandon(st.error());
  }

  // Swap: the live writer lets go, the directories change places, a writer opens the new index.
  writer_.reset();
  const Status swapped = exchange_dirs(fresh, dir_);
  GK_TRY_ASSIGN(writer, IndexWriter::create(dir_, cfg.analyzer->segmenter_ptr(), cfg.analyzer->normalizer()));
  writer_ = std::move(writer);
  if (!swapped) return fail(swapped.error());
  readers_.replaced();
  fs::remove_all(fresh, ec);
  return done;
}

}  // namespace gk::search
