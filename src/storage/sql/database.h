// Database: a pool of Connections to one SQLite file or PostgreSQL database, and transactions on it.
//
// open() URLs:
//   sqlite:///abs/path/gongkai.db   absolute path (the parent directory is created when missing)
//   sqlite://relative/path.db       relative to the working directory
//   sqlite::memory:                 a private in-memory database shared by this Database's pool
//   postgresql://user:pass@host:port/db?opt=…  (or postgres://…) handed to libpq as is
// Errors from open(): a malformed URL or unknown scheme -> kInvalidArgument naming the URL (password
// masked); a server or file that cannot be reached/opened -> kUnavailable with the driver's message.
// open() makes one connection eagerly so a bad configuration stops start-up at once.
//
// Session settings. SQLite: WAL journal (files), foreign_keys=ON, busy_timeout 5 s,
// synchronous=FULL when OpenOptions::durable, else NORMAL. PostgreSQL: client_encoding UTF8,
// connect_timeout 5 s unless the URL says otherwise.
//
// Transactions. transaction(fn) runs fn(Connection&) between BEGIN and COMMIT and returns what fn
// returns; fn must return Result<T> or Status. SQLite uses BEGIN IMMEDIATE (one writer at a time);
// PostgreSQL uses ISOLATION LEVEL SERIALIZABLE, so both engines give serializable transactions and
// the same code behaves the same on both. The transaction is rolled back when fn returns an error,
// when a statement inside it failed (even if fn ignored that), or when fn throws; an exception is
// caught and reported as kInternal, never propagated. When the engine reports a transient conflict
// (SQLITE_BUSY, PostgreSQL 40001 serialization failure or 40P01 deadlock) the whole fn is run again,
// up to kMaxTransactionRetries more times with a short randomised back-off; after that the result is
// kUnavailable. So fn may run more than once: it must have no effects outside the database (or only
// idempotent ones), and must not call transaction()/acquire() on the same Database (self-deadlock).
//
// Pool. At most OpenOptions::pool_size connections are open; they are made on demand. acquire()
// waits up to acquire_timeout_ms for a free one, then fails kUnavailable. A connection that lost its
// server is marked broken by its driver and discarded when its Lease ends; the next acquire() opens
// a fresh one, so the process recovers by itself when the database comes back. A Lease returned
// while a transaction is still open is rolled back first.
//
// Thread-safety: Database is thread-safe. A Lease (and the Connection it holds) belongs to one thread
// at a time. Ownership: Database owns its connections; every Lease must end before the Database is
// destroyed.
#pragma once

#include <cstdint>
#include <exception>
#include <expected>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/error.h"
#include "storage/sql/connection.h"

namespace gk::sql {

struct OpenOptions {
  int pool_size = 4;
  // SQLite: synchronous=FULL when true (every commit reaches the disk), NORMAL otherwise.
  bool durable = true;
  // How long acquire() waits for a free connection before kUnavailable.
  int acquire_timeout_ms = 5000;
};

// Every audited write updates the one audit_head row, so concurrent writers on PostgreSQL
// (SERIALIZABLE) conflict and retry; 10 jittered retries keep 4 concurrent writers from exhausting
// them (bench/foi intake with 4 clients failed 226 of 5,000 with 5).
inline constexpr int kMaxTransactionRetries = 10;

namespace detail {
template <class R>
struct IsResult : std::false_type {};
template <class T>
struct IsResult<std::expected<T, Error>> : std::true_type {};
}  // namespace detail

class Database {
 public:
  // RAII handle to a pooled Connection; gives it back to the pool when destroyed. Move-only.
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : db_(std::exchange(other.db_, nullptr)), conn_(std::exchange(other.conn_, nullptr)) {}
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { release(); }

    Connection* operator->() const { return conn_; }
    Connection& operator*() const { return *conn_; }

   private:
    friend class Database;
    Lease(Database* db, Connection* conn) : db_(db), conn_(conn) {}
    void release();

    Database* db_ = nullptr;
    Connection* conn_ = nullptr;
  };

