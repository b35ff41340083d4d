#include "storage/sql/connection.h"

#include "storage/sql/driver.h"

namespace gk::sql {

Connection::~Connection() = default;

std::string_view dialect_name(Dialect d) { return d == Dialect::kSqlite ? "sqlite" : "postgres"; }

namespace detail {

Error DriverConnection::note_failure(Failure kind, Error e) {
  switch (kind) {
    case Failure::kBroken:
      broken_ = true;
      // Nothing ran yet when BEGIN finds a stale session, so another connection may safely retry.
      if (at_begin_) retryable_ = true;
      break;
    case Failure::kTransient:
      if (in_tx_ || at_begin_) retryable_ = true;
      break;
    case Failure::kPermanent:
      break;
  }
  if (in_tx_ && !tx_error_) tx_error_ = e;
  return e;
}

Status DriverConnection::begin(bool read_only) {
  if (query_only_ != read_only) {
    GK_TRY_STATUS(set_query_only(read_only));
    query_only_ = read_only;
  }
  in_tx_ = false;
  retryable_ = false;
  tx_error_.reset();
  at_begin_ = true;
  Status s = run_command(read_only ? read_begin_sql() : begin_sql());
  at_begin_ = false;
  if (s) in_tx_ = true;
  return s;
}

Status DriverConnection::commit() {
  if (!in_tx_) return fail(Error::internal("COMMIT without a transaction"));
  if (tx_error_) {
    // A statement failed inside this transaction: PostgreSQL would turn COMMIT into ROLLBACK
    // silently, SQLite would commit the rest. Refuse on both and report the first failure.
    Error first = *tx_error_;
    rollback();
    return fail(std::move(first));
  }
  Status s = run_command("COMMIT");
  if (!s) {
    rollback();
    return s;
  }
  in_tx_ = false;
  return s;
}

void DriverConnection::rollback() {
  in_tx_ = false;
  // Ask the engine: it may already have ended the transaction (failed COMMIT, SQLITE_FULL, …).
  if (broken_ || !engine_in_transaction()) return;
  if (!run_command("ROLLBACK")) broken_ = true;
}

void DriverConnection::reset_for_pool() {
  rollback();
  retryable_ = false;
  tx_error_.reset();
}

}  // namespace detail
}  // namespace gk::sql
