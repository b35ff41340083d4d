// AuditLogService: who may read the audit log, and how much of it. Admins and the disclosure office
// (supervisor) read it city-wide; nobody else reads it. Reading is not itself audited (it changes
// nothing), but the handler logs access like any request. Thread-safe.
#pragma once

#include <vector>

#include "accounts/user.h"
#include "audit/audit_reader.h"

namespace gk::accounts {

class AuditLogService {
 public:
  explicit AuditLogService(audit::AuditReader& reader) : reader_(reader) {}

  // PermissionDenied for roles without kViewAuditLog; `department` narrows the page.
  [[nodiscard]] Result<std::vector<audit::AuditEntry>> page(const Principal& actor, audit::AuditQuery q);

 private:
  audit::AuditReader& reader_;
};

}  // namespace gk::accounts
