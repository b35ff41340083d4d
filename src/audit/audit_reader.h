// AuditReader: the read side of the audit log, implemented by storage. Newest entries first.
#pragma once

#include <optional>
#include <vector>

#include "audit/audit_entry.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::audit {

struct AuditQuery {
  std::optional<DepartmentId> department;  // only rows of this department
  int64_t before_id = 0;                   // page below this id; 0 = from the newest
  int limit = 50;
};

class AuditReader {
 public:
  virtual ~AuditReader() = default;
  [[nodiscard]] virtual Result<std::vector<AuditEntry>> page(const AuditQuery& q) = 0;
};

}  // namespace gk::audit
