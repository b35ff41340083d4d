// VocabularyStore over SQL (table search_vocabulary). Thread-safe; each unit of work takes a pooled
// connection and runs in one transaction with its audit row.
#pragma once

#include "core/date.h"
#include "search/vocabulary.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlVocabularyStore final : public search::VocabularyStore {
 public:
  SqlVocabularyStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const std::function<Status(search::VocabularyRepository&)>& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
