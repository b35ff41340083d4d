#include "search/query_builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "core/utf8.h"
#include "search/index_schema.h"

namespace gk::search {

namespace {

using text::SegmentMode;

constexpr size_t kMaxFilterBytes = 100;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;
// A single-character word in more than this share of the records is optional, not required.
constexpr double kCommonWordShare = 0.25;
constexpr Xapian::doccount kCommonWordMinDocs = 1000;
// A synonym member may span up to this many adjacent query words (发展/和/改革局).
constexpr size_t kMaxSynonymWords = 6;
// The last relaxation matches any of this many clauses (the rarest, by OP_ELITE_SET).
constexpr size_t kRelaxedClauses = 10;
// "All clauses but one" is tried for queries of at most this many clauses.
constexpr size_t kMostClausesUpTo = 4;

constexpr std::array<std::string_view, 4> kOpenQuotes = {"\"", "\u201C", "\u300C", "\u300E"};
constexpr std::array<std::string_view, 4> kCloseQuotes = {"\"", "\u201D", "\u300D", "\u300F"};

bool is_one_of(std::string_view ch, const std::array<std::string_view, 4>& set) {
  return std::find(set.begin(), set.end(), ch) != set.end();
}

struct Segment {
  size_t begin = 0, end = 0;
  bool phrase = false;
};

// Splits normalised text into plain runs and the insides of balanced quotes.
std::vector<Segment> split_quotes(std::string_view n) {
  std::vector<Segment> out;
  size_t i = 0, plain_start = 0;
  auto char_at = [&](size_t pos) {
    const size_t len =
        std::min<size_t>(utf8_sequence_length(static_cast<unsigned char>(n[pos])), n.size() - pos);
    return n.substr(pos, len);
  };
  while (i < n.size()) {
    const std::string_view ch = char_at(i);
    if (is_one_of(ch, kOpenQuotes)) {
      size_t j = i + ch.size();
      std::optional<size_t> close;
      while (j < n.size()) {
        const std::string_view c2 = char_at(j);
        if (is_one_of(c2, kCloseQuotes)) {
          close = j;
          break;
        }
        j += c2.size();
      }
      if (close) {
        out.push_back({plain_start, i, false});
        out.push_back({i + ch.size(), *close, true});
        i = *close + char_at(*close).size();
        plain_start = i;
        continue;
      }
    }
    i += ch.size();
  }
  out.push_back({plain_start, n.size(), false});
  return out;
}

// A query word with its byte range in the normalised query.
struct QWord {
  std::string_view text;
  size_t offset = 0;
  bool phrase = false;  // inside quotes
  size_t segment = 0;   // index of its segment
};

struct Clause {
  Xapian::Query strict;    // the words as the query segmented them
  Xapian::Query expanded;  // also long words as the phrase of their sub-words
  bool optional = false;
  double idf = 0;
};

Xapian::Query phrase_of(const std::vector<std::pair<std::string, size_t>>& parts) {
  if (parts.size() == 1) return Xapian::Query(parts[0].first);
  std::vector<Xapian::Query> terms;
  terms.reserve(parts.size());
  for (const auto& [t, off] : parts) terms.emplace_back(t);
  const auto window = static_cast<Xapian::termcount>(parts.back().second - parts.front().second + 1);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), window);
}

bool looks_like_doc_number_prefix(std::string_view key) {
  if (key.find("〔") != std::string_view::npos) return true;
  if (std::any_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  for (std::string_view end : {"发", "号", "令", "函", "字"}) {
    if (key.size() > end.size() && key.ends_with(end)) return true;
  }
  return false;
}

std::string with_prefix(std::string_view prefix, std::string_view value) {
  std::string s(prefix);
  s.append(value);
  return s;
}

}  // namespace

