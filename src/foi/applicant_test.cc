#include "foi/applicant.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

TEST(ResidentId, TheGb11643CheckDigitIsVerified) {
  EXPECT_TRUE(check_resident_id("11010519491231002X"));
  EXPECT_TRUE(check_resident_id("11010519491231002x"));
  auto wrong = check_resident_id("110105194912310021");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().fields().at(0).field, "id_number");
  EXPECT_NE(wrong.error().message().find("校验位"), std::string::npos);
  EXPECT_FALSE(check_resident_id("11010519491331002X")) << "month 13";
  EXPECT_FALSE(check_resident_id("1101051949123100"));
  EXPECT_FALSE(check_resident_id("1101A519491231002X"));
}

TEST(CreditCode, TheGb32100CheckCharacterIsVerified) {
  EXPECT_TRUE(check_credit_code("91350100M000100Y43"));
  EXPECT_TRUE(check_credit_code("91350100m000100y43"));
  auto wrong = check_credit_code("91350100M000100Y44");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message().find("校验位"), std::string::npos);
  EXPECT_FALSE(check_credit_code("91350100M000100I43")) << "I is not used";
  EXPECT_FALSE(check_credit_code("9135"));
}

TEST(Applicant, TypesFollowTheAnnualReportColumns) {
  ASSERT_EQ(applicant_types().size(), 6u);
  EXPECT_EQ(applicant_types()[0].key, "natural_person");
  EXPECT_EQ(applicant_types()[5].key, "other_organization");
  EXPECT_EQ(parse_applicant_type("legal_service_institution"), ApplicantType::kLegalServiceInstitution);
  EXPECT_FALSE(parse_applicant_type("company"));
}

TEST(Masking, PersonalDataIsMaskedForDisplay) {
  EXPECT_EQ(mask_name("王小明"), "王*明");
  EXPECT_EQ(mask_name("李四"), "李*");
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_email("zhang@example.com"), "z***@example.com");
}

}  // namespace
}  // namespace gk::foi
