#include "storage/sql/url.h"

namespace gk::sql::detail {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Error bad_url(std::string_view url, std::string_view why) {
  std::string m = "数据库地址无效 (invalid database URL) \"";
  m += redact_url(url);
  m += "\": ";
  m += why;
  return Error::invalid_field("database_url", std::move(m));
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string out(url);
  // scheme://user:password@host → scheme://user:***@host
  if (auto scheme_end = out.find("://"); scheme_end != std::string::npos) {
    size_t auth_start = scheme_end + 3;
    size_t auth_end = out.find_first_of("/?#", auth_start);
    if (auth_end == std::string::npos) auth_end = out.size();
    size_t at = out.rfind('@', auth_end);
    if (at != std::string::npos && at >= auth_start) {
      size_t colon = out.find(':', auth_start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // …?password=secret&… → …?password=***&…
  for (size_t pos = 0; (pos = out.find("password=", pos)) != std::string::npos;) {
    size_t value_start = pos + 9;
    size_t value_end = out.find_first_of("& ", value_start);
    if (value_end == std::string::npos) value_end = out.size();
    out.replace(value_start, value_end - value_start, "***");
    pos = value_start + 3;
  }
  return out;
}

Result<DatabaseUrl> parse_database_url(std::string_view url) {
  if (url == "sqlite::memory:") return DatabaseUrl{Dialect::kSqlite, "", true};
  if (starts_with(url, "sqlite://")) {
    std::string_view rest = url.substr(9);  // "/abs/path" or "rel/path"
    if (rest.empty() || rest == "/") return fail(bad_url(url, "missing file path"));
    if (rest.find_first_of("?#") != std::string_view::npos) {
      return fail(bad_url(url, "SQLite URLs take no query string"));
    }
    if (rest.back() == '/') return fail(bad_url(url, "path names a directory, not a file"));
    return DatabaseUrl{Dialect::kSqlite, std::string(rest), false};
  }
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    return DatabaseUrl{Dialect::kPostgres, std::string(url), false};
  }
  if (url.empty()) return fail(bad_url(url, "empty"));
  return fail(
      bad_url(url, "unknown scheme; expected sqlite://, sqlite::memory:, postgresql:// or postgres://"));
}

}  // namespace gk::sql::detail
