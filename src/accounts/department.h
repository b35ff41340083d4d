// Department: an organ that discloses information (条例 Art. 10) — the city government, its
// general office (市府办), a government department, or a township/street office. Every staff user
// belongs to exactly one; department-scoped permissions are checked against it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/ids.h"

namespace gk::accounts {

enum class DepartmentKind { kGovernment, kOffice, kDepartment, kTownship };

std::string_view department_kind_name(DepartmentKind k);  // "government", "office", ...
std::optional<DepartmentKind> parse_department_kind(std::string_view s);

struct Department {
  DepartmentId id;
  std::string code;  // short ASCII code, unique; used in index numbers (索引号)
  std::string name;  // full Chinese name, unique
  DepartmentKind kind = DepartmentKind::kDepartment;
  std::optional<DepartmentId> parent;
  int sort_order = 0;
  Instant created_at;
  int version = 1;
};

}  // namespace gk::accounts
