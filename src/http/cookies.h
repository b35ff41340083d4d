// Cookies: reading the Cookie request header and writing Set-Cookie (RFC 6265).
//
// Values are carried verbatim (no percent-decoding): the application stores opaque tokens such as
// session ids, which are already cookie-safe. Serializing a cookie whose name is not an RFC 7230
// token or whose value holds bytes outside cookie-octet is a programming error and throws
// std::invalid_argument (the server turns it into a 500); this stops header injection through
// cookie values. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk::http {

struct Cookie {
  std::string name;
  std::string value;
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age;  // nullopt: session cookie; 0: delete now
  bool http_only = true;
  std::string same_site = "Lax";  // "Strict", "Lax", "None" or empty (attribute omitted)
  bool secure = false;
};

// The Set-Cookie header value for `c`, e.g. "sid=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax".
// Throws std::invalid_argument on an invalid name, value, path or SameSite value.
std::string serialize_set_cookie(const Cookie& c);

// A cookie that tells the browser to delete `name` at `path` (empty value, Max-Age=0).
Cookie expired_cookie(std::string name, std::string path = "/");

// Every name=value pair of a Cookie header ("a=1; b=2"), in order. Pairs without '=' are skipped;
// double-quoted values are unquoted; surrounding whitespace is trimmed.
std::vector<std::pair<std::string, std::string>> parse_cookie_header(std::string_view header);

// The first value of cookie `name` in a Cookie header, or nullopt.
std::optional<std::string> find_cookie(std::string_view header, std::string_view name);

}  // namespace gk::http
