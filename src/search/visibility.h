// Visibility: records scheduled for publication (SearchRecord::visible_from in the future) are in
// the index but must not be found before their time.
//
// Each record carries its visible_from as a value (schema::kSlotVisibleFrom) and as a boolean term
// naming its hour, "XH<hours since the epoch, 9 digits>". The records not yet visible at `now` are
// those of the hour terms after now's hour, plus those of now's hour whose value is later than now:
// a query excludes them with AND_NOT over a handful of small posting lists, so the cost follows the
// number of scheduled records, not the number of matches (a value check per match would cost a
// value-stream read for each of hundreds of thousands of candidates).
// Pure functions; thread-safe given a Database per thread.
#pragma once

#include <string>

#include <xapian.h>

#include "core/date.h"

namespace gk::search {

// The hour term of `visible_from`.
std::string visible_hour_term(Instant visible_from);

// The records not yet visible at `now` (an empty Query when there are none).
Xapian::Query not_yet_visible(const Xapian::Database& db, Instant now);

// True when `doc` is visible at `now`.
bool visible_at(const Xapian::Document& doc, Instant now);

}  // namespace gk::search
