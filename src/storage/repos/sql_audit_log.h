// The audit log over SQL: SqlAuditSink appends hash-chained rows inside the caller's transaction;
// read_audit_page and verify_audit_log read it back. Appends serialise on the audit_head row
// (SQLite: the write lock of BEGIN IMMEDIATE; PostgreSQL: SELECT ... FOR UPDATE), so ids are dense
// and each row's prev_hash is the previous row's hash.
#pragma once

#include <optional>
#include <vector>

#include "audit/audit_entry.h"
#include "audit/audit_reader.h"
#include "audit/audit_sink.h"
#include "audit/chain_verifier.h"
#include "core/date.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlAuditSink final : public audit::AuditSink {
 public:
  SqlAuditSink(sql::Connection& conn, const Clock& clock) : c_(conn), clock_(clock) {}
  Status append(const audit::AuditEvent& e) override;

 private:
  sql::Connection& c_;
  const Clock& clock_;
};

// Newest first.
Result<std::vector<audit::AuditEntry>> read_audit_page(sql::Connection& c, const audit::AuditQuery& q);

class SqlAuditReader final : public audit::AuditReader {
 public:
  explicit SqlAuditReader(sql::Database& db) : db_(db) {}
  Result<std::vector<audit::AuditEntry>> page(const audit::AuditQuery& q) override;

 private:
  sql::Database& db_;
};

// Walks the whole log in id order in pages (constant memory) and checks the chain and the head.
Result<audit::VerifyReport> verify_audit_log(sql::Database& db);

}  // namespace gk::storage
