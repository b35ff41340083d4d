// Tests for the plan system's rules (plan.h): parsing, the parent checks (existence, cycles, level and
// type), the five-year plan names and the tree built for /plans.
#include "documents/plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gk::documents {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

PlanFacts P(int64_t id, PlanType type, PlanLevel level, int from, int to,
            std::optional<int64_t> parent = {}) {
  PlanFacts p;
  p.document = DocumentId(id);
  p.type = type;
  p.level = level;
  p.period_start_year = from;
  p.period_end_year = to;
  if (parent) p.parent = DocumentId(*parent);
  return p;
}

std::map<int64_t, PlanFacts> System(std::initializer_list<PlanFacts> plans) {
  std::map<int64_t, PlanFacts> out;
  for (const auto& p : plans) out.emplace(p.document.value, p);
  return out;
}

constexpr PlanType kMaster = PlanType::kMaster;
constexpr PlanType kSpecial = PlanType::kSpecial;
constexpr PlanType kRegional = PlanType::kRegional;
constexpr PlanType kSpatial = PlanType::kSpatial;
constexpr PlanLevel kCounty = PlanLevel::kCounty;
constexpr PlanLevel kProvincial = PlanLevel::kProvincial;

bool has_field(const Error& e, std::string_view field) {
  for (const auto& f : e.fields())
    if (f.field == field) return true;
  return false;
}

TEST(PlanTest, StableNamesAndLabelsRoundTrip) {
  for (auto t : kAllPlanTypes) EXPECT_EQ(parse_plan_type(plan_type_name(t)), t);
  for (auto l : kAllPlanLevels) EXPECT_EQ(parse_plan_level(plan_level_name(l)), l);
  EXPECT_EQ(plan_type_label(kSpecial), "专项规划");
  EXPECT_EQ(plan_type_name(kSpatial), "spatial");
  EXPECT_FALSE(parse_plan_type("overall"));
  EXPECT_FALSE(parse_plan_level("city"));
}

TEST(PlanTest, ParsesWhatAnEditorTyped) {
  auto p = parse_plan(DocumentId(7), {"special", "county", " 2021 ", "2025", "3"});
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_EQ(*p, P(7, kSpecial, kCounty, 2021, 2025, 3));
  auto root = parse_plan(DocumentId(7), {"master", "county", "2021", "2025", ""});
  ASSERT_TRUE(root);
  EXPECT_FALSE(root->parent);
}

TEST(PlanTest, RejectsBadFactsFieldByField) {
  struct Case {
    PlanDraft draft;
    const char* field;
  } cases[] = {
      {{"overall", "county", "2021", "2025", ""}, "plan_type"},
      {{"master", "city", "2021", "2025", ""}, "plan_level"},
      {{"master", "county", "二〇二一", "2025", ""}, "period_start_year"},
      {{"master", "county", "1900", "2025", ""}, "period_start_year"},
      {{"master", "county", "2021", "2101", ""}, "period_end_year"},
      {{"master", "county", "2025", "2021", ""}, "period_end_year"},  // period order
      {{"master", "county", "2021", "2025", "abc"}, "parent"},
      {{"master", "county", "2021", "2025", "7"}, "parent"},  // itself
  };
  for (const auto& c : cases) {
    auto p = parse_plan(DocumentId(7), c.draft);
    ASSERT_FALSE(p) << c.field;
    EXPECT_EQ(p.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_TRUE(has_field(p.error(), c.field)) << c.field << ": " << p.error().to_string();
  }
}

TEST(PlanTest, ASpecialPlanUnderTheMasterPlanFitsWithoutWarnings) {
  const auto plans = System({P(1, kMaster, kCounty, 2021, 2025)});
  auto w = check_plan_in_system(P(2, kSpecial, kCounty, 2021, 2025, 1), plans);
  ASSERT_TRUE(w) << w.error().to_string();
  EXPECT_THAT(*w, IsEmpty());
}

TEST(PlanTest, ParentMustBeARegisteredPlan) {
  const auto plans = System({P(1, kMaster, kCounty, 2021, 2025)});
  auto r = check_plan_in_system(P(2, kSpecial, kCounty, 2021, 2025, 99), plans);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has_field(r.error(), "parent"));
  EXPECT_THAT(r.error().message(), HasSubstr("99"));
}

