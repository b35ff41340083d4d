// Value, Row, ResultSet: what goes into a statement and what comes back out, the same on every engine.
//
// A Value is one bind parameter: NULL, a 64-bit integer, a double or UTF-8 text. A Row is one result
// row whose cells are Values; columns are addressed by index in SELECT order. Drivers convert engine
// types to these four (see connection.h), so repository code reads a row the same way on SQLite and
// PostgreSQL. Booleans are stored as INTEGER 0/1, times as BIGINT microseconds (gk::Instant).
//
// Reading a cell:
//   get_int     integer as is; a double is truncated; NULL reads 0.
//   get_double  double as is; an integer is converted; NULL reads 0.0.
//   get_text    text as is; NULL reads "". Asking a number cell for text is a programming error
//               and throws std::logic_error (as does an index out of range).
//   get_opt_*   nullopt for NULL, otherwise as above.
//
// Value types; thread-compatible (const use from several threads is safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gk::sql {

// One bind parameter. Note: size_t does not convert implicitly (narrowing); cast to int64_t.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}

  size_t size() const { return cells_.size(); }
  bool is_null(size_t i) const;
  int64_t get_int(size_t i) const;
  double get_double(size_t i) const;
  const std::string& get_text(size_t i) const;
  std::optional<int64_t> get_opt_int(size_t i) const;
  std::optional<std::string> get_opt_text(size_t i) const;

  // The raw cell, for generic code (dumps, exports).
  const Value& cell(size_t i) const;

 private:
  std::vector<Value> cells_;
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  // Rows changed by INSERT/UPDATE/DELETE (including ... RETURNING); 0 for a plain SELECT.
  int64_t affected_rows = 0;

  bool empty() const { return rows.empty(); }
};

}  // namespace gk::sql
