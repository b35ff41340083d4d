// Request ids: the value of X-Request-Id that ties one request's response, access-log line and error
// reports together.
//
// An incoming X-Request-Id (set by nginx or an upstream service) is kept when it is sane: 1–64
// characters of [A-Za-z0-9._:-]. Anything else is replaced so that ids are always safe to put into
// logs, HTML and headers. Generated ids are 32 lower-case hex digits (128 random bits).
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gk::http {

inline constexpr size_t kMaxRequestIdLength = 64;

bool is_sane_request_id(std::string_view id);

// A fresh random id, e.g. "3f2a9c0e5b7d41a8960c2e1f4b8d7a63".
std::string generate_request_id();

// `incoming` when sane, otherwise a fresh id.
std::string request_id_for(std::optional<std::string_view> incoming);

}  // namespace gk::http
