// FoiStore over SQL (tables foi_cases, foi_case_events, foi_remedies, foi_reminders,
// foi_notifications; outbox, index_counters and login_attempts are shared). Thread-safe; each
// unit of work takes a pooled connection and runs in one transaction with its audit rows.
#pragma once

#include "core/date.h"
#include "foi/foi_store.h"
#include "storage/sql/database.h"

namespace gk::storage {

// The columns of foi_cases in the order foi_case_from_row() reads them; shared with the other
// repositories that read cases (sql_reading_room_store.cc).
extern const char* const kFoiCaseColumns;
foi::FoiCase foi_case_from_row(const sql::Row& r);


class SqlFoiStore final : public foi::FoiStore {
 public:
  SqlFoiStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
