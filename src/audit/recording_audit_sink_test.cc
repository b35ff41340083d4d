// Tests for the RecordingAuditSink fake that other modules' tests rely on.
#include "audit/recording_audit_sink.h"

#include <gtest/gtest.h>

#include <thread>

namespace gk::audit {
namespace {

AuditEvent event(std::string action, std::string target) {
  AuditEvent e;
  e.actor = "user:12 张三";
  e.department = DepartmentId(3);
  e.action = std::move(action);
  e.target = std::move(target);
  e.summary = "测试";
  return e;
}

TEST(RecordingAuditSinkTest, RecordsEventsInOrder) {
  RecordingAuditSink sink;
  EXPECT_EQ(sink.last(), std::nullopt);
  ASSERT_TRUE(sink.append(event("foi.reply", "foi_request:1")).has_value());
  ASSERT_TRUE(sink.append(event("document.publish", "document:2")).has_value());
  ASSERT_TRUE(sink.append(event("foi.reply", "foi_request:3")).has_value());

  ASSERT_EQ(sink.size(), 3u);
  EXPECT_EQ(sink.events()[1], event("document.publish", "document:2"));
  EXPECT_EQ(sink.last(), event("foi.reply", "foi_request:3"));
  const auto replies = sink.with_action("foi.reply");
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0].target, "foi_request:1");

  sink.clear();
  EXPECT_EQ(sink.size(), 0u);
}

TEST(RecordingAuditSinkTest, FailNextAppendFailsOnceAndRecordsNothing) {
  RecordingAuditSink sink;
  sink.fail_next_append(Error::unavailable("数据库不可用"));
  auto first = sink.append(event("foi.reply", "foi_request:1"));
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(sink.size(), 0u);
  EXPECT_TRUE(sink.append(event("foi.reply", "foi_request:1")).has_value());
  EXPECT_EQ(sink.size(), 1u);
}

TEST(RecordingAuditSinkTest, ConcurrentAppendsAreAllRecorded) {
  RecordingAuditSink sink;
  AuditSink& port = sink;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&port, t] {
      for (int i = 0; i < 250; ++i) {
        (void)port.append(event("foi.reply", "foi_request:" + std::to_string(t * 1000 + i)));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(sink.size(), 1000u);
}

}  // namespace
}  // namespace gk::audit
