// ChangeFeed over the outbox table (topics "search:<kind>", payload = object id). Read-only; every
// node of a cluster reads the same rows and keeps its own cursor in its own search index.
// Thread-safe.
#pragma once

#include "search/search_source.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlChangeFeed final : public search::ChangeFeed {
 public:
  explicit SqlChangeFeed(sql::Database& db) : db_(db) {}
  Result<std::vector<search::ChangeEvent>> after(int64_t after, int limit) override;
  Result<int64_t> last_seq() override;

 private:
  sql::Database& db_;
};

}  // namespace gk::storage
