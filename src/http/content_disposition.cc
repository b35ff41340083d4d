#include "http/content_disposition.h"

namespace gk::http {
namespace {

// `attr-char` of RFC 8187: everything else in filename* is percent-encoded.
bool is_attr_char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// Printable ASCII that needs no escaping inside a quoted filename=; other runs become one "_".
std::string plain(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    const bool ok = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' && c != ';';
    if (ok) out += static_cast<char>(c);
    else if (out.empty() || out.back() != '_') out += '_';
  }
  return out;
}

}  // namespace

std::string attachment_disposition(std::string_view file_name, std::string_view ascii_fallback) {
  std::string fallback = plain(ascii_fallback.empty() ? file_name : ascii_fallback);
  const size_t dot = fallback.rfind('.');
  const std::string stem = dot == std::string::npos ? fallback : fallback.substr(0, dot);
  if (stem.find_first_not_of("_ -") == std::string::npos)
    fallback = "attachment" + (dot == std::string::npos ? std::string() : fallback.substr(dot));
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : file_name) {
    if (is_attr_char(c)) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace gk::http
