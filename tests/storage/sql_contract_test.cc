// The SQL layer's contract, run on SQLite and PostgreSQL: parameters, errors, transactions, pool,
// concurrency, optimistic updates and the append-only audit log.
#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "engine_fixture.h"

namespace gk::storage_test {
namespace {

using sql::Connection;
using sql::Value;

Result<int64_t> add_department(Connection& c, const std::string& code, const std::string& name) {
  GK_TRY_ASSIGN(
      rs, c.query("INSERT INTO departments (code, name, kind, created_at) VALUES (?, ?, 'department', ?) "
                  "RETURNING id",
                  {code, name, int64_t{1'700'000'000'000'000}}));
  return rs.rows.at(0).get_int(0);
}

int64_t count_rows(sql::Database& db, const std::string& table) {
  auto lease = db.acquire();
  if (!lease) return -1;
  auto rs = (*lease)->query("SELECT COUNT(*) FROM " + table);
  return rs ? rs->rows.at(0).get_int(0) : -1;
}

class SqlContractTest : public EngineTest {};

TEST_P(SqlContractTest, ParamsOfEveryTypeRoundTrip) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  GK_ASSERT_OK(c.exec_script(
      "CREATE TABLE kinds (k INTEGER PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT, n TEXT)"));

  struct Case {
    int64_t i;
    double d;
    std::string s;
  };
  const std::vector<Case> cases = {
      {std::numeric_limits<int64_t>::max(), 0.1, "《政府信息公开条例》第三十三条：“依申请公开”？"},
      {std::numeric_limits<int64_t>::min(), -2.5e-300, ""},
      {0, 1e300, "it's a \\ back-slash, a ? and a $1"},
      {-7, 3.0, "𠀀 emoji 🙂 and 繁體"},
  };
  for (size_t k = 0; k < cases.size(); ++k) {
    const Case& cs = cases[k];
    auto ins = c.query("INSERT INTO kinds (k, i, d, s, n) VALUES (?, ?, ?, ?, ?)",
                       {static_cast<int64_t>(k), cs.i, cs.d, cs.s, nullptr});
    GK_ASSERT_OK(ins);
    EXPECT_EQ(ins->affected_rows, 1);
  }
  // The vector overload, and a SELECT reports no affected rows.
  std::vector<Value> params = {int64_t{-1}};
  auto rs = c.query("SELECT i, d, s, n FROM kinds WHERE k > ? ORDER BY k", params);
  GK_ASSERT_OK(rs);
  EXPECT_EQ(rs->affected_rows, 0);
  ASSERT_EQ(rs->columns, (std::vector<std::string>{"i", "d", "s", "n"}));
  ASSERT_EQ(rs->rows.size(), cases.size());
  for (size_t k = 0; k < cases.size(); ++k) {
    const sql::Row& row = rs->rows[k];
    EXPECT_EQ(row.get_int(0), cases[k].i);
    EXPECT_EQ(row.get_opt_int(0), cases[k].i);
    EXPECT_EQ(row.get_double(1), cases[k].d);
    EXPECT_EQ(row.get_text(2), cases[k].s);
    EXPECT_EQ(row.get_opt_text(2), cases[k].s);
    EXPECT_FALSE(row.is_null(2));
    EXPECT_TRUE(row.is_null(3));
    EXPECT_EQ(row.get_opt_text(3), std::nullopt);
    EXPECT_EQ(row.get_opt_int(3), std::nullopt);
    EXPECT_EQ(row.get_text(3), "");
  }
}

TEST_P(SqlContractTest, BareParametersComeBackWithTheirOwnTypes) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto rs =
      (*lease)->query("SELECT ?, ?, ?, ?, ?", {int64_t{42}, int64_t{5'000'000'000}, 2.5, "公开", nullptr});
  GK_ASSERT_OK(rs);
  const sql::Row& row = rs->rows.at(0);
  EXPECT_TRUE(std::holds_alternative<int64_t>(row.cell(0)));
  EXPECT_EQ(row.get_int(0), 42);
  EXPECT_EQ(row.get_int(1), 5'000'000'000);
  EXPECT_TRUE(std::holds_alternative<double>(row.cell(2)));
  EXPECT_EQ(row.get_double(2), 2.5);
  EXPECT_EQ(row.get_text(3), "公开");
  EXPECT_TRUE(row.is_null(4));
  // A small integer parameter still fits functions that take INTEGER.
  auto sub = (*lease)->query("SELECT substr(?, ?, ?)", {"政府信息公开", int64_t{3}, int64_t{2}});
  GK_ASSERT_OK(sub);
  EXPECT_EQ(sub->rows.at(0).get_text(0), "信息");
}

TEST_P(SqlContractTest, QuestionMarkInsideQuotedStringIsNotAPlaceholder) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto rs = (*lease)->query("SELECT '是否公开?' AS a, ? AS b, 'it''s ?' AS c /* ? */", {"值"});
  GK_ASSERT_OK(rs);
  const sql::Row& row = rs->rows.at(0);
  EXPECT_EQ(row.get_text(0), "是否公开?");
  EXPECT_EQ(row.get_text(1), "值");
  EXPECT_EQ(row.get_text(2), "it's ?");
}

TEST_P(SqlContractTest, WrongParameterCountIsInternal) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto rs = (*lease)->query("SELECT ?, ?", {int64_t{1}});
  ASSERT_FALSE(rs.has_value());
  EXPECT_EQ(rs.error().code(), ErrorCode::kInternal);
}

TEST_P(SqlContractTest, AffectedRowsCountChangedRows) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  GK_ASSERT_OK(add_department(c, "a", "甲"));
  GK_ASSERT_OK(add_department(c, "b", "乙"));
  auto upd = c.query("UPDATE departments SET sort_order = ? WHERE code IN ('a', 'b')", {int64_t{3}});
  GK_ASSERT_OK(upd);
  EXPECT_EQ(upd->affected_rows, 2);
  auto none = c.query("DELETE FROM departments WHERE code = ?", {"zzz"});
  GK_ASSERT_OK(none);
  EXPECT_EQ(none->affected_rows, 0);
}

TEST_P(SqlContractTest, UniqueViolationIsConflictNamingTheColumn) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  GK_ASSERT_OK(add_department(c, "gov", "县人民政府"));
  auto same_code = add_department(c, "gov", "县政府办公室");
  ASSERT_FALSE(same_code.has_value());
  EXPECT_EQ(same_code.error().code(), ErrorCode::kConflict);
  EXPECT_NE(same_code.error().message().find("departments.code"), std::string::npos)
      << same_code.error().message();
  auto same_name = add_department(c, "gov2", "县人民政府");
  ASSERT_FALSE(same_name.has_value());
  EXPECT_EQ(same_name.error().code(), ErrorCode::kConflict);
  EXPECT_NE(same_name.error().message().find("departments.name"), std::string::npos)
      << same_name.error().message();
}

TEST_P(SqlContractTest, ForeignKeyViolationIsConflict) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto rs = (*lease)->query(
      "INSERT INTO users (username, display_name, password_hash, department_id, created_at, updated_at) "
      "VALUES ('zhang', '张三', 'x', 999, 1, 1)");
  ASSERT_FALSE(rs.has_value());
  EXPECT_EQ(rs.error().code(), ErrorCode::kConflict) << describe(rs.error());
}

TEST_P(SqlContractTest, CheckViolationIsInternal) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto rs = (*lease)->query(
      "INSERT INTO departments (code, name, kind, created_at) VALUES ('x', 'x', 'ministry', 1)");
  ASSERT_FALSE(rs.has_value());
  EXPECT_EQ(rs.error().code(), ErrorCode::kInternal) << describe(rs.error());
}

TEST_P(SqlContractTest, NestedTransactionIsRefusedInsteadOfDeadlocking) {
  auto outer = db().transaction([&](sql::Connection& c) -> Status {
    GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES ('outer', '1')", {}));
    auto inner = db().transaction([&](sql::Connection& c2) -> Status {
      GK_TRY_STATUS(c2.query("INSERT INTO settings (key, value) VALUES ('inner', '1')", {}));
      return ok();
    });
    EXPECT_FALSE(inner);
    if (!inner) {
      EXPECT_EQ(inner.error().code(), ErrorCode::kInternal);
      EXPECT_NE(inner.error().message().find("nested transaction"), std::string::npos);
    }
    return ok();
  });
  GK_ASSERT_OK(outer);
  // The thread is usable again afterwards.
  GK_ASSERT_OK(db().transaction([&](sql::Connection& c) -> Status {
    GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES ('after', '1')", {}));
    return ok();
  }));
}

TEST_P(SqlContractTest, ReadTransactionSeesCommittedDataAndRefusesWrites) {
  GK_ASSERT_OK(db().transaction([&](sql::Connection& c) -> Status {
    GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES ('k', 'v')", {}));
    return ok();
  }));
  auto read = db().read_transaction([&](sql::Connection& c) -> Result<std::string> {
    GK_TRY_ASSIGN(rs, c.query("SELECT value FROM settings WHERE key = 'k'", {}));
    return rs.rows.at(0).get_text(0);
  });
  GK_ASSERT_OK(read);
  EXPECT_EQ(*read, "v");
  auto write = db().read_transaction([&](sql::Connection& c) -> Status {
    GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES ('w', 'x')", {}));
    return ok();
  });
  EXPECT_FALSE(write) << "a read-only unit of work must not write, on either engine";
  // The same pooled connections accept writes again in ordinary transactions.
  for (int i = 0; i < 6; ++i) {
    GK_ASSERT_OK(db().transaction([&](sql::Connection& c) -> Status {
      GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES (?, 'y')", {"after-" + std::to_string(i)}));
      return ok();
    }));
  }
}

TEST_P(SqlContractTest, TransactionReturnsTheBodysValueAndCommits) {
  Result<int64_t> id = db().transaction([](Connection& c) { return add_department(c, "a", "甲"); });
  GK_ASSERT_OK(id);
  EXPECT_GT(*id, 0);
  EXPECT_EQ(count_rows(db(), "departments"), 1);
}

TEST_P(SqlContractTest, TransactionThatReturnsAnErrorLeavesNothingWritten) {
  Status s = db().transaction([](Connection& c) -> Status {
    GK_TRY_STATUS(add_department(c, "a", "甲"));
    GK_TRY_STATUS(c.query("INSERT INTO settings (key, value) VALUES ('k', 'v')"));
    return fail(Error::invalid("校验失败"));
  });
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.error().message(), "校验失败");
  EXPECT_EQ(count_rows(db(), "departments"), 0);
  EXPECT_EQ(count_rows(db(), "settings"), 0);
}

TEST_P(SqlContractTest, FailedStatementInsideTransactionPreventsCommitEvenIfIgnored) {
  Status s = db().transaction([](Connection& c) -> Status {
    GK_TRY_STATUS(add_department(c, "a", "甲"));
    auto duplicate = add_department(c, "a", "甲");  // fails; the body carries on regardless
    (void)duplicate;
    return ok();
  });
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(count_rows(db(), "departments"), 0);
}

TEST_P(SqlContractTest, TransactionThatThrowsIsRolledBackAndReportedAsInternal) {
  Status s = db().transaction([](Connection& c) -> Status {
    GK_TRY_STATUS(add_department(c, "a", "甲"));
    throw std::runtime_error("模拟的意外");
  });
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code(), ErrorCode::kInternal);
  EXPECT_NE(s.error().message().find("模拟的意外"), std::string::npos);
  EXPECT_EQ(count_rows(db(), "departments"), 0);
  EXPECT_EQ(db().pool_stats().in_use, 0);
  // The connection went back to the pool in a usable state.
  GK_ASSERT_OK(db().transaction([](Connection& c) { return add_department(c, "b", "乙"); }));
  EXPECT_EQ(count_rows(db(), "departments"), 1);
}

