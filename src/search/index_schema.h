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
//   XK XD XY XV XT XG  boolean filters: kind, department code, year, validity, topic, genre.
//   XN<key>       the record's 文号, normalised (doc_number_key()): exact match.
//   XP<key>       every prefix (≥ 2 code points) of that key: prefix match.
//   XI<issuer>    an issuing body, normalised (exact boolean term).
//   XC<title>     the normalised title (first kCompletionTitleChars code points): completion.
//
// Values
//   kSlotDate         "YYYYMMDD" (sortable as a string; empty when the record has no date)
//   kSlotVisibleFrom  sortable_serialise(visible_from micros)
//   kSlotInForce      sortable_serialise(1.0) when in force; absent otherwise
//   kSlotFacets       every facet value of the record in one string (facets.h), so counting reads
//                     one value per matching record
//
// Document data: StoredHit (stored_hit.h).
//
// Immutable constants; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace gk::search::schema {

// Stored in the metadata key kMetaSchema; an index built with another version must be rebuilt.
inline constexpr std::string_view kSchemaVersion = "2";

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

// Metadata keys (written in the same commit as the documents they describe).
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

}  // namespace gk::search::schema
