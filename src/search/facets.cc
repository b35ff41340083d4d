#include "search/facets.h"

#include <algorithm>
#include <cmath>

#include "search/index_schema.h"

namespace gk::search {

namespace {

constexpr char kFieldSeparator = '\x1e';
constexpr char kLabelSeparator = '\x1f';

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

}  // namespace

// Counts each distinct kSlotFacets value of the records the matcher examines.
class FacetCollector::Spy final : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    ++counts_[doc.get_value(schema::kSlotFacets)];
  }
  int64_t total() const { return total_; }
  const std::unordered_map<std::string, int64_t>& counts() const { return counts_; }

 private:
  int64_t total_ = 0;
  std::unordered_map<std::string, int64_t> counts_;
};

std::string type_label(std::string_view kind) {
  static const std::unordered_map<std::string_view, std::string_view> kLabels = {
      {"document", "文件"},        {"interpretation", "政策解读"}, {"faq", "常见问题"},
      {"consultation", "意见征集"}, {"dataset", "开放数据"},       {"service", "办事服务"},
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

FacetCollector::FacetCollector() : spy_(std::make_unique<Spy>()) {}
FacetCollector::~FacetCollector() = default;

void FacetCollector::attach(Xapian::Enquire& enquire) { enquire.add_matchspy(spy_.get()); }

int64_t FacetCollector::examined() const { return spy_->total(); }

std::map<std::string, std::vector<FacetValue>> FacetCollector::collect(double scale) const {
  struct Entry {
    int64_t count = 0;
    std::map<std::string, int64_t> labels;
  };
  std::array<std::unordered_map<std::string, Entry>, kFacetNames.size()> merged;
  for (const auto& [encoded, count] : spy_->counts()) {
    std::string_view rest = encoded;
    for (size_t f = 0; f < kFacetNames.size(); ++f) {
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
