#include "search/text_analyzer.h"

#include <array>
#include <utility>

#include "core/utf8.h"
#include "search/index_schema.h"

namespace gk::search {

TextAnalyzer::TextAnalyzer(std::shared_ptr<const text::Segmenter> segmenter,
                           std::shared_ptr<const text::Normalizer> normalizer)
    : segmenter_(std::move(segmenter)), normalizer_(std::move(normalizer)) {}

std::string TextAnalyzer::normalize(std::string_view text) const { return normalizer_->normalize(text); }

void TextAnalyzer::words(std::string_view normalized, text::SegmentMode mode, std::vector<Word>& out) const {
  out.clear();
  // The token buffer is reused per thread: indexing calls this once per field of every record.
  thread_local std::vector<text::Token> tokens;
  tokens.clear();
  segmenter_->cut(normalized, mode, /*hmm=*/true, tokens);
  out.reserve(tokens.size());
  for (const text::Token& t : tokens) {
    if (t.word.empty() || t.word.size() > schema::kMaxTermBytes) continue;
    if (text::Normalizer::is_punctuation(t.word)) continue;
    out.push_back(Word{t.word, t.offset});
  }
}

void TextAnalyzer::index_words(std::string_view normalized, std::vector<Word>& out) const {
  words(normalized, text::SegmentMode::kSearch, out);
  const size_t n = out.size();
  thread_local std::vector<uint32_t> starts;  // byte offsets of the code points of a word
  for (size_t i = 0; i < n; ++i) {
    const std::string_view w = out[i].text;
    if (w.size() <= kLongSubWordMin * 3) continue;  // fewer than kLongSubWordMin + 1 CJK characters
    starts.clear();
    for (size_t b = 0; b < w.size(); b += utf8_sequence_length(static_cast<unsigned char>(w[b]))) {
      starts.push_back(static_cast<uint32_t>(b));
    }
    const size_t chars = starts.size();
    if (chars <= kLongSubWordMin) continue;
    starts.push_back(static_cast<uint32_t>(w.size()));
    for (size_t len = kLongSubWordMin; len < chars; ++len) {
      for (size_t from = 0; from + len <= chars; ++from) {
        const std::string_view sub = w.substr(starts[from], starts[from + len] - starts[from]);
        if (segmenter_->contains(sub)) out.push_back(Word{sub, out[i].offset + starts[from]});
      }
    }
  }
}

std::vector<Word> TextAnalyzer::words(std::string_view normalized, text::SegmentMode mode) const {
  std::vector<Word> out;
  words(normalized, mode, out);
  return out;
}

int utf8_sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

std::string sanitize_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    const int len = utf8_sequence_length(static_cast<unsigned char>(s[i]));
    if (i + len <= s.size() && (len > 1 || static_cast<unsigned char>(s[i]) < 0x80) &&
        is_valid_utf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append(kReplacement);
      ++i;
    }
  }
  return out;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view prefix_chars(std::string_view s, size_t max_chars) {
  size_t i = 0;
  for (size_t n = 0; i < s.size() && n < max_chars; ++n) {
    i += utf8_sequence_length(static_cast<unsigned char>(s[i]));
  }
  return s.substr(0, std::min(i, s.size()));
}

namespace {

// Bracket variants of 文号 after normalisation (the Normalizer already folds full-width ［］（） to
// ASCII; the raw forms are listed too so the key does not depend on that).
constexpr std::array<std::string_view, 9> kOpenBrackets = {"〔", "[",  "(",  "【", "〖",
                                                           "﹝", "〘", "［", "（"};
constexpr std::array<std::string_view, 9> kCloseBrackets = {"〕", "]",  ")",  "】", "〗",
                                                            "﹞", "〙", "］", "）"};
constexpr std::array<std::string_view, 6> kDropped = {" ", "\t", "\u3000", "\u00A0", "\u200B", "\uFEFF"};

}  // namespace

std::string doc_number_key(std::string_view normalized) {
  std::string out;
  out.reserve(normalized.size());
  size_t i = 0;
  while (i < normalized.size()) {
    const size_t len = std::min<size_t>(utf8_sequence_length(static_cast<unsigned char>(normalized[i])),
                                        normalized.size() - i);
    const std::string_view ch = normalized.substr(i, len);
    i += len;
    bool done = false;
    for (auto b : kOpenBrackets) {
      if (ch == b) {
        out += "〔";
        done = true;
        break;
      }
    }
    if (done) continue;
    for (auto b : kCloseBrackets) {
      if (ch == b) {
        out += "〕";
        done = true;
        break;
      }
    }
    if (done) continue;
    for (auto d : kDropped) {
      if (ch == d) {
        done = true;
        break;
      }
    }
    if (done || ch == "\n" || ch == "\r") continue;
    out.append(ch);
  }
  return out;
}

}  // namespace gk::search
