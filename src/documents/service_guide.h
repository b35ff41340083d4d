// ServiceGuide (办事指南): the typed facts of a document that is the guide to one public service item —
// the elements every guide must state (条例 Art. 20 (五): 办理行政许可和其他对外管理服务事项的依据、条件、
// 程序; 《2021年东阳市政务公开工作要点》一(三): 全面及时准确公开政务服务事项、办事指南、办事流程) and
// three optional ones. The elements are content: they are reviewed and published with the document.
// Value types and pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/ids.h"

namespace gk::documents {

struct ServiceGuide {
  DocumentId document;
  std::string item_name;    // 事项名称
  std::string legal_basis;  // 设定依据
  std::string conditions;   // 申请条件
  std::string materials;    // 办理材料
  std::string location;     // 办理地点
  std::string hours;        // 办理时间
  std::string phone;        // 联系电话
  std::string procedure;    // 办理流程
  std::string online_url;   // 网上办理地址 (optional)
  std::string fee;          // 收费标准 (optional)
  std::string time_limit;   // 办理时限 (optional)

  friend bool operator==(const ServiceGuide&, const ServiceGuide&) = default;
};

// One element: its form/field name, its Chinese name and whether a guide must have it.
struct GuideElement {
  std::string_view field;  // "item_name", …
  std::string_view label;  // 事项名称, …
  bool required = true;
  std::string ServiceGuide::*member = nullptr;
};
// The eight required elements in their customary order, then the optional ones.
std::span<const GuideElement> guide_elements();

// Trims every element and checks it: InvalidArgument "办事指南缺少必备要素：设定依据、办理材料" (the
// missing ones by their Chinese names, in order) with one field error each; also too-long elements
// (事项名称 200 characters, others 10,000), a 联系电话 without digits and a 网上办理地址 that is not
// http(s). Returns the normalised guide.
[[nodiscard]] Result<ServiceGuide> validate_service_guide(ServiceGuide g);

}  // namespace gk::documents
