#include "http/headers.h"

#include <gtest/gtest.h>

namespace gk::http {
namespace {

TEST(HeadersTest, GetIsCaseInsensitiveAndReturnsFirstValue) {
  Headers h;
  h.add("Content-Type", "text/html");
  h.add("content-type", "text/plain");
  ASSERT_TRUE(h.get("CONTENT-TYPE").has_value());
  EXPECT_EQ(*h.get("CONTENT-TYPE"), "text/html");
  EXPECT_FALSE(h.get("Content-Length").has_value());
  EXPECT_TRUE(h.contains("content-TYPE"));
}

TEST(HeadersTest, AddKeepsRepeatedFieldsInOrder) {
  Headers h;
  h.add("Set-Cookie", "a=1");
  h.add("X-Other", "x");
  h.add("set-cookie", "b=2");
  auto all = h.get_all("Set-Cookie");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], "a=1");
  EXPECT_EQ(all[1], "b=2");
  EXPECT_EQ(h.size(), 3u);
}

TEST(HeadersTest, SetReplacesEveryValueInPlace) {
  Headers h;
  h.add("A", "1");
  h.add("Vary", "Cookie");
  h.add("vary", "Origin");
  h.add("B", "2");
  h.set("VARY", "Accept-Encoding");
  ASSERT_EQ(h.size(), 3u);
  auto it = h.begin();
  EXPECT_EQ(it->first, "A");
  ++it;
  EXPECT_EQ(it->first, "Vary");
  EXPECT_EQ(it->second, "Accept-Encoding");
  ++it;
  EXPECT_EQ(it->first, "B");
}

TEST(HeadersTest, SetAddsWhenAbsent) {
  Headers h;
  h.set("Location", "/x");
  EXPECT_EQ(*h.get("location"), "/x");
}

TEST(HeadersTest, RemoveDeletesEveryMatchAndCountsThem) {
  Headers h;
  h.add("X", "1");
  h.add("x", "2");
  h.add("Y", "3");
  EXPECT_EQ(h.remove("X"), 2u);
  EXPECT_EQ(h.remove("X"), 0u);
  EXPECT_EQ(h.size(), 1u);
  h.clear();
  EXPECT_TRUE(h.empty());
}

TEST(HeadersTest, IequalsComparesAsciiCaseInsensitively) {
  EXPECT_TRUE(iequals("Accept-Encoding", "accept-encoding"));
  EXPECT_FALSE(iequals("Accept", "Accept-Encoding"));
  EXPECT_FALSE(iequals("a", "b"));
}

}  // namespace
}  // namespace gk::http
