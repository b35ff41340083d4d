// Facets: counts of the matching records per type, department, year, validity, topic and genre.
//
// A record's six facet values form its facet combination, encode_facets(): six fields in
// kFacetNames order separated by \x1e, each "<value>" or "<value>\x1f<label>" (empty when the
// record has no value). Combinations are few (departments × years × validities × …, and only those
// that occur), so each gets a small number, assigned by the writer's FacetDictionary and kept in
// the index metadata ("gk:facet:<n>" → combination); a record stores only its number, as a 1–3 byte
// value in schema::kSlotFacets, mirrored in memory by the RecordTable (record_table.h). Counting
// then costs one array read and one vector increment per matching record (reading the value
// instead costs a block read per record when matches are sparse). collect() splits the counted
// combinations into the six facets, resolving numbers through a per-reader FacetLabels cache.
//
// Counts are exact when the match examined every matching record (the service asks for that up to
// kExactCountLimit matches, see search_service.h). Beyond it, counts are those of the records
// examined scaled up to the estimated total, and SearchResults::exact is false.
// A value seen with several labels (a renamed department not yet reindexed) is counted once, under
// its most frequent label.
//
// Thread-safety: FacetDictionary belongs to the writer, FacetLabels to one reader, FacetCollector
// to one query; none is shared between threads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/record_table.h"
#include "search/search_query.h"
#include "search/search_record.h"

namespace gk::search {

inline constexpr std::array<std::string_view, 6> kFacetNames = {"type",     "department", "year",
                                                                "validity", "topic",      "genre"};

// The label of a record kind for the type facet (document → 文件); the kind itself when unknown.
std::string type_label(std::string_view kind);

// The facet combination of a record.
std::string encode_facets(const SearchRecord& record);

// The kSlotFacets value of combination number `id`, and back (nullopt for a malformed value).
std::string encode_facet_id(uint32_t id);
std::optional<uint32_t> decode_facet_id(std::string_view value);

// Writer side: numbers combinations, adding new ones to the metadata of the database being written
// (committed with the documents that use them).
class FacetDictionary {
 public:
  // Loads the combinations already numbered in `db`. May throw Xapian::Error.
  explicit FacetDictionary(const Xapian::Database& db);
  // The number of `combination`, numbering it (set_metadata on `db`) when new. May throw.
  uint32_t id_for(const std::string& combination, Xapian::WritableDatabase& db);

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  uint32_t next_ = 1;
};

// Reader side: combination numbers → combinations, read from the metadata on first use.
class FacetLabels {
 public:
  // The combination of number `id` ("" when unknown). May throw Xapian::Error.
  const std::string& combination(uint32_t id, const Xapian::Database& db);
  void clear() { combinations_.clear(); }

 private:
  std::unordered_map<uint32_t, std::string> combinations_;
};

class FacetCollector {
 public:
  // `db`, `labels` and `table` (may be null) must outlive the collector.
  FacetCollector(const Xapian::Database& db, FacetLabels& labels, const RecordTable* table = nullptr);
  ~FacetCollector();
  // Registers the spy with `enquire` (which must not outlive this collector).
  void attach(Xapian::Enquire& enquire);
  // Records the spy saw (the denominator of scaling).
  int64_t examined() const;
  // Facet name → values by descending count, each count multiplied by `scale` (1 when exact).
  // May throw Xapian::Error.
  std::map<std::string, std::vector<FacetValue>> collect(double scale) const;

  class Spy;

 private:
  const Xapian::Database& db_;
  FacetLabels& labels_;
  std::unique_ptr<Spy> spy_;
};

}  // namespace gk::search
