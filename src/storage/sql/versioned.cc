#include "storage/sql/versioned.h"

#include <string>
#include <vector>

namespace gk::sql {
namespace {

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  }
  return true;
}

Error stale(std::string_view what) {
  return Error::conflict("记录已被他人修改，请刷新后重试 (" + std::string(what) +
                         " was changed by someone else)");
}

Error missing(std::string_view what) {
  return Error::not_found("记录不存在 (" + std::string(what) + " not found)");
}

}  // namespace

Result<int64_t> update_versioned(Connection& c, std::string_view table, int64_t id, int64_t expected_version,
                                 std::string_view set, std::span<const Value> set_params) {
  if (!is_identifier(table))
    return fail(Error::internal("update_versioned: bad table name " + std::string(table)));
  std::string sql = "UPDATE ";
  sql += table;
  sql += " SET ";
  if (!set.empty()) {
    sql += set;
    sql += ", ";
  }
  sql += "version = version + 1 WHERE id = ? AND version = ?";
  std::vector<Value> params(set_params.begin(), set_params.end());
  params.emplace_back(id);
  params.emplace_back(expected_version);

  GK_TRY_ASSIGN(updated, c.query(sql, params));
  if (updated.affected_rows == 1) return expected_version + 1;
  const std::string what = std::string(table) + " #" + std::to_string(id);
  if (updated.affected_rows > 1)
    return fail(Error::internal("update_versioned changed several rows: " + what));
  GK_TRY_ASSIGN(found, c.query("SELECT version FROM " + std::string(table) + " WHERE id = ?", {id}));
  if (found.rows.empty()) return fail(missing(what));
  return fail(stale(what));
}

Status run_versioned_update(Connection& c, std::string_view update_sql, std::span<const Value> update_params,
                            std::string_view exists_sql, std::span<const Value> exists_params,
                            std::string_view what) {
  if (update_sql.find("version = version + 1") == std::string_view::npos ||
      update_sql.find("AND version = ?") == std::string_view::npos) {
    return fail(
        Error::internal("run_versioned_update: SQL must contain \"version = version + 1\" and "
                        "\"AND version = ?\": " +
                        std::string(update_sql)));
  }
  GK_TRY_ASSIGN(updated, c.query(update_sql, update_params));
  if (updated.affected_rows > 0) return ok();
  GK_TRY_ASSIGN(found, c.query(exists_sql, exists_params));
  if (found.rows.empty()) return fail(missing(what));
  return fail(stale(what));
}

}  // namespace gk::sql
