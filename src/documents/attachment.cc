#include "documents/attachment.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "core/utf8.h"
#include "documents/file_store.h"

namespace gk::documents {
namespace {

// Decodes the code point at s[i] and advances i; -1 (advancing one byte) for an invalid sequence.
int32_t next_code_point(std::string_view s, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  size_t len = 0;
  int32_t cp = 0;
  int32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07, min = 0x10000;
  else {
    ++i;
    return -1;
  }
  if (i + len > s.size()) {
    ++i;
    return -1;
  }
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return -1;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_control(int32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Invisible characters that can make a name look like something else: zero-width characters, the
// bidi marks and overrides (U+202E makes "invoice\u202Efdp.exe" show as "invoiceexe.pdf"), the
// byte-order mark.
bool is_invisible_format(int32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
         cp == 0xFEFF;
}

// Cuts valid UTF-8 `s` to at most `max` bytes at a code point boundary.
std::string cut_utf8(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

}  // namespace

Result<std::string> sanitize_file_name(std::string_view raw) {
  if (!is_valid_utf8(raw)) return fail(Error::invalid_field("file", "文件名含有无效字符（须为 UTF-8 编码），请重命名后再上传"));
  if (const size_t cut = raw.find_last_of("/\\"); cut != std::string_view::npos) raw.remove_prefix(cut + 1);
  std::string clean;
  for (size_t i = 0; i < raw.size();) {
    const int32_t cp = next_code_point(raw, i);
    if (cp < 0 || is_control(cp) || is_invisible_format(cp)) continue;
    switch (cp) {
      case '<': case '>': case ':': case '"': case '|': case '?': case '*': clean += '_'; break;
      default: append_utf8(clean, cp);
    }
  }
  std::string name = trim(clean);
  // Leading dots would hide the file (".htaccess") or name a directory (".."); trailing dots and
  // spaces are dropped by Windows anyway.
  const size_t lead = name.find_first_not_of('.');
  name = lead == std::string::npos ? std::string() : name.substr(lead);
  while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
  if (name.empty()) return fail(Error::invalid_field("file", "文件名无效，请重命名后再上传"));
  if (name.size() > kMaxFileNameBytes) {
    const size_t dot = name.rfind('.');
    const std::string ext = (dot != std::string::npos && name.size() - dot <= 16) ? name.substr(dot) : "";
    name = cut_utf8(std::string_view(name).substr(0, name.size() - ext.size()), kMaxFileNameBytes - ext.size()) + ext;
  }
  return name;
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
  }
  return out;
}

std::string clean_extracted_text(std::string_view raw) {
  std::string out;
  out.reserve(std::min(raw.size(), kMaxExtractedTextBytes));
  int newlines = 0;  // consecutive newlines just written
  for (size_t i = 0; i < raw.size() && out.size() < kMaxExtractedTextBytes;) {
    int32_t cp = next_code_point(raw, i);
    if (cp < 0) continue;
    if (cp == '\r') {
      if (i < raw.size() && raw[i] == '\n') continue;  // CR LF: the LF follows
      cp = '\n';
    }
    if (cp == '\f' || cp == 0x2028 || cp == 0x2029) cp = '\n';
    if (cp == '\n') {
      if (++newlines > 2) continue;
      out += '\n';
      continue;
    }
    if (cp != '\t' && (is_control(cp) || is_invisible_format(cp))) continue;
    newlines = 0;
    append_utf8(out, cp);
  }
  if (out.size() > kMaxExtractedTextBytes) out = cut_utf8(out, kMaxExtractedTextBytes);
  return trim(out);
}

bool is_valid_file_key(std::string_view key) {
  if (key.size() < 8 || key.size() > 128) return false;
  for (char c : key)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

}  // namespace gk::documents
