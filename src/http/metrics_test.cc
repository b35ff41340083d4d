#include "http/metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace gk::http {
namespace {

bool contains(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(MetricsTest, CountsRequestsByRouteMethodStatus) {
  Metrics m;
  m.observe_request("portal.home", "GET", 200, 0.002);
  m.observe_request("portal.home", "GET", 200, 0.003);
  m.observe_request("portal.home", "POST", 405, 0.001);
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "# TYPE http_requests_total counter\n"));
  EXPECT_TRUE(contains(text, "http_requests_total{route=\"portal.home\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(
      contains(text, "http_requests_total{route=\"portal.home\",method=\"POST\",status=\"405\"} 1\n"));
  EXPECT_EQ(m.request_count("portal.home", "GET", 200), 2u);
  EXPECT_EQ(m.request_count("portal.home", "GET", 500), 0u);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics m;
  m.observe_request("r", "GET", 200, 0.0005);  // first bucket
  m.observe_request("r", "GET", 200, 0.02);    // le 0.025
  m.observe_request("r", "GET", 200, 30.0);    // only +Inf
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "# TYPE http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_bucket{route=\"r\",le=\"0.001\"} 1\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_bucket{route=\"r\",le=\"0.01\"} 1\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_bucket{route=\"r\",le=\"0.025\"} 2\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_bucket{route=\"r\",le=\"10\"} 2\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_bucket{route=\"r\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_count{route=\"r\"} 3\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_sum{route=\"r\"} 30.0205\n"));
}

TEST(MetricsTest, ConnectionGaugeTracksOpenAndClose) {
  Metrics m;
  m.connection_opened();
  m.connection_opened();
  m.connection_closed();
  EXPECT_TRUE(contains(m.render(), "# TYPE http_connections_active gauge\nhttp_connections_active 1\n"));
}

TEST(MetricsTest, CallbackGaugesAreSampledAtScrape) {
  Metrics m;
  int in_use = 3;
  m.add_gauge("db_pool_in_use", "Connections checked out of the pool.", [&] { return double(in_use); });
  m.add_gauge("db_pool_size", "Pool size.", [] { return 8.0; });
  m.add_gauge("broken", "Throws.", []() -> double { throw std::runtime_error("x"); });
  EXPECT_TRUE(contains(m.render(),
                       "# HELP db_pool_in_use Connections checked out of the pool.\n"
                       "# TYPE db_pool_in_use gauge\ndb_pool_in_use 3\n"));
  in_use = 5;
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "db_pool_in_use 5\n"));
  EXPECT_TRUE(contains(text, "db_pool_size 8\n"));
  EXPECT_TRUE(contains(text, "broken NaN\n"));
}

TEST(MetricsTest, GaugeNamesAreValidated) {
  Metrics m;
  EXPECT_THROW(m.add_gauge("9lives", "x", [] { return 1.0; }), std::invalid_argument);
  EXPECT_THROW(m.add_gauge("db-pool", "x", [] { return 1.0; }), std::invalid_argument);
  EXPECT_THROW(m.add_gauge("", "x", [] { return 1.0; }), std::invalid_argument);
}

TEST(MetricsTest, LabelValuesAreEscapedAndOddMethodsFolded) {
  Metrics m;
  m.observe_request("we\"ird\\route\n", "BREW", 418, 0.1);
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "route=\"we\\\"ird\\\\route\\n\",method=\"OTHER\",status=\"418\""));
}

TEST(MetricsTest, EveryLineIsCommentOrSample) {
  Metrics m;
  m.observe_request("a", "GET", 200, 0.01);
  m.add_gauge("g", "help", [] { return 1.5; });
  const std::string text = m.render();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    EXPECT_FALSE(line.empty());
    if (!line.starts_with("# HELP ") && !line.starts_with("# TYPE ")) {
      // name{labels} value  or  name value
      const size_t space = line.rfind(' ');
      ASSERT_NE(space, std::string::npos) << line;
      EXPECT_NE(line.substr(space + 1), "") << line;
      EXPECT_EQ(line.find_first_of(" "), space) << line;
    }
    start = end + 1;
  }
}

TEST(MetricsTest, HandlerServesTextFormat) {
  Metrics m;
  Request req;
  Response res = m.handler()(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(*res.headers.get("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_TRUE(contains(res.body, "http_connections_active 0"));
}

}  // namespace
}  // namespace gk::http
