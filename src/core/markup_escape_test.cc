#include "core/markup_escape.h"

#include <gtest/gtest.h>

namespace gk {
namespace {

TEST(MarkupEscape, HtmlEscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("政务公开"), "政务公开");
}

TEST(MarkupEscape, XmlAlsoDropsWhatXmlCannotCarry) {
  EXPECT_EQ(xml_escape("a'b\x01\tc\n"), "a&apos;b\tc\n");
  EXPECT_EQ(xml_escape("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");
  EXPECT_EQ(xml_escape("公开 & <透明>"), "公开 &amp; &lt;透明&gt;");
}

TEST(MarkupEscape, JsonQuoteEscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(json_quote(""), "\"\"");
  EXPECT_EQ(json_quote("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
  EXPECT_EQ(json_quote("a\nb\r\tc\x01\x1f"), "\"a\\nb\\r\\tc\\u0001\\u001f\"");
  EXPECT_EQ(json_quote("年报 <ok>"), "\"年报 <ok>\"");
}

}  // namespace
}  // namespace gk
