#include "report/report_deadline.h"

namespace gk::report {

Date report_deadline(int year, accounts::DepartmentKind kind) {
  // 条例第四十九条: 部门 by 1月31日, 县级以上地方人民政府 by 3月31日 of the next year.
  if (kind == accounts::DepartmentKind::kGovernment) return *Date::from_ymd(year + 1, 3, 31);
  return *Date::from_ymd(year + 1, 1, 31);
}

std::optional<std::string_view> reminder_threshold(int year, Date deadline, Date today) {
  if (today < *Date::from_ymd(year + 1, 1, 1)) return std::nullopt;
  const int32_t left = deadline.days() - today.days();
  if (left < 0) return std::string_view("overdue");
  static constexpr std::string_view kNames[] = {"14", "7", "3", "1"};
  std::optional<std::string_view> crossed;
  for (size_t i = 0; i < kReminderDays.size(); ++i)
    if (left <= kReminderDays[i]) crossed = kNames[i];
  return crossed;
}

}  // namespace gk::report
