// CalendarStore over SQL (table calendar_days). Thread-safe; each unit of work takes a pooled
// connection and runs in one transaction with its audit row.
#pragma once

#include "calendar/calendar_store.h"
#include "core/date.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlCalendarStore final : public calendar::CalendarStore {
 public:
  SqlCalendarStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