TEST_P(SqlContractTest, LeaseReturnedMidTransactionIsRolledBack) {
  {
    auto lease = db().acquire();
    GK_ASSERT_OK(lease);
    GK_ASSERT_OK((*lease)->exec_script("BEGIN"));
    GK_ASSERT_OK(add_department(**lease, "a", "甲"));
  }
  EXPECT_EQ(count_rows(db(), "departments"), 0);
  GK_ASSERT_OK(db().transaction([](Connection& c) { return add_department(c, "a", "甲"); }));
}

TEST_P(SqlContractTest, OptimisticUpdateWithCurrentVersionBumpsIt) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  auto id = add_department(c, "a", "甲");
  GK_ASSERT_OK(id);
  auto v2 = sql::update_versioned(c, "departments", *id, 1, "name = ?, sort_order = ?", {"甲局", int64_t{5}});
  GK_ASSERT_OK(v2);
  EXPECT_EQ(*v2, 2);
  auto rs = c.query("SELECT name, sort_order, version FROM departments WHERE id = ?", {*id});
  GK_ASSERT_OK(rs);
  EXPECT_EQ(rs->rows.at(0).get_text(0), "甲局");
  EXPECT_EQ(rs->rows.at(0).get_int(1), 5);
  EXPECT_EQ(rs->rows.at(0).get_int(2), 2);
}

