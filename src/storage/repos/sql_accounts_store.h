// AccountsStore over a Database: each unit of work runs in one SQL transaction with a repository
// and an audit sink bound to the same connection. Thread-safe (each call takes its own connection).
#pragma once

#include "accounts/accounts_store.h"
#include "core/date.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlAccountsStore final : public accounts::AccountsStore {
 public:
  SqlAccountsStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
