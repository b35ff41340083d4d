// CleanupStore over SQL (tables cleanup_campaigns and cleanup_decisions, migration 0005_cleanup).
// A unit of work gets the cleanup repository, the document repository and the audit sink on one
// pooled connection, in one transaction. Thread-safe.
#pragma once

#include "core/date.h"
#include "documents/cleanup_store.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlCleanupStore final : public documents::CleanupStore {
 public:
  SqlCleanupStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
