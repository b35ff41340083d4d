#include "accounts/accounts_service.h"

#include <gtest/gtest.h>

#include "accounts/fake_accounts_store.h"
#include "accounts/login_throttle.h"

namespace gk::accounts {
namespace {

constexpr const char* kGoodPassword = "Correct-Horse-42";

class AccountsServiceTest : public ::testing::Test {
 protected:
  AccountsServiceTest()
      : clock_(Instant::from_seconds(1'700'000'000)),
        hasher_(PasswordHashParams::kFastForTests),
        service_(store_, clock_, hasher_) {
    Department czj;
    czj.code = "czj";
    czj.name = "东阳市财政局";
    Department sfb;
    sfb.code = "sfb";
    sfb.name = "东阳市人民政府办公室";
    sfb.kind = DepartmentKind::kOffice;
    EXPECT_TRUE(service_.ensure_departments(Principal::system(), {czj, sfb}, ctx_));
    czj_ = store_.state().departments[0].id;
    sfb_ = store_.state().departments[1].id;
  }

  UserId add_user(const std::string& name, const std::string& dept, std::vector<Role> roles) {
    auto id = service_.create_user(Principal::system(), {name, "测试" + name, dept, roles, kGoodPassword}, ctx_);
    EXPECT_TRUE(id) << id.error().to_string();
    return id.value_or(UserId());
  }

  Principal principal(const std::string& username) {
    auto login = service_.login(username, kGoodPassword, ctx_);
    EXPECT_TRUE(login) << login.error().to_string();
    return login->principal;
  }

  FakeClock clock_;
  PasswordHasher hasher_;
  FakeAccountsStore store_;
  AccountsService service_;
  RequestContext ctx_{"req-1", "127.0.0.1", "test"};
  DepartmentId czj_, sfb_;
};

TEST_F(AccountsServiceTest, EnsureDepartmentsIsIdempotentAndAudited) {
  EXPECT_EQ(store_.state().departments.size(), 2u);
  Department again;
  again.code = "czj";
  again.name = "东阳市财政局";
  auto added = service_.ensure_departments(Principal::system(), {again}, ctx_);
  ASSERT_TRUE(added);
  EXPECT_EQ(*added, 0);
  EXPECT_EQ(store_.state().audit.size(), 2u);
  EXPECT_EQ(store_.state().audit[0].action, "account.department_create");
}

TEST_F(AccountsServiceTest, DepartmentListIsServedFromMemoryBrieflyAndRefreshedAfterChanges) {
  ASSERT_EQ(service_.list_departments(nullptr)->size(), 2u);
  // A department written behind the service's back (another node) appears once the cache expires.
  Department extra;
  extra.id = DepartmentId(99);
  extra.code = "hdz";
  extra.name = "横店镇人民政府";
  store_.mutable_state().departments.push_back(extra);
  EXPECT_EQ(service_.list_departments(nullptr)->size(), 2u);
  clock_.advance_seconds(kDepartmentCacheSeconds);
  EXPECT_EQ(service_.list_departments(nullptr)->size(), 3u);
  // This process's own changes are visible at once.
  Department more;
  more.code = "sdx";
  more.name = "三单乡人民政府";
  ASSERT_TRUE(service_.ensure_departments(Principal::system(), {more}, ctx_));
  EXPECT_EQ(service_.list_departments(nullptr)->size(), 4u);
}

TEST_F(AccountsServiceTest, LoginWithRightPasswordOpensSessionThatResolvesToPrincipal) {
  add_user("zhang", "czj", {Role::kEditor});
  auto login = service_.login("Zhang", kGoodPassword, ctx_);  // user names are case-insensitive
  ASSERT_TRUE(login) << login.error().to_string();
  EXPECT_EQ(login->principal.department, czj_);
  EXPECT_EQ(login->principal.department_name, "东阳市财政局");
  auto info = service_.resolve_session(login->session_token);
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->principal.has_role(Role::kEditor));
  EXPECT_FALSE(info->csrf_secret.empty());
  // Only the hash of the token is stored.
  EXPECT_FALSE(store_.state().sessions.contains(login->session_token));
  EXPECT_TRUE(store_.state().sessions.contains(hash_token(login->session_token)));
}

TEST_F(AccountsServiceTest, WrongPasswordAndUnknownUserGiveTheSameAnswerAndAreAudited) {
  add_user("zhang", "czj", {Role::kEditor});
  auto wrong = service_.login("zhang", "not-the-password", ctx_);
  auto unknown = service_.login("nobody", "not-the-password", ctx_);
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message(), unknown.error().message());
  int failures = 0;
  for (const auto& e : store_.state().audit) failures += e.action == "account.login_failed";
  EXPECT_EQ(failures, 2);
}

TEST_F(AccountsServiceTest, FiveFailuresBlockFurtherLoginsForAWhile) {
  add_user("zhang", "czj", {Role::kEditor});
  for (int i = 0; i < kMaxConsecutiveFailures; ++i) {
    EXPECT_FALSE(service_.login("zhang", "wrong-password", ctx_));
    clock_.advance_seconds(10);
  }
  auto blocked = service_.login("zhang", kGoodPassword, ctx_);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kFailedPrecondition);
  clock_.advance_seconds(kBlockSeconds + 1);
  EXPECT_TRUE(service_.login("zhang", kGoodPassword, ctx_));
}

TEST_F(AccountsServiceTest, AuthenticateChecksThePasswordWithoutOpeningASessionAndSharesTheThrottle) {
  add_user("zhang", "czj", {Role::kReviewer});
  auto who = service_.authenticate("Zhang", kGoodPassword, ctx_);
  ASSERT_TRUE(who) << who.error().to_string();
  EXPECT_EQ(who->department, czj_);
  EXPECT_TRUE(who->has_role(Role::kReviewer));
  EXPECT_TRUE(store_.state().sessions.empty());
  for (const auto& e : store_.state().audit) EXPECT_NE(e.action, "account.login") << "no session, no login row";

  clock_.advance_seconds(10);  // failures count after the last success
  auto wrong = service_.authenticate("zhang", "not-the-password", ctx_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message(), service_.authenticate("nobody", "x", ctx_).error().message());
  EXPECT_EQ(service_.authenticate("", "", ctx_).error().code(), ErrorCode::kInvalidArgument);
  // Failures through the API count against the same subject as the login page.
  for (int i = 1; i < kMaxConsecutiveFailures; ++i) {
    clock_.advance_seconds(10);
    EXPECT_FALSE(service_.authenticate("zhang", "wrong", ctx_));
  }
  auto blocked = service_.login("zhang", kGoodPassword, ctx_);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(AccountsServiceTest, SessionExpiresAfterIdleTimeAndLogoutEndsIt) {
  add_user("zhang", "czj", {Role::kEditor});
  auto login = service_.login("zhang", kGoodPassword, ctx_);
  ASSERT_TRUE(login);
  clock_.advance_seconds(kSessionIdleSeconds + 1);
  auto expired = service_.resolve_session(login->session_token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), ErrorCode::kUnauthenticated);

  auto again = service_.login("zhang", kGoodPassword, ctx_);
  ASSERT_TRUE(again);
  ASSERT_TRUE(service_.logout(again->session_token, ctx_));
  EXPECT_FALSE(service_.resolve_session(again->session_token));
}

TEST_F(AccountsServiceTest, ExpiredSessionsAreSweptWhenSomeoneLogsIn) {
  add_user("zhang", "czj", {Role::kEditor});
  ASSERT_TRUE(service_.login("zhang", kGoodPassword, ctx_));
  ASSERT_TRUE(service_.login("zhang", kGoodPassword, ctx_));
  EXPECT_EQ(store_.state().sessions.size(), 2u);
  clock_.advance_seconds(kSessionIdleSeconds + 1);
  ASSERT_TRUE(service_.login("zhang", kGoodPassword, ctx_));
  EXPECT_EQ(store_.state().sessions.size(), 1u) << "the two abandoned sessions are gone";
}

TEST_F(AccountsServiceTest, ActiveUseKeepsSessionAliveUntilTheAbsoluteLimit) {
  add_user("zhang", "czj", {Role::kEditor});
  auto login = service_.login("zhang", kGoodPassword, ctx_);
  ASSERT_TRUE(login);
  int64_t elapsed = 0;
  while (elapsed + 3600 < kSessionAbsoluteSeconds) {
    clock_.advance_seconds(3600);
    elapsed += 3600;
    ASSERT_TRUE(service_.resolve_session(login->session_token)) << "after " << elapsed << " s";
  }
  clock_.advance_seconds(kSessionAbsoluteSeconds - elapsed);
  EXPECT_FALSE(service_.resolve_session(login->session_token));
}

TEST_F(AccountsServiceTest, OnlyAdminsCreateUsersAndDuplicatesAreFieldErrors) {
  add_user("admin1", "sfb", {Role::kAdmin});
  add_user("editor1", "czj", {Role::kEditor});
  const Principal admin = principal("admin1");
  const Principal editor = principal("editor1");

  auto denied = service_.create_user(editor, {"newbie", "新人", "czj", {Role::kEditor}, kGoodPassword}, ctx_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);

  EXPECT_TRUE(service_.create_user(admin, {"newbie", "新人", "czj", {Role::kEditor}, kGoodPassword}, ctx_));
  auto dup = service_.create_user(admin, {"newbie", "新人", "czj", {Role::kEditor}, kGoodPassword}, ctx_);
  ASSERT_FALSE(dup);
  ASSERT_EQ(dup.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(dup.error().fields().at(0).field, "username");
}

TEST_F(AccountsServiceTest, InvalidNewUserReportsEveryFieldAndStoresNothing) {
  const size_t before = store_.state().users.size();
  auto r = service_.create_user(Principal::system(), {"X", "", "czj", {}, "123"}, ctx_);
  ASSERT_FALSE(r);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"username", "display_name", "roles", "password"}));
  EXPECT_EQ(store_.state().users.size(), before);
}

