// Permission: the server-side authorisation rule every service calls before acting.
//
// A permission is granted when the principal holds one of the roles the permission lists AND, for
// department-scoped actions, the target department is the principal's own — unless the principal
// is city-wide (admin, supervisor/公开办, or the system). The table lives in permission.cc so the
// whole policy can be read in one place. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "accounts/user.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::accounts {

enum class Permission {
  kUseBackOffice,      // see /admin at all
  kViewUsers,          // list staff accounts (of the target department)
  kManageUsers,        // create users, reset passwords, change roles
  kViewAuditLog,       // read the audit log (of the target department)
  kManageCalendar,     // import a year's holiday notice
  kViewDepartments,
  kManageDepartments,  // add organs (seeding, restructuring)
  kManageSearch,       // edit the search vocabulary (dictionary words, synonym groups)
};

std::string_view permission_name(Permission p);

// OK, Unauthenticated (no principal), or PermissionDenied with a Chinese message.
[[nodiscard]] Status authorize(const Principal* principal, Permission p,
                               std::optional<DepartmentId> target_department = std::nullopt);

}  // namespace gk::accounts
