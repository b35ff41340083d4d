#include "storage/sql/result_set.h"

#include <charconv>
#include <stdexcept>

namespace gk::sql {
namespace {

const std::string kEmpty;

[[noreturn]] void throw_not_text(size_t i) {
  throw std::logic_error("sql::Row::get_text: column " + std::to_string(i) + " holds a number, not text");
}

}  // namespace

const Value& Row::cell(size_t i) const {
  if (i >= cells_.size()) {
    throw std::out_of_range("sql::Row: column " + std::to_string(i) + " of " + std::to_string(cells_.size()));
  }
  return cells_[i];
}

bool Row::is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(cell(i)); }

int64_t Row::get_int(size_t i) const {
  const Value& v = cell(i);
  if (auto* p = std::get_if<int64_t>(&v)) return *p;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    // Text holding a number (e.g. an untyped PostgreSQL expression); anything else reads 0.
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::get_double(size_t i) const {
  const Value& v = cell(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto* s = std::get_if<std::string>(&v)) {
    double out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0.0;
}

const std::string& Row::get_text(size_t i) const {
  const Value& v = cell(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (std::holds_alternative<std::nullptr_t>(v)) return kEmpty;
  throw_not_text(i);
}

std::optional<int64_t> Row::get_opt_int(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return get_int(i);
}

std::optional<std::string> Row::get_opt_text(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return get_text(i);
}

}  // namespace gk::sql
