// Readable differences between two versions of a document's text: a line diff, refined inside each
// changed pair of lines by a character diff over UTF-8 code points (Chinese has no spaces between
// words, so a word diff would mark whole sentences), rendered as escaped HTML with <ins>/<del>.
//
// Algorithm: Myers' O(ND) difference algorithm in its linear-space (middle snake) form, after
// stripping the common prefix and suffix, over interned lines and then over code points. Character
// results get a semantic cleanup (a short equality between two edits that are at least as long is
// folded into them: "十五"→"二十" reads as one replacement, not 二 / 十 / 五 fragments).
//
// Bounds, so any two versions can be diffed inside a request:
//   * work: at most kDiffWorkBudget steps of the algorithm per call; a region not resolved within it
//     is shown as all removed, then all added (still a correct diff, not a minimal one;
//     DiffResult::truncated says so);
//   * size: when either text exceeds kCharDiffMaxCodePoints code points, only lines are compared
//     (changed lines show as removed + added; DiffResult::char_level is false).
// Lines are split on '\n' (a trailing '\r' is dropped, a final newline does not start a line).
// Invalid UTF-8 bytes compare as themselves and render as U+FFFD.
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gk::documents {

enum class DiffOp { kEqual, kAdded, kRemoved };
std::string_view diff_op_name(DiffOp op);  // "equal", "added", "removed"

inline constexpr size_t kCharDiffMaxCodePoints = 200'000;
inline constexpr int64_t kDiffWorkBudget = 20'000'000;
// A removed and an added line are shown as one changed line only when at least this share of their
// code points survives the cleanup as common text; otherwise character marks would be noise.
inline constexpr double kChangedLineMinSimilarity = 0.5;

struct DiffLine {
  DiffOp op = DiffOp::kEqual;
  std::string text;
  int old_line = 0;  // 1-based line in the old text; 0 for an added line
  int new_line = 0;  // 1-based line in the new text; 0 for a removed line
};

// Line-level diff: equal, removed and added lines in reading order (within a change, removed lines
// come before added ones).
std::vector<DiffLine> diff_lines(std::string_view a, std::string_view b);

struct DiffSegment {
  DiffOp op = DiffOp::kEqual;
  std::string text;
  friend bool operator==(const DiffSegment&, const DiffSegment&) = default;
};

// Character-level diff of two short texts (e.g. one article) over code points, cleaned up for
// reading; adjacent segments never share an op except a removed run followed by an added run.
std::vector<DiffSegment> diff_chars(std::string_view a, std::string_view b);

// One row of a side-by-side view; a unified view prints old then new for kChanged rows.
struct DiffRow {
  enum class Kind { kEqual, kAdded, kRemoved, kChanged };
  Kind kind = Kind::kEqual;
  int old_line = 0;                       // 0 when the row has no old side
  int new_line = 0;                       // 0 when the row has no new side
  std::vector<DiffSegment> old_segments;  // kEqual and kRemoved segments (empty for kAdded)
  std::vector<DiffSegment> new_segments;  // kEqual and kAdded segments (empty for kRemoved)
};

struct DiffResult {
  std::vector<DiffRow> rows;
  bool char_level = true;  // false when the size bound turned character refinement off
  bool truncated = false;  // the work budget ran out somewhere: correct but not minimal
};

// Line diff with changed lines paired (the i-th removed with the i-th added line of a change) and
// refined by diff_chars() when similar enough (kChangedLineMinSimilarity).
DiffResult diff_rows(std::string_view a, std::string_view b);

// Escaped HTML of one side's segments: equal text plain, removed in <del>, added in <ins>.
std::string render_segments_html(std::span<const DiffSegment> segments);

struct DiffHtmlOptions {
  // Unchanged lines kept around each change; runs of more are collapsed into one "省略" line.
  // Negative: show every line.
  int context_lines = -1;
};

// Unified view as HTML: <div class="gk-diff"> holding one <div class="gk-diff-line gk-diff-KIND">
// per line, KIND one of equal, removed, added, changed-old, changed-new, with data-old-line /
// data-new-line attributes for line numbers, and <div class="gk-diff-skip"> for collapsed runs.
// All text is escaped; the output is valid UTF-8.
std::string diff_html(std::string_view a, std::string_view b, const DiffHtmlOptions& options = {});

}  // namespace gk::documents