TEST_P(SqlContractTest, OptimisticUpdateWithStaleVersionIsConflict) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  auto id = add_department(c, "a", "甲");
  GK_ASSERT_OK(id);
  GK_ASSERT_OK(sql::update_versioned(c, "departments", *id, 1, "name = ?", {"第一次"}));
  auto stale = sql::update_versioned(c, "departments", *id, 1, "name = ?", {"第二次"});
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_NE(stale.error().message().find("已被他人修改"), std::string::npos);
  auto missing = sql::update_versioned(c, "departments", *id + 100, 1, "name = ?", {"无"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);

  // The raw form, for updates keyed by something else.
  const std::vector<Value> upd = {"第三次", "a", int64_t{1}};
  const std::vector<Value> key = {"a"};
  Status raw = sql::run_versioned_update(
      c, "UPDATE departments SET name = ?, version = version + 1 WHERE code = ? AND version = ?", upd,
      "SELECT 1 FROM departments WHERE code = ?", key, "department a");
  ASSERT_FALSE(raw.has_value());
  EXPECT_EQ(raw.error().code(), ErrorCode::kConflict);
  Status unguarded = sql::run_versioned_update(c, "UPDATE departments SET name = ? WHERE code = ?", upd,
                                               "SELECT 1", key, "department a");
  ASSERT_FALSE(unguarded.has_value());
  EXPECT_EQ(unguarded.error().code(), ErrorCode::kInternal);
}

