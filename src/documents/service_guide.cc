#include "documents/service_guide.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "core/utf8.h"

namespace gk::documents {
namespace {

constexpr GuideElement kElements[] = {
    {"item_name", "事项名称", true, &ServiceGuide::item_name},
    {"legal_basis", "设定依据", true, &ServiceGuide::legal_basis},
    {"conditions", "申请条件", true, &ServiceGuide::conditions},
    {"materials", "办理材料", true, &ServiceGuide::materials},
    {"location", "办理地点", true, &ServiceGuide::location},
    {"hours", "办理时间", true, &ServiceGuide::hours},
    {"phone", "联系电话", true, &ServiceGuide::phone},
    {"procedure", "办理流程", true, &ServiceGuide::procedure},
    {"online_url", "网上办理地址", false, &ServiceGuide::online_url},
    {"fee", "收费标准", false, &ServiceGuide::fee},
    {"time_limit", "办理时限", false, &ServiceGuide::time_limit},
};

constexpr size_t kMaxItemNameCodePoints = 200;
constexpr size_t kMaxElementCodePoints = 10000;

}  // namespace

std::span<const GuideElement> guide_elements() { return kElements; }

Result<ServiceGuide> validate_service_guide(ServiceGuide g) {
  std::vector<FieldError> errors;
  std::string missing;
  for (const auto& e : kElements) {
    std::string& value = g.*e.member;
    value = trim(value);
    if (!is_valid_utf8(value)) {
      errors.push_back({std::string(e.field), fmt::format("{}含有无效字符", e.label)});
      continue;
    }
    if (value.empty()) {
      if (e.required) {
        missing += (missing.empty() ? "" : "、") + std::string(e.label);
        errors.push_back({std::string(e.field), fmt::format("请填写{}", e.label)});
      }
      continue;
    }
    const size_t limit =
        e.member == &ServiceGuide::item_name ? kMaxItemNameCodePoints : kMaxElementCodePoints;
    if (utf8_length(value) > limit)
      errors.push_back({std::string(e.field), fmt::format("{}不能超过 {} 字", e.label, limit)});
  }
  if (!g.phone.empty() &&
      std::none_of(g.phone.begin(), g.phone.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    errors.push_back({"phone", "联系电话应含有号码"});
  }
  if (!g.online_url.empty() && !g.online_url.starts_with("https://") &&
      !g.online_url.starts_with("http://")) {
    errors.push_back({"online_url", "网上办理地址应以 https:// 或 http:// 开头"});
  }
  if (!errors.empty()) {
    std::string message =
        missing.empty() ? "办事指南信息有误，请修改标记的字段" : "办事指南缺少必备要素：" + missing;
    return fail(Error::invalid(std::move(message), std::move(errors)));
  }
  return g;
}

}  // namespace gk::documents
