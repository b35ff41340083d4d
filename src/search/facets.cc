#include "search/facets.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "search/index_schema.h"

namespace gk::search {

namespace {

constexpr char kFieldSeparator = '\x1e';
constexpr char kLabelSeparator = '\x1f';
constexpr std::string_view kMetaPrefix = "gk:facet:";

void append_clean(std::string& out, std::string_view s) {
  for (const char c : s) {
    if (c != kFieldSeparator && c != kLabelSeparator) out.push_back(c);
  }
}

void append_field(std::string& out, std::string_view value, std::string_view label) {
  append_clean(out, value);
  if (!value.empty() && !label.empty() && label != value) {
    out.push_back(kLabelSeparator);
    append_clean(out, label);
  }
}

std::string meta_key(uint32_t id) { return std::string(kMetaPrefix) + std::to_string(id); }

}  // namespace

std::string type_label(std::string_view kind) {
  static const std::unordered_map<std::string_view, std::string_view> kLabels = {
      {"document", "文件"},           {"interpretation", "政策解读"}, {"faq", "常见问题"},
      {"consultation", "意见征集"},   {"dataset", "开放数据"},        {"service", "办事服务"},
      {"reading_room", "依申请公开"}, {"news", "新闻动态"},
  };
  const auto it = kLabels.find(kind);
  return std::string(it == kLabels.end() ? kind : it->second);
}

std::string encode_facets(const SearchRecord& r) {
  std::string out;
  out.reserve(64);
  append_field(out, r.kind, "");
  out.push_back(kFieldSeparator);
  append_field(out, r.department_code, r.department_name);
  out.push_back(kFieldSeparator);
  if (r.date) append_field(out, std::to_string(r.date->year()), "");
  out.push_back(kFieldSeparator);
  append_field(out, r.validity, r.validity_label);
  out.push_back(kFieldSeparator);
  append_field(out, r.topic, r.topic_label);
  out.push_back(kFieldSeparator);
  append_field(out, r.genre, r.genre_label);
  return out;
}

// Little-endian base-128 varint: 1 byte up to 127 combinations, 2 up to 16,383, 3 beyond.
std::string encode_facet_id(uint32_t id) {
  std::string out;
  while (id >= 0x80) {
    out.push_back(static_cast<char>((id & 0x7F) | 0x80));
    id >>= 7;
  }
  out.push_back(static_cast<char>(id));
  return out;
}

std::optional<uint32_t> decode_facet_id(std::string_view value) {
  uint32_t id = 0;
  int shift = 0;
  for (size_t i = 0; i < value.size() && shift < 32; ++i, shift += 7) {
    const auto b = static_cast<unsigned char>(value[i]);
    id |= static_cast<uint32_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return i + 1 == value.size() ? std::optional<uint32_t>(id) : std::nullopt;
  }
  return std::nullopt;
}

FacetDictionary::FacetDictionary(const Xapian::Database& db) {
  const std::string prefix(kMetaPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string key = *it;
    uint32_t id = 0;
    const char* begin = key.data() + prefix.size();
    if (std::from_chars(begin, key.data() + key.size(), id).ec != std::errc()) continue;
    ids_.emplace(db.get_metadata(key), id);
    next_ = std::max(next_, id + 1);
  }
}

uint32_t FacetDictionary::id_for(const std::string& combination, Xapian::WritableDatabase& db) {
  const auto it = ids_.find(combination);
  if (it != ids_.end()) return it->second;
  const uint32_t id = next_++;
  db.set_metadata(meta_key(id), combination);
  ids_.emplace(combination, id);
  return id;
}

const std::string& FacetLabels::combination(uint32_t id, const Xapian::Database& db) {
  auto it = combinations_.find(id);
  if (it == combinations_.end()) it = combinations_.emplace(id, db.get_metadata(meta_key(id))).first;
  return it->second;
}

// Counts the combination numbers of the records the matcher examines: from the RecordTable, else
// from a forward walk of the value stream (the matcher visits records in docid order).
class FacetCollector::Spy final : public Xapian::MatchSpy {
 public:
  Spy(const Xapian::Database& db, const RecordTable* table)
      : table_(table),
        it_(db.valuestream_begin(schema::kSlotFacets)),
        end_(db.valuestream_end(schema::kSlotFacets)) {}

  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    const Xapian::docid did = doc.get_docid();
    std::optional<uint32_t> id;
    if (table_) {
      if (const RecordTable::Entry e = table_->get(did); e.known) id = e.facets;
    }
    if (!id) {
      if (it_ != end_ && it_.get_docid() < did) it_.skip_to(did);
      // Past `did` means visited out of order or no value: ask the document.
      id = decode_facet_id(it_ != end_ && it_.get_docid() == did ? *it_ : doc.get_value(schema::kSlotFacets));
    }
    if (!id) return;
    if (*id >= counts_.size()) counts_.resize(std::max<size_t>(*id + 1, counts_.size() * 2), 0);
    ++counts_[*id];
  }
  int64_t total() const { return total_; }
  const std::vector<int64_t>& counts() const { return counts_; }

