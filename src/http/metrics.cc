#include "http/metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace gk::http {
namespace {

// Label values are escaped as the exposition format requires: backslash, double quote, newline.
std::string escape_label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

bool is_metric_name(std::string_view n) {
  if (n.empty()) return false;
  for (size_t i = 0; i < n.size(); ++i) {
    const char c = n[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!(alpha || (i > 0 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// Prometheus accepts Go's float syntax; "+Inf", "-Inf" and "NaN" are spelled out.
std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

}  // namespace

std::string_view metric_method_label(std::string_view method) {
  for (std::string_view m : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    if (method == m) return m;
  return "OTHER";
}

void Metrics::observe_request(std::string_view route, std::string_view method, int status, double seconds) {
  size_t bucket = kDurationBuckets.size();
  for (size_t i = 0; i < kDurationBuckets.size(); ++i) {
    if (seconds <= kDurationBuckets[i]) {
      bucket = i;
      break;
    }
  }
  const std::string_view m = metric_method_label(method);
  std::lock_guard lock(mu_);
  ++requests_[std::tuple<std::string, std::string, int>(route, m, status)];
  auto it = durations_.find(route);
  if (it == durations_.end()) it = durations_.emplace(std::string(route), Histogram{}).first;
  Histogram& h = it->second;
  if (bucket < h.buckets.size()) ++h.buckets[bucket];
  ++h.count;
  h.sum += seconds;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> sample) {
  if (!is_metric_name(name)) throw std::invalid_argument("bad metric name: " + name);
  for (char& c : help)
    if (c == '\n') c = ' ';
  std::lock_guard lock(mu_);
  gauges_.insert_or_assign(std::move(name), Gauge{std::move(help), std::move(sample)});
}

uint64_t Metrics::request_count(std::string_view route, std::string_view method, int status) const {
  std::lock_guard lock(mu_);
  auto it = requests_.find(std::tuple<std::string, std::string, int>(route, method, status));
  return it == requests_.end() ? 0 : it->second;
}

std::string Metrics::render() const {
  // Copy under the lock, format outside it: scrapes must not stall request threads.
  decltype(requests_) requests;
  decltype(durations_) durations;
  std::vector<std::pair<std::string, Gauge>> gauges;
  {
    std::lock_guard lock(mu_);
    requests = requests_;
    durations = durations_;
    gauges.assign(gauges_.begin(), gauges_.end());
  }

  std::string out;
  out.reserve(4096);
  out += "# HELP http_requests_total HTTP requests served, by route name, method and status.\n";
  out += "# TYPE http_requests_total counter\n";
  for (const auto& [key, n] : requests) {
    const auto& [route, method, status] = key;
    out += fmt::format("http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       escape_label(route), escape_label(method), status, n);
  }

  out +=
      "# HELP http_request_duration_seconds Time from the end of the request header to the last byte "
      "of the response.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations) {
    const std::string label = escape_label(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kDurationBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += fmt::format("http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                         format_value(kDurationBuckets[i]), cumulative);
    }
    out +=
        fmt::format("http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label, h.count);
    out += fmt::format("http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, format_value(h.sum));
    out += fmt::format("http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, h.count);
  }

  out += "# HELP http_connections_active Open client connections.\n";
  out += "# TYPE http_connections_active gauge\n";
  out += fmt::format("http_connections_active {}\n", connections_active());

  for (const auto& [name, g] : gauges) {
    double v = NAN;
    try {
      v = g.sample ? g.sample() : NAN;
    } catch (...) {
      // A failing probe must not break the whole scrape; NaN shows it.
    }
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", name, g.help, name, name, format_value(v));
  }
  return out;
}

std::function<Response(Request&)> Metrics::handler() {
  return [this](Request&) {
    Response r;
    r.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.headers.set("Cache-Control", "no-store");
    r.body = render();
    return r;
  };
}

}  // namespace gk::http
