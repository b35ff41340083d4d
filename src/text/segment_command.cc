// run_segment_lines: one reusable token vector and output buffer for the whole stream, so a
// 10 MB input costs a handful of writes and no per-line allocation.
#include "text/segment_command.h"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "text/chars.h"

namespace gk::text {
namespace {

bool is_whitespace_token(std::string_view token) {
  auto p = reinterpret_cast<const unsigned char*>(token.data());
  auto end = p + token.size();
  while (p < end) {
    uint32_t cp;
    p += chars::decode(p, end, cp);
    if (!chars::is_space(cp)) return false;
  }
  return true;
}

}  // namespace

int run_segment_lines(std::istream& in, std::ostream& out, const Segmenter& segmenter, SegmentMode mode,
                      bool hmm) {
  constexpr size_t kFlushAt = size_t{1} << 16;
  std::string line;
  std::string buffer;
  buffer.reserve(2 * kFlushAt);
  std::vector<Token> tokens;
  while (std::getline(in, line)) {
    tokens.clear();
    segmenter.cut(line, mode, hmm, tokens);
    bool first = true;
    for (const Token& t : tokens) {
      if (is_whitespace_token(t.word)) continue;
      if (!first) buffer.push_back(' ');
      buffer.append(t.word);
      first = false;
    }
    buffer.push_back('\n');
    if (buffer.size() >= kFlushAt) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
      if (!out) return 1;
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  return out ? 0 : 1;
}

}  // namespace gk::text
