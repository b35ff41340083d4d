#include "http/request_id.h"

#include <gtest/gtest.h>

#include <set>

namespace gk::http {
namespace {

TEST(RequestIdTest, SaneIdsAreShortTokens) {
  EXPECT_TRUE(is_sane_request_id("abc-123"));
  EXPECT_TRUE(is_sane_request_id("nginx:7f3a.01_x"));
  EXPECT_TRUE(is_sane_request_id(std::string(64, 'a')));
  EXPECT_FALSE(is_sane_request_id(""));
  EXPECT_FALSE(is_sane_request_id(std::string(65, 'a')));
  EXPECT_FALSE(is_sane_request_id("a b"));
  EXPECT_FALSE(is_sane_request_id("<script>"));
  EXPECT_FALSE(is_sane_request_id("id\r\nX-Evil: 1"));
  EXPECT_FALSE(is_sane_request_id("编号"));
}

TEST(RequestIdTest, GeneratedIdsAreHexAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = generate_request_id();
    ASSERT_EQ(id.size(), 32u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    ASSERT_TRUE(is_sane_request_id(id));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestIdTest, IncomingIdIsHonouredOnlyWhenSane) {
  EXPECT_EQ(request_id_for("upstream-42"), "upstream-42");
  const std::string replaced = request_id_for("bad id");
  EXPECT_NE(replaced, "bad id");
  EXPECT_EQ(replaced.size(), 32u);
  EXPECT_EQ(request_id_for(std::nullopt).size(), 32u);
}

}  // namespace
}  // namespace gk::http