TEST(PlanTest, CyclesAreRejected) {
  // 1 ← 2 ← 3; making 1 derive from 3 would close the loop, as would 2 from 3.
  const auto plans = System({P(1, kSpecial, kCounty, 2021, 2025), P(2, kSpecial, kCounty, 2021, 2025, 1),
                             P(3, kSpecial, kCounty, 2021, 2025, 2)});
  for (auto [id, parent] : {std::pair{1, 3}, std::pair{2, 3}, std::pair{1, 2}}) {
    auto r = check_plan_in_system(P(id, kSpecial, kCounty, 2021, 2025, parent), plans);
    ASSERT_FALSE(r) << id << " under " << parent;
    EXPECT_THAT(r.error().message(), HasSubstr("循环"));
  }
  // Moving 3 to the root's level is fine.
  EXPECT_TRUE(check_plan_in_system(P(3, kSpecial, kCounty, 2021, 2025, 1), plans));
}

TEST(PlanTest, AStoredCycleElsewhereDoesNotHangTheCheck) {
  // 5 ↔ 6 is already a loop (corrupt data); checking plan 7 under 5 terminates and accepts.
  const auto plans = System({P(5, kMaster, kCounty, 2021, 2025, 6), P(6, kMaster, kCounty, 2021, 2025, 5)});
  EXPECT_TRUE(check_plan_in_system(P(7, kSpecial, kCounty, 2021, 2025, 5), plans));
}

TEST(PlanTest, AMasterPlanDerivesOnlyFromAMasterPlan) {
  const auto plans =
      System({P(1, kSpecial, kProvincial, 2021, 2025), P(2, kMaster, kProvincial, 2021, 2025)});
  auto bad = check_plan_in_system(P(3, kMaster, kCounty, 2021, 2025, 1), plans);
  ASSERT_FALSE(bad);
  EXPECT_THAT(bad.error().message(), HasSubstr("总体规划只能以上级总体规划为依据"));
  EXPECT_TRUE(check_plan_in_system(P(3, kMaster, kCounty, 2021, 2025, 2), plans));
}

TEST(PlanTest, APlanNeverSitsUnderALowerLevel) {
  const auto plans = System({P(1, kMaster, kCounty, 2021, 2025)});
  auto r = check_plan_in_system(P(2, kSpecial, kProvincial, 2021, 2025, 1), plans);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has_field(r.error(), "plan_level"));
}

TEST(PlanTest, SoftRulesAreWarningsNotErrors) {
  const auto plans = System({P(1, kSpatial, kCounty, 2021, 2035), P(2, kMaster, kCounty, 2016, 2020)});
  // 专项 under a 空间规划: allowed (国土空间专项规划), but the editor is asked to confirm.
  auto under_spatial = check_plan_in_system(P(3, kSpecial, kCounty, 2021, 2025, 1), plans);
  ASSERT_TRUE(under_spatial);
  EXPECT_THAT(*under_spatial, ElementsAre(HasSubstr("所选上级规划是空间规划")));
  // Period outside the parent's.
  auto disjoint = check_plan_in_system(P(3, kSpecial, kCounty, 2021, 2025, 2), plans);
  ASSERT_TRUE(disjoint);
  EXPECT_THAT(*disjoint, ElementsAre(HasSubstr("不重叠")));
  // A regional plan with no parent at all.
  auto orphan = check_plan_in_system(P(3, kRegional, kCounty, 2021, 2025), plans);
  ASSERT_TRUE(orphan);
  EXPECT_THAT(*orphan, ElementsAre(HasSubstr("区域规划一般依据总体规划编制")));
  // A spatial or master plan may be a root.
  EXPECT_THAT(*check_plan_in_system(P(3, kSpatial, kCounty, 2021, 2035), plans), IsEmpty());
}

