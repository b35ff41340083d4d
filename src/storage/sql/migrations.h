// Schema migrations: numbered SQL files per dialect, embedded in the binary at build time.
//
// Files live in src/storage/migrations/{sqlite,postgres}/NNNN_name.sql and are listed once in
// src/storage/CMakeLists.txt (GK_MIGRATIONS); the build fails when a listed file is missing in either
// dialect or a .sql file there is not listed. A database records what it has in
//   schema_migrations(version INTEGER PRIMARY KEY, name TEXT, applied_at BIGINT)  -- microseconds UTC
// migrate() applies every embedded migration the database lacks, in version order, each in its own
// transaction together with its schema_migrations row, so a failure leaves the database at the last
// good version. On PostgreSQL an advisory lock serialises concurrent migrators (several nodes
// starting at once); SQLite's BEGIN IMMEDIATE does the same. Files must not contain BEGIN/COMMIT.
//
// Errors: kInternal naming the file and the database error when a migration fails;
// kFailedPrecondition when the database is newer than this program (current > latest).
// Thread-safety: as Database (safe to call from any thread).
#pragma once

#include <span>
#include <string_view>

#include "core/error.h"
#include "storage/sql/connection.h"

namespace gk::sql {

class Database;

struct Migration {
  int version;            // NNNN from the file name
  std::string_view name;  // "foundation"
  std::string_view file;  // "sqlite/0001_foundation.sql", for messages
  std::string_view sql;
};

// The migrations compiled into this binary for a dialect, in ascending version order.
std::span<const Migration> embedded_migrations(Dialect dialect);

struct MigrationState {
  int current;  // highest applied version, 0 for an empty database
  int latest;   // highest version this program knows
};

[[nodiscard]] Result<MigrationState> migration_state(Database& db);
// Applies pending embedded migrations; returns how many were applied (0 when up to date).
[[nodiscard]] Result<int> migrate(Database& db);

// The same with an explicit list (tests, tools). `migrations` must be in ascending version order.
[[nodiscard]] Result<MigrationState> migration_state(Database& db, std::span<const Migration> migrations);
[[nodiscard]] Result<int> migrate(Database& db, std::span<const Migration> migrations);

}  // namespace gk::sql
