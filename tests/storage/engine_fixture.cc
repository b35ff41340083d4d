#include "engine_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <random>

namespace gk::storage_test {
namespace {

constexpr const char* kPgUrlVariable = "GONGKAI_TEST_PG_URL";

std::string random_suffix() {
  std::random_device rd;
  std::uniform_int_distribution<uint64_t> dist;
  static const char* hex = "0123456789abcdef";
  uint64_t v = dist(rd);
  std::string s;
  for (int i = 0; i < 16; ++i, v >>= 4) s += hex[v & 0xf];
  return s;
}

// postgresql://u@h:p/postgres?x=y -> postgresql://u@h:p/<db>?x=y
std::string with_database(const std::string& url, const std::string& db) {
  size_t authority = url.find("://");
  authority = authority == std::string::npos ? 0 : authority + 3;
  size_t query = url.find('?', authority);
  if (query == std::string::npos) query = url.size();
  size_t slash = url.find('/', authority);
  if (slash == std::string::npos || slash > query) return url.substr(0, query) + "/" + db + url.substr(query);
  return url.substr(0, slash + 1) + db + url.substr(query);
}

}  // namespace

std::string engine_test_name(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
}

void PrintTo(Engine engine, std::ostream* os) { *os << (engine == Engine::kSqlite ? "Sqlite" : "Postgres"); }

std::string describe(const Error& e) { return e.to_string(); }

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(Engine engine) {
  std::unique_ptr<ScratchDatabase> s(new ScratchDatabase());
  if (engine == Engine::kSqlite) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("gk_test_" + random_suffix());
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail(Error::internal("cannot create " + dir.string() + ": " + ec.message()));
    s->sqlite_dir_ = dir.string();
    // A sub-directory that does not exist yet: opening must create it.
    s->url_ = "sqlite://" + (dir / "data" / "gongkai.db").string();
    return s;
  }
  const char* admin_url = std::getenv(kPgUrlVariable);
  if (admin_url == nullptr || *admin_url == '\0') {
    return fail(Error::failed_precondition(
        std::string(kPgUrlVariable) +
        " is not set, so the PostgreSQL half of the storage contract cannot run. Run `make test`, or start "
        "a throwaway server with `export $(scripts/pg-test-cluster.sh start)` and run the tests again."));
  }
  auto admin = sql::Database::open(admin_url, sql::OpenOptions{.pool_size = 1});
  if (!admin) return fail(admin.error());
  s->admin_ = std::move(*admin);
  s->pg_name_ = "gk_test_" + random_suffix();
  {
    auto lease = s->admin_->acquire();
    if (!lease) return fail(lease.error());
    if (auto r =
            (*lease)->exec_script("CREATE DATABASE " + s->pg_name_ + " ENCODING 'UTF8' TEMPLATE template0");
        !r) {
      return fail(r.error());
    }
  }
  s->url_ = with_database(admin_url, s->pg_name_);
  return s;
}

ScratchDatabase::~ScratchDatabase() {
  if (!sqlite_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(sqlite_dir_, ec);
  }
  if (admin_ && !pg_name_.empty()) {
    if (auto lease = admin_->acquire()) {
      auto dropped = (*lease)->exec_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
      if (!dropped) ADD_FAILURE() << "cannot drop " << pg_name_ << ": " << describe(dropped.error());
    }
  }
}

void EngineTest::SetUp() {
  auto scratch = ScratchDatabase::create(engine());
  ASSERT_TRUE(scratch.has_value()) << describe(scratch.error());
  scratch_ = std::move(*scratch);
  auto opened = sql::Database::open(scratch_->url(), open_options());
  ASSERT_TRUE(opened.has_value()) << describe(opened.error());
  db_ = std::move(*opened);
  if (migrate_on_setup()) {
    auto migrated = sql::migrate(*db_);
    ASSERT_TRUE(migrated.has_value()) << describe(migrated.error());
  }
}

void EngineTest::TearDown() {
  db_.reset();
  scratch_.reset();
}

}  // namespace gk::storage_test
