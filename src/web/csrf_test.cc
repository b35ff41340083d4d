#include "web/csrf.h"

#include <gtest/gtest.h>

namespace gk::web {
namespace {

TEST(CsrfTest, TokenValidatesOnlyForItsOwnBindingAndSecret) {
  const std::string token = csrf_token("server-secret", "visitor-binding");
  EXPECT_TRUE(csrf_token_valid("server-secret", "visitor-binding", token));
  EXPECT_FALSE(csrf_token_valid("server-secret", "another-visitor", token));
  EXPECT_FALSE(csrf_token_valid("other-secret", "visitor-binding", token));
  EXPECT_FALSE(csrf_token_valid("server-secret", "visitor-binding", ""));
  EXPECT_FALSE(csrf_token_valid("server-secret", "", csrf_token("server-secret", "")));
  std::string tampered = token;
  tampered[0] = tampered[0] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(csrf_token_valid("server-secret", "visitor-binding", tampered));
}

TEST(CsrfTest, TokenIsUrlSafe) {
  const std::string token = csrf_token("s", "b");
  EXPECT_EQ(token.find_first_of("+/=&?# "), std::string::npos);
  EXPECT_GE(token.size(), 40u);
}

}  // namespace
}  // namespace gk::web
