// CalendarService: the working-day calendar the whole process counts legal deadlines with, and the
// audited import of a new year's holiday notice (国务院办公厅关于节假日安排的通知).
//
// current() hands out an immutable snapshot; an import builds a new calendar from the stored rows
// plus the imported ones, validates the merged whole, stores it and swaps the snapshot, so readers
// never see a half-imported year. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "calendar/calendar_store.h"
#include "core/date.h"
#include "core/request_context.h"

namespace gk::calendar {

struct ImportSummary {
  int rows = 0;                    // rows in the imported CSV
  std::vector<int> new_years;      // years covered after the import that were not before
  std::vector<int> covered_years;  // all covered years after the import
};

class CalendarService {
 public:
  explicit CalendarService(CalendarStore& store) : store_(store) {}

  // Loads the stored rows; an empty store gives an empty calendar (every year uncovered).
  [[nodiscard]] Status reload();
  std::shared_ptr<const WorkingCalendar> current() const;

  // Requires Permission::kManageCalendar. InvalidArgument (with the CSV's line errors) when the
  // text does not parse or the merged calendar would be inconsistent; nothing is stored then.
  [[nodiscard]] Result<ImportSummary> import_csv(const accounts::Principal& actor, std::string_view csv,
                                                 std::string_view source, const RequestContext& ctx);

 private:
  CalendarStore& store_;
  mutable std::mutex mu_;
  std::shared_ptr<const WorkingCalendar> current_ = std::make_shared<const WorkingCalendar>(std::vector<SpecialDay>{});
};

}  // namespace gk::calendar
