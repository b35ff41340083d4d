#include "foi/reading_room_masker.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

Applicant zhang() {
  Applicant a;
  a.name = "张三丰";
  a.id_number = "33078319900101123X";
  a.phone = "0579-86551234";
  a.email = "Zhang.SF@example.com";
  a.address = "浙江省东阳市吴宁街道艺海路8号";
  return a;
}

TEST(ReadingRoomMaskerTest, RemovesTheApplicantsOwnData) {
  const auto m = mask_personal_data(
      "申请人张三丰（身份证33078319900101123x，电话0579-86551234，邮箱zhang.sf@EXAMPLE."
      "com，住浙江省东阳市吴宁街道艺海路8号）"
      "申请公开2023年部门预算。",
      zhang());
  EXPECT_EQ(m.text.find("张三丰"), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("123"), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("86551234"), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("example"), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("艺海路"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("申请公开2023年部门预算。"), std::string::npos) << m.text;
  EXPECT_EQ(m.replaced, 5);
}

struct NumberCase {
  const char* in;
  const char* out;
  int replaced;
};

TEST(ReadingRoomMaskerTest, MasksIdNumbersAndMobilesOfAnyone) {
  const NumberCase cases[] = {
      {"联系人李四13812345678。", "联系人李四***********。", 1},
      {"身份证号110101199003074258", "身份证号******************", 1},
      {"尾号为x的11010119900307425x号", "尾号为x的******************号", 1},
      {"账号6222021234567890123（20位以下不算）", "账号6222021234567890123（20位以下不算）", 0},
      {"电话12812345678不是手机号", "电话12812345678不是手机号", 0},  // 12x is not a mobile prefix
      {"编号 12345678901 号", "编号 12345678901 号", 0},  // 11 digits, but 12… is no mobile prefix
      {"2023年预算为1,234万元", "2023年预算为1,234万元", 0},
      {"", "", 0},
  };
  for (const auto& c : cases) {
    const auto m = mask_identifying_numbers(c.in);
    EXPECT_EQ(m.text, c.out) << c.in;
    EXPECT_EQ(m.replaced, c.replaced) << c.in;
  }
}

TEST(ReadingRoomMaskerTest, LongerDigitRunsAreNotMobilesOrIds) {
  EXPECT_EQ(mask_identifying_numbers("138123456789").replaced, 0);         // 12 digits
  EXPECT_EQ(mask_identifying_numbers("1101011990030742581").replaced, 0);  // 19 digits
  EXPECT_EQ(mask_identifying_numbers("电话:13912345678,13712345678").replaced, 2);
}

TEST(ReadingRoomMaskerTest, OneCharacterNamesAreNotSearchedVerbatim) {
  Applicant a;
  a.name = "王";
  EXPECT_EQ(mask_personal_data("王府井大街改造方案", a).text, "王府井大街改造方案");
}

TEST(ReadingRoomMaskerTest, OrganisationAndContactNamesAreMasked) {
  Applicant a;
  a.type = ApplicantType::kCommercialEnterprise;
  a.name = "东阳市某某建材有限公司";
  a.contact = "赵六";
  const auto m = mask_personal_data("东阳市某某建材有限公司（联系人赵六）申请的信息如下", a);
  EXPECT_EQ(m.text, "***（联系人***）申请的信息如下");
  EXPECT_EQ(m.replaced, 2);
}

}  // namespace
}  // namespace gk::foi
