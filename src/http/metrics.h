// Metrics: counters, a latency histogram and gauges, exposed in the Prometheus text format 0.0.4.
//
// Built-in series:
//   http_requests_total{route,method,status}        counter
//   http_request_duration_seconds{route}            histogram (kDurationBuckets, seconds)
//   http_connections_active                         gauge, kept by the server
// plus any gauge registered with add_gauge(), sampled from its callback at scrape time (the app adds
// db_pool_size, db_pool_in_use, db_pool_waits this way).
//
// Label values must have low cardinality: the server passes the route *name* ("portal.home"), never
// the path, "unmatched" for requests no route took, and "transport" for errors the server answered
// itself (400 on malformed HTTP, 413, 431, 503). Methods outside the standard set are counted as
// "OTHER".
//
// Thread-safe: every method may be called concurrently. Gauge callbacks run on the scraping thread
// under no lock of ours and must be thread-safe themselves.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace gk::http {

inline constexpr std::array<double, 12> kDurationBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                            0.25,  0.5,   1.0,  2.5,   5.0,  10.0};

class Metrics {
 public:
  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one finished request and records its duration.
  void observe_request(std::string_view route, std::string_view method, int status, double seconds);

  void connection_opened() { connections_active_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { connections_active_.fetch_sub(1, std::memory_order_relaxed); }
  int64_t connections_active() const { return connections_active_.load(std::memory_order_relaxed); }

  // Registers a gauge sampled at scrape time. `name` must match [a-zA-Z_:][a-zA-Z0-9_:]* and be
  // unique (a second registration under the same name replaces the first); `help` is one line.
  // Throws std::invalid_argument on a bad name.
  void add_gauge(std::string name, std::string help, std::function<double()> sample);

  // The whole registry in Prometheus text format, series sorted for stable output.
  std::string render() const;

  // A handler to mount at GET /metrics, e.g. router.get("/metrics", metrics.handler(), {.name = "metrics"}).
  // The registry must outlive the handler.
  std::function<Response(Request&)> handler();

  // The number of requests counted for one label set; for tests and health checks.
  uint64_t request_count(std::string_view route, std::string_view method, int status) const;

 private:
  struct Histogram {
    std::array<uint64_t, kDurationBuckets.size()> buckets{};  // non-cumulative counts
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string help;
    std::function<double()> sample;
  };

  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t, std::less<>> requests_;
  std::map<std::string, Histogram, std::less<>> durations_;
  std::map<std::string, Gauge, std::less<>> gauges_;
  std::atomic<int64_t> connections_active_{0};
};

// `method` if it is one of the standard methods, else "OTHER" (keeps label cardinality bounded).
std::string_view metric_method_label(std::string_view method);

}  // namespace gk::http
