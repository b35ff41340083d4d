// Migrations and the foundation schema, run on SQLite and PostgreSQL.
#include <thread>
#include <vector>

#include "engine_fixture.h"

namespace gk::storage_test {
namespace {

using sql::Connection;
using sql::Migration;

const char* const kFoundationTables[] = {"departments",    "users",     "public_accounts",  "sessions",
                                         "login_attempts", "audit_log", "audit_head",       "calendar_days",
                                         "settings",       "outbox",    "schema_migrations"};

class UnmigratedTest : public EngineTest {
 protected:
  bool migrate_on_setup() const override { return false; }
};

TEST_P(UnmigratedTest, MigrationsApplyAndAreIdempotent) {
  const auto embedded = sql::embedded_migrations(db().dialect());
  ASSERT_FALSE(embedded.empty());
  auto before = sql::migration_state(db());
  GK_ASSERT_OK(before);
  EXPECT_EQ(before->current, 0);
  EXPECT_EQ(before->latest, embedded.back().version);

  auto applied = sql::migrate(db());
  GK_ASSERT_OK(applied);
  EXPECT_EQ(*applied, static_cast<int>(embedded.size()));
  auto after = sql::migration_state(db());
  GK_ASSERT_OK(after);
  EXPECT_EQ(after->current, after->latest);

  auto again = sql::migrate(db());
  GK_ASSERT_OK(again);
  EXPECT_EQ(*again, 0);

  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  for (const char* table : kFoundationTables) {
    auto rs = (*lease)->query(std::string("SELECT COUNT(*) FROM ") + table);
    EXPECT_TRUE(rs.has_value()) << table << ": " << describe(rs.error());
  }
  auto recorded = (*lease)->query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  GK_ASSERT_OK(recorded);
  ASSERT_EQ(recorded->rows.size(), embedded.size());
  EXPECT_EQ(recorded->rows[0].get_int(0), 1);
  EXPECT_EQ(recorded->rows[0].get_text(1), "foundation");
  EXPECT_GT(recorded->rows[0].get_int(2), 0);
}

TEST_P(UnmigratedTest, FailedMigrationStopsWithInternalNamingTheFileAndKeepsEarlierOnes) {
  const Migration list[] = {
      {1, "first", "test/0001_first.sql", "CREATE TABLE first_table (id INTEGER PRIMARY KEY);"},
      {2, "broken", "test/0002_broken.sql",
       "CREATE TABLE second_table (id INTEGER PRIMARY KEY); THIS IS NOT SQL;"},
  };
  auto r = sql::migrate(db(), list);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
  EXPECT_NE(r.error().message().find("test/0002_broken.sql"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("THIS"), std::string::npos)
      << "database error missing: " << r.error().message();

  auto state = sql::migration_state(db(), list);
  GK_ASSERT_OK(state);
  EXPECT_EQ(state->current, 1);
  EXPECT_EQ(state->latest, 2);
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  EXPECT_TRUE((*lease)->query("SELECT COUNT(*) FROM first_table").has_value());
  EXPECT_FALSE((*lease)->query("SELECT COUNT(*) FROM second_table").has_value()) << "half-applied migration";
}

TEST_P(UnmigratedTest, DatabaseNewerThanTheProgramIsRefused) {
  const Migration newer[] = {
      {1, "a", "test/0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);"},
      {2, "b", "test/0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);"},
  };
  GK_ASSERT_OK(sql::migrate(db(), newer));
  auto r = sql::migrate(db(), std::span<const Migration>(newer, 1));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(UnmigratedTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  auto other = sql::Database::open(url());
  GK_ASSERT_OK(other);
  Result<int> first = 0, second = 0;
  std::thread t([&] { first = sql::migrate(db()); });
  second = sql::migrate(**other);
  t.join();
  GK_ASSERT_OK(first);
  GK_ASSERT_OK(second);
  EXPECT_EQ(*first + *second, static_cast<int>(sql::embedded_migrations(db().dialect()).size()));
}

GK_INSTANTIATE_ENGINE_TESTS(UnmigratedTest);

class SchemaContractTest : public EngineTest {};

Result<int64_t> insert_id(Connection& c, const std::string& sql, std::initializer_list<sql::Value> params) {
  GK_TRY_ASSIGN(rs, c.query(sql + " RETURNING id", params));
  return rs.rows.at(0).get_int(0);
}

TEST_P(SchemaContractTest, AuditHeadIsSeededAndSingleton) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto rs = (*lease)->query("SELECT singleton, last_id, last_hash FROM audit_head");
  GK_ASSERT_OK(rs);
  ASSERT_EQ(rs->rows.size(), 1u);
  EXPECT_EQ(rs->rows[0].get_int(0), 1);
  EXPECT_EQ(rs->rows[0].get_int(1), 0);
  EXPECT_EQ(rs->rows[0].get_text(2), "");
  EXPECT_FALSE((*lease)
                   ->query("INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (2, 0, '')")
                   .has_value());
}

TEST_P(SchemaContractTest, SessionsAreDeletedWithTheirUser) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  auto dept = insert_id(
      c,
      "INSERT INTO departments (code, name, kind, created_at) VALUES ('gov', '县人民政府', 'government', 1)",
      {});
  GK_ASSERT_OK(dept);
  auto user =
      insert_id(c,
                "INSERT INTO users (username, display_name, password_hash, department_id, roles, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                {"li", "李四", "$argon2id$…", *dept, "editor,reviewer", int64_t{1}, int64_t{1}});
  GK_ASSERT_OK(user);
  GK_ASSERT_OK(
      c.query("INSERT INTO sessions (token_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at) "
              "VALUES ('t1', ?, 'c', 1, 1, 2)",
              {*user}));
  auto defaults = c.query("SELECT active, version, ip FROM users u JOIN sessions s ON s.user_id = u.id");
  GK_ASSERT_OK(defaults);
  EXPECT_EQ(defaults->rows.at(0).get_int(0), 1);
  EXPECT_EQ(defaults->rows.at(0).get_int(1), 1);
  EXPECT_EQ(defaults->rows.at(0).get_text(2), "");
  GK_ASSERT_OK(c.query("DELETE FROM users WHERE id = ?", {*user}));
  auto left = c.query("SELECT COUNT(*) FROM sessions");
  GK_ASSERT_OK(left);
  EXPECT_EQ(left->rows.at(0).get_int(0), 0);
}

TEST_P(SchemaContractTest, PublicAccountNeedsEmailOrPhoneAndKnownKind) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  const std::string sql =
      "INSERT INTO public_accounts (email, phone, display_name, kind, password_hash, created_at) "
      "VALUES (?, ?, '王五', ?, 'h', 1)";
  EXPECT_FALSE(c.query(sql, {nullptr, nullptr, "citizen"}).has_value());
  EXPECT_FALSE(c.query(sql, {"a@example.cn", nullptr, "robot"}).has_value());
  GK_ASSERT_OK(c.query(sql, {"a@example.cn", nullptr, "citizen"}));
  GK_ASSERT_OK(c.query(sql, {nullptr, "13800000000", "firm"}));
  GK_ASSERT_OK(c.query(sql, {nullptr, "13900000000", "firm"}));  // several NULL emails are fine
  auto dup = c.query(sql, {"a@example.cn", nullptr, "citizen"});
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  EXPECT_NE(dup.error().message().find("public_accounts.email"), std::string::npos) << dup.error().message();
}

GK_INSTANTIATE_ENGINE_TESTS(SchemaContractTest);

}  // namespace
}  // namespace gk::storage_test
