// The portal and back office as a browser sees them: sessions, CSRF, escaping, department scope,
// redirects and headers. Every request goes through the real router and middleware.
#include <gtest/gtest.h>

#include "web_fixture.h"

namespace gk::web_test {
namespace {

using accounts::Role;

class WebPagesTest : public WebFixture {};

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(WebPagesTest, PortalPagesCarrySecurityHeadersAndAreNotCached) {
  Client c;
  http::Response res = get(c, "/");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(res.headers.get("Content-Security-Policy")->find("default-src 'self'") != std::string_view::npos);
  EXPECT_EQ(res.headers.get("Cache-Control"), "no-store");
  EXPECT_TRUE(c.cookies.contains("gk_csrf")) << "anonymous visitors get a CSRF binding cookie";
}

TEST_F(WebPagesTest, StatePostWithoutValidTokenIsRefusedWith403) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  Client c;
  get(c, "/login");
  http::Response no_token = send(c, "POST", "/login", "username=admin.one&password=Web-Test-Password-1");
  EXPECT_EQ(no_token.status, 403);
  EXPECT_FALSE(c.cookies.contains("gk_session"));

  // A token minted for another visitor does not work either.
  Client other;
  post_form(other, "/login", "/prefs/large-font", {{"on", "1"}});
  http::Response foreign =
      send(c, "POST", "/login", "username=admin.one&password=Web-Test-Password-1&_csrf=" + other.last_csrf);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_FALSE(c.cookies.contains("gk_session"));
}

TEST_F(WebPagesTest, LoginSetsAHardenedSessionCookieAndRedirectsToTheBackOffice) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  Client c;
  http::Response res =
      post_form(c, "/login", "/login", {{"username", "admin.one"}, {"password", kPassword}, {"next", "/admin/users"}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.headers.get("Location"), "/admin/users");
  std::string session_cookie;
  for (auto sc : res.headers.get_all("Set-Cookie"))
    if (sc.starts_with("gk_session=")) session_cookie = std::string(sc);
  EXPECT_TRUE(contains(session_cookie, "HttpOnly"));
  EXPECT_TRUE(contains(session_cookie, "SameSite=Lax"));
  EXPECT_FALSE(contains(session_cookie, "Secure")) << "plain HTTP on loopback";
  EXPECT_EQ(get(c, "/admin/users").status, 200);
}

TEST_F(WebPagesTest, SessionCookieIsSecureBehindTls) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  Client c;
  http::Response page = send(c, "GET", "/login", "", true);
  const std::string marker = "name=\"_csrf\" value=\"";
  const size_t at = page.body.find(marker) + marker.size();
  const std::string token = page.body.substr(at, page.body.find('"', at) - at);
  http::Response res = send(c, "POST", "/login", "username=admin.one&password=Web-Test-Password-1&_csrf=" + token, true);
  ASSERT_EQ(res.status, 303);
  bool secure = false;
  for (auto sc : res.headers.get_all("Set-Cookie"))
    if (sc.starts_with("gk_session=")) secure = contains(std::string(sc), "Secure");
  EXPECT_TRUE(secure);
}

TEST_F(WebPagesTest, LoginNeverRedirectsOffSite) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  for (const char* next : {"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"}) {
    Client c;
    http::Response res =
        post_form(c, "/login", "/login", {{"username", "admin.one"}, {"password", kPassword}, {"next", next}});
    ASSERT_EQ(res.status, 303) << next;
    EXPECT_EQ(res.headers.get("Location"), "/admin") << next;
  }
}

TEST_F(WebPagesTest, BackOfficeWithoutLoginRedirectsToTheLoginPage) {
  Client c;
  http::Response res = get(c, "/admin/users?department=czj");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.headers.get("Location"), "/login?next=%2Fadmin%2Fusers%3Fdepartment%3Dczj");
}

TEST_F(WebPagesTest, UserSuppliedTextIsEscapedInPages) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  add_user("evil.name", "<script>alert('x')</script>", "czj", {Role::kEditor});
  Client c;
  login(c, "admin.one");
  http::Response res = get(c, "/admin/users");
  ASSERT_EQ(res.status, 200);
  EXPECT_FALSE(contains(res.body, "<script>alert"));
  EXPECT_TRUE(contains(res.body, "&lt;script&gt;alert"));
}

TEST_F(WebPagesTest, CsvExportDefusesSpreadsheetFormulas) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  add_user("formula", "=HYPERLINK(\"http://x\")", "czj", {Role::kEditor});
  Client c;
  login(c, "admin.one");
  http::Response res = get(c, "/admin/users.csv");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(res.headers.get("Content-Type")->starts_with("text/csv"));
  EXPECT_TRUE(contains(res.body, "\"'=HYPERLINK(\"\"http://x\"\")\""));
}

TEST_F(WebPagesTest, DepartmentStaffSeeOnlyTheirDepartment) {
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  add_user("hdz.editor", "横店信息员", "hdz", {Role::kEditor});
  Client c;
  login(c, "czj.editor");
  http::Response own = get(c, "/admin/users");
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, "财政信息员"));
  EXPECT_FALSE(contains(own.body, "横店信息员"));
  EXPECT_EQ(get(c, "/admin/users?department=hdz").status, 403);
  EXPECT_EQ(get(c, "/admin/users.csv?department=hdz").status, 403);
  EXPECT_EQ(get(c, "/admin/audit").status, 403);
  EXPECT_EQ(get(c, "/admin/users/new").status, 403);
}

