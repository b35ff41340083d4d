// Repository contract tests: the SQL implementations of the domain ports behave the same on SQLite
// and PostgreSQL. Each test drives a real service over a fresh, migrated database.
#include <gtest/gtest.h>

#include "accounts/accounts_service.h"
#include "accounts/password.h"
#include "calendar/calendar_service.h"
#include "engine_fixture.h"
#include "storage/repos/sql_accounts_repository.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_calendar_store.h"
#include "storage/repos/sql_settings.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
constexpr const char* kPassword = "Contract-Test-Pass-1";

class RepositoriesTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<storage::SqlAccountsStore>(db(), clock_);
    service_ = std::make_unique<accounts::AccountsService>(*store_, clock_, hasher_);
    accounts::Department czj, sfb;
    czj.code = "czj";
    czj.name = "东阳市财政局";
    sfb.code = "sfb";
    sfb.name = "东阳市人民政府办公室";
    sfb.kind = accounts::DepartmentKind::kOffice;
    GK_ASSERT_OK(service_->ensure_departments(Principal::system(), {czj, sfb}, ctx_));
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    EngineTest::TearDown();
  }

  FakeClock clock_{Instant::from_seconds(1'700'000'000)};
  accounts::PasswordHasher hasher_{accounts::PasswordHashParams::kFastForTests};
  RequestContext ctx_{"req-contract", "10.0.0.1", "gtest"};
  std::unique_ptr<storage::SqlAccountsStore> store_;
  std::unique_ptr<accounts::AccountsService> service_;
};

TEST_P(RepositoriesTest, DepartmentsKeepChineseNamesAndOrder) {
  auto list = service_->list_departments(nullptr);
  GK_ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "东阳市财政局");
  EXPECT_EQ((*list)[1].kind, accounts::DepartmentKind::kOffice);
  auto again = service_->ensure_departments(Principal::system(), *list, ctx_);
  GK_ASSERT_OK(again);
  EXPECT_EQ(*again, 0);
}

TEST_P(RepositoriesTest, UsersRoundTripAndLoginWorksThroughSql) {
  auto id = service_->create_user(Principal::system(),
                                  {"zhang.san", "张三", "东阳市财政局", {Role::kEditor, Role::kFoiOfficer}, kPassword},
                                  ctx_);
  GK_ASSERT_OK(id);
  auto login = service_->login("zhang.san", kPassword, ctx_);
  GK_ASSERT_OK(login);
  EXPECT_EQ(login->principal.department_name, "东阳市财政局");
  EXPECT_TRUE(login->principal.has_role(Role::kFoiOfficer));
  auto info = service_->resolve_session(login->session_token);
  GK_ASSERT_OK(info);
  EXPECT_EQ(info->principal.user, *id);
  GK_ASSERT_OK(service_->logout(login->session_token, ctx_));
  EXPECT_FALSE(service_->resolve_session(login->session_token));
}

TEST_P(RepositoriesTest, DuplicateUsernameIsAFieldErrorAndNothingIsWritten) {
  GK_ASSERT_OK(service_->create_user(Principal::system(), {"li.si", "李四", "czj", {Role::kEditor}, kPassword}, ctx_));
  auto dup = service_->create_user(Principal::system(), {"li.si", "李四二", "czj", {Role::kEditor}, kPassword}, ctx_);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().fields().at(0).field, "username");
  auto users = service_->list_users(Principal::system(), std::nullopt);
  GK_ASSERT_OK(users);
  EXPECT_EQ(users->size(), 1u);
}

TEST_P(RepositoriesTest, StaleUserUpdateIsConflict) {
  auto id = service_->create_user(Principal::system(), {"wang", "王五", "czj", {Role::kEditor}, kPassword}, ctx_);
  GK_ASSERT_OK(id);
  auto conn = db().acquire();
  GK_ASSERT_OK(conn);
  storage::SqlAccountsRepository repo(**conn);
  auto u = repo.find_user(*id);
  GK_ASSERT_OK(u);
  accounts::User first = *u, second = *u;
  first.display_name = "王五（改）";
  GK_ASSERT_OK(repo.update_user(first));
  second.display_name = "王五（旧版本）";
  auto stale = repo.update_user(second);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(repo.find_user(*id)->display_name, "王五（改）");
  EXPECT_EQ(repo.find_user(*id)->version, 2);
}

