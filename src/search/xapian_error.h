// Mapping of Xapian's exceptions to our Error values, in one place for the search module: a lock
// held by another writer is Unavailable; everything else (corrupt or unreadable index, I/O) is
// Internal with a message saying the index can be deleted and rebuilt.
#pragma once

#include <string_view>

#include <xapian.h>

#include "core/error.h"

namespace gk::search {

Error from_xapian(const Xapian::Error& e, std::string_view what);

}  // namespace gk::search
