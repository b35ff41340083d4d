#include "foi/reading_room_masker.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace gk::foi {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Finds `needle` in `hay` from `from`, ASCII letters compared without case (ID numbers end in x or
// X, e-mail addresses are case-insensitive); other bytes, so all of UTF-8 beyond ASCII, exactly.
size_t find_ascii_nocase(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && ascii_lower(hay[i + k]) == ascii_lower(needle[k])) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

int replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  if (utf8_length(needle) < 2) return 0;
  int n = 0;
  size_t at = 0;
  while ((at = find_ascii_nocase(text, needle, at)) != std::string_view::npos) {
    text.replace(at, needle.size(), replacement);
    at += replacement.size();
    ++n;
  }
  return n;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

MaskedText mask_identifying_numbers(std::string_view text) {
  MaskedText out;
  out.text.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      out.text += text[i++];
      continue;
    }
    // A maximal run of digits, plus a trailing X/x (the ID check character).
    size_t j = i;
    while (j < text.size() && is_digit(text[j])) ++j;
    size_t run = j - i;
    const bool x_end = run == 17 && j < text.size() && (text[j] == 'X' || text[j] == 'x');
    if (x_end) ++run, ++j;
    const bool resident_id = run == 18;
    const bool mobile = run == 11 && text[i] == '1' && text[i + 1] >= '3' && text[i + 1] <= '9';
    if (resident_id || mobile) {
      out.text.append(run, '*');
      ++out.replaced;
    } else {
      out.text.append(text.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

MaskedText mask_personal_data(std::string_view text, const Applicant& applicant) {
  MaskedText out{std::string(text), 0};
  // Longest fragments first, so a name inside an address is masked as part of the address.
  std::vector<std::pair<std::string, std::string>> fragments;
  auto add = [&](std::string_view value, std::string replacement) {
    std::string v = trimmed(value);
    if (!v.empty()) fragments.emplace_back(std::move(v), std::move(replacement));
  };
  add(applicant.address, "[地址已隐去]");
  add(applicant.email, "***@***");
  add(applicant.id_number, std::string(trimmed(applicant.id_number).size(), '*'));
  add(applicant.phone, std::string(trimmed(applicant.phone).size(), '*'));
  add(applicant.name, "***");
  add(applicant.contact, "***");
  std::stable_sort(fragments.begin(), fragments.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [needle, replacement] : fragments)
    out.replaced += replace_all(out.text, needle, replacement);
  MaskedText numbers = mask_identifying_numbers(out.text);
  out.text = std::move(numbers.text);
  out.replaced += numbers.replaced;
  return out;
}

}  // namespace gk::foi
