#include "storage/repos/sql_settings.h"

namespace gk::storage {

Result<std::optional<std::string>> get_setting(sql::Database& db, std::string_view key) {
  GK_TRY_ASSIGN(conn, db.acquire());
  GK_TRY_ASSIGN(rs, conn->query("SELECT value FROM settings WHERE key = ?", {std::string(key)}));
  if (rs.rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rs.rows[0].get_text(0));
}

Result<std::string> get_or_create_setting(sql::Database& db, std::string_view key,
                                          const std::function<std::string()>& make) {
  return db.transaction([&](sql::Connection& c) -> Result<std::string> {
    GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                          {std::string(key), make()}));
    GK_TRY_ASSIGN(rs, c.query("SELECT value FROM settings WHERE key = ?", {std::string(key)}));
    return rs.rows.at(0).get_text(0);
  });
}

}  // namespace gk::storage
