#include "search/reader_pool.h"

#include <thread>

#include <fmt/format.h>

#include "search/xapian_error.h"

namespace gk::search {

namespace {
// Idle readers kept; beyond this a returned reader is closed (each holds a few file descriptors).
constexpr size_t kMaxIdle = 64;
constexpr int kOpenAttempts = 10;
}  // namespace

ReaderPool::Lease::~Lease() {
  if (reader_) pool_->release(std::move(reader_));
}

Status ReaderPool::Lease::refresh() {
  reader_->generation = 0;
  return pool_->freshen(*reader_);
}

Status ReaderPool::freshen(Reader& r) {
  // Read the counters before opening, so a commit or swap racing with this is seen next time.
  const uint64_t epoch = epoch_.load(std::memory_order_acquire);
  const uint64_t generation = generation_.load(std::memory_order_acquire);
  for (int attempt = 1;; ++attempt) {
    try {
      if (r.epoch != epoch) {
        r.db = Xapian::Database(dir_.string());
        r.facet_labels.clear();
        r.epoch = epoch;
        r.generation = generation;
      } else if (r.generation != generation) {
        r.db.reopen();
        r.generation = generation;
      }
      return ok();
    } catch (const Xapian::DatabaseError& e) {
      // The writer committed twice while we opened (DatabaseModifiedError: the revision we began
      // with is gone), or a reindex swapped directories between the files we opened (an error
      // reading a block): open afresh. A database that fails every time is reported.
      r.epoch = 0;
      if (attempt == kOpenAttempts)
        return fail(from_xapian(e, fmt::format("opening {} for reading", dir_.string())));
      std::this_thread::yield();  // let the writer finish its commit
    } catch (const Xapian::Error& e) {
      r.epoch = 0;  // open afresh next time
      return fail(from_xapian(e, fmt::format("opening {} for reading", dir_.string())));
    }
  }
}

Result<ReaderPool::Lease> ReaderPool::acquire() {
  std::unique_ptr<Reader> reader;
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      reader = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!reader) reader = std::make_unique<Reader>();
  GK_TRY_STATUS(freshen(*reader));
  return Lease(this, std::move(reader));
}

void ReaderPool::release(std::unique_ptr<Reader> reader) {
  std::lock_guard lock(mu_);
  if (idle_.size() < kMaxIdle && reader->epoch == epoch_.load(std::memory_order_acquire)) {
    idle_.push_back(std::move(reader));
  }
}

}  // namespace gk::search
