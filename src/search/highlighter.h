// Highlighter: the HTML of a hit — its title with the query's terms marked, and the best ~120
// character window of its body with the terms marked — built from the stored original text.
//
// Terms are found in the normalised text (so 政府信息 matches 政府資訊 and ＡＢＣ matches abc) and
// mapped back to the original by code-point index, which the Normalizer preserves. Everything is
// HTML-escaped; the only markup emitted is <em>…</em> around matches. Output is cut on code-point
// boundaries only. Runs of white space are shown as one space.
//
// Window choice: the window holding the most distinct terms (then the most matches), started at
// the sentence boundary shortly before its first match when there is one; "…" marks cut text. A body
// without matches gives its beginning.
//
// Immutable after construction; one per query, on the calling thread.
#pragma once

#include "core/markup_escape.h"

#include <string>
#include <string_view>
#include <vector>

#include "search/text_analyzer.h"

namespace gk::search {

inline constexpr size_t kSnippetChars = 120;

using gk::html_escape;  // core/markup_escape.h

class Highlighter {
 public:
  // `terms`: normalised strings to mark (ParsedQuery::highlight).
  Highlighter(const TextAnalyzer& analyzer, std::vector<std::string> terms);

  // The whole of `text`, escaped, terms marked.
  std::string highlight(std::string_view text) const;
  // The best window of about `window_chars` code points of `text`, escaped, terms marked.
  std::string snippet(std::string_view text, size_t window_chars = kSnippetChars) const;

 private:
  struct Match {
    size_t begin = 0, end = 0;  // code-point range in the text
    size_t term = 0;
  };
  // Matches in code points plus the byte offset of each code point of `text` (size = chars + 1).
  void find(std::string_view text, std::vector<Match>& matches, std::vector<uint32_t>& offsets) const;
  static std::string render(std::string_view text, const std::vector<uint32_t>& offsets,
                            const std::vector<Match>& matches, size_t begin, size_t end);

  const TextAnalyzer& analyzer_;
  std::vector<std::string> terms_;
};

}  // namespace gk::search
