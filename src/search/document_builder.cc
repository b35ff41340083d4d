#include "search/document_builder.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "search/facets.h"
#include "search/index_schema.h"
#include "search/stored_hit.h"
#include "search/visibility.h"

namespace gk::search {

namespace {

std::string join(std::string_view prefix, std::string_view value) {
  std::string s;
  s.reserve(prefix.size() + value.size());
  s.append(prefix);
  s.append(value);
  return s;
}

void add_boolean(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
  if (value.empty() || prefix.size() + value.size() > schema::kMaxTermBytes) return;
  doc.add_boolean_term(join(prefix, value));
}

bool worth_spelling(std::string_view word) {
  if (count_code_points(word) < 2) return false;
  // Numbers and codes are not words anyone misspells into something useful.
  return std::any_of(word.begin(), word.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalpha(static_cast<unsigned char>(c));
  });
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::string id_term(std::string_view kind, std::string_view id) {
  std::string s(schema::kPrefixId);
  s.append(kind);
  s.push_back(':');
  s.append(id);
  return s;
}

BuiltDocument DocumentBuilder::build(const SearchRecord& record) const {
  BuiltDocument built;
  Xapian::Document& doc = built.document;
  built.id_term = id_term(record.kind, record.id);
  doc.add_boolean_term(built.id_term);

  std::unordered_set<std::string_view> spelling;
  thread_local std::vector<Word> words;

  // Title.
  const std::string title = sanitize_utf8(record.title);
  const std::string title_n = analyzer_.normalize(title);
  analyzer_.index_words(title_n, words);
  for (const Word& w : words) {
    doc.add_posting(std::string(w.text), schema::kTitlePositionBase + w.offset, schema::kTitleWdf);
    if (worth_spelling(w.text)) spelling.insert(w.text);
  }
  uint32_t base =
      schema::kTitlePositionBase + static_cast<uint32_t>(title_n.size()) + schema::kFieldPositionGap;

  // Body (bounded, cut on a code-point boundary).
  std::string_view raw_body = record.body;
  if (raw_body.size() > schema::kMaxIndexedBodyBytes) {
    size_t cut = schema::kMaxIndexedBodyBytes;
    while (cut > 0 && (static_cast<unsigned char>(raw_body[cut]) & 0xC0) == 0x80) --cut;
    raw_body = raw_body.substr(0, cut);
  }
  const std::string body = sanitize_utf8(raw_body);
  const std::string body_n = analyzer_.normalize(body);
  analyzer_.index_words(body_n, words);
  for (const Word& w : words) {
    doc.add_posting(std::string(w.text), base + w.offset);
    if (w.offset < spelling_body_bytes_ && worth_spelling(w.text)) spelling.insert(w.text);
  }
  base += static_cast<uint32_t>(body_n.size()) + schema::kFieldPositionGap;

  // Issuers: searchable as text and as exact boolean terms.
  std::vector<std::string> issuers_n;
  for (const std::string& issuer : record.issuers) {
    issuers_n.push_back(trimmed(analyzer_.normalize(sanitize_utf8(issuer))));
    const std::string& n = issuers_n.back();
    analyzer_.index_words(n, words);
    for (const Word& w : words) doc.add_posting(std::string(w.text), base + w.offset);
    base += static_cast<uint32_t>(n.size()) + schema::kFieldPositionGap;
    add_boolean(doc, schema::kPrefixIssuer, n);
  }

  // 文号: exact key and every prefix of it.
  if (!record.doc_number.empty()) {
    const std::string key = doc_number_key(analyzer_.normalize(sanitize_utf8(record.doc_number)));
    if (!key.empty() && count_code_points(key) <= schema::kMaxDocNumberChars) {
      add_boolean(doc, schema::kPrefixDocNumber, key);
      const size_t n = count_code_points(key);
      for (size_t i = schema::kMinDocNumberPrefixChars; i <= n; ++i) {
        add_boolean(doc, schema::kPrefixDocNumberPrefix, prefix_chars(key, i));
      }
    }
  }

  // Completion: the normalised title.
  const std::string completion = trimmed(prefix_chars(title_n, schema::kCompletionTitleChars));
  add_boolean(doc, schema::kPrefixCompletion, completion);

  // Filters and facets.
  std::string year;
  if (record.date) {
    doc.add_value(schema::kSlotDate, schema::date_value(*record.date));
    year = std::to_string(record.date->year());
  }
  add_boolean(doc, schema::kPrefixKind, record.kind);
  add_boolean(doc, schema::kPrefixDepartment, record.department_code);
  add_boolean(doc, schema::kPrefixYear, year.empty() ? schema::kYearNone : std::string_view(year));
  add_boolean(doc, schema::kPrefixValidity, record.validity);
  add_boolean(doc, schema::kPrefixTopic, record.topic);
  add_boolean(doc, schema::kPrefixGenre, record.genre);
  built.facets = encode_facets(record);

  doc.add_value(schema::kSlotVisibleFrom,
                Xapian::sortable_serialise(static_cast<double>(record.visible_from.micros())));
  doc.add_boolean_term(visible_hour_term(record.visible_from));
  if (record.in_force) doc.add_value(schema::kSlotInForce, Xapian::sortable_serialise(1.0));

  StoredHit hit;
  hit.kind = record.kind;
  hit.id = record.id;
  hit.title = title;
  hit.url = record.url;
  hit.doc_number = sanitize_utf8(record.doc_number);
  hit.department_name = sanitize_utf8(record.department_name);
  hit.validity = record.validity;
  hit.validity_label = sanitize_utf8(record.validity_label);
  hit.body = std::string(prefix_chars(body, schema::kStoredBodyChars));
  hit.date = record.date;
  doc.set_data(encode_stored_hit(hit));

  built.spelling_words.reserve(spelling.size());
  for (std::string_view w : spelling) built.spelling_words.emplace_back(w);
  return built;
}

}  // namespace gk::search
