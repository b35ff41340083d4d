// Tests for topic-column drafts (topic_service.h: parse_topic). The service itself is exercised over
// SQL in tests/storage/plans_guides_contract_test.cc.
#include "documents/topic_service.h"

#include <gtest/gtest.h>

namespace gk::documents {
namespace {

TEST(TopicDraftTest, AcceptsAWellFormedTopic) {
  auto c = parse_topic({" topic_epidemic ", " 涉疫信息 ", "7", true});
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_EQ(c->key, "topic_epidemic");
  EXPECT_EQ(c->name, "涉疫信息");
  EXPECT_EQ(c->update_cycle_days, 7);
  EXPECT_TRUE(c->featured);
  EXPECT_FALSE(c->department);
}

TEST(TopicDraftTest, RejectsBadKeysNamesAndCycles) {
  struct Case {
    TopicDraft draft;
    const char* field;
  } cases[] = {
      {{"epidemic", "涉疫信息", "", false}, "key"},
      {{"topic_", "涉疫信息", "", false}, "key"},
      {{"topic_Epidemic", "涉疫信息", "", false}, "key"},
      {{"topic_涉疫", "涉疫信息", "", false}, "key"},
      {{"topic_" + std::string(41, 'a'), "涉疫信息", "", false}, "key"},
      {{"topic_epidemic", "", "", false}, "name"},
      {{"topic_epidemic", std::string(31 * 3, 'x').substr(0, 31), "", false}, "name"},
      {{"topic_epidemic", "涉疫信息", "0", false}, "update_cycle_days"},
      {{"topic_epidemic", "涉疫信息", "7天", false}, "update_cycle_days"},
  };
  for (const auto& c : cases) {
    auto r = parse_topic(c.draft);
    ASSERT_FALSE(r) << c.draft.key << " / " << c.draft.name;
    ASSERT_EQ(r.error().fields().size(), 1u) << r.error().to_string();
    EXPECT_EQ(r.error().fields()[0].field, c.field);
  }
}

}  // namespace
}  // namespace gk::documents
