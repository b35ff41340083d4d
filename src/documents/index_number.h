// IndexNumberPattern: how 索引号 (index numbers) are made. 《政府信息公开条例》第十二条 lists 索引 as
// the first item of every entry in the 政府信息公开目录; each published document gets one that is
// unique across the site. The shape is configurable, e.g. "{dept}/{year}-{serial:5}" gives
// "001008/2024-00042".
//
// Pattern syntax: literal text, with these placeholders:
//   {dept}       the department code, as given
//   {year}       the year, four digits
//   {serial:N}   the serial, zero-padded to N digits (1 <= N <= 10); required, exactly once
//   {category}   the topic (主题分类) code, as given
//   {{  }}       a literal brace
// Uniqueness: the repository keeps one counter per series_key() (the formatted number with the
// serial left out), so two numbers of one series differ in their serials and thus in their text
// as long as the serial fits its width. A serial wider than N is printed in full, never truncated;
// the repository's unique constraint on the index number stays the last guard.
//
// Errors: parse() returns InvalidArgument with a field error on "index_number_pattern".
// Immutable value type; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gk::documents {

inline constexpr std::string_view kDefaultIndexNumberPattern = "{dept}/{year}-{serial:5}";
inline constexpr std::string_view kIndexNumberPatternField = "index_number_pattern";
inline constexpr int kMaxIndexSerialWidth = 10;

struct IndexNumberInputs {
  std::string dept_code;  // 部门编码
  int year = 0;           // 0..9999
  int64_t serial = 0;     // >= 0; the repository's counter for series_key()
  std::string category;   // 主题分类编码; may be empty if the pattern has no {category}
};

class IndexNumberPattern {
 public:
  [[nodiscard]] static Result<IndexNumberPattern> parse(std::string_view pattern);

  // The index number for these inputs, e.g. "001008/2024-00042".
  std::string format(const IndexNumberInputs& in) const;

  // format() without the serial, e.g. "001008/2024-": the name of the counter the serial comes from.
  std::string series_key(const IndexNumberInputs& in) const;

  // The pattern text as given to parse().
  const std::string& pattern() const { return pattern_; }
  int serial_width() const { return serial_width_; }
  bool uses_category() const;

 private:
  enum class Kind { kLiteral, kDept, kYear, kSerial, kCategory };
  struct Segment {
    Kind kind;
    std::string literal;  // for kLiteral
  };

  IndexNumberPattern() = default;
  std::string render(const IndexNumberInputs& in, bool with_serial) const;

  std::string pattern_;
  std::vector<Segment> segments_;
  int serial_width_ = 0;
};

}  // namespace gk::documents
