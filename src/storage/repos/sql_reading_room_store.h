// ReadingRoomStore over SQL (tables foi_reading_room, foi_conversions, foi_conversion_cases; reads
// foi_cases; writes outbox rows "search:reading_room"). Thread-safe; each unit of work takes a
// pooled connection and runs in one transaction with its audit rows.
#pragma once

#include "core/date.h"
#include "foi/reading_room.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlReadingRoomStore final : public foi::ReadingRoomStore {
 public:
  SqlReadingRoomStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
