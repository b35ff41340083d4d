#include "http/access_log.h"

#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <chrono>

#include "core/utf8.h"

namespace gk::http {
namespace {

// Appends `s` as a JSON string. Invalid UTF-8 bytes become U+FFFD so the line stays parseable;
// control characters are escaped.
void append_json_string(std::string& out, std::string_view s, size_t max_bytes = std::string_view::npos) {
  if (s.size() > max_bytes) {
    // Cut at a character boundary, not inside a multi-byte character.
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut);
  }
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\u{:04x}", c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len > 1 && i + len <= s.size() && is_valid_utf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

bool has_prefix_segment(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/' || prefix.ends_with('/');
}

}  // namespace

Instant now_instant() {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Instant::from_micros(us.count());
}

std::string redact_query_values(std::string_view raw_query) {
  std::string out;
  while (!raw_query.empty()) {
    const size_t amp = raw_query.find('&');
    std::string_view piece = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view() : raw_query.substr(amp + 1);
    if (!out.empty()) out += '&';
    const size_t eq = piece.find('=');
    out.append(piece.substr(0, eq));
    if (eq != std::string_view::npos) out += "=***";
  }
  return out;
}

AccessLog::AccessLog(std::shared_ptr<spdlog::logger> logger, AccessLogOptions options)
    : logger_(std::move(logger)), options_(std::move(options)) {
  if (!logger_)
    logger_ = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger_->set_pattern("%v");
  logger_->set_level(spdlog::level::info);
}

AccessLog::~AccessLog() = default;

std::shared_ptr<spdlog::logger> AccessLog::null_logger() {
  return std::make_shared<spdlog::logger>("access-null", std::make_shared<spdlog::sinks::null_sink_mt>());
}

std::string AccessLog::format(const AccessLogEntry& e) const {
  std::string out;
  out.reserve(256);
  out += "{\"ts\":";
  append_json_string(out, e.ts.to_string());
  out += ",\"request_id\":";
  append_json_string(out, e.request_id);
  out += ",\"method\":";
  append_json_string(out, e.method);
  out += ",\"path\":";
  append_json_string(out, e.path);
  if (!e.raw_query.empty()) {
    bool redact = false;
    for (const auto& p : options_.redact_query_prefixes) redact = redact || has_prefix_segment(e.path, p);
    out += ",\"query\":";
    append_json_string(out, redact ? std::string_view(redact_query_values(e.raw_query)) : e.raw_query);
  }
  out += ",\"route\":";
  append_json_string(out, e.route);
  out += fmt::format(",\"status\":{},\"bytes\":{},\"duration_ms\":{:.3f},\"remote_ip\":", e.status, e.bytes,
                     e.duration_ms);
  append_json_string(out, e.remote_ip);
  out += ",\"user_agent\":";
  append_json_string(out, e.user_agent, 256);
  out += '}';
  return out;
}

void AccessLog::record(const AccessLogEntry& e) { logger_->info(format(e)); }

}  // namespace gk::http
