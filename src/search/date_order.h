// DateOrder: a page of matches sorted by date (newest first, relevance breaking ties).
//
// Sorting by a value makes Xapian read the value of every match, so for a word in half a million
// records a date-sorted page costs as much as reading them all (≈ 55 ms at 1,000,000 records).
// Records carry a boolean term per publication year (XY<year>, XYnone without a date), and all
// records of a year are newer than those of the year before, so a large result is paged one year
// at a time from the newest: the page is usually filled from the newest year or two, and each year
// is an AND with a short posting list. Small results (or a query filtered to one year) are sorted
// in one pass.
// Pure functions of a Database the caller owns; may throw Xapian::Error.
#pragma once

#include <vector>

#include <xapian.h>

#include "search/record_table.h"

namespace gk::search {

struct RankedDoc {
  Xapian::Document document;
  int percent = 0;  // relevance 0..100 (within the year when paged by year)
};

// Matches of `query` ranked [first, first + count) by date descending then relevance. `by_year`
// pages year by year (for large results); otherwise one sorted pass. Dates come from `table` when
// it knows the record (null: from the values).
std::vector<RankedDoc> date_ordered_page(const Xapian::Database& db, const Xapian::Query& query,
                                         Xapian::doccount first, Xapian::doccount count, bool by_year,
                                         const RecordTable* table = nullptr);

}  // namespace gk::search
