// Tests for RelationGraph: which relations are accepted, and why the others are rejected.
#include "documents/relation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gk::documents {
namespace {

using ::testing::HasSubstr;

constexpr RelationKind kAmends = RelationKind::kAmends;
constexpr RelationKind kRepeals = RelationKind::kRepeals;
constexpr RelationKind kReplaces = RelationKind::kReplaces;
constexpr RelationKind kImplements = RelationKind::kImplements;
constexpr RelationKind kInterprets = RelationKind::kInterprets;

Relation R(int64_t from, RelationKind kind, int64_t to) {
  return {DocumentId(from), kind, DocumentId(to), {}};
}

RelationGraph Graph(std::initializer_list<Relation> relations) {
  std::vector<DocumentId> known;
  for (int64_t i = 1; i <= 9; ++i) known.emplace_back(i);
  const std::vector<Relation> rels(relations);
  auto g = RelationGraph::build(known, rels);
  if (!g) throw std::runtime_error(g.error().to_string());
  return std::move(*g);
}

TEST(RelationKindTest, StableNamesRoundTrip) {
  for (RelationKind k : {kAmends, kRepeals, kReplaces, kImplements, kInterprets}) {
    EXPECT_EQ(parse_relation_kind(relation_kind_name(k)), k);
  }
  EXPECT_EQ(relation_kind_name(kRepeals), "repeals");
  EXPECT_EQ(relation_kind_label(kRepeals), "废止");
  EXPECT_FALSE(parse_relation_kind("abolishes"));
  EXPECT_TRUE(is_supersession(kReplaces));
  EXPECT_FALSE(is_supersession(kInterprets));
}

struct CheckCase {
  const char* name;
  std::vector<Relation> existing;
  Relation candidate;
  std::optional<ErrorCode> error;  // nullopt: accepted
  const char* message_part;
};

TEST(RelationGraphTest, CheckNewRelation) {
  const CheckCase cases[] = {
      {"plain amendment", {}, R(2, kAmends, 1), std::nullopt, ""},
      {"unknown target", {}, R(2, kRepeals, 42), ErrorCode::kInvalidArgument, "目标文件不存在（编号 42）"},
      {"unknown source", {}, R(42, kRepeals, 1), ErrorCode::kInvalidArgument, "文件不存在（编号 42）"},
      {"zero id", {}, R(0, kRepeals, 1), ErrorCode::kInvalidArgument, "不存在"},
      {"self relation", {}, R(3, kAmends, 3), ErrorCode::kInvalidArgument, "自身"},
      {"A amends B, B repeals A",
       {R(1, kAmends, 2)},
       R(2, kRepeals, 1),
       ErrorCode::kInvalidArgument,
       "关联会形成循环：2 废止 1，1 修改 2"},
      {"three-step cycle",
       {R(1, kAmends, 2), R(2, kReplaces, 3)},
       R(3, kRepeals, 1),
       ErrorCode::kInvalidArgument,
       "3 废止 1，1 修改 2，2 替代 3"},
      {"implements cycle", {R(1, kImplements, 2)}, R(2, kInterprets, 1), ErrorCode::kInvalidArgument, "循环"},
      {"families are separate", {R(1, kImplements, 2)}, R(2, kAmends, 1), std::nullopt, ""},
      {"chain without cycle", {R(2, kAmends, 1), R(3, kAmends, 2)}, R(3, kRepeals, 1), std::nullopt, ""},
      {"diamond is not a cycle",
       {R(2, kAmends, 1), R(3, kAmends, 1), R(4, kRepeals, 2)},
       R(4, kRepeals, 3),
       std::nullopt,
       ""},
      {"duplicate", {R(2, kRepeals, 1)}, R(2, kRepeals, 1), ErrorCode::kConflict, "已存在"},
      {"duplicate with another date",
       {R(2, kRepeals, 1)},
       Relation{DocumentId(2), kRepeals, DocumentId(1), Date()},
       ErrorCode::kConflict,
       "已存在"},
      {"amends and repeals the same document",
       {R(2, kAmends, 1)},
       R(2, kRepeals, 1),
       ErrorCode::kConflict,
       "已修改文件 1，不能再废止"},
      {"implements beside amends", {R(2, kAmends, 1)}, R(2, kImplements, 1), std::nullopt, ""},
      {"two repealers", {R(2, kRepeals, 1)}, R(3, kRepeals, 1), std::nullopt, ""},
  };
  for (const CheckCase& c : cases) {
    SCOPED_TRACE(c.name);
    RelationGraph g = Graph({});
    for (const Relation& r : c.existing) ASSERT_TRUE(g.add(r));
    const Status s = g.check_new_relation(c.candidate);
    if (!c.error) {
      EXPECT_TRUE(s) << s.error().to_string();
      continue;
    }
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), *c.error);
    EXPECT_THAT(s.error().message(), HasSubstr(c.message_part));
    if (*c.error == ErrorCode::kInvalidArgument) {
      ASSERT_EQ(s.error().fields().size(), 1u);
      EXPECT_EQ(s.error().fields()[0].field, "relation");
    }
  }
}

TEST(RelationGraphTest, AddRecordsOnlyAcceptedRelations) {
  RelationGraph g = Graph({R(2, kAmends, 1), R(3, kRepeals, 1)});
  EXPECT_FALSE(g.add(R(1, kRepeals, 3)));
  EXPECT_EQ(g.relations().size(), 2u);
  EXPECT_EQ(g.incoming(DocumentId(1)).size(), 2u);
  EXPECT_EQ(g.outgoing(DocumentId(3)), std::vector<Relation>{R(3, kRepeals, 1)});
  EXPECT_TRUE(g.outgoing(DocumentId(1)).empty());
}

TEST(RelationGraphTest, BuildReportsBadLegacyData) {
  const std::vector<DocumentId> known = {DocumentId(1), DocumentId(2)};
  const std::vector<Relation> cyclic = {R(1, kAmends, 2), R(2, kAmends, 1)};
  auto g = RelationGraph::build(known, cyclic);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().code(), ErrorCode::kInvalidArgument);
  const std::vector<Relation> unknown = {R(1, kAmends, 3)};
  EXPECT_FALSE(RelationGraph::build(known, unknown));
}

TEST(RelationGraphTest, AddDocumentMakesItKnown) {
  RelationGraph g;
  EXPECT_FALSE(g.check_new_relation(R(2, kAmends, 1)));
  g.add_document(DocumentId(1));
  g.add_document(DocumentId(2));
  g.add_document(DocumentId(0));
  EXPECT_FALSE(g.knows(DocumentId(0)));
  EXPECT_TRUE(g.add(R(2, kAmends, 1)));
}

// A long amendment chain (each document amends the previous one) stays cheap to check.
TEST(RelationGraphTest, LongChainRejectsClosingCycle) {
  RelationGraph g;
  constexpr int kN = 2000;
  for (int i = 1; i <= kN; ++i) g.add_document(DocumentId(i));
  for (int i = 2; i <= kN; ++i) ASSERT_TRUE(g.add(R(i, kAmends, i - 1)));
  const Status s = g.check_new_relation(R(1, kRepeals, kN));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace gk::documents
