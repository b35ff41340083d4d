// How the layer fails and recovers: bad URLs, unreachable servers, connections cut under it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "engine_fixture.h"

namespace gk::storage_test {
namespace {

using sql::Connection;

// A loopback port with nothing listening: bind an ephemeral port, then close it.
int unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return -1;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(DatabaseOpenTest, MalformedUrlOrUnknownSchemeIsInvalidArgumentNamingTheUrl) {
  for (const char* url : {"", "mysql://localhost/gk", "sqlite:", "sqlite://", "gongkai.db",
                          "postgresql://127.0.0.1/gk?no_such_option=1", "postgresql://[::1/gk"}) {
    auto db = sql::Database::open(url);
    ASSERT_FALSE(db.has_value()) << url;
    EXPECT_EQ(db.error().code(), ErrorCode::kInvalidArgument) << url << ": " << describe(db.error());
    EXPECT_NE(db.error().message().find(url), std::string::npos) << db.error().message();
  }
}

TEST(DatabaseOpenTest, PasswordIsMaskedInErrors) {
  auto db = sql::Database::open("postgresql://gk:s3cret@127.0.0.1/gk?no_such_option=1");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().message().find("s3cret"), std::string::npos) << db.error().message();
}

TEST(DatabaseOpenTest, UnreachablePostgresIsUnavailableNotACrash) {
  const int port = unused_port();
  ASSERT_GT(port, 0);
  auto db = sql::Database::open("postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/postgres");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code(), ErrorCode::kUnavailable) << describe(db.error());
  EXPECT_NE(db.error().message().find(std::to_string(port)), std::string::npos) << db.error().message();
}

TEST(DatabaseOpenTest, SqliteMemoryDatabaseIsSharedByItsPoolOnly) {
  auto db = sql::Database::open("sqlite::memory:", {.pool_size = 2});
  GK_ASSERT_OK(db);
  GK_ASSERT_OK(sql::migrate(**db));
  auto a = (*db)->acquire();
  auto b = (*db)->acquire();
  GK_ASSERT_OK(a);
  GK_ASSERT_OK(b);
  GK_ASSERT_OK((*a)->query("INSERT INTO settings (key, value) VALUES ('site', '某县人民政府')"));
  auto seen = (*b)->query("SELECT value FROM settings WHERE key = 'site'");
  GK_ASSERT_OK(seen);
  ASSERT_EQ(seen->rows.size(), 1u);
  EXPECT_EQ(seen->rows[0].get_text(0), "某县人民政府");

  auto other = sql::Database::open("sqlite::memory:");
  GK_ASSERT_OK(other);
  auto lease = (*other)->acquire();
  GK_ASSERT_OK(lease);
  EXPECT_FALSE((*lease)->query("SELECT value FROM settings").has_value()) << "memory databases must not leak";
}

class SqliteSessionTest : public EngineTest {};

TEST_P(SqliteSessionTest, FileDatabaseUsesWalForeignKeysAndFullSyncInItsNewDirectory) {
  ASSERT_EQ(url().rfind("sqlite://", 0), 0u);
  EXPECT_TRUE(std::filesystem::exists(url().substr(9))) << "parent directory not created";
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto mode = (*lease)->query("PRAGMA journal_mode");
  GK_ASSERT_OK(mode);
  EXPECT_EQ(mode->rows.at(0).get_text(0), "wal");
  auto fk = (*lease)->query("PRAGMA foreign_keys");
  GK_ASSERT_OK(fk);
  EXPECT_EQ(fk->rows.at(0).get_int(0), 1);
  auto sync = (*lease)->query("PRAGMA synchronous");
  GK_ASSERT_OK(sync);
  EXPECT_EQ(sync->rows.at(0).get_int(0), 2);  // FULL
}

GK_INSTANTIATE_SQLITE_TESTS(SqliteSessionTest);

// The server cutting our connections, as a restart or failover does.
class PostgresRecoveryTest : public EngineTest {
 protected:
  // Terminates the backend serving `c` from a separate session, waiting until it is gone.
  void terminate_backend_of(Connection& c) {
    auto pid = c.query("SELECT pg_backend_pid()");
    ASSERT_TRUE(pid.has_value()) << describe(pid.error());
    auto killer = sql::Database::open(url(), {.pool_size = 1});
    ASSERT_TRUE(killer.has_value()) << describe(killer.error());
    auto lease = (*killer)->acquire();
    ASSERT_TRUE(lease.has_value());
    auto done = (*lease)->query("SELECT pg_terminate_backend(?, 5000)", {pid->rows.at(0).get_int(0)});
    ASSERT_TRUE(done.has_value()) << describe(done.error());
    ASSERT_EQ(done->rows.at(0).get_int(0), 1);
  }
};

TEST_P(PostgresRecoveryTest, LostConnectionIsUnavailableAndThePoolReconnects) {
  {
    auto lease = db().acquire();
    GK_ASSERT_OK(lease);
    terminate_backend_of(**lease);
    auto r = (*lease)->query("SELECT 1");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable) << describe(r.error());
  }  // the broken connection is discarded here
  EXPECT_GE(db().pool_stats().errors, 1);
  GK_ASSERT_OK(db().ping());
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  GK_ASSERT_OK((*lease)->query("SELECT COUNT(*) FROM departments"));
}

TEST_P(PostgresRecoveryTest, TransactionRetriesOnAConnectionThatDiedWhileIdle) {
  {
    auto lease = db().acquire();
    GK_ASSERT_OK(lease);
    terminate_backend_of(**lease);
  }  // back in the pool, looking healthy
  auto r = db().transaction([](Connection& c) -> Status {
    GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES ('k', 'v')"));
    return ok();
  });
  GK_ASSERT_OK(r);
}

TEST_P(PostgresRecoveryTest, PingReportsAConnectionThatDiedWhileIdleAsRecovered) {
  {
    auto lease = db().acquire();
    GK_ASSERT_OK(lease);
    terminate_backend_of(**lease);
  }
  GK_ASSERT_OK(db().ping());
}

GK_INSTANTIATE_POSTGRES_TESTS(PostgresRecoveryTest);

}  // namespace
}  // namespace gk::storage_test