TEST(PlanTest, FiveYearPlanNames) {
  struct Case {
    int from, to;
    std::optional<std::string> name;
  } cases[] = {
      {2021, 2025, "十四五"},     {2016, 2020, "十三五"},     {2001, 2005, "十五"},
      {1953, 1957, "一五"},       {1958, 1962, "二五"},       {1966, 1970, "三五"},
      {2026, 2030, "十五五"},     {2021, 2035, std::nullopt}, {2022, 2026, std::nullopt},
      {1963, 1967, std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(five_year_plan_name(c.from, c.to), c.name) << c.from;
  EXPECT_EQ(plan_period_label(2021, 2025), "“十四五”（2021—2025年）");
  EXPECT_EQ(plan_period_label(2021, 2035), "2021—2035年");
  EXPECT_EQ(plan_period_label(2024, 2024), "2024年");
}

TEST(PlanTest, TheSystemIsATreeUnderTheMasterPlanGroupedByPeriod) {
  const std::vector<PlanFacts> plans = {
      P(1, kMaster, kCounty, 2021, 2025),      P(2, kSpecial, kCounty, 2021, 2025, 1),
      P(3, kSpatial, kCounty, 2021, 2035, 1),  P(4, kRegional, kCounty, 2021, 2025, 1),
      P(5, kSpecial, kCounty, 2021, 2025, 2),  P(6, kMaster, kCounty, 2016, 2020),
      P(7, kSpecial, kCounty, 2016, 2020, 99),  // parent not shown (e.g. not public)
  };
  auto groups = build_plan_system(plans, {});
  ASSERT_THAT(groups, SizeIs(2));
  EXPECT_EQ(groups[0].label, "“十四五”（2021—2025年）");
  ASSERT_THAT(groups[0].roots, SizeIs(1));
  const PlanNode& master = groups[0].roots[0];
  EXPECT_EQ(master.facts.document, DocumentId(1));
  // Children ordered 空间, 专项, 区域.
  ASSERT_THAT(master.children, SizeIs(3));
  EXPECT_EQ(master.children[0].facts.document, DocumentId(3));
  EXPECT_EQ(master.children[1].facts.document, DocumentId(2));
  EXPECT_EQ(master.children[2].facts.document, DocumentId(4));
  ASSERT_THAT(master.children[1].children, SizeIs(1));
  EXPECT_EQ(master.children[1].children[0].facts.document, DocumentId(5));
  EXPECT_EQ(groups[1].label, "“十三五”（2016—2020年）");
  ASSERT_THAT(groups[1].roots, SizeIs(2));
  EXPECT_EQ(groups[1].roots[0].facts.document, DocumentId(6));
  EXPECT_TRUE(groups[1].roots[1].parent_not_shown);
}

TEST(PlanTest, TypeFilterKeepsAncestorsAsContext) {
  const std::vector<PlanFacts> plans = {
      P(1, kMaster, kCounty, 2021, 2025), P(2, kSpecial, kCounty, 2021, 2025, 1),
      P(3, kSpatial, kCounty, 2021, 2035, 1), P(6, kMaster, kCounty, 2016, 2020)};
  auto groups = build_plan_system(plans, {.type = kSpecial, .period = std::nullopt});
  ASSERT_THAT(groups, SizeIs(1));  // the 十三五 group has no special plan
  const PlanNode& master = groups[0].roots[0];
  EXPECT_FALSE(master.matches);
  ASSERT_THAT(master.children, SizeIs(1));
  EXPECT_EQ(master.children[0].facts.document, DocumentId(2));
  EXPECT_TRUE(master.children[0].matches);

  auto period = build_plan_system(plans, {.type = std::nullopt, .period = std::pair{2016, 2020}});
  ASSERT_THAT(period, SizeIs(1));
  EXPECT_EQ(period[0].roots[0].facts.document, DocumentId(6));
}

TEST(PlanTest, StoredCyclesLoseNoPlan) {
  const std::vector<PlanFacts> plans = {P(1, kSpecial, kCounty, 2021, 2025, 2),
                                        P(2, kSpecial, kCounty, 2021, 2025, 1)};
  auto groups = build_plan_system(plans, {});
  ASSERT_THAT(groups, SizeIs(1));
  ASSERT_THAT(groups[0].roots, SizeIs(1));
  EXPECT_THAT(groups[0].roots[0].children, SizeIs(1));
}

}  // namespace
}  // namespace gk::documents