  struct PoolStats {
    int size;        // the configured maximum (OpenOptions::pool_size)
    int in_use;      // connections currently leased
    int64_t waits;   // acquire() calls that found no free connection and had to wait
    int64_t errors;  // failed connection attempts plus connections discarded as broken
    int open = 0;    // connections currently open (idle + leased)
  };

  [[nodiscard]] static Result<std::unique_ptr<Database>> open(std::string_view url, OpenOptions options = {});

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Dialect dialect() const;

  [[nodiscard]] Result<Lease> acquire();

  template <class F>
  [[nodiscard]] auto transaction(F&& fn) -> decltype(fn(std::declval<Connection&>()));
  // The same for a unit of work that only reads: SQLite's deferred BEGIN (readers never wait for the
  // writer in WAL mode), PostgreSQL's REPEATABLE READ READ ONLY. A write inside fails.
  template <class F>
  [[nodiscard]] auto read_transaction(F&& fn) -> decltype(fn(std::declval<Connection&>()));

  // SELECT 1 on a pooled connection (a stale one is replaced and tried once more).
  [[nodiscard]] Status ping();

  PoolStats pool_stats() const;

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);

  void give_back(Connection* conn);
  // Transaction steps, kept out of line so this header needs no driver.
  Status tx_begin(Connection& c, bool read_only);
  template <class F>
  auto run_transaction(F&& fn, bool read_only) -> decltype(fn(std::declval<Connection&>()));
  Status tx_commit(Connection& c);
  void tx_rollback(Connection& c);
  // True when the failure is transient and attempt < kMaxTransactionRetries.
  bool tx_should_retry(Connection& c, int attempt);
  // Sleeps a randomised back-off before retry number `retry` (1-based), holding no connection.
  static void tx_backoff(int retry);
  // The error to report when retries ran out on a transient failure, or `e` otherwise.
  Error tx_final_error(Connection& c, Error e);
  static Error tx_exception_error(const char* what);
  // Marks the calling thread as inside transaction() for the scope's lifetime.
  struct TransactionScope {
    TransactionScope();
    ~TransactionScope();
    TransactionScope(const TransactionScope&) = delete;
    TransactionScope& operator=(const TransactionScope&) = delete;
  };
  static bool in_transaction_on_this_thread();

  std::unique_ptr<Impl> impl_;
};

template <class F>
auto Database::transaction(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
  return run_transaction(std::forward<F>(fn), false);
}

template <class F>
auto Database::read_transaction(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
  return run_transaction(std::forward<F>(fn), true);
}

template <class F>
auto Database::run_transaction(F&& fn, bool read_only) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  static_assert(detail::IsResult<R>::value, "transaction body must return gk::Result<T> or gk::Status");
  // A transaction opened inside another on the same thread would take a second pooled connection
  // and, on SQLite, wait for the write lock its own thread holds: refuse it loudly instead.
  if (in_transaction_on_this_thread()) {
    return fail(Error::internal("nested transaction: a unit of work must not open another one (resolve lookups "
                                "before the transaction)"));
  }
  TransactionScope scope;
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0) tx_backoff(attempt);
    auto lease = acquire();
    if (!lease) return fail(lease.error());
    Connection& c = **lease;
    if (auto begun = tx_begin(c, read_only); !begun) {
      if (tx_should_retry(c, attempt)) continue;
      return fail(tx_final_error(c, begun.error()));
    }
    std::optional<R> r;
    try {
      r.emplace(fn(c));
    } catch (const std::exception& e) {
      tx_rollback(c);
      return fail(tx_exception_error(e.what()));
    } catch (...) {
      tx_rollback(c);
      return fail(tx_exception_error(nullptr));
    }
    if (!r->has_value()) {
      tx_rollback(c);
      if (tx_should_retry(c, attempt)) continue;
      return fail(tx_final_error(c, r->error()));
    }
    if (auto committed = tx_commit(c); !committed) {
      if (tx_should_retry(c, attempt)) continue;
      return fail(tx_final_error(c, committed.error()));
    }
    return std::move(*r);
  }
}

}  // namespace gk::sql