Status validate_query(const SearchQuery& query) {
  std::vector<FieldError> errors;
  if (!is_valid_utf8(query.q)) {
    errors.push_back({"q", "搜索词含有无效字符，请重新输入"});
  } else if (trim(query.q).empty()) {
    errors.push_back({"q", "请输入搜索词"});
  } else if (utf8_length(query.q) > static_cast<size_t>(kMaxQueryChars)) {
    errors.push_back({"q", fmt::format("搜索词不能超过{}个字", kMaxQueryChars)});
  }
  if (query.page < 1 || query.page > kMaxPage) {
    errors.push_back({"page", fmt::format("页码应在 1 到 {} 之间", kMaxPage)});
  }
  if (query.per_page < 1 || query.per_page > kMaxPerPage) {
    errors.push_back({"per_page", fmt::format("每页条数应在 1 到 {} 之间", kMaxPerPage)});
  }
  if (query.sort != "relevance" && query.sort != "date") {
    errors.push_back({"sort", "排序方式只能是 relevance（按相关度）或 date（按日期）"});
  }
  if (query.year && (*query.year < kMinYear || *query.year > kMaxYear)) {
    errors.push_back({"year", fmt::format("年份应在 {} 到 {} 之间", kMinYear, kMaxYear)});
  }
  const std::pair<const char*, const std::string*> filters[] = {{"type", &query.type},
                                                                {"department", &query.department},
                                                                {"validity", &query.validity},
                                                                {"topic", &query.topic},
                                                                {"genre", &query.genre}};
  for (const auto& [field, value] : filters) {
    if (value->size() > kMaxFilterBytes || !is_valid_utf8(*value)) {
      errors.push_back({field, "筛选条件无效"});
    }
  }
  if (errors.empty()) return ok();
  std::string message = errors.front().message;
  return fail(Error::invalid(std::move(message), std::move(errors)));
}

