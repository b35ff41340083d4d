// UTF-8 validation and small text helpers shared by every layer.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace gk {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Number of code points in valid UTF-8 text.
size_t utf8_length(std::string_view s);

// Removes leading and trailing ASCII whitespace and U+3000 (ideographic space).
std::string trim(std::string_view s);

}  // namespace gk
