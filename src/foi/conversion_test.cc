#include "foi/conversion.h"

#include <gtest/gtest.h>

#include "foi/similarity.h"

namespace gk::foi {
namespace {

const DepartmentId kCzj(2), kJyj(3);

// Worked examples behind kConversionSimilarity (conversion.h): the same information asked for by
// different applicants in their own words, and different information of the same organ.
struct Pair {
  const char* a;
  const char* b;
  bool same;
};
const Pair kPairs[] = {
    {"东阳市2023年部门预算", "请公开东阳市财政局2023年部门预算", true},
    {"申请公开2023年度东阳市一般公共预算执行情况", "东阳市2023年度一般公共预算执行情况报告", true},
    {"吴宁街道旧城改造项目征收补偿方案", "申请公开吴宁街道旧城改造征收补偿安置方案", true},
    {"2023年政府采购项目中标公告及合同", "东阳市2023年政府采购合同和中标结果公告", true},
    {"东阳市2023年部门预算", "吴宁街道旧城改造项目征收补偿方案", false},
    {"2023年政府采购项目中标公告及合同", "2022年度财政专项资金审计报告", false},
    {"东阳市2023年部门预算", "东阳市2023年三公经费决算", false},
    {"东阳市2023年部门预算", "东阳市2022年部门预算", false},  // another year is other information
    {"请公开横店镇2023年征地补偿款发放明细", "横店镇2023年征地补偿款发放情况", true},
    {"请公开横店镇2023年征地补偿款发放明细", "请公开横店镇2023年低保户名单", false},
};

TEST(ConversionTest, ThresholdSeparatesTheWorkedExamples) {
  for (const auto& p : kPairs) {
    const double s = same_information_score(p.a, p.b);
    if (p.same) {
      EXPECT_GE(s, kConversionSimilarity) << p.a << " ~ " << p.b << " = " << s;
    } else {
      EXPECT_LT(s, kConversionSimilarity) << p.a << " ~ " << p.b << " = " << s;
    }
  }
}

ConversionCandidate cand(int64_t id, DepartmentId dept, const char* text, bool disclosed) {
  return {FoiCaseId(id), dept, text, disclosed};
}

TEST(ConversionTest, GroupsSameInformationOfOneOrganWithADisclosingReply) {
  const std::vector<ConversionCandidate> in = {
      cand(1, kCzj, "东阳市2023年部门预算", true),
      cand(2, kCzj, "吴宁街道旧城改造项目征收补偿方案", false),
      cand(3, kCzj, "请公开东阳市财政局2023年部门预算", false),
      cand(4, kJyj, "东阳市2023年部门预算", true),  // another organ: not grouped with 1 and 3
      cand(5, kCzj, "申请公开吴宁街道旧城改造征收补偿安置方案", false),  // no disclosing reply: no group
      cand(6, kCzj, "东阳市2023年度部门预算公开", false),
  };
  const auto groups = group_same_information(in, {});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].department, kCzj);
  EXPECT_EQ(groups[0].members, (std::vector<size_t>{0, 2, 5}));
  EXPECT_DOUBLE_EQ(groups[0].scores[0], 1.0);
  EXPECT_GE(groups[0].scores[1], kConversionSimilarity);
}

TEST(ConversionTest, MinimumRequestsIsConfigurable) {
  const std::vector<ConversionCandidate> in = {
      cand(1, kCzj, "东阳市2023年部门预算", true),
      cand(2, kCzj, "请公开东阳市财政局2023年部门预算", false),
  };
  EXPECT_EQ(group_same_information(in, {}).size(), 1u);
  ConversionPolicy three;
  three.min_requests = 3;
  EXPECT_TRUE(group_same_information(in, three).empty());
  ConversionPolicy one;  // "多个" means at least two whatever the configuration says
  one.min_requests = 1;
  EXPECT_EQ(group_same_information({in[0]}, one).size(), 0u);
}

TEST(ConversionTest, LeaderClusteringDoesNotChain) {
  // b resembles a, c resembles b, but c shares little with a: c starts its own group.
  const std::vector<ConversionCandidate> in = {
      cand(1, kCzj, "2023年部门预算", true),
      cand(2, kCzj, "2023年部门预算和决算", true),
      cand(3, kCzj, "部门决算和三公经费", true),
  };
  ConversionPolicy p;
  p.threshold = 0.4;
  ASSERT_GE(same_information_score(in[1].text, in[2].text), 0.3);
  const auto groups = group_same_information(in, p);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members, (std::vector<size_t>{0, 1}));
}

TEST(ConversionTest, EmptyTextJoinsNothing) {
  const std::vector<ConversionCandidate> in = {cand(1, kCzj, "", true), cand(2, kCzj, "。", true)};
  EXPECT_TRUE(group_same_information(in, {}).empty());
}

}  // namespace
}  // namespace gk::foi
