#include "storage/repos/sql_accounts_store.h"

#include "storage/repos/sql_accounts_repository.h"
#include "storage/repos/sql_audit_log.h"

namespace gk::storage {

Status SqlAccountsStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlAccountsRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlAccountsStore::read(const Work& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlAccountsRepository repo(c);
    SqlAuditSink audit(c, clock_);  // a read-only unit of work never appends
    return work(repo, audit);
  });
}

}  // namespace gk::storage
