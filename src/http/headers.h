// Headers: the header fields of one HTTP request or response.
//
// A case-insensitive multimap that keeps insertion order (Set-Cookie and friends may repeat).
// Names compare ASCII-case-insensitively; values are stored as given. Header-only because it is
// small and every handler TU uses it. Value type; thread-compatible (no internal locking).
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk::http {

// ASCII case-insensitive equality, for header names and tokens.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;
  using const_iterator = std::vector<Field>::const_iterator;

  // The first value of `name`, or nullopt. The view points into this object and is invalidated by
  // any mutation.
  std::optional<std::string_view> get(std::string_view name) const {
    for (const auto& f : fields_)
      if (iequals(f.first, name)) return std::string_view(f.second);
    return std::nullopt;
  }

  // Every value of `name`, in insertion order.
  std::vector<std::string_view> get_all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& f : fields_)
      if (iequals(f.first, name)) out.emplace_back(f.second);
    return out;
  }

  bool contains(std::string_view name) const { return get(name).has_value(); }

  // Replaces every existing value of `name` by one field (kept at the first one's position).
  void set(std::string_view name, std::string value) {
    auto it =
        std::find_if(fields_.begin(), fields_.end(), [&](const Field& f) { return iequals(f.first, name); });
    if (it == fields_.end()) {
      fields_.emplace_back(std::string(name), std::move(value));
      return;
    }
    it->second = std::move(value);
    auto rest =
        std::remove_if(std::next(it), fields_.end(), [&](const Field& f) { return iequals(f.first, name); });
    fields_.erase(rest, fields_.end());
  }

  // Appends a field even when `name` is already present.
  void add(std::string_view name, std::string value) {
    fields_.emplace_back(std::string(name), std::move(value));
  }

  // Removes every field called `name`; returns how many were removed.
  size_t remove(std::string_view name) {
    auto rest = std::remove_if(fields_.begin(), fields_.end(),
                               [&](const Field& f) { return iequals(f.first, name); });
    size_t n = static_cast<size_t>(fields_.end() - rest);
    fields_.erase(rest, fields_.end());
    return n;
  }

  void clear() { fields_.clear(); }
  size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  const_iterator begin() const { return fields_.begin(); }
  const_iterator end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace gk::http
