// Deadlines of the annual report (《政府信息公开条例》第四十九条): each department (政府部门) publishes
// its report for year Y by 31 January of Y+1; a county-level (or higher) people's government by
// 31 March of Y+1. "前" is read as "on or before": the deadline day itself is still in time (the
// article sets no working-day rule, so a weekend or holiday deadline is not moved).
//
// Reminders go out when the days left (calendar days, deadline − today) first reach a threshold
// and once more when the deadline has passed while the report is unpublished. Pure; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "accounts/department.h"
#include "core/date.h"

namespace gk::report {

// The deadline for the report of `year` by an organ of `kind` (government → 31 Mar, else 31 Jan).
Date report_deadline(int year, accounts::DepartmentKind kind);

// Calendar days before the deadline at which a reminder goes out, loosest first.
inline constexpr std::array<int, 4> kReminderDays = {14, 7, 3, 1};

// The tightest reminder threshold crossed on `today` for a deadline: "14", "7", "3", "1", or
// "overdue" after the deadline; nullopt before the loosest threshold, or before 1 January of the
// year after the report year (reminders only run in the reporting season).
std::optional<std::string_view> reminder_threshold(int year, Date deadline, Date today);

}  // namespace gk::report
