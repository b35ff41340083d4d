// Access log: one JSON object per line per request, written through spdlog.
//
// Fields, in order: ts (RFC 3339 UTC, ms), request_id, method, path, query (only when non-empty),
// route, status, bytes (body bytes sent), duration_ms, remote_ip, user_agent. Request bodies are
// never logged. Query values are replaced by "***" for paths under any of `redact_query_prefixes`
// (by default the login, registration and password pages: a form sent by GET by mistake would
// otherwise put a password into the log). A prefix matches whole segments: "/login" covers
// "/login" and "/login/x", not "/loginfo". Strings that are not valid UTF-8 are logged with the offending
// bytes replaced by U+FFFD so every line stays valid JSON; the user agent is cut at 256 bytes.
//
// Thread-safe: record() may be called from any thread (the default sink is spdlog's stderr_sink_mt).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace spdlog {
class logger;
}

namespace gk::http {

struct AccessLogEntry {
  Instant ts;
  std::string_view request_id;
  std::string_view method;
  std::string_view path;
  std::string_view raw_query;
  std::string_view route;
  int status = 0;
  size_t bytes = 0;
  double duration_ms = 0;
  std::string_view remote_ip;
  std::string_view user_agent;
};

struct AccessLogOptions {
  std::vector<std::string> redact_query_prefixes = {"/login", "/admin/login", "/account/login",
                                                    "/account/register", "/account/password"};
};

class AccessLog {
 public:
  // Logs to `logger`; nullptr means a fresh, unregistered logger writing to stderr. The logger's
  // pattern is set to "%v" so each line is exactly one JSON object.
  explicit AccessLog(std::shared_ptr<spdlog::logger> logger = nullptr, AccessLogOptions options = {});
  ~AccessLog();

  void record(const AccessLogEntry& e);

  // The JSON line for `e` (no trailing newline).
  std::string format(const AccessLogEntry& e) const;

  // A logger that discards everything, for tests and for `--no-access-log`.
  static std::shared_ptr<spdlog::logger> null_logger();

 private:
  std::shared_ptr<spdlog::logger> logger_;
  AccessLogOptions options_;
};

// `raw_query` with every value replaced by "***" ("user=a&pw=b" → "user=***&pw=***").
std::string redact_query_values(std::string_view raw_query);

// The current wall-clock time as an Instant (the http layer may read the system clock).
Instant now_instant();

}  // namespace gk::http
