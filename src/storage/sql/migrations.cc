#include "storage/sql/migrations.h"

#include <chrono>
#include <set>
#include <string>

#include "storage/sql/database.h"
#include "storage/sql/driver.h"

namespace gk::sql {
namespace {

// PostgreSQL session advisory lock key held while migrating ("gkmig").
constexpr int64_t kMigrationLockKey = 0x676b6d6967;

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

int64_t now_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

Result<bool> table_exists(Connection& c) {
  std::string_view sql =
      c.dialect() == Dialect::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
          : "SELECT COUNT(*) FROM pg_catalog.pg_tables "
            "WHERE schemaname = current_schema() AND tablename = 'schema_migrations'";
  GK_TRY_ASSIGN(rs, c.query(sql));
  return rs.rows.at(0).get_int(0) > 0;
}

Result<std::set<int>> applied_versions(Connection& c) {
  std::set<int> out;
  GK_TRY_ASSIGN(exists, table_exists(c));
  if (!exists) return out;
  GK_TRY_ASSIGN(rs, c.query("SELECT version FROM schema_migrations"));
  for (const Row& r : rs.rows) out.insert(static_cast<int>(r.get_int(0)));
  return out;
}

Status check_order(std::span<const Migration> migrations) {
  int prev = 0;
  for (const Migration& m : migrations) {
    if (m.version <= prev) {
      return fail(
          Error::internal("迁移版本号必须递增 (migration versions must increase): " + std::string(m.file)));
    }
    prev = m.version;
  }
  return ok();
}

// Applies one migration in its own transaction; false when it turned out to be applied already.
Result<bool> apply_one(detail::DriverConnection& c, const Migration& m) {
  GK_TRY_STATUS(c.begin());
  auto body = [&]() -> Result<bool> {
    GK_TRY_ASSIGN(seen, c.query("SELECT 1 FROM schema_migrations WHERE version = ?", {int64_t{m.version}}));
    if (!seen.rows.empty()) return false;
    GK_TRY_STATUS(c.exec_script(m.sql));
    GK_TRY_STATUS(c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                          {int64_t{m.version}, std::string(m.name), now_micros()}));
    return true;
  };
  Result<bool> r = body();
  if (!r) {
    c.rollback();
    return r;
  }
  GK_TRY_STATUS(c.commit());
  return r;
}

}  // namespace

Result<MigrationState> migration_state(Database& db, std::span<const Migration> migrations) {
  GK_TRY_STATUS(check_order(migrations));
  GK_TRY_ASSIGN(lease, db.acquire());
  GK_TRY_ASSIGN(applied, applied_versions(*lease));
  return MigrationState{applied.empty() ? 0 : *applied.rbegin(),
                        migrations.empty() ? 0 : migrations.back().version};
}

Result<MigrationState> migration_state(Database& db) {
  return migration_state(db, embedded_migrations(db.dialect()));
}

Result<int> migrate(Database& db, std::span<const Migration> migrations) {
  GK_TRY_STATUS(check_order(migrations));
  // Everything runs on one connection. On PostgreSQL it holds a session advisory lock for the whole
  // run, taken before anything is read: a lock taken inside a SERIALIZABLE transaction would come
  // after that transaction's snapshot and miss another migrator's work. On SQLite each migration's
  // BEGIN IMMEDIATE excludes other writers and its reads see the latest commit.
  GK_TRY_ASSIGN(lease, db.acquire());
  auto& conn = static_cast<detail::DriverConnection&>(*lease);
  const bool postgres = conn.dialect() == Dialect::kPostgres;
  if (postgres) GK_TRY_STATUS(conn.query("SELECT pg_advisory_lock(?)", {kMigrationLockKey}));
  struct Unlock {
    detail::DriverConnection& c;
    bool active;
    ~Unlock() {
      // If the session broke, the server released the lock with it.
      if (active && !c.broken()) (void)c.query("SELECT pg_advisory_unlock(?)", {kMigrationLockKey});
    }
  } unlock{conn, postgres};

  GK_TRY_STATUS(conn.exec_script(kCreateTable));
  GK_TRY_ASSIGN(applied, applied_versions(conn));
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (!applied.empty() && *applied.rbegin() > latest) {
    return fail(Error::failed_precondition("数据库架构版本 " + std::to_string(*applied.rbegin()) +
                                           " 高于本程序支持的 " + std::to_string(latest) +
                                           "，请升级程序 (database schema is newer than this program)"));
  }
  int count = 0;
  for (const Migration& m : migrations) {
    if (applied.contains(m.version)) continue;
    Result<bool> done = apply_one(conn, m);
    if (!done) {
      return fail(Error::internal("数据库迁移失败 (migration failed) " + std::string(m.file) + ": " +
                                  done.error().message()));
    }
    if (*done) ++count;
  }
  return count;
}

Result<int> migrate(Database& db) { return migrate(db, embedded_migrations(db.dialect())); }

}  // namespace gk::sql
