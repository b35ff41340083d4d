// Database URLs (internal to gk_storage): which engine a URL names, and how to show it in messages.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "storage/sql/connection.h"

namespace gk::sql::detail {

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  // SQLite: the file path ("" for memory). PostgreSQL: the whole URL, for libpq.
  std::string target;
  bool memory = false;
};

// Recognises sqlite:///abs, sqlite://rel, sqlite::memory:, postgresql://…, postgres://….
// kInvalidArgument (naming the masked URL) for an empty path, a query string on a SQLite URL or an
// unknown scheme. PostgreSQL URLs are checked further by libpq (validate_postgres_url).
Result<DatabaseUrl> parse_database_url(std::string_view url);

// The URL with any password replaced by "***" (user:pass@ and password=… forms).
std::string redact_url(std::string_view url);

}  // namespace gk::sql::detail
