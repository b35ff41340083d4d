#include "search/record_table.h"

#include <array>
#include <map>

#include "search/facets.h"
#include "search/index_schema.h"

namespace gk::search {

namespace {

constexpr uint64_t kKnownBit = uint64_t{1} << 63;
constexpr uint64_t kInForceBit = uint64_t{1} << 62;

uint64_t pack(const RecordTable::Entry& e) {
  if (!e.known) return 0;
  return kKnownBit | (e.in_force ? kInForceBit : 0) | (uint64_t{e.date & 0xFFFFFF} << 32) | e.facets;
}

RecordTable::Entry unpack(uint64_t v) {
  RecordTable::Entry e;
  e.known = (v & kKnownBit) != 0;
  e.in_force = (v & kInForceBit) != 0;
  e.date = static_cast<uint32_t>((v >> 32) & 0xFFFFFF);
  e.facets = static_cast<uint32_t>(v);
  return e;
}

uint32_t date_number(const std::string& value) {
  if (value.size() != 3) return 0;
  return (uint32_t{static_cast<unsigned char>(value[0])} << 16) |
         (uint32_t{static_cast<unsigned char>(value[1])} << 8) | static_cast<unsigned char>(value[2]);
}

}  // namespace

struct RecordTable::Block {
  std::array<std::atomic<uint64_t>, size_t{1} << kBlockBits> entries{};
};

RecordTable::RecordTable() : blocks_(new std::atomic<Block*>[kBlocks]) {
  for (size_t i = 0; i < kBlocks; ++i) blocks_[i].store(nullptr, std::memory_order_relaxed);
}

RecordTable::~RecordTable() {
  for (size_t i = 0; i < kBlocks; ++i) delete blocks_[i].load(std::memory_order_relaxed);
}

std::unique_ptr<RecordTable> RecordTable::load(const Xapian::Database& db) {
  auto table = std::make_unique<RecordTable>();
  // Every record has a facets value; the date and in-force values are merged in by docid.
  auto date = db.valuestream_begin(schema::kSlotDate);
  const auto date_end = db.valuestream_end(schema::kSlotDate);
  auto in_force = db.valuestream_begin(schema::kSlotInForce);
  const auto in_force_end = db.valuestream_end(schema::kSlotInForce);
  const auto end = db.valuestream_end(schema::kSlotFacets);
  for (auto it = db.valuestream_begin(schema::kSlotFacets); it != end; ++it) {
    const Xapian::docid did = it.get_docid();
    Entry e;
    e.known = true;
    e.facets = decode_facet_id(*it).value_or(0);
    while (date != date_end && date.get_docid() < did) ++date;
    if (date != date_end && date.get_docid() == did) e.date = date_number(*date);
    while (in_force != in_force_end && in_force.get_docid() < did) ++in_force;
    e.in_force = in_force != in_force_end && in_force.get_docid() == did;
    table->set(did, e);
  }
  return table;
}

RecordTable::Entry RecordTable::get(Xapian::docid did) const {
  const Block* block = blocks_[did >> kBlockBits].load(std::memory_order_acquire);
  if (!block) return Entry{};
  return unpack(block->entries[did & ((1u << kBlockBits) - 1)].load(std::memory_order_relaxed));
}

void RecordTable::set(Xapian::docid did, const Entry& entry) {
  std::atomic<Block*>& slot = blocks_[did >> kBlockBits];
  Block* block = slot.load(std::memory_order_acquire);
  if (!block) {
    if (!entry.known) return;
    std::lock_guard lock(grow_mu_);
    block = slot.load(std::memory_order_acquire);
    if (!block) {
      block = new Block();
      slot.store(block, std::memory_order_release);
    }
  }
  block->entries[did & ((1u << kBlockBits) - 1)].store(pack(entry), std::memory_order_relaxed);
}

RecordTable::Entry RecordTable::from_document(const Xapian::Document& doc) {
  Entry e;
  e.known = true;
  e.facets = decode_facet_id(doc.get_value(schema::kSlotFacets)).value_or(0);
  e.date = date_number(doc.get_value(schema::kSlotDate));
  e.in_force = !doc.get_value(schema::kSlotInForce).empty();
  return e;
}

std::string RecordTable::date_key(uint32_t date) {
  if (date == 0) return {};
  return std::string{static_cast<char>((date >> 16) & 0xFF), static_cast<char>((date >> 8) & 0xFF),
                     static_cast<char>(date & 0xFF)};
}

std::string DateKeyMaker::operator()(const Xapian::Document& doc) const {
  if (table_) {
    const RecordTable::Entry e = table_->get(doc.get_docid());
    if (e.known) return RecordTable::date_key(e.date);
  }
  return doc.get_value(schema::kSlotDate);
}

}  // namespace gk::search
