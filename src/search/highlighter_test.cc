#include "search/highlighter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/utf8.h"

namespace gk::search {
namespace {

using ::testing::HasSubstr;

const TextAnalyzer& analyzer() {
  static const TextAnalyzer a(text::Segmenter::create().value(), text::Normalizer::create().value());
  return a;
}

TEST(HighlighterTest, MarksTermsAndEscapesEverythingElse) {
  const Highlighter h(analyzer(), {"信息", "公开"});
  EXPECT_EQ(h.highlight("政府信息公开 <b>&\"'"), "政府<em>信息公开</em> &lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(h.highlight("无关"), "无关");
  EXPECT_EQ(h.highlight(""), "");
}

TEST(HighlighterTest, MatchesNormalisedFormsButShowsTheOriginal) {
  const Highlighter h(analyzer(), {"公开", "abc"});
  EXPECT_EQ(h.highlight("資訊公開 ＡＢＣ"), "資訊<em>公開</em> <em>ＡＢＣ</em>");
}

TEST(HighlighterTest, SnippetPicksTheWindowWithTheMostDistinctTerms) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "一般性内容。";
  text += "这里只提到预算。";
  for (int i = 0; i < 40; ++i) text += "一般性内容。";
  text += "预算和绩效都在这里。";
  for (int i = 0; i < 40; ++i) text += "一般性内容。";
  const Highlighter h(analyzer(), {"预算", "绩效"});
  const std::string s = h.snippet(text, 60);
  EXPECT_THAT(s, HasSubstr("<em>预算</em>和<em>绩效</em>都在这里。")) << s;
  EXPECT_TRUE(s.starts_with("…")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_TRUE(is_valid_utf8(s));
}

TEST(HighlighterTest, SnippetWithoutMatchesIsTheBeginning) {
  const Highlighter h(analyzer(), {"没有"});
  EXPECT_EQ(h.snippet("第一句。\n\n第二句。", 120), "第一句。 第二句。");
  EXPECT_EQ(h.snippet("一二三四五六七八九十", 4), "一二三四…");
}

TEST(HighlighterTest, NeverCutsAMarkOrASequence) {
  const Highlighter h(analyzer(), {"绩效评价"});
  const std::string s = h.snippet("一二三四五六七绩效评价八九十", 9);
  EXPECT_THAT(s, HasSubstr("<em>绩效评价</em>"));
  EXPECT_TRUE(is_valid_utf8(s));
  // Emoji and other 4-byte sequences survive a window edge.
  const std::string e = Highlighter(analyzer(), {}).snippet("😀😀😀😀😀", 3);
  EXPECT_EQ(e, "😀😀😀…");
}

}  // namespace
}  // namespace gk::search