TEST_F(WebPagesTest, AdminCreatesUserAndTheChangeIsAudited) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  Client c;
  login(c, "admin.one");
  http::Response res = post_form(c, "/admin/users/new", "/admin/users/new",
                                 {{"username", "new.clerk"}, {"display_name", "新经办人"}, {"department", "czj"},
                                  {"roles", "foi_officer"}, {"roles", "editor"}, {"password", "New-Clerk-Pass-1"}});
  ASSERT_EQ(res.status, 303) << res.body;
  http::Response audit = get(c, "/admin/audit");
  EXPECT_TRUE(contains(audit.body, "创建用户 new.clerk"));
  EXPECT_TRUE(contains(audit.body, "editor,foi_officer") || contains(audit.body, "foi_officer,editor"));
}

TEST_F(WebPagesTest, InvalidFormKeepsInputAndShowsFieldErrors) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  Client c;
  login(c, "admin.one");
  http::Response res = post_form(c, "/admin/users/new", "/admin/users/new",
                                 {{"username", "Bad Name!"}, {"display_name", "保留的姓名"}, {"department", "czj"},
                                  {"password", "short"}});
  ASSERT_EQ(res.status, 400);
  EXPECT_TRUE(contains(res.body, "value=\"保留的姓名\""));
  EXPECT_TRUE(contains(res.body, "id=\"u-err\""));
  EXPECT_TRUE(contains(res.body, "id=\"p-err\""));
  EXPECT_TRUE(contains(res.body, "aria-invalid=\"true\""));
}

TEST_F(WebPagesTest, LogoutEndsTheSessionOnTheServer) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  Client c;
  login(c, "admin.one");
  const std::string stolen = c.cookies["gk_session"];
  ASSERT_EQ(post_form(c, "/admin", "/logout", {}).status, 303);
  Client thief;
  thief.cookies["gk_session"] = stolen;
  EXPECT_EQ(get(thief, "/admin").status, 303) << "a logged-out token must not work anywhere";
}

TEST_F(WebPagesTest, AdminImportsNextYearsHolidayNotice) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  Client c;
  login(c, "admin.one");
  http::Response page = get(c, "/admin/calendar");
  EXPECT_TRUE(contains(page.body, "2025年的节假日安排尚未导入") || contains(page.body, "已导入年份"));
  http::Response bad = post_form(c, "/admin/calendar", "/admin/calendar",
                                 {{"csv", "date,kind,name\n2027-02-30,holiday,春节\n"}, {"source", "x"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "2027-02-30")) << "the input is kept for correction";
  http::Response ok = post_form(c, "/admin/calendar", "/admin/calendar",
                                {{"csv", "date,kind,name\n2027-02-06,holiday,春节\n2027-02-07,holiday,春节\n"},
                                 {"source", "国办发明电"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_TRUE(calendar_->current()->covers(2027));
  EXPECT_EQ(get(c, "/calendar?month=2027-02").status, 200);
}

TEST_F(WebPagesTest, CalendarPageReportsUncoveredYearsInsteadOfGuessing) {
  Client c;
  http::Response res = get(c, "/calendar?month=2031-05");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, "2031年的节假日安排尚未导入"));
  EXPECT_FALSE(contains(res.body, "class=\"calendar\""));
  EXPECT_EQ(get(c, "/calendar?month=2024-13").status, 400);
}

TEST_F(WebPagesTest, UnknownPagesAndDepartmentsAreChinese404s) {
  Client c;
  http::Response res = get(c, "/departments/nope");
  EXPECT_EQ(res.status, 404);
  EXPECT_TRUE(contains(res.body, "页面不存在"));
  EXPECT_EQ(get(c, "/departments/czj").status, 200);
}

TEST_F(WebPagesTest, LargeFontPreferencePersistsInACookie) {
  Client c;
  http::Response res = post_form(c, "/", "/prefs/large-font", {{"on", "1"}, {"return", "/departments"}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.headers.get("Location"), "/departments");
  EXPECT_EQ(c.cookies["gk_large"], "1");
  EXPECT_TRUE(contains(get(c, "/departments").body, "class=\"large-font\""));
}

TEST_F(WebPagesTest, PublicAccountRegistersAndLogsIn) {
  Client c;
  http::Response reg = post_form(c, "/account/register", "/account/register",
                                 {{"kind", "firm"}, {"login", "13800138000"}, {"display_name", "东阳某木雕公司"},
                                  {"password", "Firm-Password-88"}});
  ASSERT_EQ(reg.status, 303) << reg.body;
  http::Response login = post_form(c, "/account/login", "/account/login",
                                   {{"username", "13800138000"}, {"password", "Firm-Password-88"}});
  ASSERT_EQ(login.status, 303);
  EXPECT_TRUE(contains(get(c, "/").body, "东阳某木雕公司"));
  EXPECT_EQ(get(c, "/admin").status, 403) << "public accounts never reach the back office";
}

}  // namespace
}  // namespace gk::web_test
