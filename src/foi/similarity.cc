#include "foi/similarity.h"

#include <algorithm>
#include <cmath>

namespace gk::foi {
namespace {

// Decodes one code point; invalid bytes decode as themselves (never loops).
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (i + len > s.size()) len = 1;
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// Letters, digits and CJK ideographs carry content; everything else (spaces, ASCII and CJK
// punctuation, full-width forms' punctuation, symbols) separates.
bool is_content(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK symbols and punctuation
  if (c >= 0xFF00 && c <= 0xFFEF) {              // full-width forms: keep letters and digits
    return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
  }
  if (c >= 0x2000 && c <= 0x206F) return false;  // general punctuation (“ ” — …)
  return true;
}

char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10 + '0';
  if (c >= 0xFF21 && c <= 0xFF3A) return c - 0xFF21 + 'a';
  if (c >= 0xFF41 && c <= 0xFF5A) return c - 0xFF41 + 'a';
  return c;
}

}  // namespace

BigramProfile bigram_profile(std::string_view text) {
  std::vector<char32_t> chars;
  chars.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (is_content(c)) chars.push_back(fold(c));
  }
  std::vector<uint64_t> keys;
  if (chars.size() == 1) keys.push_back(uint64_t{chars[0]} << 32);  // a one-character text is its own gram
  for (size_t i = 0; i + 1 < chars.size(); ++i) keys.push_back((uint64_t{chars[i]} << 32) | chars[i + 1]);
  std::sort(keys.begin(), keys.end());
  BigramProfile p;
  double sq = 0;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    const auto n = static_cast<uint32_t>(j - i);
    p.grams.emplace_back(keys[i], n);
    sq += double(n) * n;
    i = j;
  }
  p.norm = std::sqrt(sq);
  return p;
}

double cosine_similarity(const BigramProfile& a, const BigramProfile& b) {
  if (a.norm == 0 || b.norm == 0) return 0;
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.grams.size() && j < b.grams.size()) {
    if (a.grams[i].first < b.grams[j].first) {
      ++i;
    } else if (b.grams[j].first < a.grams[i].first) {
      ++j;
    } else {
      dot += double(a.grams[i].second) * b.grams[j].second;
      ++i, ++j;
    }
  }
  return std::min(1.0, dot / (a.norm * b.norm));
}

double text_similarity(std::string_view a, std::string_view b) {
  return cosine_similarity(bigram_profile(a), bigram_profile(b));
}

}  // namespace gk::foi
