// AuditSink: the port through which domain services write the audit log (审计日志).
//
// A service describes what happened as an AuditEvent and appends it through an AuditSink in the
// same transaction as the change it records. The storage layer implements the sink: it takes the
// time from its Clock, assigns the id, seals the entry onto the chain (audit_entry.h: seal) and
// updates the stored ChainHead, all atomically. Domain code never sees ids, hashes or the clock.
//
// Contract for implementations: append() either stores the event durably (committed with the
// surrounding transaction) and returns ok, or stores nothing and returns an error (Unavailable
// for a database outage, Internal otherwise). Appends are serialised so the chain stays linear.
// Implementations must be safe to call from any thread.
#pragma once

#include <optional>
#include <string>

#include "audit/audit_entry.h"
#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::audit {

// What happened, as a service reports it. Field meanings as in AuditEntry.
struct AuditEvent {
  std::string actor;  // "user:12 张三", "system", "public:7"
  std::optional<DepartmentId> department;
  std::string action;   // stable verb, e.g. "foi.reply"
  std::string target;   // e.g. "foi_request:88"
  std::string summary;  // one human-readable line
  std::string request_id;
  std::string ip;

  friend bool operator==(const AuditEvent&, const AuditEvent&) = default;
};

class AuditSink {
 public:
  virtual ~AuditSink() = default;
  [[nodiscard]] virtual Status append(const AuditEvent& event) = 0;
};

// For sink implementations: the unsealed entry for `event` with the given id and time.
// Pass the result to seal().
inline AuditEntry entry_from_event(const AuditEvent& event, AuditEntryId id, Instant at) {
  AuditEntry e;
  e.id = id;
  e.at = at;
  e.actor = event.actor;
  e.department = event.department;
  e.action = event.action;
  e.target = event.target;
  e.summary = event.summary;
  e.request_id = event.request_id;
  e.ip = event.ip;
  return e;
}

}  // namespace gk::audit
