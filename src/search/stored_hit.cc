#include "search/stored_hit.h"

#include <cstdint>

namespace gk::search {

namespace {

constexpr unsigned char kVersion = 1;

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return false;
      const auto b = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }

  bool string(std::string& s) {
    uint64_t n = 0;
    if (!varint(n) || n > data_.size() - pos_) return false;
    s.assign(data_.substr(pos_, n));
    pos_ += n;
    return true;
  }

  bool at_end() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace

std::string encode_stored_hit(const StoredHit& hit) {
  std::string out;
  out.reserve(64 + hit.title.size() + hit.body.size() + hit.url.size());
  out.push_back(static_cast<char>(kVersion));
  for (const std::string* s : {&hit.kind, &hit.id, &hit.title, &hit.url, &hit.doc_number,
                               &hit.department_name, &hit.validity, &hit.validity_label, &hit.body}) {
    put_string(out, *s);
  }
  uint64_t date = 0;
  if (hit.date) {
    const int64_t d = hit.date->days();
    date = (static_cast<uint64_t>(d) << 1 ^ static_cast<uint64_t>(d >> 63)) + 1;
  }
  put_varint(out, date);
  return out;
}

std::optional<StoredHit> decode_stored_hit(std::string_view data) {
  if (data.empty() || static_cast<unsigned char>(data[0]) != kVersion) return std::nullopt;
  Reader r(data.substr(1));
  StoredHit hit;
  for (std::string* s : {&hit.kind, &hit.id, &hit.title, &hit.url, &hit.doc_number, &hit.department_name,
                         &hit.validity, &hit.validity_label, &hit.body}) {
    if (!r.string(*s)) return std::nullopt;
  }
  uint64_t date = 0;
  if (!r.varint(date) || !r.at_end()) return std::nullopt;
  if (date != 0) {
    const uint64_t z = date - 1;
    const auto d = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
    hit.date = Date::from_days(static_cast<int32_t>(d));
  }
  return hit;
}

}  // namespace gk::search
