// SQLite driver: one sqlite3* per Connection, opened in multi-thread mode (the pool guarantees one
// thread at a time), with a small cache of prepared statements keyed by SQL text.
#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>

#include "storage/sql/driver.h"

namespace gk::sql::detail {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr size_t kStatementCacheSize = 128;

bool only_separators(const char* p, const char* end) {
  for (; p < end; ++p) {
    if (*p != ';' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') return false;
  }
  return true;
}

class SqliteConnection final : public DriverConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status exec_script(std::string_view sql) override {
    if (broken()) return fail(Error::unavailable("SQLite 连接已损坏 (connection is broken)"));
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc == SQLITE_OK) return ok();
    std::string message = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return fail(failure(sqlite3_extended_errcode(db_), message));
  }

 protected:
  Result<ResultSet> run_query(std::string_view sql, std::span<const Value> params) override {
    if (broken()) return fail(Error::unavailable("SQLite 连接已损坏 (connection is broken)"));
    auto prepared = prepare(sql);
    if (!prepared) return fail(prepared.error());
    sqlite3_stmt* stmt = *prepared;
    struct ResetOnExit {
      sqlite3_stmt* s;
      ~ResetOnExit() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset_on_exit{stmt};

    const int expected = sqlite3_bind_parameter_count(stmt);
    if (static_cast<size_t>(expected) != params.size()) {
      return fail(note_failure(
          Failure::kPermanent,
          Error::internal("SQL 参数个数不符 (parameter count): statement has " + std::to_string(expected) +
                          ", got " + std::to_string(params.size()) + ": " + std::string(sql))));
    }
    for (int i = 0; i < expected; ++i) {
      const Value& v = params[static_cast<size_t>(i)];
      int rc = SQLITE_OK;
      if (auto* p = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i + 1, *p);
      } else if (auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i + 1, *d);
      } else if (auto* s = std::get_if<std::string>(&v)) {
        // The parameters outlive the statement's use: bindings are cleared on exit.
        rc = sqlite3_bind_text64(stmt, i + 1, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, i + 1);
      }
      if (rc != SQLITE_OK) return fail(failure(rc, sqlite3_errmsg(db_)));
    }

    ResultSet rs;
    const int ncols = sqlite3_column_count(stmt);
    rs.columns.reserve(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) rs.columns.emplace_back(sqlite3_column_name(stmt, c));
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return fail(failure(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)));
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(ncols));
      for (int c = 0; c < ncols; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            cells.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_NULL:
            cells.emplace_back(nullptr);
            break;
          case SQLITE_BLOB: {
            const void* b = sqlite3_column_blob(stmt, c);
            int n = sqlite3_column_bytes(stmt, c);
            cells.emplace_back(std::string(static_cast<const char*>(b), static_cast<size_t>(n)));
            break;
          }
          default: {
            const unsigned char* t = sqlite3_column_text(stmt, c);
            int n = sqlite3_column_bytes(stmt, c);
            cells.emplace_back(std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(n)));
          }
        }
      }
      rs.rows.emplace_back(std::move(cells));
    }
    rs.affected_rows = sqlite3_stmt_readonly(stmt) ? 0 : sqlite3_changes64(db_);
    return rs;
  }

  Status run_command(std::string_view sql) override { return exec_script(sql); }
  bool engine_in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  std::string_view begin_sql() const override { return "BEGIN IMMEDIATE"; }
  // Deferred: in WAL mode readers never wait for the writer nor for each other.
  std::string_view read_begin_sql() const override { return "BEGIN"; }
  Status set_query_only(bool on) override { return run_command(on ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF"); }

 private:
  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, &tail);
    if (rc != SQLITE_OK) return fail(failure(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)));
    if (stmt == nullptr)
      return fail(note_failure(Failure::kPermanent, Error::internal("空 SQL 语句 (empty statement)")));
    if (!only_separators(tail, key.data() + key.size())) {
      sqlite3_finalize(stmt);
      return fail(note_failure(
          Failure::kPermanent,
          Error::internal("query() 只执行一条语句，多条请用 exec_script() (one statement only): " + key)));
    }
    if (cache_.size() >= kStatementCacheSize) {
      for (auto& [s, st] : cache_) sqlite3_finalize(st);
      cache_.clear();
    }
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  // Maps an SQLite result code to our error codes and records it on the connection.
  Error failure(int rc, std::string_view message) {
    std::string msg(message);
    switch (rc) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY: {
        // "UNIQUE constraint failed: departments.code" -> "departments.code"
        std::string cols = msg;
        if (auto colon = msg.find(": "); colon != std::string::npos) cols = msg.substr(colon + 2);
        return note_failure(Failure::kPermanent,
                            Error::conflict("违反唯一约束 (unique constraint): " + cols));
      }
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        return note_failure(Failure::kPermanent,
                            Error::conflict("违反外键约束 (foreign key constraint): " + msg));
      default:
        break;
    }
    switch (rc & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return note_failure(Failure::kTransient, Error::unavailable("数据库繁忙 (database busy): " + msg));
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
      case SQLITE_NOTADB:
        return note_failure(Failure::kBroken, Error::unavailable("SQLite 读写失败 (I/O error): " + msg));
      default:
        return note_failure(Failure::kPermanent, Error::internal("SQLite: " + msg));
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<DriverConnection>> connect_sqlite(const SqliteTarget& target,
                                                         const OpenOptions& options) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  std::string filename;
  if (target.memory) {
    // memdb VFS: a name starting with '/' is shared by every connection of this process that
    // opens it, which is what a pool needs (":memory:" would give each connection its own).
    filename = "file:/" + target.path + "?vfs=memdb";
    flags |= SQLITE_OPEN_URI;
  } else {
    filename = target.path;
    std::filesystem::path parent = std::filesystem::path(target.path).parent_path();
    if (!parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
      if (ec) {
        return fail(Error::unavailable("无法创建数据库目录 (cannot create directory) " + parent.string() +
                                       ": " + ec.message()));
      }
    }
  }
  // Once per process, before SQLite initialises: no memory statistics (they take a global mutex on
  // every allocation, which serialised concurrent readers), and multi-thread mode — a pooled
  // connection is only ever used by one thread at a time, so per-connection mutexes buy nothing.
  static std::once_flag configured;
  std::call_once(configured, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(filename.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return fail(Error::unavailable("无法打开 SQLite 数据库 (cannot open) " + target.path + ": " + msg));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto conn = std::make_unique<SqliteConnection>(db);

  if (!target.memory) {
    auto mode = conn->query("PRAGMA journal_mode=WAL");
    if (!mode) return fail(mode.error());
    if (mode->rows.empty() || mode->rows[0].get_text(0) != "wal") {
      return fail(Error::internal("SQLite 无法启用 WAL 模式 (cannot enable WAL) for " + target.path));
    }
  }
  if (auto s = conn->exec_script("PRAGMA foreign_keys=ON"); !s) return fail(s.error());
  if (auto s = conn->exec_script(options.durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
      !s) {
    return fail(s.error());
  }
  return std::unique_ptr<DriverConnection>(std::move(conn));
}

}  // namespace gk::sql::detail
