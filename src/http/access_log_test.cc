#include "http/access_log.h"

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <sstream>

namespace gk::http {
namespace {

namespace json = boost::json;

AccessLogEntry entry() {
  AccessLogEntry e;
  e.ts = Instant::from_seconds(1727740800);  // 2024-10-01T00:00:00Z
  e.request_id = "rid-1";
  e.method = "GET";
  e.path = "/documents/通知";
  e.raw_query = "page=2";
  e.route = "portal.document";
  e.status = 200;
  e.bytes = 1234;
  e.duration_ms = 1.5;
  e.remote_ip = "10.0.0.7";
  e.user_agent = "Mozilla/5.0";
  return e;
}

TEST(AccessLogTest, FormatsOneJsonObjectWithAllFields) {
  AccessLog log(AccessLog::null_logger());
  const std::string line = log.format(entry());
  EXPECT_EQ(line.find('\n'), std::string::npos);
  json::object o = json::parse(line).as_object();
  EXPECT_EQ(o["ts"].as_string(), "2024-10-01T00:00:00.000Z");
  EXPECT_EQ(o["request_id"].as_string(), "rid-1");
  EXPECT_EQ(o["method"].as_string(), "GET");
  EXPECT_EQ(o["path"].as_string(), "/documents/通知");
  EXPECT_EQ(o["query"].as_string(), "page=2");
  EXPECT_EQ(o["route"].as_string(), "portal.document");
  EXPECT_EQ(o["status"].as_int64(), 200);
  EXPECT_EQ(o["bytes"].as_int64(), 1234);
  EXPECT_DOUBLE_EQ(o["duration_ms"].as_double(), 1.5);
  EXPECT_EQ(o["remote_ip"].as_string(), "10.0.0.7");
  EXPECT_EQ(o["user_agent"].as_string(), "Mozilla/5.0");
}

TEST(AccessLogTest, LoginQueryValuesAreRedacted) {
  AccessLog log(AccessLog::null_logger());
  AccessLogEntry e = entry();
  e.path = "/login";
  e.raw_query = "user=zhang&password=hunter2&next=%2Fadmin";
  std::string line = log.format(e);
  EXPECT_EQ(line.find("hunter2"), std::string::npos);
  EXPECT_EQ(json::parse(line).as_object()["query"].as_string(), "user=***&password=***&next=***");
  e.path = "/admin/login/step2";
  line = log.format(e);
  EXPECT_EQ(line.find("hunter2"), std::string::npos);
  e.path = "/loginfo";  // not under /login
  EXPECT_NE(log.format(e).find("hunter2"), std::string::npos);
}

TEST(AccessLogTest, RedactionPrefixesAreConfigurable) {
  AccessLog log(AccessLog::null_logger(), AccessLogOptions{.redact_query_prefixes = {"/api/token"}});
  AccessLogEntry e = entry();
  e.path = "/api/token";
  e.raw_query = "secret=s";
  EXPECT_EQ(log.format(e).find("secret=s"), std::string::npos);
}

TEST(AccessLogTest, EmptyQueryIsOmitted) {
  AccessLog log(AccessLog::null_logger());
  AccessLogEntry e = entry();
  e.raw_query = "";
  EXPECT_FALSE(json::parse(log.format(e)).as_object().contains("query"));
}

TEST(AccessLogTest, HostileStringsStayValidJson) {
  AccessLog log(AccessLog::null_logger());
  AccessLogEntry e = entry();
  const std::string ua = std::string("bad\xff\xfe agent \"quoted\"\n\x01") + std::string(400, 'x');
  e.user_agent = ua;
  const std::string line = log.format(e);
  json::object o = json::parse(line).as_object();
  const std::string logged(o["user_agent"].as_string());
  EXPECT_TRUE(logged.starts_with("bad\xEF\xBF\xBD\xEF\xBF\xBD agent \"quoted\"\n\x01"));
  EXPECT_LE(logged.size(), 256u + 6);
}

TEST(AccessLogTest, UserAgentIsCutAtACharacterBoundary) {
  AccessLog log(AccessLog::null_logger());
  AccessLogEntry e = entry();
  std::string ua = "a";
  for (int i = 0; i < 200; ++i) ua += "浏";
  e.user_agent = ua;
  const std::string logged(json::parse(log.format(e)).as_object()["user_agent"].as_string());
  EXPECT_EQ(logged.size(), 1u + 85 * 3);  // 256 bytes: the 86th character starts at byte 256
  EXPECT_EQ(logged.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(AccessLogTest, RecordWritesOneLineToTheSink) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  AccessLog log(std::make_shared<spdlog::logger>("test-access", sink));
  log.record(entry());
  log.record(entry());
  const std::string text = out.str();
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  EXPECT_TRUE(text.starts_with("{\"ts\":"));
  json::parse(text.substr(0, text.find('\n')));
}

TEST(AccessLogTest, RedactQueryValuesKeepsKeys) {
  EXPECT_EQ(redact_query_values("a=1&b&c="), "a=***&b&c=***");
  EXPECT_EQ(redact_query_values(""), "");
}

}  // namespace
}  // namespace gk::http
