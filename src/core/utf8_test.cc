#include "core/utf8.h"

#include <gtest/gtest.h>

namespace gk {
namespace {

TEST(Utf8Test, AcceptsWellFormedChinese) {
  EXPECT_TRUE(is_valid_utf8("政府信息公开"));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_EQ(utf8_length("政府信息公开"), 6u);
}

TEST(Utf8Test, RejectsMalformedSequences) {
  for (std::string_view bad : {std::string_view("\xC0\xAF"),          // overlong '/'
                               std::string_view("\xED\xA0\x80"),      // surrogate
                               std::string_view("\xE6\x94"),          // truncated
                               std::string_view("\xFF"),              // invalid lead
                               std::string_view("\xF4\x90\x80\x80")}) {  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8(bad));
  }
}

TEST(Utf8Test, TrimsAsciiAndIdeographicSpace) {
  EXPECT_EQ(trim("\xE3\x80\x80 公开 \n"), "公开");
  EXPECT_EQ(trim("   "), "");
}

}  // namespace
}  // namespace gk
