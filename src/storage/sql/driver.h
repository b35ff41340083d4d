// Driver seam (internal to gk_storage): what the pool needs from a connection beyond Connection.
//
// Each engine implements DriverConnection. The base keeps the per-transaction bookkeeping shared by
// both drivers: whether the session is broken (discard it), whether the current transaction saw a
// transient failure (retry it) and the first statement error inside it (refuse to commit).
// Not thread-safe, like Connection.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/sql/connection.h"
#include "storage/sql/database.h"

namespace gk::sql::detail {

// How a driver classifies a failure before reporting it.
enum class Failure {
  kPermanent,  // Internal / Conflict: retrying will not help
  kTransient,  // busy, serialization failure, deadlock: retry the transaction
  kBroken,     // the session is gone: discard the connection
};

class DriverConnection : public Connection {
 public:
  // BEGIN IMMEDIATE / BEGIN ISOLATION LEVEL SERIALIZABLE, or for a read-only unit of work the
  // engine's non-locking read transaction; resets the transaction bookkeeping.
  [[nodiscard]] Status begin(bool read_only = false);
  // COMMIT; refuses (and rolls back) when a statement inside the transaction failed.
  [[nodiscard]] Status commit();
  // ROLLBACK if a transaction is open; best effort (a failure marks the connection broken).
  void rollback();
  // Called when a Lease ends: rolls back anything left open.
  void reset_for_pool();

  bool broken() const { return broken_; }
  bool retryable() const { return retryable_; }
  bool in_transaction() const { return in_tx_; }

 protected:
  // Runs a statement with no parameters and no interest in rows (BEGIN, COMMIT, PRAGMA, …).
  virtual Status run_command(std::string_view sql) = 0;
  // Whether the engine has an open transaction block (it may have ended one by itself).
  virtual bool engine_in_transaction() const = 0;
  virtual std::string_view begin_sql() const = 0;
  virtual std::string_view read_begin_sql() const = 0;
  // Makes the session refuse writes (on) or accept them again (off). PostgreSQL's READ ONLY
  // transactions already refuse writes; SQLite needs PRAGMA query_only for the same behaviour.
  virtual Status set_query_only(bool) { return {}; }

  // Drivers report every failure through here: it updates the bookkeeping and returns the error.
  Error note_failure(Failure kind, Error e);
  void mark_broken() { broken_ = true; }

 private:
  bool broken_ = false;
  bool in_tx_ = false;
  bool at_begin_ = false;
  bool query_only_ = false;
  bool retryable_ = false;
  std::optional<Error> tx_error_;
};

// Opens one connection. url is the driver part: a file path, ":memory:" name, or a libpq URL.
// Errors: kUnavailable when the database cannot be opened/reached, kInternal on set-up failure.
struct SqliteTarget {
  std::string path;  // file path, or the memdb name when memory is true
  bool memory = false;
};
[[nodiscard]] Result<std::unique_ptr<DriverConnection>> connect_sqlite(const SqliteTarget& target,
                                                                       const OpenOptions& options);
[[nodiscard]] Result<std::unique_ptr<DriverConnection>> connect_postgres(const std::string& url,
                                                                         std::string_view shown_url);

// Checks a libpq URL without connecting; kInvalidArgument naming shown_url on a malformed one.
[[nodiscard]] Status validate_postgres_url(const std::string& url, std::string_view shown_url);

}  // namespace gk::sql::detail
