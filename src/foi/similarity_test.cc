#include "foi/similarity.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

TEST(SimilarityTest, IdenticalContentIgnoresPunctuationSpacesAndWidth) {
  EXPECT_NEAR(text_similarity("2023年度部门预算", "２０２３ 年度，部门预算。"), 1.0, 1e-9);
  EXPECT_NEAR(text_similarity("ABC预算", "abc预算"), 1.0, 1e-9);
}

TEST(SimilarityTest, RanksRelatedRequestsAboveUnrelatedOnes) {
  const char* q = "请公开东阳市2023年财政预算执行情况";
  const double related = text_similarity(q, "申请公开2023年东阳市财政预算执行情况的报告");
  const double unrelated = text_similarity(q, "吴宁街道旧城改造拆迁补偿标准");
  EXPECT_GT(related, kRepeatSimilarity);
  EXPECT_LT(unrelated, kSimilarShownSimilarity);
}

TEST(SimilarityTest, EmptyOrSymbolOnlyTextIsSimilarToNothing) {
  EXPECT_EQ(text_similarity("", "预算"), 0.0);
  EXPECT_EQ(text_similarity("。，！", "。，！"), 0.0);
  EXPECT_NEAR(text_similarity("税", "税"), 1.0, 1e-9);  // one character is its own gram
}

TEST(SimilarityTest, IsSymmetricAndBounded) {
  const char* a = "征地补偿安置方案";
  const char* b = "征地补偿安置方案及批复文件征地补偿";
  EXPECT_DOUBLE_EQ(text_similarity(a, b), text_similarity(b, a));
  EXPECT_GT(text_similarity(a, b), 0.5);
  EXPECT_LE(text_similarity(a, b), 1.0);
}

}  // namespace
}  // namespace gk::foi
