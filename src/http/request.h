// Request: one HTTP request as the application sees it, independent of the transport.
//
// The server fills every field before the router runs: `path` and `query` are percent-decoded and
// valid UTF-8 (requests that are not are answered 400 before reaching a handler); `body` is complete
// and within the route's body limit; `request_id` is set. The router fills `path_params` and
// `route`. Middleware may attach values for later layers in `attrs` (see set_attr/attr).
// Value type; one request is handled by one thread at a time, so no locking.
#pragma once

#include <any>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "http/headers.h"

namespace gk::http {

struct Request {
  std::string method;  // "GET", "POST", ... as sent (HTTP methods are case-sensitive)
  std::string target;  // raw request-target, e.g. "/search?q=%E5%85%AC%E5%BC%80"
  std::string path;    // percent-decoded path, valid UTF-8, e.g. "/documents/42"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order, duplicates kept
  std::string raw_query;                                   // as received, without '?'
  Headers headers;
  std::string body;

  std::string remote_ip;   // peer address, or the proxy's X-Forwarded-For when the proxy is trusted
  std::string request_id;  // also sent back as X-Request-Id
  bool secure = false;     // true when a trusted proxy said X-Forwarded-Proto: https

  std::map<std::string, std::string> path_params;  // "{id}" segments of the matched route pattern
  std::string route;                               // name of the matched route; empty when none matched

  // Per-request values that middleware hands to later layers, keyed by a documented name
  // (e.g. "user" holding accounts::SessionUser). std::any keeps http free of domain types.
  std::map<std::string, std::any, std::less<>> attrs;

  template <class T>
  void set_attr(std::string key, T value) {
    attrs.insert_or_assign(std::move(key), std::any(std::move(value)));
  }
  // The attribute `key` if present and of type T, else nullptr. The pointer lives as long as the
  // attribute is not replaced.
  template <class T>
  const T* attr(std::string_view key) const {
    auto it = attrs.find(key);
    return it == attrs.end() ? nullptr : std::any_cast<T>(&it->second);
  }
  template <class T>
  T* attr(std::string_view key) {
    auto it = attrs.find(key);
    return it == attrs.end() ? nullptr : std::any_cast<T>(&it->second);
  }

  // The first value of query parameter `name`, or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
  // The value of cookie `name` from the Cookie header(s), or nullopt.
  std::optional<std::string> cookie(std::string_view name) const;
  // A path parameter filled by the router, or an empty string when absent.
  std::string_view param(std::string_view name) const;
  // The body parsed as application/x-www-form-urlencoded. A missing Content-Type is accepted.
  // Errors: InvalidArgument for another Content-Type (multipart is not handled here), bad percent
  // escapes, invalid UTF-8 or NUL.
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> form() const;
  // True when the request is HEAD or GET.
  bool is_read() const { return method == "GET" || method == "HEAD"; }
};

}  // namespace gk::http
