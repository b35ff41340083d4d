#include "documents/column.h"

#include "documents/taxonomy.h"

namespace gk::documents {

std::vector<ColumnTemplate> standard_disclosure_columns() {
  // The guide and the catalogue must be kept up to date (条例 Art. 12); the annual report is yearly
  // (Art. 49). Cycles for the statutory items are the inspection's usual expectation of "timely"
  // updates (国办秘函〔2019〕19号 treats columns not updated for a long time as a defect).
  std::vector<ColumnTemplate> out = {
      {"guide", "政府信息公开指南", 365, ""},
      {"system", "政府信息公开制度", 365, ""},
      {"statutory", "法定主动公开内容", std::nullopt, ""},
  };
  for (const auto& item : article20_items()) {
    out.push_back({std::string(item.key), std::string(item.label), 180, "statutory"});
  }
  out.push_back({"annual_report", "政府信息公开年报", 365, ""});
  return out;
}

}  // namespace gk::documents
