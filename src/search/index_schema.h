// IndexSchema: the layout of the Xapian index — value slots, term prefixes, metadata keys and the
// weights chosen at index time. The writer (document_builder.cc) and the readers (query_builder.cc,
// facets.cc, suggester.cc) agree through this file only. Changing anything here requires a
// reindex; bump kSchemaVersion so open() can tell.
//
// Terms
//   (no prefix)   words of title, body and issuers: normalised, segmented in search mode,
//                 punctuation dropped, with positions = byte offset in the normalised field + a
//                 per-field base (so phrase windows are measured in bytes, see query_builder.h).
//                 Title words carry wdf kTitleWdf, so a title match outranks a body match.
//   Q<kind>:<id>  unique id of the record (replace_document / delete_document).
//   XK XD XY XV XT XG  boolean filters: kind, department code, year, validity, topic, genre
//                 (XYnone for a record without a date: date_order.h pages by year).
//   XN<key>       the record's 文号, normalised (doc_number_key()): exact match.
//   XP<key>       every prefix (≥ 2 code points) of that key: prefix match.
//   XI<issuer>    an issuing body, normalised (exact boolean term).
//   XC<title>     the normalised title (first kCompletionTitleChars code points): completion.
//   XH<hour>      the hour of visible_from (visibility.h).
//
// Values
//   kSlotDate         date_value(): 3 bytes, sortable as a string (absent when the record has no
//                     date); small, so a date sort over many matches reads few blocks
//   kSlotVisibleFrom  sortable_serialise(visible_from micros)
//   kSlotInForce      sortable_serialise(1.0) when in force; absent otherwise
//   kSlotFacets       the number of the record's facet combination (facets.h)
//
// Document data: StoredHit (stored_hit.h).
//
// Immutable constants; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"

namespace gk::search::schema {

// Stored in the metadata key kMetaSchema; an index built with another version must be rebuilt.
inline constexpr std::string_view kSchemaVersion = "4";

enum Slot : unsigned {
  kSlotDate = 0,
  kSlotVisibleFrom = 1,
  kSlotInForce = 2,
  kSlotFacets = 3,
};

inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixKind = "XK";
inline constexpr std::string_view kPrefixDepartment = "XD";
inline constexpr std::string_view kPrefixYear = "XY";
inline constexpr std::string_view kPrefixValidity = "XV";
inline constexpr std::string_view kPrefixTopic = "XT";
inline constexpr std::string_view kPrefixGenre = "XG";
inline constexpr std::string_view kPrefixDocNumber = "XN";
inline constexpr std::string_view kPrefixDocNumberPrefix = "XP";
inline constexpr std::string_view kPrefixIssuer = "XI";
inline constexpr std::string_view kPrefixCompletion = "XC";
inline constexpr std::string_view kPrefixVisibleHour = "XH";
inline constexpr std::string_view kYearNone = "none";

// Metadata keys (written in the same commit as the documents they describe); facets.h adds
// "gk:facet:<n>".
inline constexpr std::string_view kMetaCursor = "gk:cursor";
inline constexpr std::string_view kMetaSchema = "gk:schema";

// wdf of one title occurrence (a body occurrence counts 1): BM25 then ranks a record whose title
// holds the word above one that only mentions it in the body.
inline constexpr unsigned kTitleWdf = 5;
// Position bases: fields are far apart so a phrase never spans two fields.
inline constexpr uint32_t kTitlePositionBase = 1;
inline constexpr uint32_t kFieldPositionGap = 1000;
// Text beyond this many bytes of body is not indexed (a runaway record must not stall indexing).
inline constexpr size_t kMaxIndexedBodyBytes = 1 << 20;
// The body prefix stored for snippets, in code points (≈ 3 bytes each for Chinese).
inline constexpr size_t kStoredBodyChars = 3000;
// Xapian refuses terms longer than 245 bytes; longer words are not indexed.
inline constexpr size_t kMaxTermBytes = 240;
// 文号 prefixes are indexed from this many code points up to this many.
inline constexpr size_t kMinDocNumberPrefixChars = 2;
inline constexpr size_t kMaxDocNumberChars = 40;
inline constexpr size_t kCompletionTitleChars = 60;

// Days since the epoch + 2^23, big-endian in 3 bytes: string order is date order.
inline std::string date_value(Date d) {
  const auto v = static_cast<uint32_t>(d.days() + (1 << 23)) & 0xFFFFFF;
  return std::string{static_cast<char>(v >> 16), static_cast<char>((v >> 8) & 0xFF),
                     static_cast<char>(v & 0xFF)};
}

}  // namespace gk::search::schema
