// Ports of the calendar module: where holiday notices are kept (the database in production) and
// the unit of work that changes them together with their audit row.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "audit/audit_sink.h"
#include "calendar/working_calendar.h"
#include "core/error.h"

namespace gk::calendar {

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  virtual Result<std::vector<SpecialDay>> load_days() = 0;
  // Inserts each day, replacing an existing row with the same date.
  virtual Status upsert_days(const std::vector<SpecialDay>& days, std::string_view source) = 0;
};

class CalendarStore {
 public:
  virtual ~CalendarStore() = default;
  using Work = std::function<Status(CalendarRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  // For work that only reads: may run without taking the write lock. Defaults to transact().
  [[nodiscard]] virtual Status read(const Work& work) { return transact(work); }
};

}  // namespace gk::calendar
