#include "app/search_indexer.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace gk::app {

void SearchIndexer::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void SearchIndexer::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool SearchIndexer::wait(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !cv_.wait_for(lock, d, [this] { return stopping_; });
}

void SearchIndexer::run() {
  std::optional<Date> rebuilt_on;
  auto backoff = interval_;
  for (;;) {
    bool ok = true;
    const Date today = clock_.today();
    auto stats = search_.stats();
    // Empty on this process's first pass: a new or deleted index (a site with no documents stays empty,
    // and is not rebuilt again until the next day).
    const bool empty = !rebuilt_on && stats && stats->documents == 0 && stats->cursor == 0;
    if (!stats) {
      ok = false;
      spdlog::warn("search index: {}", stats.error().to_string());
    } else if (empty || (rebuilt_on && *rebuilt_on != today)) {
      // Whole rebuild: first start, a deleted index, or a new day (derived validity moves with dates).
      spdlog::info("search index: rebuilding ({})", empty ? "empty index" : "daily validity refresh");
      int64_t last_logged = 0;
      auto n = search_.reindex([&](int64_t done, int64_t total) {
        if (done - last_logged >= 1000 || done == total) {
          spdlog::info("search index: {}/{} records", done, total);
          last_logged = done;
        }
      });
      if (n) {
        spdlog::info("search index: rebuilt with {} records", *n);
        rebuilt_on = today;
      } else {
        ok = false;
        spdlog::warn("search index: rebuild failed: {}", n.error().to_string());
      }
    } else {
      if (!rebuilt_on) rebuilt_on = today;  // an existing index counts as today's
      auto applied = search_.sync();
      if (!applied) {
        ok = false;
        spdlog::warn("search index: sync failed: {}", applied.error().to_string());
      } else if (*applied > 0) {
        spdlog::debug("search index: applied {} change(s)", *applied);
      }
    }
    // Back off up to 30 s while the database or the index fails, so the log is not flooded.
    backoff = ok ? interval_ : std::min<std::chrono::milliseconds>(backoff * 2, std::chrono::seconds(30));
    if (!wait(backoff)) return;
  }
}

}  // namespace gk::app
