#include "search/highlighter.h"

#include <algorithm>
#include <array>

namespace gk::search {

namespace {

constexpr size_t kMaxMatches = 2000;
// How far before the first match a window may start to begin at a sentence.
constexpr size_t kSentenceLookBack = 40;
// Context shown before the first match when no sentence starts nearby.
constexpr size_t kLeadChars = 12;

constexpr std::array<std::string_view, 8> kSentenceEnds = {"。", "！", "？", "；", "\n", "!", "?", ";"};

bool is_space(std::string_view ch) {
  return ch == " " || ch == "\n" || ch == "\r" || ch == "\t" || ch == "\u3000" || ch == "\u00A0";
}

void code_point_offsets(std::string_view s, std::vector<uint32_t>& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(static_cast<uint32_t>(i));
  }
  out.push_back(static_cast<uint32_t>(s.size()));
}

}  // namespace



Highlighter::Highlighter(const TextAnalyzer& analyzer, std::vector<std::string> terms)
    : analyzer_(analyzer), terms_(std::move(terms)) {
  // Longer terms first, so an overlapping shorter one only extends a mark.
  std::sort(terms_.begin(), terms_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  terms_.erase(std::remove(terms_.begin(), terms_.end(), std::string()), terms_.end());
}

void Highlighter::find(std::string_view text, std::vector<Match>& matches,
                       std::vector<uint32_t>& offsets) const {
  matches.clear();
  code_point_offsets(text, offsets);
  if (terms_.empty() || text.empty()) return;
  const std::string norm = analyzer_.normalize(text);
  std::vector<uint32_t> norm_offsets;
  code_point_offsets(norm, norm_offsets);
  if (norm_offsets.size() != offsets.size()) return;  // the Normalizer broke its promise: mark nothing
  for (size_t t = 0; t < terms_.size() && matches.size() < kMaxMatches; ++t) {
    const std::string& term = terms_[t];
    for (size_t pos = norm.find(term); pos != std::string::npos && matches.size() < kMaxMatches;
         pos = norm.find(term, pos + term.size())) {
      // A match of valid UTF-8 in valid UTF-8 starts and ends on code-point boundaries.
      const auto b = std::lower_bound(norm_offsets.begin(), norm_offsets.end(), pos) - norm_offsets.begin();
      const auto e = std::lower_bound(norm_offsets.begin(), norm_offsets.end(), pos + term.size()) -
                     norm_offsets.begin();
      if (norm_offsets[b] != pos || norm_offsets[e] != pos + term.size()) continue;
      matches.push_back({static_cast<size_t>(b), static_cast<size_t>(e), t});
    }
  }
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.begin < b.begin; });
}

std::string Highlighter::render(std::string_view text, const std::vector<uint32_t>& offsets,
                                const std::vector<Match>& matches, size_t begin, size_t end) {
  // Marked code points of [begin, end).
  std::vector<bool> marked(end - begin, false);
  for (const Match& m : matches) {
    for (size_t i = std::max(m.begin, begin); i < std::min(m.end, end); ++i) marked[i - begin] = true;
  }
  std::string out;
  out.reserve((offsets[end] - offsets[begin]) + 32);
  bool in_em = false;
  bool last_space = false;
  for (size_t i = begin; i < end; ++i) {
    const std::string_view ch = text.substr(offsets[i], offsets[i + 1] - offsets[i]);
    const bool m = marked[i - begin];
    if (m != in_em) {
      out += m ? "<em>" : "</em>";
      in_em = m;
    }
    if (is_space(ch)) {
      if (!last_space && !out.empty()) out.push_back(' ');
      last_space = true;
      continue;
    }
    last_space = false;
    out += html_escape(ch);
  }
  if (in_em) out += "</em>";
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Highlighter::highlight(std::string_view text) const {
  std::vector<Match> matches;
  std::vector<uint32_t> offsets;
  find(text, matches, offsets);
  return render(text, offsets, matches, 0, offsets.size() - 1);
}

std::string Highlighter::snippet(std::string_view text, size_t window_chars) const {
  std::vector<Match> matches;
  std::vector<uint32_t> offsets;
  find(text, matches, offsets);
  const size_t length = offsets.size() - 1;
  size_t begin = 0;
  if (!matches.empty() && length > window_chars) {
    // The window starting at a match that covers the most distinct terms, then the most matches.
    size_t best = 0;
    size_t best_score = 0;
    std::vector<bool> seen(terms_.size());
    for (size_t i = 0; i < matches.size(); ++i) {
      std::fill(seen.begin(), seen.end(), false);
      size_t distinct = 0, count = 0;
      const size_t limit = matches[i].begin + window_chars - kLeadChars;
      for (size_t j = i; j < matches.size() && matches[j].end <= limit; ++j) {
        if (!seen[matches[j].term]) {
          seen[matches[j].term] = true;
          ++distinct;
        }
        ++count;
      }
      const size_t score = distinct * 10000 + count;
      if (score > best_score) {
        best_score = score;
        best = i;
      }
    }
    const size_t first = matches[best].begin;
    begin = first > kLeadChars ? first - kLeadChars : 0;
    // Prefer to start just after a sentence end shortly before the match.
    const size_t floor = first > kSentenceLookBack ? first - kSentenceLookBack : 0;
    for (size_t i = first; i > floor; --i) {
      const std::string_view ch = text.substr(offsets[i - 1], offsets[i] - offsets[i - 1]);
      if (std::find(kSentenceEnds.begin(), kSentenceEnds.end(), ch) != kSentenceEnds.end()) {
        begin = i;
        break;
      }
    }
    if (begin + window_chars > length) begin = length > window_chars ? length - window_chars : 0;
  }
  size_t end = std::min(length, begin + window_chars);
  // Never cut a mark in two.
  for (const Match& m : matches) {
    if (m.begin < end && m.end > end) end = m.end;
  }
  // Skip leading white space so the snippet does not open with a blank.
  while (begin < end && is_space(text.substr(offsets[begin], offsets[begin + 1] - offsets[begin]))) ++begin;
  std::string out;
  if (begin > 0) out += "…";
  out += render(text, offsets, matches, begin, end);
  if (end < length) out += "…";
  return out;
}

}  // namespace gk::search
