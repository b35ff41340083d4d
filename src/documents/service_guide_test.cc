// Tests for the service-guide elements (service_guide.h): every required element must be present, and
// the error names the missing ones in Chinese.
#include "documents/service_guide.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gk::documents {
namespace {

using ::testing::HasSubstr;

ServiceGuide complete() {
  ServiceGuide g;
  g.item_name = "个体工商户设立登记";
  g.legal_basis = "《促进个体工商户发展条例》";
  g.conditions = "有经营能力的公民";
  g.materials = "身份证明；经营场所证明";
  g.location = "东阳市行政服务中心一楼";
  g.hours = "工作日 8:30—12:00，14:00—17:30";
  g.phone = "0579-86666666";
  g.procedure = "申请—受理—审核—发照";
  return g;
}

TEST(ServiceGuideTest, ACompleteGuideIsTrimmedAndAccepted) {
  ServiceGuide g = complete();
  g.item_name = "  个体工商户设立登记\n";
  g.online_url = "https://www.zjzwfw.gov.cn/";
  auto v = validate_service_guide(g);
  ASSERT_TRUE(v) << v.error().to_string();
  EXPECT_EQ(v->item_name, "个体工商户设立登记");
  EXPECT_EQ(v->online_url, "https://www.zjzwfw.gov.cn/");
}

TEST(ServiceGuideTest, MissingElementsAreListedByTheirChineseNamesInOrder) {
  ServiceGuide g = complete();
  g.legal_basis = "";
  g.materials = "   ";
  g.procedure = "";
  auto v = validate_service_guide(g);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.error().message(), "办事指南缺少必备要素：设定依据、办理材料、办理流程");
  ASSERT_EQ(v.error().fields().size(), 3u);
  EXPECT_EQ(v.error().fields()[0].field, "legal_basis");
  EXPECT_EQ(v.error().fields()[1].field, "materials");
  EXPECT_EQ(v.error().fields()[2].field, "procedure");
}

TEST(ServiceGuideTest, EveryRequiredElementIsChecked) {
  int required = 0;
  for (const auto& e : guide_elements()) {
    if (!e.required) continue;
    ++required;
    ServiceGuide g = complete();
    g.*e.member = "";
    auto v = validate_service_guide(g);
    ASSERT_FALSE(v) << e.field;
    EXPECT_THAT(v.error().message(), HasSubstr(std::string(e.label))) << e.field;
  }
  EXPECT_EQ(required, 8);
  ServiceGuide optional_left_out = complete();  // 网上办理地址, 收费标准, 办理时限 may be empty
  EXPECT_TRUE(validate_service_guide(optional_left_out));
}

TEST(ServiceGuideTest, BadPhoneUrlAndLengthAreFieldErrors) {
  ServiceGuide g = complete();
  g.phone = "见窗口公示";
  g.online_url = "javascript:alert(1)";
  g.item_name = std::string(201 * 3, 'a').substr(0, 201);
  auto v = validate_service_guide(g);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().message(), "办事指南信息有误，请修改标记的字段");
  std::vector<std::string> fields;
  for (const auto& f : v.error().fields()) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("item_name", "phone", "online_url"));
}

}  // namespace
}  // namespace gk::documents
