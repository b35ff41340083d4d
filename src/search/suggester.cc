#include "search/suggester.h"

#include <algorithm>

#include "search/index_schema.h"
#include "search/stored_hit.h"
#include "search/text_analyzer.h"
#include "search/visibility.h"

namespace gk::search {

namespace {

// Postings checked for a visible record before a term counts as not public.
constexpr int kVisibilityProbe = 64;

struct Candidate {
  std::string text;
  Xapian::doccount freq = 0;
};

void sort_candidates(std::vector<Candidate>& c) {
  std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    if (a.freq != b.freq) return a.freq > b.freq;
    if (a.text.size() != b.text.size()) return a.text.size() < b.text.size();
    return a.text < b.text;
  });
}

}  // namespace

bool Suggester::all_visible() const {
  return db_.get_value_upper_bound(schema::kSlotVisibleFrom) <=
         Xapian::sortable_serialise(static_cast<double>(now_.micros()));
}

std::optional<Xapian::docid> Suggester::visible_doc(const std::string& term) const {
  const bool everything = all_visible();
  int probed = 0;
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term) && probed < kVisibilityProbe;
       ++it, ++probed) {
    if (everything || visible_at(db_.get_document(*it, Xapian::DOC_ASSUME_VALID), now_)) return *it;
  }
  return std::nullopt;
}

std::optional<std::string> Suggester::correct(const ParsedQuery& parsed) const {
  std::string out;
  size_t copied = 0;
  bool changed = false;
  for (const ParsedQuery::Span& span : parsed.words) {
    const std::string word = parsed.normalized.substr(span.offset, span.length);
    const size_t chars = count_code_points(word);
    if (chars < 2) continue;
    const unsigned max_edits = chars <= 4 ? 1 : 2;
    const std::string suggestion = db_.get_spelling_suggestion(word, max_edits);
    if (suggestion.empty() || suggestion == word) continue;
    if (db_.get_termfreq(suggestion) <= db_.get_termfreq(word)) continue;
    out.append(parsed.normalized, copied, span.offset - copied);
    out.append(suggestion);
    copied = span.offset + span.length;
    changed = true;
  }
  if (!changed) return std::nullopt;
  out.append(parsed.normalized, copied);
  return out;
}

std::vector<std::string> Suggester::complete(std::string_view prefix, int limit) const {
  std::vector<std::string> out;
  if (prefix.empty() || limit <= 0) return out;
  const std::string p(prefix);
  const size_t prefix_chars = count_code_points(p);

  // Frequent words.
  std::vector<Candidate> words;
  int scanned = 0;
  for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p) && scanned < kCompletionWordScan;
       ++it, ++scanned) {
    const std::string term = *it;
    if (term.size() == p.size() || count_code_points(term) < std::max<size_t>(2, prefix_chars + 1)) continue;
    words.push_back({term, it.get_termfreq()});
  }
  sort_candidates(words);

  // Titles (the stored title as written, not its normalised term).
  const std::string title_prefix = std::string(schema::kPrefixCompletion) + p;
  std::vector<Candidate> titles;
  scanned = 0;
  for (auto it = db_.allterms_begin(title_prefix);
       it != db_.allterms_end(title_prefix) && scanned < kCompletionTitleScan; ++it, ++scanned) {
    titles.push_back({*it, it.get_termfreq()});
  }
  sort_candidates(titles);

  auto seen = [&](std::string_view s) { return std::find(out.begin(), out.end(), s) != out.end(); };
  std::vector<std::string> word_out, title_out;
  for (const Candidate& c : words) {
    if (static_cast<int>(word_out.size()) >= limit) break;
    if (visible_doc(c.text)) word_out.push_back(c.text);
  }
  for (const Candidate& c : titles) {
    if (static_cast<int>(title_out.size()) >= limit) break;
    const auto did = visible_doc(c.text);
    if (!did) continue;
    const auto hit = decode_stored_hit(db_.get_document(*did).get_data());
    if (!hit || hit->title.empty()) continue;
    if (std::find(title_out.begin(), title_out.end(), hit->title) == title_out.end())
      title_out.push_back(hit->title);
  }
  // About half words, half titles; either fills the other's unused share.
  const size_t word_share =
      std::min(word_out.size(),
               std::max<size_t>(static_cast<size_t>(limit + 1) / 2,
                                static_cast<size_t>(limit) - std::min<size_t>(title_out.size(), limit)));
  for (size_t i = 0; i < word_share; ++i) {
    if (!seen(word_out[i])) out.push_back(word_out[i]);
  }
  for (const std::string& t : title_out) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (!seen(t)) out.push_back(t);
  }
  for (size_t i = word_share; i < word_out.size() && static_cast<int>(out.size()) < limit; ++i) {
    if (!seen(word_out[i])) out.push_back(word_out[i]);
  }
  return out;
}

}  // namespace gk::search
