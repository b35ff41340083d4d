#include "http/form.h"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/url_view.hpp>

#include "core/utf8.h"

namespace gk::http {
namespace {

namespace urls = boost::urls;

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Characters RFC 3986 allows (unescaped) in a path or query, plus '%' which starts an escape that
// Boost.URL then validates.
bool is_uri_char(unsigned char c) {
  if (is_unreserved(c)) return true;
  switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '@':
    case '/':
    case '?':
    case '%':
      return true;
    default:
      return false;
  }
}

const char kHex[] = "0123456789ABCDEF";

// Escapes the bytes real clients send raw although RFC 3986 forbids them (`|`, `{`, raw UTF-8, ...)
// so that strict Boost.URL parsing only rejects what is truly malformed: bad percent escapes.
std::string escape_lenient(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (is_uri_char(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

bool is_clean_text(std::string_view s) { return s.find('\0') == std::string_view::npos && is_valid_utf8(s); }

Error invalid_form(std::string message) { return Error::invalid_field("form", std::move(message)); }

}  // namespace

Result<Params> parse_urlencoded(std::string_view s) {
  Params out;
  if (s.empty()) return out;
  const std::string escaped = escape_lenient(s);
  auto parsed = urls::parse_query(escaped);
  if (!parsed) return fail(invalid_form("参数中的百分号编码有误"));
  urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (const auto& p : *parsed) {
    if (p.key.empty() && !p.has_value) continue;  // "a=1&&b=2"
    std::string key = p.key.decode(opts);
    std::string value = p.has_value ? p.value.decode(opts) : std::string();
    if (!is_clean_text(key) || !is_clean_text(value)) return fail(invalid_form("参数不是有效的 UTF-8 文本"));
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

Result<Target> parse_target(std::string_view target) {
  std::string_view rest = target;
  // Absolute-form is what clients send to proxies; RFC 9112 §3.2.2 says servers must accept it.
  if (!rest.starts_with('/')) {
    const size_t scheme_end = rest.find("://");
    if (scheme_end == std::string_view::npos ||
        !(rest.substr(0, scheme_end) == "http" || rest.substr(0, scheme_end) == "https"))
      return fail(Error::invalid_field("target", "请求地址格式有误"));
    rest.remove_prefix(scheme_end + 3);
    const size_t slash = rest.find_first_of("/?");
    if (slash == std::string_view::npos) {
      rest = "/";
    } else {
      rest.remove_prefix(slash);
    }
  }
  std::string_view raw_path = rest;
  std::string_view raw_query;
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    raw_path = rest.substr(0, q);
    raw_query = rest.substr(q + 1);
  }
  if (raw_path.empty()) raw_path = "/";
  if (!raw_path.starts_with('/')) return fail(Error::invalid_field("target", "请求地址格式有误"));
  // A fragment is never part of a request-target; '#' is escaped and treated as data.
  const std::string escaped_path = escape_lenient(raw_path);
  auto url = urls::parse_origin_form(escaped_path);
  if (!url) return fail(Error::invalid_field("target", "请求路径中的百分号编码有误"));

  Target t;
  t.path = url->encoded_path().decode();
  if (!is_clean_text(t.path)) return fail(Error::invalid_field("target", "请求路径不是有效的 UTF-8 文本"));
  t.raw_query = std::string(raw_query);
  auto query = parse_urlencoded(raw_query);
  if (!query) return fail(Error::invalid_field("target", query.error().message()));
  t.query = std::move(*query);
  return t;
}

std::string url_encode(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if (is_unreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace gk::http
