#include "search/visibility.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "search/index_schema.h"

namespace gk::search {

namespace {

constexpr int64_t kMicrosPerHour = int64_t{3'600'000'000};

std::string value_of(Instant t) { return Xapian::sortable_serialise(static_cast<double>(t.micros())); }

}  // namespace

std::string visible_hour_term(Instant visible_from) {
  const int64_t hour = std::max<int64_t>(0, visible_from.micros() / kMicrosPerHour);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%09lld", static_cast<long long>(hour));
  return std::string(schema::kPrefixVisibleHour) + buf;
}

Xapian::Query not_yet_visible(const Xapian::Database& db, Instant now) {
  const std::string now_value = value_of(now);
  // Nothing scheduled beyond now (the usual case): no clause at all.
  if (db.get_value_upper_bound(schema::kSlotVisibleFrom) <= now_value) return Xapian::Query();
  const std::string current = visible_hour_term(now);
  const std::string prefix(schema::kPrefixVisibleHour);
  std::vector<Xapian::Query> later;
  Xapian::TermIterator it = db.allterms_begin(prefix);
  it.skip_to(current);
  for (; it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    if (term == current) {
      // This hour: only the records whose instant is still ahead.
      later.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(term),
                         Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotVisibleFrom,
                                       value_of(Instant::from_micros(now.micros() + 1))));
    } else {
      later.emplace_back(term);
    }
  }
  if (later.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, later.begin(), later.end());
}

bool visible_at(const Xapian::Document& doc, Instant now) {
  return doc.get_value(schema::kSlotVisibleFrom) <= value_of(now);
}

}  // namespace gk::search
