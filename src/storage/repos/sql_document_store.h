// DocumentStore over SQL (tables documents, document_columns, document_versions,
// document_relations, columns, index_counters). Thread-safe; each unit of work takes a pooled
// connection and runs in one transaction with its audit row.
#pragma once

#include <memory>

#include "core/date.h"
#include "documents/document_store.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlDocumentStore final : public documents::DocumentStore {
 public:
  SqlDocumentStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

// The SQL document repository on `c`, for other stores whose unit of work also reads or relates
// documents in the same transaction (e.g. SqlCleanupStore). `c` must outlive it.
std::unique_ptr<documents::DocumentRepository> make_sql_document_repository(sql::Connection& c);

}  // namespace gk::storage
