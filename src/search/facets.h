// Facets: counts of the matching records per type, department, year, validity, topic and genre.
//
// Every record keeps all its facet values in one value slot (schema::kSlotFacets), encoded by
// encode_facets(): six fields in kFacetNames order separated by \x1e, each "<value>" or
// "<value>\x1f<label>" (empty when the record has no value). While the match runs, one
// FacetCountSpy counts each distinct encoded string (one value read and one hash update per
// record — the combinations are few); collect() then splits the combinations into the six facets.
//
// Counts are exact when the match examined every matching record (the service asks for that up to
// kExactCountLimit matches, see search_service.h). Beyond it, counts are those of the records
// examined scaled up to the estimated total, and SearchResults::exact is false.
// A value seen with several labels (a renamed department not yet reindexed) is counted once, under
// its most frequent label.
// One FacetCollector per query, on the calling thread.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/search_query.h"
#include "search/search_record.h"

namespace gk::search {

inline constexpr std::array<std::string_view, 6> kFacetNames = {"type", "department", "year", "validity", "topic", "genre"};

// The label of a record kind for the type facet (document → 文件); the kind itself when unknown.
std::string type_label(std::string_view kind);

// The kSlotFacets value of a record.
std::string encode_facets(const SearchRecord& record);

class FacetCollector {
 public:
  FacetCollector();
  ~FacetCollector();
  // Registers the spy with `enquire` (which must not outlive this collector).
  void attach(Xapian::Enquire& enquire);
  // Records the spy saw (the denominator of scaling).
  int64_t examined() const;
  // Facet name → values by descending count, each count multiplied by `scale` (1 when exact).
  std::map<std::string, std::vector<FacetValue>> collect(double scale) const;

  class Spy;

 private:
  std::unique_ptr<Spy> spy_;
};

}  // namespace gk::search
