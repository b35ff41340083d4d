#include "search/date_order.h"

#include <algorithm>
#include <string>

#include "search/index_schema.h"

namespace gk::search {

namespace {

void append(const Xapian::MSet& mset, std::vector<RankedDoc>& out) {
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({it.get_document(), it.get_percent()});
}

Xapian::MSet sorted(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount first,
                    Xapian::doccount count, Xapian::doccount check_at_least, const RecordTable* table) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  DateKeyMaker keys(table);
  enquire.set_sort_by_key_then_relevance(&keys, /*reverse=*/true);
  return enquire.get_mset(first, count, check_at_least);
}

}  // namespace

std::vector<RankedDoc> date_ordered_page(const Xapian::Database& db, const Xapian::Query& query,
                                         Xapian::doccount first, Xapian::doccount count, bool by_year,
                                         const RecordTable* table) {
  std::vector<RankedDoc> page;
  if (!by_year) {
    append(sorted(db, query, first, count, 0, table), page);
    return page;
  }
  // Year terms, newest first, then the undated records (which sort last).
  const std::string prefix(schema::kPrefixYear);
  const std::string undated = prefix + std::string(schema::kYearNone);
  std::vector<std::string> years;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    if (*it != undated) years.push_back(*it);
  }
  std::reverse(years.begin(), years.end());
  years.push_back(undated);

  const Xapian::doccount end = first + count;  // global rank just past the page
  Xapian::doccount seen = 0;                   // matches in the years already passed (exact)
  for (const std::string& year : years) {
    if (seen >= end) break;
    const Xapian::doccount from = first > seen ? first - seen : 0;
    const Xapian::doccount to = end - seen;
    // Checking at least `to` matches makes the year's count exact whenever the page goes past it.
    const Xapian::MSet mset = sorted(db, Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(year)),
                                     from, to - from, to, table);
    append(mset, page);
    if (mset.get_matches_lower_bound() >= to) break;  // the page ends inside this year
    seen += mset.get_matches_lower_bound();
  }
  return page;
}

}  // namespace gk::search
