#include "search/text_analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/utf8.h"

namespace gk::search {
namespace {

TEST(DocNumberKeyTest, EveryBracketVariantAndSpacingGivesOneKey) {
  const std::string key = doc_number_key("东政办发〔2021〕12号");
  EXPECT_EQ(key, "东政办发〔2021〕12号");
  for (const char* variant :
       {"东政办发[2021]12号", "东政办发(2021)12号", "东政办发【2021】12号", "东政办发［2021］12号",
        "东政办发（2021）12号", "东政办发〖2021〗12号", "东政办发﹝2021﹞12号", "东政办发 〔2021〕 12号",
        "东政办发\u3000〔2021〕12号", "东政办发\u200b〔2021〕12号"}) {
    EXPECT_EQ(doc_number_key(variant), key) << variant;
  }
  EXPECT_EQ(doc_number_key("东政办发〔2021〕"), "东政办发〔2021〕");
}

TEST(Utf8HelpersTest, SanitizeReplacesEachInvalidByte) {
  EXPECT_EQ(sanitize_utf8("公开"), "公开");
  EXPECT_EQ(sanitize_utf8("a\xff"
                          "b"),
            "a\uFFFD"
            "b");
  EXPECT_EQ(sanitize_utf8("公\xe5\xbc"), "公\uFFFD\uFFFD");
  EXPECT_EQ(sanitize_utf8("\xc0\xaf"), "\uFFFD\uFFFD");  // overlong '/'
  EXPECT_TRUE(is_valid_utf8(sanitize_utf8("\xed\xa0\x80 surrogate")));
}

TEST(Utf8HelpersTest, PrefixCharsNeverSplitsASequence) {
  EXPECT_EQ(prefix_chars("政府信息", 2), "政府");
  EXPECT_EQ(prefix_chars("政府信息", 10), "政府信息");
  EXPECT_EQ(prefix_chars("a政b", 2), "a政");
  EXPECT_EQ(prefix_chars("😀x", 1), "😀");
  EXPECT_EQ(count_code_points("a政😀"), 3u);
}

TEST(TextAnalyzerTest, DropsPunctuationAndGivesOffsetsInTheNormalisedText) {
  const TextAnalyzer analyzer(text::Segmenter::create().value(), text::Normalizer::create().value());
  const std::string n = analyzer.normalize("政府，信息！公开");
  std::vector<std::string> words;
  for (const Word& w : analyzer.words(n, text::SegmentMode::kDefault)) {
    words.emplace_back(w.text);
    EXPECT_EQ(n.substr(w.offset, w.text.size()), w.text);
  }
  EXPECT_THAT(words, testing::ElementsAre("政府", "信息", "公开"));
}

}  // namespace
}  // namespace gk::search
