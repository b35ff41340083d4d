// Tests for the cleanup campaign (清理): decisions, completeness, publication and the published list.
#include "documents/cleanup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace gk::documents {
namespace {

using Action = CleanupDecision::Action;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date D(std::string_view iso) { return *Date::parse(iso); }

CleanupCampaign Campaign() {
  auto c = CleanupCampaign::create("  2024年度行政规范性文件清理  ", D("2024-03-01"));
  EXPECT_TRUE(c);
  return std::move(*c);
}

TEST(CleanupTest, ActionNamesAndLabels) {
  for (Action a : {Action::kKeep, Action::kAmend, Action::kRepeal}) {
    EXPECT_EQ(parse_cleanup_action(cleanup_action_name(a)), a);
  }
  EXPECT_EQ(cleanup_action_label(Action::kKeep), "继续有效");
  EXPECT_EQ(cleanup_action_label(Action::kAmend), "修改");
  EXPECT_EQ(cleanup_action_label(Action::kRepeal), "废止");
  EXPECT_FALSE(parse_cleanup_action("abolish"));
}

TEST(CleanupTest, CreateTrimsAndRequiresName) {
  EXPECT_EQ(Campaign().name(), "2024年度行政规范性文件清理");
  EXPECT_EQ(Campaign().started(), D("2024-03-01"));
  for (const char* bad : {"", "   ", "\u3000"}) {
    auto c = CleanupCampaign::create(bad, D("2024-03-01"));
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().fields().at(0).field, "name");
  }
  EXPECT_FALSE(CleanupCampaign::create(std::string(201 * 3, 'a'), D("2024-03-01")));
}

TEST(CleanupTest, DecideValidatesInput) {
  struct Case {
    int64_t doc;
    std::string reason;
    const char* field;  // nullptr: accepted
  };
  const Case cases[] = {
      {1, "符合上位法，继续适用", nullptr},
      {1, "", "reason"},
      {1, " \t\u3000", "reason"},                 // blank after trimming ideographic space
      {1, std::string(2001 * 3, 'x'), "reason"},  // too long
      {1, std::string(2000, 'x'), nullptr},
      {0, "理由", "doc"},
      {1, "\xff\xfe", "reason"},  // not UTF-8
  };
  for (const Case& c : cases) {
    CleanupCampaign camp = Campaign();
    const Status s = camp.decide(DocumentId(c.doc), Action::kKeep, c.reason);
    if (!c.field) {
      EXPECT_TRUE(s);
      continue;
    }
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.error().fields().at(0).field, c.field);
    EXPECT_TRUE(camp.decisions().empty());
  }
}

TEST(CleanupTest, DecidingAgainReplacesTheDecisionInPlace) {
  CleanupCampaign camp = Campaign();
  ASSERT_TRUE(camp.decide(DocumentId(1), Action::kKeep, "继续适用"));
  ASSERT_TRUE(camp.decide(DocumentId(2), Action::kKeep, "继续适用"));
  ASSERT_TRUE(camp.decide(DocumentId(1), Action::kRepeal, "  上位法已废止  "));
  ASSERT_EQ(camp.decisions().size(), 2u);
  EXPECT_EQ(camp.decisions()[0], (CleanupDecision{DocumentId(1), Action::kRepeal, "上位法已废止"}));
  EXPECT_EQ(camp.decision_for(DocumentId(2))->action, Action::kKeep);
  EXPECT_EQ(camp.decision_for(DocumentId(3)), nullptr);
}

TEST(CleanupTest, CompleteWhenEveryDocumentOfTheBatchIsDecided) {
  CleanupCampaign camp = Campaign();
  const std::vector<DocumentId> batch = {DocumentId(1), DocumentId(2), DocumentId(3)};
  EXPECT_FALSE(camp.complete(batch));
  ASSERT_TRUE(camp.decide(DocumentId(1), Action::kKeep, "继续适用"));
  ASSERT_TRUE(camp.decide(DocumentId(3), Action::kAmend, "部分条款与新规定不一致"));
  EXPECT_THAT(camp.undecided(batch), ElementsAre(DocumentId(2)));
  EXPECT_FALSE(camp.complete(batch));
  ASSERT_TRUE(camp.decide(DocumentId(2), Action::kRepeal, "调整对象已消失"));
  EXPECT_TRUE(camp.complete(batch));
  EXPECT_TRUE(camp.complete({}));
}

