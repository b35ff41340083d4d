#include "storage/sql/database.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "storage/sql/driver.h"
#include "storage/sql/url.h"

namespace gk::sql {
namespace {

detail::DriverConnection& as_driver(Connection& c) { return static_cast<detail::DriverConnection&>(c); }

std::string memory_db_name() {
  static std::atomic<int64_t> counter{0};
  return "gk-mem-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

}  // namespace

struct Database::Impl {
  Dialect dialect = Dialect::kSqlite;
  std::string shown_url;  // password masked
  detail::DatabaseUrl url;
  detail::SqliteTarget sqlite;
  OpenOptions options;

  mutable std::mutex mu;
  std::condition_variable cv;
  std::vector<std::unique_ptr<detail::DriverConnection>> all;  // every open connection
  std::vector<detail::DriverConnection*> idle;                 // subset of all, free to lease
  int connecting = 0;  // slots reserved by connect() calls in progress
  int in_use = 0;
  int64_t waits = 0;
  int64_t errors = 0;

  Result<std::unique_ptr<detail::DriverConnection>> connect() const {
    if (dialect == Dialect::kSqlite) return detail::connect_sqlite(sqlite, options);
    return detail::connect_postgres(url.target, shown_url);
  }
};

Result<std::unique_ptr<Database>> Database::open(std::string_view url, OpenOptions options) {
  auto parsed = detail::parse_database_url(url);
  if (!parsed) return fail(parsed.error());
  auto impl = std::make_unique<Impl>();
  impl->dialect = parsed->dialect;
  impl->shown_url = detail::redact_url(url);
  impl->options = options;
  if (options.pool_size < 1) {
    return fail(Error::invalid_field("pool_size", "连接池大小必须至少为 1 (pool_size must be >= 1)"));
  }
  if (parsed->dialect == Dialect::kPostgres) {
    if (auto s = detail::validate_postgres_url(parsed->target, impl->shown_url); !s) return fail(s.error());
  } else {
    impl->sqlite.memory = parsed->memory;
    impl->sqlite.path = parsed->memory ? memory_db_name() : parsed->target;
  }
  impl->url = std::move(*parsed);

  auto first = impl->connect();
  if (!first) return fail(first.error());
  impl->idle.push_back(first->get());
  impl->all.push_back(std::move(*first));
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Database::~Database() = default;

Dialect Database::dialect() const { return impl_->dialect; }

Result<Database::Lease> Database::acquire() {
  Impl& p = *impl_;
  std::unique_lock lock(p.mu);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(p.options.acquire_timeout_ms);
  bool counted_wait = false;
  for (;;) {
    if (!p.idle.empty()) {
      detail::DriverConnection* c = p.idle.back();
      p.idle.pop_back();
      ++p.in_use;
      return Lease(this, c);
    }
    if (static_cast<int>(p.all.size()) + p.connecting < p.options.pool_size) {
      ++p.connecting;
      lock.unlock();
      auto made = p.connect();
      lock.lock();
      --p.connecting;
      if (!made) {
        ++p.errors;
        p.cv.notify_one();  // the slot is free again for another waiter
        return fail(made.error());
      }
      detail::DriverConnection* c = made->get();
      p.all.push_back(std::move(*made));
      ++p.in_use;
      return Lease(this, c);
    }
    if (!counted_wait) {
      ++p.waits;
      counted_wait = true;
    }
    if (p.cv.wait_until(lock, deadline) == std::cv_status::timeout) {
      if (!p.idle.empty() || static_cast<int>(p.all.size()) + p.connecting < p.options.pool_size) continue;
      return fail(Error::unavailable("数据库连接池已满，等待 " +
                                     std::to_string(p.options.acquire_timeout_ms) +
                                     " 毫秒后仍无空闲连接 (connection pool exhausted)"));
    }
  }
}

void Database::give_back(Connection* conn) {
  Impl& p = *impl_;
  auto* c = static_cast<detail::DriverConnection*>(conn);
  c->reset_for_pool();
  std::vector<std::unique_ptr<detail::DriverConnection>> doomed;  // closed outside the lock
  {
    std::lock_guard lock(p.mu);
    --p.in_use;
    if (c->broken()) {
      ++p.errors;
      // The idle connections talk to the same server and are most likely stale too: drop them so
      // the next acquire() starts afresh instead of tripping over each of them in turn.
      std::vector<detail::DriverConnection*> drop = std::move(p.idle);
      p.idle.clear();
      drop.push_back(c);
      for (auto* d : drop) {
        auto it = std::find_if(p.all.begin(), p.all.end(), [d](const auto& u) { return u.get() == d; });
        if (it != p.all.end()) {
          doomed.push_back(std::move(*it));
          p.all.erase(it);
        }
      }
    } else {
      p.idle.push_back(c);
    }
  }
  p.cv.notify_all();
}

Database::Lease& Database::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    db_ = std::exchange(other.db_, nullptr);
    conn_ = std::exchange(other.conn_, nullptr);
  }
  return *this;
}

void Database::Lease::release() {
  if (db_ != nullptr && conn_ != nullptr) db_->give_back(conn_);
  db_ = nullptr;
  conn_ = nullptr;
}

Status Database::ping() {
  // Each stale connection found is discarded (with the idle ones), so this ends quickly.
  for (int attempt = 0;; ++attempt) {
    auto lease = acquire();
    if (!lease) return fail(lease.error());
    auto r = (*lease)->query("SELECT 1");
    if (r) return ok();
    if (!as_driver(**lease).broken() || attempt >= 1) return fail(r.error());
  }
}

Database::PoolStats Database::pool_stats() const {
  std::lock_guard lock(impl_->mu);
  return PoolStats{impl_->options.pool_size, impl_->in_use, impl_->waits, impl_->errors,
                   static_cast<int>(impl_->all.size())};
}

Status Database::tx_begin(Connection& c, bool read_only) { return as_driver(c).begin(read_only); }

Status Database::tx_commit(Connection& c) { return as_driver(c).commit(); }

void Database::tx_rollback(Connection& c) { as_driver(c).rollback(); }

bool Database::tx_should_retry(Connection& c, int attempt) {
  return as_driver(c).retryable() && attempt < kMaxTransactionRetries;
}

void Database::tx_backoff(int retry) {
  // Randomised exponential back-off (up to 1, 2, 4, … 32 ms, then 32 ms) so that colliding
  // transactions spread out.
  thread_local std::minstd_rand rng{std::random_device{}()};
  std::uniform_int_distribution<int> jitter_us(100, 1000 << std::min(retry, 5));
  std::this_thread::sleep_for(std::chrono::microseconds(jitter_us(rng)));
}

Error Database::tx_final_error(Connection& c, Error e) {
  if (!as_driver(c).retryable()) return e;
  return Error::unavailable("数据库繁忙，事务重试 " + std::to_string(kMaxTransactionRetries) +
                            " 次后仍失败 (transaction retries exhausted): " + e.message());
}

namespace {
thread_local int transaction_depth = 0;
}  // namespace

Database::TransactionScope::TransactionScope() { ++transaction_depth; }
Database::TransactionScope::~TransactionScope() { --transaction_depth; }
bool Database::in_transaction_on_this_thread() { return transaction_depth > 0; }

Error Database::tx_exception_error(const char* what) {
  return Error::internal(std::string("事务中抛出异常，已回滚 (exception in transaction, rolled back): ") +
                         (what ? what : "unknown exception"));
}

}  // namespace gk::sql
