#include "foi/fee.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

TEST(Fee, PerPageIsExcessProgressiveAsInTheXianCase) {
  auto fee = compute_fee(FeeMethod::kPerPage, 2219);
  ASSERT_TRUE(fee);
  EXPECT_EQ(fee->total_yuan, 83460) << "70×10 + 100×20 + 2,019×40";
  ASSERT_EQ(fee->tiers.size(), 4u);
  EXPECT_EQ(fee->tiers[0].units, 30);
  EXPECT_EQ(fee->tiers[0].amount_yuan, 0);
  EXPECT_EQ(fee->tiers[1].amount_yuan, 700);
  EXPECT_EQ(fee->tiers[2].amount_yuan, 2000);
  EXPECT_EQ(fee->tiers[3].units, 2019);
  EXPECT_EQ(fee->tiers[3].rate_yuan, 40);
  EXPECT_EQ(compute_fee(FeeMethod::kPerPage, 30)->total_yuan, 0);
  EXPECT_EQ(compute_fee(FeeMethod::kPerPage, 31)->total_yuan, 10);
  EXPECT_EQ(compute_fee(FeeMethod::kPerPage, 100)->total_yuan, 700);
  EXPECT_EQ(compute_fee(FeeMethod::kPerPage, 101)->total_yuan, 720);
}

TEST(Fee, PerRequestBandsRiseByOneHundredEveryTenRequests) {
  EXPECT_EQ(compute_fee(FeeMethod::kPerRequest, 10)->total_yuan, 0);
  EXPECT_EQ(compute_fee(FeeMethod::kPerRequest, 11)->total_yuan, 100);
  EXPECT_EQ(compute_fee(FeeMethod::kPerRequest, 30)->total_yuan, 2000);
  auto fee = compute_fee(FeeMethod::kPerRequest, 45);
  ASSERT_TRUE(fee);
  // 20×100 + 10×200 + 5×300
  EXPECT_EQ(fee->total_yuan, 5500);
  ASSERT_EQ(fee->tiers.size(), 4u);
  EXPECT_EQ(fee->tiers[2].from, 31);
  EXPECT_EQ(fee->tiers[2].to, 40);
  EXPECT_EQ(fee->tiers[2].rate_yuan, 200);
  EXPECT_EQ(fee->tiers[3].from, 41);
  EXPECT_EQ(fee->tiers[3].to, 45);
  EXPECT_EQ(fee->tiers[3].rate_yuan, 300);
}

TEST(Fee, TheMarginalFeeChargesOnlyTheNewRequestsOfTheMonth) {
  auto fee = compute_marginal_fee(9, 3);  // requests 10, 11, 12
  ASSERT_TRUE(fee);
  EXPECT_EQ(fee->total_yuan, 200);
  EXPECT_EQ(compute_marginal_fee(0, 1)->total_yuan, 0);
}

TEST(Fee, NegativeOrAbsurdCountsAreRefused) {
  auto neg = compute_fee(FeeMethod::kPerPage, -1);
  ASSERT_FALSE(neg);
  EXPECT_EQ(neg.error().fields().at(0).field, "pages");
  auto huge = compute_fee(FeeMethod::kPerRequest, 2'000'000);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().fields().at(0).field, "count");
}

}  // namespace
}  // namespace gk::foi