TEST_P(SqlContractTest, AuditLogRejectsUpdateAndDelete) {
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  Connection& c = **lease;
  GK_ASSERT_OK(c.query("INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
                       {int64_t{1}, "user:1", "department.create", "", "h1"}));
  auto upd = c.query("UPDATE audit_log SET summary = '篡改'");
  ASSERT_FALSE(upd.has_value());
  EXPECT_NE(upd.error().message().find("append-only"), std::string::npos) << describe(upd.error());
  auto del = c.query("DELETE FROM audit_log");
  ASSERT_FALSE(del.has_value());
  EXPECT_NE(del.error().message().find("append-only"), std::string::npos) << describe(del.error());
  auto rs = c.query("SELECT summary FROM audit_log");
  GK_ASSERT_OK(rs);
  ASSERT_EQ(rs->rows.size(), 1u);
  EXPECT_EQ(rs->rows[0].get_text(0), "");
}

TEST_P(SqlContractTest, PingSucceedsOnAReachableDatabase) { GK_ASSERT_OK(db().ping()); }

TEST_P(SqlContractTest, ConcurrentReadModifyWriteTransactionsLoseNoUpdate) {
  {
    auto lease = db().acquire();
    GK_ASSERT_OK(lease);
    GK_ASSERT_OK(
        (*lease)->exec_script("CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);"
                              "INSERT INTO counter (id, n) VALUES (1, 0)"));
  }
  constexpr int kThreads = 2;
  constexpr int kIncrements = 50;
  std::atomic<int> failures{0};
  std::vector<std::string> errors(kThreads);
  auto work = [&](int t) {
    for (int i = 0; i < kIncrements; ++i) {
      // Read, then write what was read + 1: loses updates unless transactions are serialisable.
      Status s = db().transaction([](Connection& c) -> Status {
        GK_TRY_ASSIGN(rs, c.query("SELECT n FROM counter WHERE id = 1"));
        GK_TRY_STATUS(c.query("UPDATE counter SET n = ? WHERE id = 1", {rs.rows.at(0).get_int(0) + 1}));
        return ok();
      });
      if (!s) {
        ++failures;
        errors[static_cast<size_t>(t)] = describe(s.error());
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(work, t);
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0) << errors[0] << " / " << errors[1];
  auto lease = db().acquire();
  GK_ASSERT_OK(lease);
  auto rs = (*lease)->query("SELECT n FROM counter WHERE id = 1");
  GK_ASSERT_OK(rs);
  EXPECT_EQ(rs->rows.at(0).get_int(0), kThreads * kIncrements);
}

GK_INSTANTIATE_ENGINE_TESTS(SqlContractTest);

// A small pool with a short wait, to observe exhaustion quickly.
class PoolContractTest : public EngineTest {
 protected:
  sql::OpenOptions open_options() const override { return {.pool_size = 2, .acquire_timeout_ms = 1000}; }
};

TEST_P(PoolContractTest, HandsOutAtMostPoolSizeConnectionsAndAWaiterGetsAReleasedOne) {
  auto a = db().acquire();
  auto b = db().acquire();
  GK_ASSERT_OK(a);
  GK_ASSERT_OK(b);
  EXPECT_NE(&**a, &**b);
  EXPECT_EQ(db().pool_stats().in_use, 2);

  auto third = db().acquire();  // waits 1 s, then gives up
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code(), ErrorCode::kUnavailable);
  const int64_t waits_before = db().pool_stats().waits;

  Connection* released = &**a;
  std::optional<Result<sql::Database::Lease>> got;
  std::thread waiter([&] { got.emplace(db().acquire()); });
  // Release only once the waiter is actually waiting (it counts itself under the pool's lock).
  while (db().pool_stats().waits == waits_before) std::this_thread::yield();
  { auto drop = std::move(*a); }
  waiter.join();
  ASSERT_TRUE(got.has_value());
  GK_ASSERT_OK(*got);
  EXPECT_EQ(&***got, released);
  const auto stats = db().pool_stats();
  EXPECT_EQ(stats.size, 2);
  EXPECT_EQ(stats.in_use, 2);
  EXPECT_EQ(stats.open, 2);
}

GK_INSTANTIATE_ENGINE_TESTS(PoolContractTest);

}  // namespace
}  // namespace gk::storage_test