TEST_P(RepositoriesTest, LoginThrottleCountsAttemptsStoredInTheDatabase) {
  GK_ASSERT_OK(service_->create_user(Principal::system(), {"zhao", "赵六", "czj", {Role::kEditor}, kPassword}, ctx_));
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(service_->login("zhao", "wrong-password", ctx_));
    clock_.advance_seconds(5);
  }
  auto blocked = service_->login("zhao", kPassword, ctx_);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(RepositoriesTest, EveryChangeIsAuditedAndTheChainVerifies) {
  GK_ASSERT_OK(service_->create_user(Principal::system(), {"chen", "陈七", "czj", {Role::kEditor}, kPassword}, ctx_));
  GK_ASSERT_OK(service_->login("chen", kPassword, ctx_));
  auto report = storage::verify_audit_log(db());
  GK_ASSERT_OK(report);
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->checked, 4);  // 2 departments, user created, login

  storage::SqlAuditReader reader(db());
  auto page = reader.page({.department = std::nullopt, .before_id = 0, .limit = 10});
  GK_ASSERT_OK(page);
  ASSERT_EQ(page->size(), 4u);
  EXPECT_EQ((*page)[0].action, "account.login");  // newest first
  EXPECT_EQ((*page)[0].ip, "10.0.0.1");
  EXPECT_EQ((*page)[0].request_id, "req-contract");
  EXPECT_EQ((*page)[1].action, "account.user_create");
}

TEST_P(RepositoriesTest, AuditVerifyNamesTheFirstEditedRow) {
  GK_ASSERT_OK(service_->create_user(Principal::system(), {"sun", "孙八", "czj", {Role::kEditor}, kPassword}, ctx_));
  auto conn = db().acquire();
  GK_ASSERT_OK(conn);
  // The table refuses edits...
  EXPECT_FALSE((*conn)->query("UPDATE audit_log SET summary = 'tampered' WHERE id = 2", {}));
  EXPECT_FALSE((*conn)->query("DELETE FROM audit_log WHERE id = 3", {}));
  // ...so a tamperer must first remove the guard; verify still finds the edit.
  if (engine() == Engine::kSqlite) {
    GK_ASSERT_OK((*conn)->exec_script("DROP TRIGGER audit_log_no_update;"));
  } else {
    GK_ASSERT_OK((*conn)->exec_script("ALTER TABLE audit_log DISABLE TRIGGER USER;"));
  }
  GK_ASSERT_OK((*conn)->query("UPDATE audit_log SET summary = 'tampered' WHERE id = 2", {}));
  auto report = storage::verify_audit_log(db());
  GK_ASSERT_OK(report);
  EXPECT_FALSE(report->ok);
  ASSERT_TRUE(report->first_bad_id);
  EXPECT_EQ(*report->first_bad_id, 2);
}

TEST_P(RepositoriesTest, CalendarImportIsStoredAuditedAndReloaded) {
  storage::SqlCalendarStore cal_store(db(), clock_);
  calendar::CalendarService cal(cal_store);
  GK_ASSERT_OK(cal.reload());
  EXPECT_FALSE(cal.current()->covers(2027));
  const std::string csv =
      "date,kind,name\n2027-02-06,holiday,春节\n2027-02-07,holiday,春节\n2027-02-08,holiday,春节\n"
      "2027-02-20,workday,春节\n";
  auto summary = cal.import_csv(Principal::system(), csv, "国办发明电〔2026〕X号", ctx_);
  GK_ASSERT_OK(summary);
  EXPECT_EQ(summary->rows, 4);
  EXPECT_EQ(summary->new_years, std::vector<int>{2027});

  calendar::CalendarService fresh(cal_store);  // another node reading the same database
  GK_ASSERT_OK(fresh.reload());
  EXPECT_TRUE(fresh.current()->covers(2027));
  EXPECT_EQ(fresh.current()->is_working_day(*Date::parse("2027-02-20")), true);

  auto bad = cal.import_csv(Principal::system(), "date,kind,name\n2027-13-01,holiday,春节\n", "", ctx_);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);

  storage::SqlAuditReader reader(db());
  auto page = reader.page({.department = std::nullopt, .before_id = 0, .limit = 1});
  GK_ASSERT_OK(page);
  EXPECT_EQ((*page)[0].action, "calendar.import");
}

TEST_P(RepositoriesTest, CalendarImportNeedsTheAdminRole) {
  storage::SqlCalendarStore cal_store(db(), clock_);
  calendar::CalendarService cal(cal_store);
  Principal editor;
  editor.kind = Principal::Kind::kStaff;
  editor.roles = {Role::kEditor};
  auto denied = cal.import_csv(editor, "date,kind,name\n2027-02-06,holiday,春节\n", "", ctx_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(RepositoriesTest, SettingIsCreatedOnceAndSharedByAllCallers) {
  auto first = storage::get_or_create_setting(db(), "server_secret", [] { return std::string("one"); });
  auto second = storage::get_or_create_setting(db(), "server_secret", [] { return std::string("two"); });
  GK_ASSERT_OK(first);
  GK_ASSERT_OK(second);
  EXPECT_EQ(*first, "one");
  EXPECT_EQ(*second, "one");
}

GK_INSTANTIATE_ENGINE_TESTS(RepositoriesTest);

}  // namespace
}  // namespace gk::storage_test
