#include "documents/plan.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/utf8.h"

namespace gk::documents {
namespace {

struct TypeInfo {
  PlanType type;
  std::string_view name;
  std::string_view label;
};
constexpr TypeInfo kTypes[] = {
    {PlanType::kMaster, "master", "总体规划"},
    {PlanType::kSpecial, "special", "专项规划"},
    {PlanType::kRegional, "regional", "区域规划"},
    {PlanType::kSpatial, "spatial", "空间规划"},
};

struct LevelInfo {
  PlanLevel level;
  std::string_view name;
  std::string_view label;
};
// Highest level first: the index is the rank used by the "never under a lower level" rule.
constexpr LevelInfo kLevels[] = {
    {PlanLevel::kNational, "national", "国家级"},
    {PlanLevel::kProvincial, "provincial", "省级"},
    {PlanLevel::kMunicipal, "municipal", "设区市级"},
    {PlanLevel::kCounty, "county", "县（市、区）级"},
};

constexpr int kMinYear = 1949;
constexpr int kMaxYear = 2100;

int level_rank(PlanLevel l) {
  for (size_t i = 0; i < std::size(kLevels); ++i)
    if (kLevels[i].level == l) return static_cast<int>(i);
  return 0;
}

int type_rank(PlanType t) {
  for (size_t i = 0; i < std::size(kAllPlanTypes); ++i)
    if (kAllPlanTypes[i] == t) return static_cast<int>(i);
  return 0;
}

std::optional<int> parse_year(const std::string& s) {
  const std::string t = trim(s);
  int v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

std::string chinese_number(int n) {  // 1..99, as in "十四五"
  static constexpr std::string_view kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return std::string(kDigits[n]);
  std::string out = n >= 20 ? std::string(kDigits[n / 10]) : "";
  out += "十";
  out += kDigits[n % 10];
  return out;
}

}  // namespace

std::string_view plan_type_name(PlanType t) {
  for (const auto& i : kTypes)
    if (i.type == t) return i.name;
  return "master";
}
std::string_view plan_type_label(PlanType t) {
  for (const auto& i : kTypes)
    if (i.type == t) return i.label;
  return "";
}
std::optional<PlanType> parse_plan_type(std::string_view s) {
  for (const auto& i : kTypes)
    if (i.name == s) return i.type;
  return std::nullopt;
}
std::string_view plan_level_name(PlanLevel l) { return kLevels[level_rank(l)].name; }
std::string_view plan_level_label(PlanLevel l) { return kLevels[level_rank(l)].label; }
std::optional<PlanLevel> parse_plan_level(std::string_view s) {
  for (const auto& i : kLevels)
    if (i.name == s) return i.level;
  return std::nullopt;
}

Result<PlanFacts> parse_plan(DocumentId document, const PlanDraft& d) {
  std::vector<FieldError> errors;
  PlanFacts p;
  p.document = document;
  if (auto t = parse_plan_type(trim(d.type)))
    p.type = *t;
  else
    errors.push_back({"plan_type", "请选择规划类型（总体、专项、区域或空间规划）"});
  if (auto l = parse_plan_level(trim(d.level)))
    p.level = *l;
  else
    errors.push_back({"plan_level", "请选择规划层级"});
  auto start = parse_year(d.period_start_year);
  auto end = parse_year(d.period_end_year);
  if (!start || *start < kMinYear || *start > kMaxYear) {
    errors.push_back({"period_start_year", "规划期起始年份应为 1949 至 2100 之间的四位数字"});
  }
  if (!end || *end < kMinYear || *end > kMaxYear) {
    errors.push_back({"period_end_year", "规划期截止年份应为 1949 至 2100 之间的四位数字"});
  }
  if (start && end && *start > *end) errors.push_back({"period_end_year", "规划期截止年份不能早于起始年份"});
  if (start) p.period_start_year = *start;
  if (end) p.period_end_year = *end;
  if (const std::string parent = trim(d.parent); !parent.empty()) {
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(parent.data(), parent.data() + parent.size(), id);
    if (ec != std::errc() || ptr != parent.data() + parent.size() || id <= 0) {
      errors.push_back({"parent", "上级规划应为文件编号（数字）"});
    } else if (id == document.value) {
      errors.push_back({"parent", "上级规划不能是本规划自身"});
    } else {
      p.parent = DocumentId(id);
    }
  }
  if (!errors.empty()) return fail(Error::invalid("规划信息有误，请修改标记的字段", std::move(errors)));
  return p;
}

Result<std::vector<std::string>> check_plan_in_system(const PlanFacts& p,
                                                      const std::map<int64_t, PlanFacts>& plans) {
  std::vector<std::string> warnings;
  const bool derived = p.type == PlanType::kSpecial || p.type == PlanType::kRegional;
  if (!p.parent) {
    if (derived) {
      warnings.push_back(fmt::format("{}一般依据总体规划编制，建议选择其上级总体规划，以便纳入全市规划体系",
                                     plan_type_label(p.type)));
    }
    return warnings;
  }
  if (*p.parent == p.document) return fail(Error::invalid_field("parent", "上级规划不能是本规划自身"));
  auto it = plans.find(p.parent->value);
  if (it == plans.end()) {
    return fail(Error::invalid_field(
        "parent", fmt::format("编号为 {} 的文件尚未登记为规划，不能作为上级规划", p.parent->value)));
  }
  const PlanFacts& parent = it->second;
  // Walk up from the parent; arriving back here would close a cycle. The step bound guards against
  // cycles already in the stored data that do not pass through this plan.
  std::optional<DocumentId> at = p.parent;
  for (size_t steps = 0; at && steps <= plans.size(); ++steps) {
    if (*at == p.document) {
      return fail(Error::invalid_field("parent", "所选上级规划是本规划的下级规划，不能形成循环"));
    }
    auto next = plans.find(at->value);
    at = next == plans.end() ? std::nullopt : next->second.parent;
  }
  if (p.type == PlanType::kMaster && parent.type != PlanType::kMaster) {
    return fail(Error::invalid_field(
        "parent",
        fmt::format("总体规划只能以上级总体规划为依据，所选上级规划是{}", plan_type_label(parent.type))));
  }
  if (level_rank(p.level) < level_rank(parent.level)) {
    return fail(Error::invalid_field(
        "plan_level",
        fmt::format("{}规划不能隶属于{}规划", plan_level_label(p.level), plan_level_label(parent.level))));
  }
  if (derived && parent.type != PlanType::kMaster) {
    warnings.push_back(fmt::format("{}一般依据总体规划编制，所选上级规划是{}，请确认",
                                   plan_type_label(p.type), plan_type_label(parent.type)));
  }
  if (p.period_end_year < parent.period_start_year || p.period_start_year > parent.period_end_year) {
    warnings.push_back(fmt::format("规划期（{}）与上级规划的规划期（{}）不重叠，请确认",
                                   plan_period_label(p.period_start_year, p.period_end_year),
                                   plan_period_label(parent.period_start_year, parent.period_end_year)));
  }
  return warnings;
}

std::optional<std::string> five_year_plan_name(int start, int end) {
  // 一五 1953–1957 and 二五 1958–1962; after the 1963–1965 adjustment years, 三五 began in 1966.
  int n = 0;
  if (start == 1953)
    n = 1;
  else if (start == 1958)
    n = 2;
  else if (start >= 1966 && (start - 1966) % 5 == 0)
    n = 3 + (start - 1966) / 5;
  if (n == 0 || end != start + 4 || n > 99) return std::nullopt;
  return chinese_number(n) + "五";
}

std::string plan_period_label(int start, int end) {
  if (auto name = five_year_plan_name(start, end)) return fmt::format("“{}”（{}—{}年）", *name, start, end);
  if (start == end) return fmt::format("{}年", start);
  return fmt::format("{}—{}年", start, end);
}

std::vector<PlanPeriodGroup> build_plan_system(const std::vector<PlanFacts>& plans, const PlanFilter& filter,
                                               const std::map<int64_t, std::string>& order_key) {
  std::map<int64_t, const PlanFacts*> by_id;
  for (const auto& p : plans) by_id[p.document.value] = &p;
  std::map<int64_t, std::vector<const PlanFacts*>> children;
  std::vector<const PlanFacts*> roots;
  for (const auto& p : plans) {
    if (p.parent && p.parent != p.document && by_id.contains(p.parent->value))
      children[p.parent->value].push_back(&p);
    else
      roots.push_back(&p);
  }
  auto key_of = [&](const PlanFacts* p) {
    auto k = order_key.find(p->document.value);
    return std::tuple(type_rank(p->type), level_rank(p->level),
                      k == order_key.end() ? std::string() : k->second, p->document.value);
  };
  auto by_key = [&](const PlanFacts* a, const PlanFacts* b) { return key_of(a) < key_of(b); };

  std::set<int64_t> placed;
  // Returns false when neither the node nor any descendant matches the filter (the node is dropped).
  auto build = [&](auto& self, const PlanFacts* p, PlanNode& out) -> bool {
    placed.insert(p->document.value);
    out.facts = *p;
    out.matches = !filter.type || p->type == *filter.type;
    out.parent_not_shown = p->parent.has_value() && !by_id.contains(p->parent->value);
    auto kids = children[p->document.value];
    std::sort(kids.begin(), kids.end(), by_key);
    bool any = out.matches;
    for (const auto* k : kids) {
      if (placed.contains(k->document.value)) continue;
      PlanNode child;
      if (self(self, k, child)) {
        out.children.push_back(std::move(child));
        any = true;
      }
    }
    return any;
  };

  std::sort(roots.begin(), roots.end(), by_key);
  // Plans caught in a stored cycle have no root; they are appended as roots so none is lost.
  for (const auto& p : plans) {
    if (std::find(roots.begin(), roots.end(), &p) == roots.end()) roots.push_back(&p);
  }
  std::map<std::pair<int, int>, PlanPeriodGroup> groups;
  for (const auto* r : roots) {
    if (placed.contains(r->document.value)) continue;
    const std::pair<int, int> period{r->period_start_year, r->period_end_year};
    PlanNode node;
    if (!build(build, r, node)) continue;
    if (filter.period && *filter.period != period) continue;
    auto& g = groups[period];
    g.start_year = period.first;
    g.end_year = period.second;
    g.label = plan_period_label(period.first, period.second);
    g.roots.push_back(std::move(node));
  }
  std::vector<PlanPeriodGroup> out;
  for (auto& [_, g] : groups) out.push_back(std::move(g));
  // Newest first; of two periods starting together, the shorter (the five-year plan) first.
  std::sort(out.begin(), out.end(), [](const PlanPeriodGroup& a, const PlanPeriodGroup& b) {
    return std::tuple(-a.start_year, a.end_year) < std::tuple(-b.start_year, b.end_year);
  });
  return out;
}

}  // namespace gk::documents
