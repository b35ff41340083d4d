// ReaderPool: read-only Xapian databases for concurrent searches. Xapian objects are not
// thread-safe, so each search borrows a Database of its own and gives it back when done; the pool
// grows to the peak number of concurrent searches.
//
// Freshness: the writer calls committed() after each commit; a borrowed database that has not seen
// the latest generation is reopen()ed before use, so a committed record is searchable by the next
// search. replaced() (after reindex swapped directories) makes every database be opened afresh on
// the path; searches already running finish on the old files, which stay readable while open.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include <xapian.h>

#include "core/error.h"
#include "search/facets.h"

namespace gk::search {

class ReaderPool {
 public:
  struct Reader {
    Xapian::Database db;
    uint64_t epoch = 0, generation = 0;
    FacetLabels facet_labels;  // of this database (cleared when a swap replaces it)
  };

  // A borrowed reader; returns it to the pool when destroyed.
  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<Reader> reader) : pool_(pool), reader_(std::move(reader)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Xapian::Database& db() { return reader_->db; }
    uint64_t epoch() const { return reader_->epoch; }
    FacetLabels& facet_labels() { return reader_->facet_labels; }
    // After DatabaseModifiedError: catch up with the writer and try again.
    [[nodiscard]] Status refresh();

   private:
    ReaderPool* pool_;
    std::unique_ptr<Reader> reader_;
  };

  explicit ReaderPool(std::filesystem::path dir) : dir_(std::move(dir)) {}

  [[nodiscard]] Result<Lease> acquire();
  void committed() { generation_.fetch_add(1, std::memory_order_acq_rel); }
  // Returns the new epoch (databases opened from now on).
  uint64_t replaced() {
    generation_.fetch_add(1, std::memory_order_acq_rel);
    return epoch_.fetch_add(1, std::memory_order_acq_rel) + 1;
  }
  uint64_t epoch() const { return epoch_.load(std::memory_order_acquire); }

 private:
  void release(std::unique_ptr<Reader> reader);
  Status freshen(Reader& reader);

  const std::filesystem::path dir_;
  std::atomic<uint64_t> epoch_{1}, generation_{1};
  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> idle_;
};

}  // namespace gk::search
