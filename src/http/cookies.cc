#include "http/cookies.h"

#include <stdexcept>

namespace gk::http {
namespace {

// RFC 7230 §3.2.6 tchar.
bool is_token_char(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// RFC 6265 §4.1.1 cookie-octet: printable US-ASCII except DQUOTE, comma, semicolon and backslash.
bool is_cookie_octet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
         (c >= 0x5D && c <= 0x7E);
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!is_token_char(c)) return false;
  return true;
}

// Path attribute values may hold any CHAR except CTLs and ';' (RFC 6265 §4.1.1 av-octet).
bool is_path_value(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F || c == ';' || c >= 0x80) return false;
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string serialize_set_cookie(const Cookie& c) {
  if (!is_token(c.name)) throw std::invalid_argument("cookie name is not a token: " + c.name);
  for (unsigned char ch : c.value)
    if (!is_cookie_octet(ch)) throw std::invalid_argument("cookie value has a forbidden byte: " + c.name);
  if (!is_path_value(c.path)) throw std::invalid_argument("cookie path has a forbidden byte: " + c.name);
  if (!(c.same_site.empty() || c.same_site == "Strict" || c.same_site == "Lax" || c.same_site == "None"))
    throw std::invalid_argument("cookie SameSite must be Strict, Lax or None: " + c.same_site);

  std::string out = c.name;
  out += '=';
  out += c.value;
  if (!c.path.empty()) {
    out += "; Path=";
    out += c.path;
  }
  if (c.max_age) {
    out += "; Max-Age=";
    out += std::to_string(c.max_age->count() < 0 ? 0 : c.max_age->count());
  }
  if (c.http_only) out += "; HttpOnly";
  // Browsers reject SameSite=None without Secure, so None implies Secure.
  if (c.secure || c.same_site == "None") out += "; Secure";
  if (!c.same_site.empty()) {
    out += "; SameSite=";
    out += c.same_site;
  }
  return out;
}

Cookie expired_cookie(std::string name, std::string path) {
  Cookie c;
  c.name = std::move(name);
  c.path = std::move(path);
  c.max_age = std::chrono::seconds(0);
  return c;
}

std::vector<std::pair<std::string, std::string>> parse_cookie_header(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view piece = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    const size_t eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = trim_ows(piece.substr(0, eq));
    std::string_view value = trim_ows(piece.substr(eq + 1));
    if (name.empty()) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    out.emplace_back(std::string(name), std::string(value));
  }
  return out;
}

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
  for (auto& [k, v] : parse_cookie_header(header))
    if (k == name) return std::move(v);
  return std::nullopt;
}

}  // namespace gk::http
