// Storage contract fixture: one test body runs against every engine, as Xapian's
// DEFINE_TESTCASE(name, backend) does. Use it for the SQL layer and for every repository.
//
// Each test gets a fresh, hermetic database with all migrations applied (unless the fixture says
// otherwise): SQLite in a new temp directory (removed afterwards); PostgreSQL as a new database
// gk_test_<random> on the server named by GONGKAI_TEST_PG_URL (dropped afterwards). When that variable
// is unset the PostgreSQL instances FAIL (never skip): start a server with `make test` or
//   export $(scripts/pg-test-cluster.sh start)
//
// Writing a repository contract test:
//   // tests/storage/department_repo_contract_test.cc
//   #include "engine_fixture.h"
//   namespace gk::storage_test {
//   namespace {
//   class DepartmentRepoTest : public EngineTest {};
//   TEST_P(DepartmentRepoTest, FindsDepartmentByCode) {
//     SqlDepartmentRepository repo(db());          // db() is a migrated sql::Database
//     ...
//   }
//   GK_INSTANTIATE_ENGINE_TESTS(DepartmentRepoTest);  // -> .../Sqlite and .../Postgres
//   }  // namespace
//   }  // namespace gk::storage_test
// then add the file to storage_contract_test in tests/storage/CMakeLists.txt.
//
// Not thread-safe (gtest fixtures are per test); the Database it hands out is.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "storage/sql/sql.h"

namespace gk::storage_test {

enum class Engine { kSqlite, kPostgres };

// "Sqlite" / "Postgres": the suffix of each parameterised test's name.
std::string engine_test_name(const ::testing::TestParamInfo<Engine>& info);
void PrintTo(Engine engine, std::ostream* os);  // for gtest messages

// A fresh empty database on one engine, removed when this object is destroyed.
class ScratchDatabase {
 public:
  // Fails (kFailedPrecondition) for PostgreSQL when GONGKAI_TEST_PG_URL is unset, with instructions.
  static Result<std::unique_ptr<ScratchDatabase>> create(Engine engine);
  ~ScratchDatabase();

  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  // A URL for sql::Database::open().
  const std::string& url() const { return url_; }

 private:
  ScratchDatabase() = default;
  std::string url_;
  std::string sqlite_dir_;                // SQLite: the temp directory to remove
  std::unique_ptr<sql::Database> admin_;  // PostgreSQL: connection to the server's admin database
  std::string pg_name_;                   // PostgreSQL: the database to drop
};

class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Override to get an empty database (no migrations) or other pool options.
  virtual bool migrate_on_setup() const { return true; }
  virtual sql::OpenOptions open_options() const { return {}; }

  Engine engine() const { return GetParam(); }
  sql::Database& db() { return *db_; }
  // The fresh database's URL, e.g. to open a second Database on it.
  const std::string& url() const { return scratch_->url(); }
  // Closes db() (every Lease must have ended); useful before inspecting files.
  void close_db() { db_.reset(); }

 private:
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<sql::Database> db_;
};

// Formats an Error for gtest messages.
std::string describe(const Error& e);

}  // namespace gk::storage_test

// Runs every TEST_P of `suite` on SQLite and on PostgreSQL.
#define GK_INSTANTIATE_ENGINE_TESTS(suite)                                                           \
  INSTANTIATE_TEST_SUITE_P(                                                                          \
      Engines, suite,                                                                                \
      ::testing::Values(::gk::storage_test::Engine::kSqlite, ::gk::storage_test::Engine::kPostgres), \
      ::gk::storage_test::engine_test_name)

// For behaviour only one engine has (e.g. a server connection being cut).
#define GK_INSTANTIATE_POSTGRES_TESTS(suite)                                                              \
  INSTANTIATE_TEST_SUITE_P(PostgresOnly, suite, ::testing::Values(::gk::storage_test::Engine::kPostgres), \
                           ::gk::storage_test::engine_test_name)
#define GK_INSTANTIATE_SQLITE_TESTS(suite)                                                            \
  INSTANTIATE_TEST_SUITE_P(SqliteOnly, suite, ::testing::Values(::gk::storage_test::Engine::kSqlite), \
                           ::gk::storage_test::engine_test_name)

// ASSERT that a Result/Status is ok, printing the error otherwise.
#define GK_ASSERT_OK(expr)                                                      \
  do {                                                                          \
    const auto& gk_assert_r_ = (expr);                                          \
    ASSERT_TRUE(gk_assert_r_.has_value())                                       \
        << #expr << ": " << ::gk::storage_test::describe(gk_assert_r_.error()); \
  } while (0)
