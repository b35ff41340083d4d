// Column: a place in the government-information disclosure column tree (政府信息公开专栏) of one
// department — 政府信息公开指南, 政府信息公开制度, 法定主动公开内容 (one sub-column per item of
// 条例 Art. 20), 政府信息公开年报 — or a city-wide topic column (e.g. 涉疫信息) that may be featured on
// the portal home page. Each column has an expected update cycle, checked by inspections.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"

namespace gk::documents {

struct Column {
  ColumnId id;
  std::optional<DepartmentId> department;  // nullopt: city-wide topic column
  std::optional<ColumnId> parent;
  std::string key;                          // guide, system, statutory, art20_01…art20_15, annual_report, topic_*
  std::string name;
  std::optional<int> update_cycle_days;
  int sort_order = 0;
  bool featured = false;
};

// The standard column tree every department gets (key, name, update cycle, parent key), in order.
struct ColumnTemplate {
  std::string key;
  std::string name;
  std::optional<int> update_cycle_days;
  std::string parent_key;  // empty for top level
};
std::vector<ColumnTemplate> standard_disclosure_columns();

}  // namespace gk::documents