TEST(CleanupTest, PublishFreezesACompleteCampaign) {
  CleanupCampaign camp = Campaign();
  const std::vector<DocumentId> batch = {DocumentId(1), DocumentId(2)};
  ASSERT_TRUE(camp.decide(DocumentId(1), Action::kKeep, "继续适用"));

  Status s = camp.publish(D("2024-06-30"), batch);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(s.error().message(), HasSubstr("还有 1 件"));

  ASSERT_TRUE(camp.decide(DocumentId(2), Action::kRepeal, "已被新办法替代"));
  EXPECT_EQ(camp.publish(D("2024-02-29"), batch).error().code(),
            ErrorCode::kFailedPrecondition);  // before start
  ASSERT_TRUE(camp.publish(D("2024-06-30"), batch));
  EXPECT_EQ(camp.published_on(), D("2024-06-30"));

  EXPECT_EQ(camp.decide(DocumentId(2), Action::kKeep, "改主意").error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(camp.publish(D("2024-07-01"), batch).error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(camp.decision_for(DocumentId(2))->action, Action::kRepeal);
}

TEST(CleanupTest, PublishedListGroupsKeepAmendRepeal) {
  CleanupCampaign camp = Campaign();
  ASSERT_TRUE(camp.decide(DocumentId(5), Action::kRepeal, "调整对象已消失"));
  ASSERT_TRUE(camp.decide(DocumentId(3), Action::kKeep, "符合上位法"));
  ASSERT_TRUE(camp.decide(DocumentId(4), Action::kAmend, "与《优化营商环境条例》不一致"));
  ASSERT_TRUE(camp.decide(DocumentId(1), Action::kKeep, "继续适用"));
  const std::map<int64_t, std::string> titles = {{1, "某市物业管理办法"},
                                                 {3, "某市停车场管理办法"},
                                                 {4, "某市招商引资优惠办法"},
                                                 {5, "某市粮票管理规定"}};
  const auto rows = cleanup_list(camp, [&](DocumentId id) { return titles.at(id.value); });
  ASSERT_EQ(rows.size(), 4u);
  struct Want {
    int seq;
    int64_t doc;
    const char* title;
    const char* decision;
  };
  const Want want[] = {{1, 3, "某市停车场管理办法", "继续有效"},
                       {2, 1, "某市物业管理办法", "继续有效"},
                       {3, 4, "某市招商引资优惠办法", "修改"},
                       {4, 5, "某市粮票管理规定", "废止"}};
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, want[i].seq);
    EXPECT_EQ(rows[i].doc, DocumentId(want[i].doc));
    EXPECT_EQ(rows[i].title, want[i].title);
    EXPECT_EQ(rows[i].decision, want[i].decision);
    EXPECT_EQ(rows[i].doc_number, "");
  }
  EXPECT_EQ(rows[2].reason, "与《优化营商环境条例》不一致");
}

TEST(CleanupTest, RepealDecisionsBecomeRelationsOfTheResultNotice) {
  CleanupCampaign camp = Campaign();
  ASSERT_TRUE(camp.decide(DocumentId(5), Action::kRepeal, "调整对象已消失"));
  ASSERT_TRUE(camp.decide(DocumentId(3), Action::kKeep, "符合上位法"));
  ASSERT_TRUE(camp.decide(DocumentId(6), Action::kRepeal, "已被替代"));
  const auto rels = repeal_relations(camp, DocumentId(100), D("2024-07-01"));
  EXPECT_THAT(rels,
              ElementsAre(Relation{DocumentId(100), RelationKind::kRepeals, DocumentId(5), D("2024-07-01")},
                          Relation{DocumentId(100), RelationKind::kRepeals, DocumentId(6), D("2024-07-01")}));
}

}  // namespace
}  // namespace gk::documents
