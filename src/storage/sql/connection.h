// Connection: one database session on SQLite or PostgreSQL, behind one interface.
//
// SQL is written once with '?' placeholders in both dialects. The PostgreSQL driver rewrites them
// to $1..$n, skipping '?' inside string literals ('…', E'…', $tag$…$tag$), quoted identifiers and
// comments. So PostgreSQL operators spelled with '?' (jsonb ?, ?|, ?&) cannot be used; use the
// jsonb_exists* functions instead.
//
// Parameter types (PostgreSQL): int64_t binds as the smallest of SMALLINT/INTEGER/BIGINT that holds
// the value (the server widens implicitly, so both `id = ?` and substr(s, ?) work), double as DOUBLE
// PRECISION, text and NULL as untyped literals the server types from context. Arithmetic between
// two parameters happens in their (possibly small) type, so write CAST(? AS BIGINT) * ? there; where
// no type can be inferred (`? IS NULL` alone) write CAST(? AS TEXT) etc., which SQLite accepts too.
//
// Result types (PostgreSQL, by column type OID): int2/int4/int8 -> int64_t; float4/float8/numeric ->
// double; bool -> int64_t 0/1; everything else -> text. SQLite returns its storage class (INTEGER,
// REAL, TEXT; BLOB as bytes in a string).
//
// Errors (gk::ErrorCode):
//   kConflict     UNIQUE / PRIMARY KEY / FOREIGN KEY / exclusion violation. The message names the
//                 columns as "<table>.<column>" for unique keys, identically on both engines, e.g.
//                 "违反唯一约束 (unique constraint): departments.code".
//   kUnavailable  the connection is lost or the database is busy (SQLITE_BUSY after the busy
//                 timeout, PostgreSQL 40001/40P01); a lost connection is discarded by the pool.
//   kInternal     everything else (syntax, CHECK, NOT NULL, triggers, wrong parameter count), with the
//                 driver's message.
// Inside Database::transaction() a failed statement leaves the transaction unable to commit on both
// engines (as PostgreSQL requires): return the error instead of carrying on.
//
// Thread-safety: not thread-safe; a Connection is used by one thread at a time (a Lease or a
// transaction body). Ownership: the Database's pool owns every Connection; callers borrow them.
#pragma once

#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/sql/result_set.h"

namespace gk::sql {

enum class Dialect { kSqlite, kPostgres };

// "sqlite" or "postgres".
std::string_view dialect_name(Dialect d);

class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  virtual ~Connection();

  virtual Dialect dialect() const = 0;

  // Runs exactly one statement with '?' parameters and returns all its rows.
  [[nodiscard]] Result<ResultSet> query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return run_query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  [[nodiscard]] Result<ResultSet> query(std::string_view sql, std::span<const Value> params) {
    return run_query(sql, params);
  }
  [[nodiscard]] Result<ResultSet> query(std::string_view sql, const std::vector<Value>& params) {
    return run_query(sql, std::span<const Value>(params));
  }

  // Runs several ';'-separated statements without parameters (migrations, test set-up). Not atomic
  // by itself: call it inside a transaction when all-or-nothing matters. It must not contain
  // BEGIN/COMMIT of its own.
  [[nodiscard]] virtual Status exec_script(std::string_view sql) = 0;

 protected:
  // The one entry point a driver (or a test fake) implements.
  virtual Result<ResultSet> run_query(std::string_view sql, std::span<const Value> params) = 0;
};

}  // namespace gk::sql
