// StatisticsStore over SQL (table report_statistics, migration 0010). Thread-safe; each unit of
// work takes a pooled connection and runs in one transaction with its audit rows.
#pragma once

#include "core/date.h"
#include "report/statistics.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlStatisticsStore final : public report::StatisticsStore {
 public:
  SqlStatisticsStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
