// Normalizer: per-code-point folding (full-width, U+3000, case) and OpenCC t2s.
//
// Traditional → simplified keeps the code-point count: runs of CJK characters that contain at least
// one character OpenCC changes on its own are converted as a whole (so phrase rules apply, e.g.
// 乾隆 stays 乾隆 while 乾燥 becomes 干燥), and the result is taken only when it has as many code
// points as the run; otherwise each character is mapped on its own. The single-character
// mapping of the BMP is built once in create() by converting every CJK code point in one OpenCC
// call, so text that is already simplified never reaches OpenCC.
#include "text/normalizer.h"

#include <opencc/opencc.h>

#include <array>
#include <unordered_map>
#include <vector>

#include "text/chars.h"

namespace gk::text {
namespace {

namespace ch = chars;

constexpr uint32_t kReplacement = 0xFFFD;
constexpr const char* kT2sConfig = "/usr/share/opencc/t2s.json";

bool is_cjk(uint32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3134F);
}

// Full-width forms, U+3000 and case folding; CJK is left to t2s.
uint32_t fold(uint32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E)
    cp -= 0xFEE0;
  else if (cp == 0x3000)
    cp = ' ';
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  return cp;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::vector<uint32_t> decode_valid(std::string_view s) {
  std::vector<uint32_t> out;
  auto p = reinterpret_cast<const unsigned char*>(s.data());
  auto end = p + s.size();
  while (p < end) {
    uint32_t cp;
    p += ch::decode(p, end, cp);
    out.push_back(cp);
  }
  return out;
}

}  // namespace

struct Normalizer::Impl {
  opencc::SimpleConverter converter;
  std::vector<uint32_t> bmp;                      // t2s of each BMP code point (itself if none)
  std::unordered_map<uint32_t, uint32_t> astral;  // t2s of supplementary code points that change

  explicit Impl(const char* config) : converter(config), bmp(0x10000) {
    for (uint32_t cp = 0; cp < 0x10000; ++cp) bmp[cp] = cp;
    // One OpenCC call over "c\n" for every CJK code point: phrases never span a newline, so each
    // character is converted on its own.
    constexpr std::array<std::pair<uint32_t, uint32_t>, 4> kRanges{
        {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x3134F}}};
    std::string all;
    std::vector<uint32_t> order;
    for (auto [first, last] : kRanges) {
      for (uint32_t cp = first; cp <= last; ++cp) {
        ch::encode(cp, all);
        all.push_back('\n');
        order.push_back(cp);
      }
    }
    std::string converted = converter.Convert(all);
    size_t line = 0, pos = 0;
    while (pos < converted.size() && line < order.size()) {
      size_t nl = converted.find('\n', pos);
      if (nl == std::string::npos) nl = converted.size();
      auto cps = decode_valid(std::string_view(converted).substr(pos, nl - pos));
      uint32_t from = order[line];
      if (cps.size() == 1 && cps[0] != from && cps[0] != ch::kInvalid) {
        if (from < 0x10000)
          bmp[from] = cps[0];
        else
          astral.emplace(from, cps[0]);
      }
      pos = nl + 1;
      ++line;
    }
  }

  uint32_t t2s_char(uint32_t cp) const {
    if (cp < 0x10000) return bmp[cp];
    auto it = astral.find(cp);
    return it == astral.end() ? cp : it->second;
  }

  // Appends the simplified form of CJK run `run` (valid UTF-8, code points `cps`).
  void t2s_run(std::string_view run, const std::vector<uint32_t>& cps, std::string& out) const {
    bool changes = false;
    for (uint32_t cp : cps) changes |= t2s_char(cp) != cp;
    if (!changes) {
      out.append(run);
      return;
    }
    std::string converted = converter.Convert(run.data(), run.size());
    if (count_code_points(converted) == cps.size()) {
      out.append(converted);
      return;
    }
    for (uint32_t cp : cps) ch::encode(t2s_char(cp), out);
  }
};

Normalizer::Normalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Normalizer::~Normalizer() = default;

Result<std::shared_ptr<const Normalizer>> Normalizer::create() {
  try {
    auto impl = std::make_unique<Impl>(kT2sConfig);
    return std::shared_ptr<const Normalizer>(new Normalizer(std::move(impl)));
  } catch (const std::exception& e) {
    return fail(
        Error::unavailable(std::string("无法加载 OpenCC 繁简转换表 ") + kT2sConfig + ": " + e.what()));
  }
}

std::string Normalizer::normalize(std::string_view utf8) const {
  std::string out;
  out.reserve(utf8.size());
  auto begin = reinterpret_cast<const unsigned char*>(utf8.data());
  auto end = begin + utf8.size();
  auto p = begin;
  std::vector<uint32_t> run;
  while (p < end) {
    uint32_t cp;
    size_t len = ch::decode(p, end, cp);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp));
      p += len;
      continue;
    }
    if (cp == ch::kInvalid) {
      ch::encode(kReplacement, out);
      p += len;
      continue;
    }
    if (!is_cjk(cp)) {
      ch::encode(fold(cp), out);
      p += len;
      continue;
    }
    // A run of CJK characters.
    auto run_begin = p;
    run.clear();
    while (p < end) {
      len = ch::decode(p, end, cp);
      if (cp == ch::kInvalid || !is_cjk(cp)) break;
      run.push_back(cp);
      p += len;
    }
    impl_->t2s_run(
        std::string_view(reinterpret_cast<const char*>(run_begin), static_cast<size_t>(p - run_begin)), run,
        out);
  }
  return out;
}

namespace {

// Letters, digits and ideographs of any script make a token a term; everything else (punctuation,
// symbols, marks of 文号 brackets, spaces, controls, U+FFFD and invalid bytes) does not.
bool is_term_char(uint32_t cp) {
  if (cp < 0x80) return ch::is_ascii_alnum(cp);
  if (cp == ch::kInvalid || cp == kReplacement) return false;
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 || cp == 0xB3 || cp == 0xB9;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp < 0x2000) return !ch::is_space(cp);       // Latin, Greek, Cyrillic, ... letters
  if (cp <= 0x2BFF) return false;                  // punctuation, arrows, maths, boxes, ①
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;  // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return cp == 0x3005 || cp == 0x3006 || cp == 0x3007;  // 々〆〇
  if (cp >= 0xFE10 && cp <= 0xFE1F) return false;                                         // vertical forms
  if (cp >= 0xFE30 && cp <= 0xFE6F) return false;  // CJK compatibility and small forms
  if (cp >= 0xFF00 && cp <= 0xFFEF) {              // half- and full-width forms
    return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0xFF66 && cp <= 0xFFDC);
  }
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;    // specials
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

}  // namespace

bool Normalizer::is_punctuation(std::string_view token) {
  auto p = reinterpret_cast<const unsigned char*>(token.data());
  auto end = p + token.size();
  while (p < end) {
    uint32_t cp;
    p += ch::decode(p, end, cp);
    if (is_term_char(cp)) return false;
  }
  return true;
}

}  // namespace gk::text
