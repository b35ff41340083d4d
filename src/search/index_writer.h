// IndexWriter: writes SearchRecords into one Xapian database directory — the only writer of an
// index. SearchService uses it for sync() (upserts and deletes from the outbox) and reindex() (a
// fresh database built beside the live one); benchmarks use it to load records without a source:
//
//   auto writer = IndexWriter::create(dir, segmenter, normalizer).value();
//   for (auto& r : records) writer->add(r).value();
//   writer->commit().value();
//   auto search = SearchService::open(dir, segmenter, normalizer, clock).value();
//
// add() replaces any record with the same (kind, id). Changes become visible to readers at
// commit(); add()/remove() also commit by themselves every Options::commit_every changes, so a bulk
// load keeps bounded memory without a commit per record. The outbox cursor is stored in the index's
// metadata by the next commit after set_cursor(), atomically with the documents.
//
// Errors: Unavailable when the directory is locked by another writer; Internal for an index Xapian
// cannot read (corrupt, another format) — delete the directory and reindex. Holds Xapian's writer
// lock until destroyed. Not thread-safe: one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "search/search_record.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace gk::search {

class RecordTable;

class IndexWriter {
 public:
  struct Options {
    // Changes buffered before an automatic commit (Xapian keeps them in memory until then).
    int commit_every = 10000;
    // Bytes of normalised body whose words feed the spelling dictionary (title words always do);
    // the dictionary costs about 15% of indexing time at 4,000 bytes.
    size_t spelling_body_bytes = 2000;
    // Skip fsync on commit: for throw-away databases (benchmarks, tests, a reindex that is
    // fsynced once before the swap).
    bool no_sync = false;
  };

  // Opens the database at `dir`, creating it (and missing parent directories) when absent.
  [[nodiscard]] static Result<std::unique_ptr<IndexWriter>> create(
      const std::filesystem::path& dir, std::shared_ptr<const text::Segmenter> segmenter,
      std::shared_ptr<const text::Normalizer> normalizer);
  [[nodiscard]] static Result<std::unique_ptr<IndexWriter>> create(
      const std::filesystem::path& dir, std::shared_ptr<const text::Segmenter> segmenter,
      std::shared_ptr<const text::Normalizer> normalizer, Options options);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds or replaces the record (kind, id).
  [[nodiscard]] Status add(const SearchRecord& record);
  // Removes the record (kind, id); removing an absent record is not an error.
  [[nodiscard]] Status remove(std::string_view kind, std::string_view id);
  // Writes pending changes (and the cursor, if set) durably; readers that reopen see them.
  [[nodiscard]] Status commit();
  // Commits, then rewrites the database with fully packed B-trees (Xapian's compact) in a sibling
  // directory and swaps it in: a fifth smaller and ~10% faster to search (1,000,000 records:
  // 5.9 → 4.7 GB in 26 s). For the end of a bulk load (reindex does it); needs free space for the
  // copy. Renumbers documents to close gaps left by deletions.
  // The writer lock is released while the copy is made. Readers must reopen the directory.
  [[nodiscard]] Status compact();

  // The cursor stored in the index (0 for a new index), including a set_cursor() not yet committed.
  int64_t cursor() const;
  void set_cursor(int64_t seq);

  // Records in the index, including uncommitted changes.
  [[nodiscard]] Result<int64_t> documents() const;
  // Changes added since the last commit.
  int pending() const { return pending_; }

  // Terms of records written from now on come from this segmenter.
  void set_segmenter(std::shared_ptr<const text::Segmenter> segmenter);
  // Keeps `table` (not owned; null to stop) current with every record written or removed.
  void set_record_table(RecordTable* table) { record_table_ = table; }

  const std::filesystem::path& dir() const { return dir_; }

  struct Impl;

 private:
  IndexWriter(std::filesystem::path dir, std::unique_ptr<Impl> impl, Options options);

  std::filesystem::path dir_;
  std::unique_ptr<Impl> impl_;
  Options options_;
  int pending_ = 0;
  RecordTable* record_table_ = nullptr;
};

}  // namespace gk::search
