// DocumentBuilder: the analysis of one SearchRecord into a Xapian document — its terms (with
// positions), boolean filter terms, values and stored data, laid out as index_schema.h says — and
// the words it contributes to the spelling dictionary.
//
// Terms come from our segmenter in search mode over normalised text; Xapian's TermGenerator is not
// used (it treats a run of Chinese characters as one word).
// Stateless apart from the analyzer it reads; safe to use from several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search/search_record.h"
#include "search/text_analyzer.h"

namespace gk::search {

struct BuiltDocument {
  Xapian::Document document;
  std::string id_term;                      // Q<kind>:<id>
  std::vector<std::string> spelling_words;  // distinct words for Database::add_spelling
  std::string facets;                       // the facet combination (the writer numbers it, facets.h)
};

// The unique id term of a record.
std::string id_term(std::string_view kind, std::string_view id);

class DocumentBuilder {
 public:
  // Body words from the first `spelling_body_bytes` bytes of the normalised body feed the spelling
  // dictionary (title words always do); 0 leaves the body out.
  explicit DocumentBuilder(const TextAnalyzer& analyzer, size_t spelling_body_bytes = 2000)
      : analyzer_(analyzer), spelling_body_bytes_(spelling_body_bytes) {}

  BuiltDocument build(const SearchRecord& record) const;

 private:
  const TextAnalyzer& analyzer_;
  size_t spelling_body_bytes_;
};

}  // namespace gk::search
