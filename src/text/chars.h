// Character-level helpers shared by the text engine: a strict one-code-point UTF-8 decoder and
// the character classes of jieba's regular expressions (as Python 3's `re` evaluates them on str).
// Internal to gk_text. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gk::text::chars {

// Marks a byte that does not start a well-formed UTF-8 sequence; it is taken as one character of
// one byte, in no class of jieba's (not Chinese, not alphanumeric, not whitespace).
inline constexpr uint32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at p (p < end) into `cp` and returns its length in bytes. Overlong
// forms, surrogates, values above U+10FFFF and truncated sequences yield kInvalid and length 1.
inline size_t decode(const unsigned char* p, const unsigned char* end, uint32_t& cp) {
  unsigned b = p[0];
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  size_t avail = static_cast<size_t>(end - p);
  if (b >= 0xC2 && b <= 0xDF) {
    if (avail >= 2 && (p[1] & 0xC0) == 0x80) {
      cp = ((b & 0x1Fu) << 6) | (p[1] & 0x3Fu);
      return 2;
    }
  } else if (b >= 0xE0 && b <= 0xEF) {
    if (avail >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      uint32_t c = ((b & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        cp = c;
        return 3;
      }
    }
  } else if (b >= 0xF0 && b <= 0xF4) {
    if (avail >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
      uint32_t c = ((b & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
      if (c >= 0x10000 && c <= 0x10FFFF) {
        cp = c;
        return 4;
      }
    }
  }
  cp = kInvalid;
  return 1;
}

// Appends the UTF-8 encoding of a valid code point to a byte buffer with push_back.
template <class Out>
inline void encode(uint32_t cp, Out& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

inline bool is_ascii_alnum(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

inline bool is_ascii_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

// finalseg's re_han: [\u4E00-\u9FD5].
inline bool is_finalseg_han(uint32_t cp) { return cp >= 0x4E00 && cp <= 0x9FD5; }

// jieba's re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-].
inline bool is_han_default(uint32_t cp) {
  if (cp < 0x80) {
    return is_ascii_alnum(cp) || cp == '+' || cp == '#' || cp == '&' || cp == '.' || cp == '_' || cp == '%' ||
           cp == '-';
  }
  return is_finalseg_han(cp);
}

// Python's \s on str (Py_UNICODE_ISSPACE, the same set as str.isspace()).
inline bool is_space(uint32_t cp) {
  if (cp < 0x80) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace gk::text::chars
