#include "documents/index_number.h"

#include <fmt/format.h>

#include "core/utf8.h"

namespace gk::documents {
namespace {

constexpr size_t kMaxPatternBytes = 200;

Error pattern_error(std::string message) {
  return Error::invalid_field(std::string(kIndexNumberPatternField), std::move(message));
}

}  // namespace

Result<IndexNumberPattern> IndexNumberPattern::parse(std::string_view pattern) {
  if (!is_valid_utf8(pattern)) return fail(pattern_error("索引号规则含有无效的字符编码"));
  if (pattern.size() > kMaxPatternBytes) return fail(pattern_error("索引号规则过长"));

  IndexNumberPattern p;
  p.pattern_ = std::string(pattern);
  bool has_serial = false;
  std::string literal;
  auto flush_literal = [&] {
    if (!literal.empty()) p.segments_.push_back({Kind::kLiteral, std::move(literal)});
    literal.clear();
  };

  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '}') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '}') {
        literal.push_back('}');
        ++i;
        continue;
      }
      return fail(pattern_error("索引号规则中有多余的“}”，字面的大括号请写作“}}”"));
    }
    if (c != '{') {
      literal.push_back(c);
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
      literal.push_back('{');
      ++i;
      continue;
    }
    const size_t close = pattern.find('}', i + 1);
    if (close == std::string_view::npos) return fail(pattern_error("索引号规则中的“{”没有对应的“}”"));
    const std::string_view name = pattern.substr(i + 1, close - i - 1);
    i = close;

    flush_literal();
    if (name == "dept") {
      p.segments_.push_back({Kind::kDept, {}});
    } else if (name == "year") {
      p.segments_.push_back({Kind::kYear, {}});
    } else if (name == "category") {
      p.segments_.push_back({Kind::kCategory, {}});
    } else if (name == "serial" || name.starts_with("serial:")) {
      if (has_serial) return fail(pattern_error("索引号规则只能包含一个 {serial:N}"));
      const std::string_view width = name == "serial" ? std::string_view() : name.substr(7);
      if (width.empty() || width.size() > 2 ||
          width.find_first_not_of("0123456789") != std::string_view::npos) {
        return fail(pattern_error("序号须写明位数，如 {serial:5}（1 至 10 位）"));
      }
      const int w = std::stoi(std::string(width));
      if (w < 1 || w > kMaxIndexSerialWidth) {
        return fail(pattern_error("序号位数须在 1 至 10 之间，如 {serial:5}"));
      }
      p.serial_width_ = w;
      has_serial = true;
      p.segments_.push_back({Kind::kSerial, {}});
    } else {
      return fail(pattern_error("索引号规则中有未知的占位符 {" + std::string(name) +
                                "}，可用的有 {dept}、{year}、{serial:N}、{category}"));
    }
  }
  flush_literal();
  if (!has_serial) return fail(pattern_error("索引号规则必须包含序号 {serial:N}，如 {serial:5}"));
  return p;
}

bool IndexNumberPattern::uses_category() const {
  for (const auto& s : segments_) {
    if (s.kind == Kind::kCategory) return true;
  }
  return false;
}

std::string IndexNumberPattern::render(const IndexNumberInputs& in, bool with_serial) const {
  std::string out;
  for (const auto& s : segments_) {
    switch (s.kind) {
      case Kind::kLiteral:
        out += s.literal;
        break;
      case Kind::kDept:
        out += in.dept_code;
        break;
      case Kind::kYear:
        out += fmt::format("{:04d}", in.year);
        break;
      case Kind::kCategory:
        out += in.category;
        break;
      case Kind::kSerial:
        if (with_serial) out += fmt::format("{:0{}d}", in.serial, serial_width_);
        break;
    }
  }
  return out;
}

std::string IndexNumberPattern::format(const IndexNumberInputs& in) const { return render(in, true); }

std::string IndexNumberPattern::series_key(const IndexNumberInputs& in) const { return render(in, false); }

}  // namespace gk::documents
