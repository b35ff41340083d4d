// Normalizer: width, case, traditional → simplified, invalid bytes; code-point count preserved.
#include "text/normalizer.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/utf8.h"

namespace gk::text {
namespace {

const Normalizer& normalizer() {
  static auto n = [] {
    auto r = Normalizer::create();
    if (!r) throw std::runtime_error(r.error().to_string());
    return *r;
  }();
  return *n;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(NormalizerTest, FoldsWidthAndCase) {
  EXPECT_EQ(normalizer().normalize("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(normalizer().normalize("GDP增长，ＧＤＰ！（１）"), "gdp增长,gdp!(1)");
  EXPECT_EQ(normalizer().normalize("政务\u3000公开"), "政务 公开");
  EXPECT_EQ(normalizer().normalize("ÀÉÎ Straße"), "àéî straße");
}

TEST(NormalizerTest, ConvertsTraditionalToSimplified) {
  EXPECT_EQ(normalizer().normalize("資訊公開條例"), "资讯公开条例");
  EXPECT_EQ(normalizer().normalize("臺北市政府警察局交通違規簡訊服務"), "台北市政府警察局交通违规简讯服务");
  // Phrase rules apply inside a run of Chinese: 乾隆 keeps 乾, 乾燥 does not.
  EXPECT_EQ(normalizer().normalize("乾隆年間很乾燥"), "乾隆年间很干燥");
}

TEST(NormalizerTest, LeavesSimplifiedTextAndPunctuationAlone) {
  std::string text =
      "东政办发〔2021〕15号 关于印发《2021年东阳市政务公开工作要点》的通知。“一网通办”、【重要】";
  EXPECT_EQ(normalizer().normalize(text), text);
}

TEST(NormalizerTest, KeepsTheNumberOfCodePoints) {
  const char* texts[] = {"資訊公開條例", "ＡＢＣ１２３　全形", "乾隆年間很乾燥，後來於是",
                         "\xF0\xA0\x80\x80 擴展 B", "鬱鬱蔥蔥的臺灣"};
  for (const char* t : texts) {
    std::string out = normalizer().normalize(t);
    EXPECT_EQ(code_points(out), code_points(t)) << t << " -> " << out;
    EXPECT_TRUE(is_valid_utf8(out));
  }
}

TEST(NormalizerTest, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(normalizer().normalize("a\xFF"
                                   "b\xE4\xB8"),
            "a\uFFFDb\uFFFD\uFFFD");
  EXPECT_EQ(normalizer().normalize("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
}

TEST(NormalizerTest, IsSafeToShareBetweenThreads) {
  const std::string text = "臺北市政府警察局：交通違規簡訊服務常見問答。乾隆年間很乾燥，ＡＢＣ１２３";
  const std::string expected = normalizer().normalize(text);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      bool same = true;
      for (int i = 0; i < 100; ++i) same = same && normalizer().normalize(text) == expected;
      ok[static_cast<size_t>(k)] = same;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, (std::vector<int>{1, 1, 1, 1}));
}

TEST(NormalizerTest, PunctuationTokensAreNotTerms) {
  for (const char* p : {"，", "。", "〔", "〕", "【", "】",     "（",   "）", "(", "[", "“",  "”", "《",
                        "》", "、", "——", "…",  " ",  "\u3000", "\r\n", "①",  "%", "-", "._", "·", ""}) {
    EXPECT_TRUE(Normalizer::is_punctuation(p)) << p;
  }
  for (const char* w : {"政务", "2021", "gdp", "a", "３", "〇", "Straße", "C++", "8.5%"}) {
    EXPECT_FALSE(Normalizer::is_punctuation(w)) << w;
  }
}

}  // namespace
}  // namespace gk::text