TEST_F(AccountsServiceTest, DepartmentStaffSeeOnlyTheirOwnDepartment) {
  add_user("editor1", "czj", {Role::kEditor});
  add_user("clerk2", "sfb", {Role::kEditor});
  add_user("gkb", "sfb", {Role::kSupervisor});
  const Principal editor = principal("editor1");
  auto own = service_.list_users(editor, std::nullopt);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].username, "editor1");
  EXPECT_TRUE((*own)[0].password_hash.empty());  // hashes never reach views

  auto other = service_.list_users(editor, sfb_);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kPermissionDenied);

  auto all = service_.list_users(principal("gkb"), std::nullopt);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);
}

TEST_F(AccountsServiceTest, ChangePasswordNeedsTheCurrentOneAndAFailureChangesNothing) {
  add_user("zhang", "czj", {Role::kEditor});
  const Principal p = principal("zhang");
  auto wrong = service_.change_password(p, "not-current", "Another-Good-77", ctx_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().fields().at(0).field, "current_password");
  auto weak = service_.change_password(p, kGoodPassword, "1234567890", ctx_);
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().fields().at(0).field, "new_password");
  ASSERT_TRUE(service_.change_password(p, kGoodPassword, "Another-Good-77", ctx_));
  EXPECT_FALSE(service_.login("zhang", kGoodPassword, ctx_));
  EXPECT_TRUE(service_.login("zhang", "Another-Good-77", ctx_));
}

