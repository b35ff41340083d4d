#include "http/cookies.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/request.h"
#include "http/response.h"

namespace gk::http {
namespace {

TEST(CookiesTest, SerializesSafeDefaults) {
  Cookie c;
  c.name = "sid";
  c.value = "abc123";
  EXPECT_EQ(serialize_set_cookie(c), "sid=abc123; Path=/; HttpOnly; SameSite=Lax");
}

TEST(CookiesTest, SerializesEveryAttribute) {
  Cookie c{.name = "csrf",
           .value = "t0k",
           .path = "/admin",
           .max_age = std::chrono::seconds(3600),
           .http_only = false,
           .same_site = "Strict",
           .secure = true};
  EXPECT_EQ(serialize_set_cookie(c), "csrf=t0k; Path=/admin; Max-Age=3600; Secure; SameSite=Strict");
}

TEST(CookiesTest, SameSiteNoneImpliesSecure) {
  Cookie c{.name = "a", .value = "b", .same_site = "None"};
  EXPECT_EQ(serialize_set_cookie(c), "a=b; Path=/; HttpOnly; Secure; SameSite=None");
}

TEST(CookiesTest, ExpiredCookieDeletes) {
  EXPECT_EQ(serialize_set_cookie(expired_cookie("sid")), "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(CookiesTest, RefusesHeaderInjectionAndBadNames) {
  EXPECT_THROW(serialize_set_cookie(Cookie{.name = "sid", .value = "x\r\nSet-Cookie: evil=1"}),
               std::invalid_argument);
  EXPECT_THROW(serialize_set_cookie(Cookie{.name = "sid", .value = "a;b"}), std::invalid_argument);
  EXPECT_THROW(serialize_set_cookie(Cookie{.name = "sid", .value = "中文"}), std::invalid_argument);
  EXPECT_THROW(serialize_set_cookie(Cookie{.name = "bad name", .value = "x"}), std::invalid_argument);
  EXPECT_THROW(serialize_set_cookie(Cookie{.name = "", .value = "x"}), std::invalid_argument);
  EXPECT_THROW(serialize_set_cookie(Cookie{.name = "a", .value = "x", .same_site = "lax!"}),
               std::invalid_argument);
  EXPECT_THROW(serialize_set_cookie(Cookie{.name = "a", .value = "x", .path = "/;x"}), std::invalid_argument);
}

TEST(CookiesTest, ParsesCookieHeader) {
  auto pairs = parse_cookie_header("sid=abc; theme=\"dark\";  lang=zh-CN ;novalue; =x");
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[0], (std::pair<std::string, std::string>{"sid", "abc"}));
  EXPECT_EQ(pairs[1], (std::pair<std::string, std::string>{"theme", "dark"}));
  EXPECT_EQ(pairs[2], (std::pair<std::string, std::string>{"lang", "zh-CN"}));
}

TEST(CookiesTest, FindCookieReturnsFirstMatch) {
  EXPECT_EQ(find_cookie("a=1; sid=x; sid=y", "sid"), "x");
  EXPECT_FALSE(find_cookie("a=1", "sid").has_value());
  EXPECT_FALSE(find_cookie("", "sid").has_value());
}

TEST(CookiesTest, RequestCookieLooksAtEveryCookieHeader) {
  Request req;
  req.headers.add("Cookie", "a=1");
  req.headers.add("Cookie", "sid=s3cr3t");
  EXPECT_EQ(req.cookie("sid"), "s3cr3t");
  EXPECT_EQ(req.cookie("a"), "1");
  EXPECT_FALSE(req.cookie("b").has_value());
}

TEST(CookiesTest, ResponseSetCookieAddsOneHeaderPerCookie) {
  Response res;
  res.set_cookie(Cookie{.name = "a", .value = "1"});
  res.clear_cookie("b");
  auto all = res.headers.get_all("Set-Cookie");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].starts_with("a=1;"));
  EXPECT_TRUE(all[1].starts_with("b=;"));
}

}  // namespace
}  // namespace gk::http
