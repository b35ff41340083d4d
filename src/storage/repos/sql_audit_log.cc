#include "storage/repos/sql_audit_log.h"

#include <string>

namespace gk::storage {
namespace {

constexpr const char* kColumns =
    "id, at, actor, department_id, action, target, summary, request_id, ip, prev_hash, hash";

audit::AuditEntry entry_from(const sql::Row& r) {
  audit::AuditEntry e;
  e.id = AuditEntryId(r.get_int(0));
  e.at = Instant::from_micros(r.get_int(1));
  e.actor = r.get_text(2);
  if (auto d = r.get_opt_int(3)) e.department = DepartmentId(*d);
  e.action = r.get_text(4);
  e.target = r.get_text(5);
  e.summary = r.get_text(6);
  e.request_id = r.get_text(7);
  e.ip = r.get_text(8);
  e.prev_hash = r.get_text(9);
  e.hash = r.get_text(10);
  return e;
}

Result<audit::ChainHead> read_head(sql::Connection& c, bool for_update) {
  std::string q = "SELECT last_id, last_hash FROM audit_head WHERE singleton = 1";
  if (for_update && c.dialect() == sql::Dialect::kPostgres) q += " FOR UPDATE";
  GK_TRY_ASSIGN(rs, c.query(q, {}));
  if (rs.rows.empty()) return fail(Error::internal("audit_head row is missing"));
  return audit::ChainHead{rs.rows[0].get_int(0), rs.rows[0].get_text(1)};
}

}  // namespace

Status SqlAuditSink::append(const audit::AuditEvent& ev) {
  GK_TRY_ASSIGN(head, read_head(c_, true));
  audit::AuditEntry e;
  e.id = AuditEntryId(head.last_id + 1);
  e.at = clock_.now();
  e.actor = ev.actor;
  e.department = ev.department;
  e.action = ev.action;
  e.target = ev.target;
  e.summary = ev.summary;
  e.request_id = ev.request_id;
  e.ip = ev.ip;
  e = audit::seal(std::move(e), head);
  GK_TRY_STATUS(c_.query(std::string("INSERT INTO audit_log (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         {e.id.value, e.at.micros(), e.actor,
                          e.department ? sql::Value(e.department->value) : sql::Value(nullptr), e.action, e.target,
                          e.summary, e.request_id, e.ip, e.prev_hash, e.hash}));
  GK_TRY_STATUS(c_.query("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE singleton = 1", {e.id.value, e.hash}));
  return ok();
}

Result<std::vector<audit::AuditEntry>> read_audit_page(sql::Connection& c, const audit::AuditQuery& q) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE 1 = 1";
  std::vector<sql::Value> params;
  if (q.department) {
    sql += " AND department_id = ?";
    params.emplace_back(q.department->value);
  }
  if (q.before_id > 0) {
    sql += " AND id < ?";
    params.emplace_back(q.before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(int64_t{q.limit});
  GK_TRY_ASSIGN(rs, c.query(sql, params));
  std::vector<audit::AuditEntry> out;
  for (const auto& r : rs.rows) out.push_back(entry_from(r));
  return out;
}

Result<std::vector<audit::AuditEntry>> SqlAuditReader::page(const audit::AuditQuery& q) {
  GK_TRY_ASSIGN(conn, db_.acquire());
  return read_audit_page(*conn, q);
}

Result<audit::VerifyReport> verify_audit_log(sql::Database& db) {
  GK_TRY_ASSIGN(conn, db.acquire());
  GK_TRY_ASSIGN(head, read_head(*conn, false));
  audit::ChainVerifier verifier;
  int64_t after = 0;
  constexpr int64_t kPage = 5000;
  for (;;) {
    GK_TRY_ASSIGN(rs, conn->query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                                  {after, kPage}));
    for (const auto& r : rs.rows) verifier.add(entry_from(r));
    if (rs.rows.size() < static_cast<size_t>(kPage)) break;
    after = rs.rows.back().get_int(0);
  }
  return verifier.finish(head);
}

}  // namespace gk::storage
