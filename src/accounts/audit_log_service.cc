#include "accounts/audit_log_service.h"

#include <algorithm>

#include "accounts/permission.h"

namespace gk::accounts {

Result<std::vector<audit::AuditEntry>> AuditLogService::page(const Principal& actor, audit::AuditQuery q) {
  if (!q.department && !actor.is_city_wide()) q.department = actor.department;
  GK_TRY_STATUS(authorize(&actor, Permission::kViewAuditLog, q.department));
  q.limit = std::clamp(q.limit, 1, 200);
  return reader_.page(q);
}

}  // namespace gk::accounts
