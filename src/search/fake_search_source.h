// Test doubles for the search module's ports: an in-memory SearchSource (records by id, served in
// small batches, with a hook run between batches so a test can change the world mid-reindex) and an
// in-memory ChangeFeed (an append-only event list). Not thread-safe; tests drive them from one thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "search/search_source.h"

namespace gk::search {

class FakeSearchSource final : public SearchSource {
 public:
  explicit FakeSearchSource(std::string kind, size_t batch = 2) : kind_(std::move(kind)), batch_(batch) {}

  std::string_view kind() const override { return kind_; }

  Status for_each(const std::function<Status(std::vector<SearchRecord>&&)>& sink) override {
    std::vector<SearchRecord> batch;
    int batches = 0;
    // Iterate over a snapshot of the ids: between_batches may change records_.
    std::vector<std::string> ids;
    for (const auto& [id, r] : records_) ids.push_back(id);
    for (const std::string& id : ids) {
      const auto it = records_.find(id);
      if (it == records_.end()) continue;
      batch.push_back(it->second);
      if (batch.size() == batch_) {
        GK_TRY_STATUS(sink(std::move(batch)));
        batch.clear();
        if (between_batches) between_batches(++batches);
      }
    }
    if (!batch.empty()) GK_TRY_STATUS(sink(std::move(batch)));
    return ok();
  }

  Result<std::optional<SearchRecord>> get(std::string_view id) override {
    ++gets;
    if (fail_get_id == id) return fail(Error::unavailable("source down"));
    const auto it = records_.find(std::string(id));
    if (it == records_.end()) return std::optional<SearchRecord>();
    return std::optional<SearchRecord>(it->second);
  }

  Result<int64_t> count() override { return static_cast<int64_t>(records_.size()); }

  void put(SearchRecord r) {
    r.kind = kind_;
    const std::string id = r.id;
    records_[id] = std::move(r);
  }
  void erase(const std::string& id) { records_.erase(id); }

  std::function<void(int batches_done)> between_batches;
  std::string fail_get_id;
  int gets = 0;

 private:
  std::string kind_;
  size_t batch_;
  std::map<std::string, SearchRecord> records_;
};

class FakeChangeFeed final : public ChangeFeed {
 public:
  Result<std::vector<ChangeEvent>> after(int64_t after, int limit) override {
    std::vector<ChangeEvent> out;
    for (const ChangeEvent& e : events_) {
      if (e.seq > after && static_cast<int>(out.size()) < limit) out.push_back(e);
    }
    return out;
  }
  Result<int64_t> last_seq() override { return events_.empty() ? 0 : events_.back().seq; }

  int64_t publish(std::string kind, std::string id) {
    const int64_t seq = events_.empty() ? 1 : events_.back().seq + 1;
    events_.push_back({seq, std::move(kind), std::move(id)});
    return seq;
  }

 private:
  std::vector<ChangeEvent> events_;
};

}  // namespace gk::search
