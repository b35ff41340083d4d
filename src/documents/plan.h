// Plan (规划): the typed facts of a document that is a plan — its type (总体/专项/区域/空间), the level
// of government that made it, its period and the plan it derives from — and the rules that keep the
// city's plans one system (《2021年东阳市政务公开工作要点》一(二): "全面展示定位准确、边界清晰、功能互补、
// 统一衔接的全市规划体系"; 条例 Art. 20 (三): 国民经济和社会发展规划、专项规划、区域规划).
//
// The plan system follows 《中共中央 国务院关于统一规划体系更好发挥国家发展规划战略导向作用的意见》(2018):
// the development plan (总体规划, 国民经济和社会发展五年规划纲要) leads; spatial plans are the base;
// special and regional plans support it. Rules, hard (InvalidArgument) and soft (warnings):
//   hard  period_start_year <= period_end_year, both in [1949, 2100]
//   hard  the parent is another plan, and the parent chain never comes back to this plan (no cycles)
//   hard  a 总体规划 derives only from a 总体规划 (of a higher level)
//   hard  a plan never sits under a plan of a lower level of government (county under national is
//         fine; national under county is not)
//   soft  a 专项/区域/空间 plan whose parent is not a 总体规划 (allowed: 国土空间专项规划 derive from the
//         国土空间总体规划, which is a spatial plan), or that has no parent at all
//   soft  a plan whose period does not overlap its parent's
// Value types and pure functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/ids.h"

namespace gk::documents {

enum class PlanType { kMaster, kSpecial, kRegional, kSpatial };  // 总体 / 专项 / 区域 / 空间
enum class PlanLevel { kNational, kProvincial, kMunicipal, kCounty };  // 国家 / 省 / 设区市 / 县（市、区）

std::string_view plan_type_name(PlanType t);   // "master", "special", "regional", "spatial" (persisted)
std::string_view plan_type_label(PlanType t);  // 总体规划, 专项规划, 区域规划, 空间规划
std::optional<PlanType> parse_plan_type(std::string_view s);
std::string_view plan_level_name(PlanLevel l);  // "national", "provincial", "municipal", "county" (persisted)
std::string_view plan_level_label(PlanLevel l);  // 国家级, 省级, 设区市级, 县（市、区）级
std::optional<PlanLevel> parse_plan_level(std::string_view s);
inline constexpr PlanType kAllPlanTypes[] = {PlanType::kMaster, PlanType::kSpatial, PlanType::kSpecial,
                                             PlanType::kRegional};  // in display order
inline constexpr PlanLevel kAllPlanLevels[] = {PlanLevel::kNational, PlanLevel::kProvincial,
                                               PlanLevel::kMunicipal, PlanLevel::kCounty};

struct PlanFacts {
  DocumentId document;
  PlanType type = PlanType::kMaster;
  PlanLevel level = PlanLevel::kCounty;  // 东阳市 is a county-level city: its own plans are kCounty
  int period_start_year = 0;
  int period_end_year = 0;
  std::optional<DocumentId> parent;  // the plan this one derives from (another document's PlanFacts)

  friend bool operator==(const PlanFacts&, const PlanFacts&) = default;
};

// What an editor typed. Years as digits; parent as a document number (empty for none).
struct PlanDraft {
  std::string type;
  std::string level;
  std::string period_start_year;
  std::string period_end_year;
  std::string parent;
};

// Parses and checks the facts on their own (period order and range, known type and level, parent is
// not the document itself). InvalidArgument with one field error per bad field.
[[nodiscard]] Result<PlanFacts> parse_plan(DocumentId document, const PlanDraft& draft);

// Checks `p` against the other plans (`plans`, keyed by document id value; `p`'s own old entry may
// be among them). InvalidArgument for a hard rule, else the soft findings (Chinese, for the editor).
[[nodiscard]] Result<std::vector<std::string>> check_plan_in_system(
    const PlanFacts& p, const std::map<int64_t, PlanFacts>& plans);

// The five-year plan a period is, e.g. 2021–2025 → "十四五"; nullopt for other periods (2021–2035).
std::optional<std::string> five_year_plan_name(int start_year, int end_year);
// "“十四五”（2021—2025年）" or "2021—2035年" or "2024年".
std::string plan_period_label(int start_year, int end_year);

// The plan system for display: trees of plans grouped by the period of their root.
struct PlanNode {
  PlanFacts facts;
  bool matches = true;            // false: shown only as the context of a matching descendant
  bool parent_not_shown = false;  // it has a parent that is not in the input (e.g. not public)
  std::vector<PlanNode> children;
};

struct PlanPeriodGroup {
  int start_year = 0;
  int end_year = 0;
  std::string label;  // plan_period_label
  std::vector<PlanNode> roots;
};

struct PlanFilter {
  std::optional<PlanType> type;               // keep plans of this type (and their ancestors as context)
  std::optional<std::pair<int, int>> period;  // keep only the group of this root period
};

// Builds the forest of `plans` (only those given: callers pass the public ones). A plan whose parent is
// not among them becomes a root. Groups newest period first; within a level nodes are ordered by
// type (总体, 空间, 专项, 区域), then level, then by `order_key` (e.g. the title), then id. Defensive
// against cycles in stored data (a node is placed once).
std::vector<PlanPeriodGroup> build_plan_system(const std::vector<PlanFacts>& plans, const PlanFilter& filter,
                                               const std::map<int64_t, std::string>& order_key = {});

}  // namespace gk::documents
