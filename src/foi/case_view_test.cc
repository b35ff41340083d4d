#include "foi/case_view.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

TEST(CaseViewTest, MasksEveryPersonalFieldOfANaturalPerson) {
  Applicant a;
  a.type = ApplicantType::kNaturalPerson;
  a.name = "张小明";
  a.id_number = "330783199001011234";
  a.phone = "13812345678";
  a.email = "zhang@example.com";
  a.address = "浙江省东阳市吴宁街道艺海路1号";
  const Applicant m = mask_applicant(a);
  EXPECT_EQ(m.name, "张*明");
  EXPECT_NE(m.id_number, a.id_number);
  EXPECT_EQ(m.id_number.find("19900101"), std::string::npos);
  EXPECT_EQ(m.phone, "138****5678");
  EXPECT_NE(m.email, a.email);
  EXPECT_EQ(m.address, "浙江省东阳市****");
}

TEST(CaseViewTest, KeepsAnOrganisationsNameButMasksItsContactPerson) {
  Applicant a;
  a.type = ApplicantType::kCommercialEnterprise;
  a.name = "东阳市某某建设有限公司";
  a.contact = "李四";
  a.id_number = "91330783MA2A0B1C2D";
  const Applicant m = mask_applicant(a);
  EXPECT_EQ(m.name, a.name);
  EXPECT_EQ(m.contact, "李*");
}

TEST(CaseViewTest, EmptyFieldsStayEmptyAndShortAddressesAreHidden) {
  Applicant a;
  a.name = "王五";
  a.address = "东阳";
  const Applicant m = mask_applicant(a);
  EXPECT_EQ(m.phone, "");
  EXPECT_EQ(m.email, "");
  EXPECT_EQ(m.address, "****");
}

}  // namespace
}  // namespace gk::foi
