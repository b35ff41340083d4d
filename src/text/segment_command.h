// The body of `gongkai text segment`: segments standard input line by line, as jieba's command
// line (`python3 -m jieba -d ' '`) does, for people, benchmarks and the jieba agreement check.
// Stateless; safe to call from several threads on different streams.
#pragma once

#include <iosfwd>

#include "text/segmenter.h"

namespace gk::text {

// Reads `in` line by line ('\n'-terminated; a final line without '\n' counts) and writes one line
// per input line: the line's tokens, except those made only of whitespace, separated by single
// spaces. Output is buffered in large blocks. Returns 0, or 1 when writing to `out` failed.
int run_segment_lines(std::istream& in, std::ostream& out, const Segmenter& segmenter, SegmentMode mode,
                      bool hmm);

}  // namespace gk::text
