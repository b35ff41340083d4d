// StoredHit: what the index keeps of a record to render it as a hit without asking its source —
// the document data of each Xapian document, in a compact binary form.
//
// Encoding (version 1): one version byte, then each string as a varint byte length followed by its
// bytes, in field order, and the date as a zig-zag varint of days since the epoch plus one (0 = no
// date). decode() rejects anything else (an index from another schema must be rebuilt).
// Value type; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace gk::search {

struct StoredHit {
  std::string kind, id, title, url;
  std::string doc_number;
  std::string department_name;
  std::string validity, validity_label;
  std::string body;  // the first schema::kStoredBodyChars code points of the body, valid UTF-8
  std::optional<Date> date;

  friend bool operator==(const StoredHit&, const StoredHit&) = default;
};

std::string encode_stored_hit(const StoredHit& hit);
std::optional<StoredHit> decode_stored_hit(std::string_view data);

}  // namespace gk::search