Xapian::Query QueryBuilder::filter(const SearchQuery& query) {
  std::vector<Xapian::Query> parts;
  auto add = [&](std::string_view prefix, std::string_view value) {
    if (!value.empty()) parts.emplace_back(with_prefix(prefix, value));
  };
  add(schema::kPrefixKind, query.type);
  add(schema::kPrefixDepartment, query.department);
  if (query.year) add(schema::kPrefixYear, std::to_string(*query.year));
  add(schema::kPrefixValidity, query.validity);
  add(schema::kPrefixTopic, query.topic);
  add(schema::kPrefixGenre, query.genre);
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

ParsedQuery QueryBuilder::parse(std::string_view q) const {
  ParsedQuery p;
  p.normalized = analyzer_.normalize(q);
  const std::string_view n = p.normalized;
  const double doccount = std::max<double>(1, db_.get_doccount());

  // Strings to mark: those of the strict query, and the sub-words only the expanded one adds.
  std::vector<std::string> highlight, highlight_extra;
  auto note = [](std::vector<std::string>& list, std::string_view t) {
    if (std::find(list.begin(), list.end(), t) == list.end()) list.emplace_back(t);
  };
  auto note_display = [&](std::string_view t) {
    if (!t.empty() && std::find(p.terms.begin(), p.terms.end(), t) == p.terms.end()) p.terms.emplace_back(t);
  };
  auto idf_of = [&](std::string_view term) {
    return std::log((doccount + 1) / (static_cast<double>(db_.get_termfreq(std::string(term))) + 1));
  };

  struct Alternatives {
    Xapian::Query strict, expanded;
  };

  // W; expanded: W OR the phrase of the search-mode sub-words that cover W — only for a W that is
  // no term of the index (otherwise the text holding it is found as it is, and the phrase would
  // cost position checks over its common parts).
  auto word_query = [&](std::string_view w) -> Alternatives {
    note(highlight, w);
    Xapian::Query term{std::string(w)};
    if (count_code_points(w) < 3 || db_.term_exists(std::string(w))) return {term, term};
    const std::vector<Word> subs = analyzer_.words(w, SegmentMode::kSearch);
    // Fewest parts covering [0, w.size()) with sub-words shorter than w (dynamic programming over
    // byte offsets; words are short).
    std::vector<int> best(w.size() + 1, -1);
    std::vector<const Word*> via(w.size() + 1, nullptr);
    best[0] = 0;
    for (size_t pos = 0; pos < w.size(); ++pos) {
      if (best[pos] < 0) continue;
      for (const Word& s : subs) {
        if (s.offset != pos || s.text.size() >= w.size()) continue;
        const size_t end = pos + s.text.size();
        if (best[end] < 0 || best[end] > best[pos] + 1) {
          best[end] = best[pos] + 1;
          via[end] = &s;
        }
      }
    }
    if (best[w.size()] < 2) return {term, term};
    std::vector<std::pair<std::string, size_t>> parts;
    for (size_t end = w.size(); end > 0; end -= via[end]->text.size()) {
      parts.emplace_back(std::string(via[end]->text), via[end]->offset);
    }
    std::reverse(parts.begin(), parts.end());
    for (const auto& part : parts) note(highlight_extra, part.first);
    return {term, Xapian::Query(Xapian::Query::OP_OR, term, phrase_of(parts))};
  };

  // A span of normalised text searched as its default-mode words in a phrase.
  auto text_phrase = [&](std::string_view text) -> std::optional<Alternatives> {
    const std::vector<Word> ws = analyzer_.words(text, SegmentMode::kDefault);
    if (ws.empty()) return std::nullopt;
    if (ws.size() == 1) return word_query(ws[0].text);
    std::vector<std::pair<std::string, size_t>> parts;
    for (const Word& w : ws) {
      parts.emplace_back(std::string(w.text), w.offset);
      note(highlight, w.text);
    }
    const Xapian::Query phrase = phrase_of(parts);
    p.positional = true;
    return Alternatives{phrase, phrase};
  };

  // Words of the plain and quoted runs.
  const std::vector<Segment> segments = split_quotes(n);
  std::vector<QWord> words;
  for (size_t si = 0; si < segments.size(); ++si) {
    const Segment& seg = segments[si];
    if (seg.end <= seg.begin) continue;
    for (const Word& w : analyzer_.words(n.substr(seg.begin, seg.end - seg.begin), SegmentMode::kDefault)) {
      words.push_back({w.text, seg.begin + w.offset, seg.phrase, si});
      p.words.push_back({static_cast<uint32_t>(seg.begin + w.offset), static_cast<uint32_t>(w.text.size())});
    }
  }

  std::vector<Clause> clauses;
  for (size_t i = 0; i < words.size();) {
    if (words[i].phrase) {
      // The whole quoted run is one clause.
      size_t j = i;
      while (j < words.size() && words[j].segment == words[i].segment) ++j;
      const Segment& seg = segments[words[i].segment];
      const std::string_view inner = n.substr(seg.begin, seg.end - seg.begin);
      if (auto alt = text_phrase(inner)) {
        clauses.push_back({alt->strict, alt->expanded, false, idf_of(words[i].text)});
        note_display(trim(inner));
      }
      i = j;
      continue;
    }
    // The longest run of adjacent words that is a synonym member.
    const std::vector<std::string>* group = nullptr;
    size_t run_end = i;
    for (size_t j = std::min(words.size(), i + kMaxSynonymWords); j > i; --j) {
      if (words[j - 1].phrase || words[j - 1].segment != words[i].segment) continue;
      const size_t end = words[j - 1].offset + words[j - 1].text.size();
      if ((group = synonyms_.group_of(n.substr(words[i].offset, end - words[i].offset)))) {
        run_end = j;
        break;
      }
    }
    if (group) {
      std::vector<Xapian::Query> strict, expanded;
      for (const std::string& m : *group) {
        if (auto alt = text_phrase(m)) {
          strict.push_back(alt->strict);
          expanded.push_back(alt->expanded);
        }
        note_display(m);
      }
      clauses.push_back({Xapian::Query(Xapian::Query::OP_OR, strict.begin(), strict.end()),
                         Xapian::Query(Xapian::Query::OP_OR, expanded.begin(), expanded.end()), false,
                         idf_of(words[i].text)});
      i = run_end;
      continue;
    }
    const std::string_view w = words[i].text;
    const auto tf = db_.get_termfreq(std::string(w));
    const bool optional = count_code_points(w) == 1 &&
                          (tf == 0 || (doccount >= kCommonWordMinDocs && tf > kCommonWordShare * doccount));
    const Alternatives alt = word_query(w);
    clauses.push_back({alt.strict, alt.expanded, optional, idf_of(w)});
    note_display(w);
    ++i;
  }

  // 文号: the whole query, or one of its whitespace-separated parts.
  std::vector<Xapian::Query> doc_numbers;
  auto try_doc_number = [&](std::string_view part) {
    const std::string key = doc_number_key(part);
    const size_t chars = count_code_points(key);
    if (chars < schema::kMinDocNumberPrefixChars || chars > schema::kMaxDocNumberChars) return;
    const std::string exact = with_prefix(schema::kPrefixDocNumber, key);
    const std::string prefix = with_prefix(schema::kPrefixDocNumberPrefix, key);
    const bool has_exact = db_.term_exists(exact);
    if (!has_exact && !(looks_like_doc_number_prefix(key) && db_.term_exists(prefix))) return;
    auto fixed = [](double weight, const std::string& term) {
      return Xapian::Query(Xapian::Query::OP_FILTER,
                           Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                           Xapian::Query(term));
    };
    doc_numbers.push_back(fixed(kDocNumberPrefixWeight, prefix));
    if (has_exact) doc_numbers.push_back(fixed(kDocNumberExactWeight - kDocNumberPrefixWeight, exact));
    note_display(key);
  };
  try_doc_number(n);
  if (doc_numbers.empty()) {
    size_t start = 0;
    std::vector<std::string_view> parts;
    for (size_t i = 0; i <= n.size(); ++i) {
      if (i == n.size() || n[i] == ' ' || n[i] == '\t') {
        if (i > start) parts.push_back(n.substr(start, i - start));
        start = i + 1;
      }
    }
    if (parts.size() > 1) {
      for (std::string_view part : parts) try_doc_number(part);
    }
  }
  p.has_doc_number = !doc_numbers.empty();
  Xapian::Query doc_number;
  if (!doc_numbers.empty())
    doc_number = Xapian::Query(Xapian::Query::OP_OR, doc_numbers.begin(), doc_numbers.end());
  auto with_doc_number = [&](const Xapian::Query& text) {
    return doc_number.empty() ? text : Xapian::Query(Xapian::Query::OP_OR, doc_number, text);
  };

  // Assemble: required clauses ANDed, optional ones maybe.
  auto conjunction = [&](Xapian::Query Clause::*which) {
    std::vector<Xapian::Query> required, optional;
    for (const Clause& c : clauses) (c.optional ? optional : required).push_back(c.*which);
    Xapian::Query text;
    if (!required.empty()) {
      text = Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
      if (!optional.empty()) {
        text = Xapian::Query(Xapian::Query::OP_AND_MAYBE, text,
                             Xapian::Query(Xapian::Query::OP_OR, optional.begin(), optional.end()));
      }
    } else if (!optional.empty()) {
      text = Xapian::Query(Xapian::Query::OP_OR, optional.begin(), optional.end());
    }
    return text;
  };
  for (const Clause& c : clauses) {
    if (!c.optional) p.text_weight_estimate += c.idf;
  }
  p.strict = with_doc_number(conjunction(&Clause::strict));
  if (p.strict.empty()) p.strict = Xapian::Query::MatchNothing;
  if (!highlight_extra.empty()) {
    p.expanded = with_doc_number(conjunction(&Clause::expanded));
    p.positional_expanded = true;
  }
  // Relaxations, over the required clauses (optional single characters only add noise there) as
  // the query segmented them: sub-word phrases over partial matches would cost more than they find.
  std::vector<Xapian::Query> required;
  for (const Clause& c : clauses) {
    if (!c.optional) required.push_back(c.strict);
  }
  if (required.size() >= 3 && required.size() <= kMostClausesUpTo) {
    // Every clause but one: an OR of ANDs, each driven by its rarest word — cheap, unlike an OR of
    // common words, which visits most of the index. Longer queries are questions typed as sentences
    // (如何申请…？): dropping one word rarely helps them and ranks stray matches first, so they go
    // straight to the ranked OR of their most selective words (bench/search/relevance.sh).
    std::vector<Xapian::Query> alternatives;
    for (size_t skip = 0; skip < required.size(); ++skip) {
      std::vector<Xapian::Query> rest;
      for (size_t i = 0; i < required.size(); ++i) {
        if (i != skip) rest.push_back(required[i]);
      }
      alternatives.emplace_back(Xapian::Query::OP_AND, rest.begin(), rest.end());
    }
    p.relaxed_most =
        with_doc_number(Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()));
  }
  if (required.size() >= 2) {
    // Any of the kRelaxedClauses most selective clauses.
    const auto elite = static_cast<Xapian::termcount>(std::min(required.size(), kRelaxedClauses));
    p.relaxed =
        with_doc_number(Xapian::Query(Xapian::Query::OP_ELITE_SET, required.begin(), required.end(), elite));
  }

  // Mark multi-character terms; single characters only when the query has nothing longer.
  auto keep_marks = [](std::vector<std::string> list) {
    const bool has_long =
        std::any_of(list.begin(), list.end(), [](const std::string& t) { return count_code_points(t) >= 2; });
    std::vector<std::string> out;
    for (std::string& t : list) {
      if (!has_long || count_code_points(t) >= 2) out.push_back(std::move(t));
    }
    return out;
  };
  p.highlight = keep_marks(highlight);
  for (const std::string& t : highlight_extra) note(highlight, t);
  p.highlight_expanded = keep_marks(std::move(highlight));
  return p;
}

}  // namespace gk::search