TEST_F(AccountsServiceTest, ResetPasswordEndsTheUsersSessions) {
  add_user("zhang", "czj", {Role::kEditor});
  auto login = service_.login("zhang", kGoodPassword, ctx_);
  ASSERT_TRUE(login);
  ASSERT_TRUE(service_.reset_password(Principal::system(), "zhang", "Reset-Password-9", ctx_));
  EXPECT_FALSE(service_.resolve_session(login->session_token));
  EXPECT_TRUE(service_.login("zhang", "Reset-Password-9", ctx_));
}

TEST_F(AccountsServiceTest, PublicAccountsRegisterWithEmailOrPhoneAndLogIn) {
  ASSERT_TRUE(service_.register_public_account({"citizen@example.cn", "李四", PublicAccountKind::kCitizen,
                                                kGoodPassword}, ctx_));
  ASSERT_TRUE(service_.register_public_account({"13800138000", "东阳某公司", PublicAccountKind::kFirm,
                                                kGoodPassword}, ctx_));
  auto bad = service_.register_public_account({"not-a-login", "", PublicAccountKind::kCitizen, "x"}, ctx_);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields().size(), 3u);
  auto dup = service_.register_public_account({"CITIZEN@example.cn", "李四", PublicAccountKind::kCitizen,
                                               kGoodPassword}, ctx_);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().fields().at(0).field, "login");

  auto login = service_.login_public("13800138000", kGoodPassword, ctx_);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->principal.kind, Principal::Kind::kPublic);
  auto info = service_.resolve_session(login->session_token);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->principal.display_name, "东阳某公司");
}

}  // namespace
}  // namespace gk::accounts