 private:
  const RecordTable* table_;
  Xapian::ValueIterator it_, end_;
  int64_t total_ = 0;
  std::vector<int64_t> counts_;
};

FacetCollector::FacetCollector(const Xapian::Database& db, FacetLabels& labels, const RecordTable* table)
    : db_(db), labels_(labels), spy_(std::make_unique<Spy>(db, table)) {}
FacetCollector::~FacetCollector() = default;

void FacetCollector::attach(Xapian::Enquire& enquire) { enquire.add_matchspy(spy_.get()); }

int64_t FacetCollector::examined() const { return spy_->total(); }

std::map<std::string, std::vector<FacetValue>> FacetCollector::collect(double scale) const {
  struct Entry {
    int64_t count = 0;
    std::map<std::string, int64_t> labels;
  };
  std::array<std::unordered_map<std::string, Entry>, kFacetNames.size()> merged;
  const std::vector<int64_t>& counts = spy_->counts();
  for (uint32_t id = 0; id < counts.size(); ++id) {
    const int64_t count = counts[id];
    if (count == 0) continue;
    std::string_view rest = labels_.combination(id, db_);
    for (size_t f = 0; f < kFacetNames.size() && !rest.empty(); ++f) {
      const size_t end = std::min(rest.find(kFieldSeparator), rest.size());
      const std::string_view field = rest.substr(0, end);
      rest.remove_prefix(std::min(end + 1, rest.size()));
      if (field.empty()) continue;
      const size_t sep = field.find(kLabelSeparator);
      const std::string_view value = field.substr(0, sep);
      std::string label = sep == std::string_view::npos ? std::string() : std::string(field.substr(sep + 1));
      if (label.empty()) label = f == 0 ? type_label(value) : std::string(value);
      Entry& e = merged[f][std::string(value)];
      e.count += count;
      e.labels[label] += count;
    }
  }
  std::map<std::string, std::vector<FacetValue>> out;
  for (size_t f = 0; f < kFacetNames.size(); ++f) {
    std::vector<FacetValue> values;
    values.reserve(merged[f].size());
    for (auto& [value, e] : merged[f]) {
      const auto best = std::max_element(e.labels.begin(), e.labels.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; });
      int64_t count = e.count;
      if (scale != 1.0) count = std::max<int64_t>(1, std::llround(static_cast<double>(count) * scale));
      values.push_back({value, best->first, count});
    }
    const bool year = kFacetNames[f] == "year";
    std::sort(values.begin(), values.end(), [&](const FacetValue& a, const FacetValue& b) {
      if (a.count != b.count) return a.count > b.count;
      // Ties: newer years first, other values in their natural order.
      return year ? a.value > b.value : a.value < b.value;
    });
    out.emplace(std::string(kFacetNames[f]), std::move(values));
  }
  return out;
}

}  // namespace gk::search
