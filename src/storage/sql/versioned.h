// Optimistic concurrency for rows with a `version INTEGER NOT NULL DEFAULT 1` column.
//
// An editor reads a row with its version, and saves with the version it read. The save is
//   UPDATE <table> SET <set>, version = version + 1 WHERE id = ? AND version = ?
// and changes nothing when someone saved in between. Zero affected rows are then told apart:
//   row exists with another version -> kConflict "记录已被他人修改，请刷新后重试 (…)"
//   no such row                     -> kNotFound
// Other errors are the Connection's (a UNIQUE clash in <set> is kConflict naming the column).
//
// `table` and `set` are SQL written in code, never user input; values go through '?' in `set`.
// Stateless; thread-safety is the Connection's.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "core/error.h"
#include "storage/sql/connection.h"

namespace gk::sql {

// Runs the UPDATE above on row `id`; returns the new version (expected_version + 1).
// `set` may be empty to bump the version only.
[[nodiscard]] Result<int64_t> update_versioned(Connection& c, std::string_view table, int64_t id,
                                               int64_t expected_version, std::string_view set,
                                               std::span<const Value> set_params);
[[nodiscard]] inline Result<int64_t> update_versioned(Connection& c, std::string_view table, int64_t id,
                                                      int64_t expected_version, std::string_view set,
                                                      std::initializer_list<Value> set_params = {}) {
  return update_versioned(c, table, id, expected_version, set,
                          std::span<const Value>(set_params.begin(), set_params.size()));
}

// For updates the helper cannot express (other keys, extra conditions): `update_sql` must contain
// "version = version + 1" and "AND version = ?" (else kInternal, a programming error); `exists_sql`
// selects the row by the same key without the version condition. `what` names the row in messages.
[[nodiscard]] Status run_versioned_update(Connection& c, std::string_view update_sql,
                                          std::span<const Value> update_params, std::string_view exists_sql,
                                          std::span<const Value> exists_params, std::string_view what);

}  // namespace gk::sql
