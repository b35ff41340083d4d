#include "accounts/department.h"

namespace gk::accounts {

std::string_view department_kind_name(DepartmentKind k) {
  switch (k) {
    case DepartmentKind::kGovernment: return "government";
    case DepartmentKind::kOffice: return "office";
    case DepartmentKind::kDepartment: return "department";
    case DepartmentKind::kTownship: return "township";
  }
  return "department";
}

std::optional<DepartmentKind> parse_department_kind(std::string_view s) {
  if (s == "government") return DepartmentKind::kGovernment;
  if (s == "office") return DepartmentKind::kOffice;
  if (s == "department") return DepartmentKind::kDepartment;
  if (s == "township") return DepartmentKind::kTownship;
  return std::nullopt;
}

}  // namespace gk::accounts
