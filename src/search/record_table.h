// RecordTable: per-record facts the matcher needs for every match — the facet combination number,
// the date and whether the record is in force — kept in memory by docid, so counting facets,
// sorting by date and the in-force rerank read an array instead of Xapian's value streams (a block
// read per match when matches are sparse: ~2.5 ms of a 6 ms facet query, ~4 ms to date-sort 600
// matches, at 1,000,000 records). 8 bytes per record.
//
// Loaded from the value streams when the service opens an index (~0.1 s per million records), then
// kept current by the service's own IndexWriter as it writes (set on add, cleared on delete). An
// unknown record (Entry::known false) makes the caller read the value instead. A reader of an older
// revision may see the facts of a record's newest version until it reopens (one search later):
// the answer of that instant, off by a record.
//
// Thread-safety: one writer, any number of readers (one atomic 64-bit word per record, in
// fixed-size blocks allocated on first use and never moved).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <xapian.h>

namespace gk::search {

class RecordTable {
 public:
  struct Entry {
    bool known = false;
    uint32_t facets = 0;  // facet combination number (facets.h), 0 = none
    uint32_t date = 0;    // schema::date_value() as a 24-bit number, 0 = no date
    bool in_force = false;
  };

  RecordTable();
  ~RecordTable();
  RecordTable(const RecordTable&) = delete;
  RecordTable& operator=(const RecordTable&) = delete;

  // Every record's facts, read from `db`'s value streams. May throw Xapian::Error.
  static std::unique_ptr<RecordTable> load(const Xapian::Database& db);

  Entry get(Xapian::docid did) const;
  void set(Xapian::docid did, const Entry& entry);
  void clear(Xapian::docid did) { set(did, Entry{}); }

  // The facts a document's values hold.
  static Entry from_document(const Xapian::Document& doc);
  // The 3-byte kSlotDate value of Entry::date ("" for no date).
  static std::string date_key(uint32_t date);

 private:
  static constexpr unsigned kBlockBits = 16;
  static constexpr size_t kBlocks = size_t{1} << (32 - kBlockBits);
  struct Block;
  std::unique_ptr<std::atomic<Block*>[]> blocks_;
  std::mutex grow_mu_;
};

// Date sort key from the table (the value when the record is unknown), for
// Enquire::set_sort_by_key_then_relevance.
class DateKeyMaker final : public Xapian::KeyMaker {
 public:
  explicit DateKeyMaker(const RecordTable* table) : table_(table) {}
  std::string operator()(const Xapian::Document& doc) const override;

 private:
  const RecordTable* table_;
};

}  // namespace gk::search
