// SearchSource: the port through which one kind of public object feeds the index. The composition
// root registers one source per kind; the indexer asks it for everything (reindex) or for one
// object named by an outbox event.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "search/search_record.h"

namespace gk::search {

class SearchSource {
 public:
  virtual ~SearchSource() = default;
  virtual std::string_view kind() const = 0;
  // Calls `sink` with every public object of this kind, in batches. Stops at the first error.
  [[nodiscard]] virtual Status for_each(const std::function<Status(std::vector<SearchRecord>&&)>& sink) = 0;
  // The record of object `id` if it is (or is scheduled to become) public; nullopt when it must not
  // be in the index (draft, withdrawn, deleted, not proactively disclosed).
  [[nodiscard]] virtual Result<std::optional<SearchRecord>> get(std::string_view id) = 0;
  // Approximate number of objects for_each will yield (for the progress bar).
  [[nodiscard]] virtual Result<int64_t> count() = 0;
};

// An event from the outbox: object `id` of `kind` changed (created, edited, published, withdrawn,
// its validity changed). Topic in the outbox table: "search:<kind>", payload: the id.
struct ChangeEvent {
  int64_t seq = 0;       // outbox row id, strictly increasing
  std::string kind;
  std::string id;
};

// The port over the outbox for the indexer (each node keeps its own cursor in its own index).
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Up to `limit` events with seq > `after`, in seq order.
  [[nodiscard]] virtual Result<std::vector<ChangeEvent>> after(int64_t after, int limit) = 0;
  // The highest seq present (0 when empty): a full reindex starts the cursor here.
  [[nodiscard]] virtual Result<int64_t> last_seq() = 0;
};

}  // namespace gk::search
