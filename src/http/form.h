// Parsing of request-targets, query strings and application/x-www-form-urlencoded bodies.
//
// Everything the application sees is percent-decoded and guaranteed valid UTF-8 without NUL bytes;
// anything else is refused with InvalidArgument (the server answers 400). Decoding is done by
// Boost.URL. Clients (and browsers, for `|`, `^`, `{`, `}`) sometimes send characters RFC 3986 does
// not allow in a query; those are tolerated, but a `%` that does not start a two-digit hex escape is
// always an error. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace gk::http {

using Params = std::vector<std::pair<std::string, std::string>>;

// A parsed request-target.
struct Target {
  std::string path;       // percent-decoded, valid UTF-8, starts with '/'
  std::string raw_query;  // as received, without '?'; empty when absent
  Params query;           // decoded key/value pairs in order ('+' means space)
};

// Parses an origin-form ("/a/b?x=1") or absolute-form ("http://host/a?x=1") request-target.
// Errors: InvalidArgument for any other form, malformed percent escapes, decoded bytes that are not
// valid UTF-8, or a decoded NUL.
[[nodiscard]] Result<Target> parse_target(std::string_view target);

// Parses "k=v&k2=v2" as used by query strings and form bodies: '+' decodes to space, a key
// without '=' has an empty value, empty pieces ("a=1&&b=2") are skipped, order and duplicates are
// kept. Errors: InvalidArgument (field "form") on bad escapes, invalid UTF-8 or NUL.
[[nodiscard]] Result<Params> parse_urlencoded(std::string_view s);

// Encodes one key or value for a query string or form body (unreserved characters kept, the rest
// %XX, space as %20). Useful for building links and redirects.
std::string url_encode(std::string_view s);

}  // namespace gk::http
