#include "documents/text_diff.h"

#include <algorithm>
#include <unordered_map>

namespace gk::documents {
namespace {

// ---- Tokens -------------------------------------------------------------------------------------

// Length of the well-formed UTF-8 sequence at p (1..4), or 0 when the bytes there are not one.
size_t utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (static_cast<size_t>(end - p) < len) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// A text cut into code points: keys compare, offsets (one more than keys) cut the original bytes.
// An invalid byte becomes its own unit with a key above U+10FFFF, so it equals only itself.
struct Units {
  std::vector<uint32_t> keys;
  std::vector<uint32_t> offsets;
  std::string_view text;

  std::string_view slice(size_t from, size_t count) const {
    return text.substr(offsets[from], offsets[from + count] - offsets[from]);
  }
};

Units decode(std::string_view s) {
  Units u;
  u.text = s;
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = begin + s.size();
  for (const unsigned char* p = begin; p < end;) {
    u.offsets.push_back(static_cast<uint32_t>(p - begin));
    const size_t len = utf8_sequence_length(p, end);
    if (len == 0) {
      u.keys.push_back(0x110000u + *p);
      ++p;
      continue;
    }
    uint32_t key = 0;
    for (size_t i = 0; i < len; ++i) key = (key << 8) | p[i];  // injective per length; fine as a key
    u.keys.push_back(len == 1 ? key : 0x200000u + key);
    p += len;
  }
  u.offsets.push_back(static_cast<uint32_t>(s.size()));
  return u;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    std::string_view line = s.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = nl + 1;
  }
  return out;
}

// ---- Myers, linear space -------------------------------------------------------------------------

// One element op per token: kEqual consumes one of each side, kRemoved one of a, kAdded one of b.
// Follows the bisection of E. Myers, "An O(ND) Difference Algorithm and Its Variations" (1986),
// §4b, in the shape diff-match-patch uses (both paths walked alternately, split where they meet).
class Differ {
 public:
  explicit Differ(int64_t& budget) : budget_(budget) {}

  std::vector<DiffOp> run(std::span<const uint32_t> a, std::span<const uint32_t> b) {
    out_.clear();
    out_.reserve(a.size() + b.size());
    diff(a, b);
    return std::move(out_);
  }
  bool truncated() const { return truncated_; }

 private:
  void emit(DiffOp op, size_t n) { out_.insert(out_.end(), n, op); }

  void diff(std::span<const uint32_t> a, std::span<const uint32_t> b) {
    size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    emit(DiffOp::kEqual, prefix);
    a = a.subspan(prefix);
    b = b.subspan(prefix);
    size_t suffix = 0;
    while (suffix < a.size() && suffix < b.size() && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
      ++suffix;
    a = a.first(a.size() - suffix);
    b = b.first(b.size() - suffix);
    if (a.empty()) {
      emit(DiffOp::kAdded, b.size());
    } else if (b.empty()) {
      emit(DiffOp::kRemoved, a.size());
    } else {
      bisect(a, b);
    }
    emit(DiffOp::kEqual, suffix);
  }

  void give_up(size_t n, size_t m) {
    emit(DiffOp::kRemoved, n);
    emit(DiffOp::kAdded, m);
  }

  void split(std::span<const uint32_t> a, std::span<const uint32_t> b, int64_t x, int64_t y) {
    const auto n = static_cast<int64_t>(a.size()), m = static_cast<int64_t>(b.size());
    if ((x == 0 && y == 0) || (x == n && y == m)) {  // cannot happen after trimming; never loop
      give_up(a.size(), b.size());
      return;
    }
    diff(a.first(static_cast<size_t>(x)), b.first(static_cast<size_t>(y)));
    diff(a.subspan(static_cast<size_t>(x)), b.subspan(static_cast<size_t>(y)));
  }

  // a and b are non-empty and differ in their first and last tokens.
  void bisect(std::span<const uint32_t> a, std::span<const uint32_t> b) {
    const auto n = static_cast<int64_t>(a.size()), m = static_cast<int64_t>(b.size());
    if (budget_ <= 0) {
      truncated_ = true;
      give_up(a.size(), b.size());
      return;
    }
    const int64_t max_d = (n + m + 1) / 2;
    const int64_t v_offset = max_d;
    const int64_t v_length = 2 * max_d + 2;
    std::vector<int64_t> v1(static_cast<size_t>(v_length), -1), v2(static_cast<size_t>(v_length), -1);
    v1[v_offset + 1] = 0;
    v2[v_offset + 1] = 0;
    const int64_t delta = n - m;
    const bool front = delta % 2 != 0;  // odd delta: the forward path detects the overlap
    int64_t k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    for (int64_t d = 0; d < max_d; ++d) {
      if (budget_ <= 0) {
        truncated_ = true;
        break;
      }
      for (int64_t k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const int64_t k1_offset = v_offset + k1;
        int64_t x1 = (k1 == -d || (k1 != d && v1[k1_offset - 1] < v1[k1_offset + 1])) ? v1[k1_offset + 1]
                                                                                      : v1[k1_offset - 1] + 1;
        int64_t y1 = x1 - k1;
        const int64_t x_before = x1;
        while (x1 < n && y1 < m && a[x1] == b[y1]) {
          ++x1;
          ++y1;
        }
        budget_ -= 1 + (x1 - x_before);
        v1[k1_offset] = x1;
        if (x1 > n) {
          k1end += 2;  // ran off the right of the grid
        } else if (y1 > m) {
          k1start += 2;  // ran off the bottom
        } else if (front) {
          const int64_t k2_offset = v_offset + delta - k1;
          if (k2_offset >= 0 && k2_offset < v_length && v2[k2_offset] != -1 && x1 >= n - v2[k2_offset]) {
            split(a, b, x1, y1);
            return;
          }
        }
      }
      for (int64_t k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const int64_t k2_offset = v_offset + k2;
        int64_t x2 = (k2 == -d || (k2 != d && v2[k2_offset - 1] < v2[k2_offset + 1])) ? v2[k2_offset + 1]
                                                                                      : v2[k2_offset - 1] + 1;
        int64_t y2 = x2 - k2;
        const int64_t x_before = x2;
        while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1]) {
          ++x2;
          ++y2;
        }
        budget_ -= 1 + (x2 - x_before);
        v2[k2_offset] = x2;
        if (x2 > n) {
          k2end += 2;
        } else if (y2 > m) {
          k2start += 2;
        } else if (!front) {
          const int64_t k1_offset = v_offset + delta - k2;
          if (k1_offset >= 0 && k1_offset < v_length && v1[k1_offset] != -1) {
            const int64_t x1 = v1[k1_offset];
            const int64_t y1 = v_offset + x1 - k1_offset;
            if (x1 >= n - x2) {
              split(a, b, x1, y1);
              return;
            }
          }
        }
      }
    }
    give_up(a.size(), b.size());  // nothing in common, or out of budget
  }

  int64_t& budget_;
  bool truncated_ = false;
  std::vector<DiffOp> out_;
};

// ---- Character diff with semantic cleanup --------------------------------------------------------

struct Group {  // a run of equal tokens, or one change: a_len removed then b_len added
  bool equal;
  size_t a_len;
  size_t b_len;
};

std::vector<Group> group_ops(const std::vector<DiffOp>& ops) {
  std::vector<Group> groups;
  for (DiffOp op : ops) {
    const bool eq = op == DiffOp::kEqual;
    if (groups.empty() || groups.back().equal != eq) groups.push_back({eq, 0, 0});
    Group& g = groups.back();
    if (op != DiffOp::kAdded) ++g.a_len;
    if (op != DiffOp::kRemoved) ++g.b_len;
  }
  return groups;
}

// Folds an equality into the edits around it when it is no longer than the larger side of the edit
// on each side (the rule of diff-match-patch's semantic cleanup). One pass with a stack: a merge
// may enable another to its left, which the loop re-checks at once.
std::vector<Group> cleanup_semantic(const std::vector<Group>& groups) {
  std::vector<Group> st;
  st.reserve(groups.size());
  for (const Group& g : groups) {
    st.push_back(g);
    while (st.size() >= 3) {
      const Group& r = st[st.size() - 1];
      const Group& e = st[st.size() - 2];
      const Group& l = st[st.size() - 3];
      if (r.equal || !e.equal || l.equal) break;
      if (e.a_len > std::max(l.a_len, l.b_len) || e.a_len > std::max(r.a_len, r.b_len)) break;
      const Group merged{false, l.a_len + e.a_len + r.a_len, l.b_len + e.b_len + r.b_len};
      st.resize(st.size() - 3);
      st.push_back(merged);
    }
  }
  return st;
}

struct CharDiff {
  std::vector<DiffSegment> segments;
  double similarity = 1.0;  // 2 * common / (|a| + |b|) after cleanup
};

CharDiff char_diff(std::string_view a, std::string_view b, int64_t& budget, bool& truncated) {
  const Units ua = decode(a), ub = decode(b);
  Differ differ(budget);
  const std::vector<Group> groups = cleanup_semantic(group_ops(differ.run(ua.keys, ub.keys)));
  truncated = truncated || differ.truncated();
  CharDiff out;
  size_t pa = 0, pb = 0, common = 0;
  for (const Group& g : groups) {
    if (g.equal) {
      out.segments.push_back({DiffOp::kEqual, std::string(ua.slice(pa, g.a_len))});
      common += g.a_len;
    } else {
      if (g.a_len > 0) out.segments.push_back({DiffOp::kRemoved, std::string(ua.slice(pa, g.a_len))});
      if (g.b_len > 0) out.segments.push_back({DiffOp::kAdded, std::string(ub.slice(pb, g.b_len))});
    }
    pa += g.a_len;
    pb += g.b_len;
  }
  const size_t total = ua.keys.size() + ub.keys.size();
  out.similarity = total == 0 ? 1.0 : 2.0 * static_cast<double>(common) / static_cast<double>(total);
  return out;
}

// ---- Lines --------------------------------------------------------------------------------------

struct LineDiff {
  std::vector<std::string_view> a, b;
  std::vector<DiffOp> ops;
  bool truncated = false;
};

LineDiff line_diff(std::string_view a, std::string_view b, int64_t& budget) {
  LineDiff d;
  d.a = split_lines(a);
  d.b = split_lines(b);
  std::unordered_map<std::string_view, uint32_t> ids;
  auto intern = [&ids](const std::vector<std::string_view>& lines) {
    std::vector<uint32_t> keys;
    keys.reserve(lines.size());
    for (std::string_view l : lines)
      keys.push_back(ids.try_emplace(l, static_cast<uint32_t>(ids.size())).first->second);
    return keys;
  };
  const std::vector<uint32_t> ka = intern(d.a), kb = intern(d.b);
  Differ differ(budget);
  d.ops = differ.run(ka, kb);
  d.truncated = differ.truncated();
  return d;
}

// ---- HTML ---------------------------------------------------------------------------------------

void append_escaped(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    switch (*p) {
      case '&':
        out += "&amp;";
        ++p;
        continue;
      case '<':
        out += "&lt;";
        ++p;
        continue;
      case '>':
        out += "&gt;";
        ++p;
        continue;
      case '"':
        out += "&quot;";
        ++p;
        continue;
      case '\'':
        out += "&#39;";
        ++p;
        continue;
      default:
        break;
    }
    const size_t len = utf8_sequence_length(p, end);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++p;
    } else {
      out.append(reinterpret_cast<const char*>(p), len);
      p += len;
    }
  }
}

void open_line(std::string& out, std::string_view kind, int old_line, int new_line) {
  out += "<div class=\"gk-diff-line gk-diff-";
  out += kind;
  out += '"';
  if (old_line > 0) out += " data-old-line=\"" + std::to_string(old_line) + "\"";
  if (new_line > 0) out += " data-new-line=\"" + std::to_string(new_line) + "\"";
  out += '>';
}

}  // namespace

std::string_view diff_op_name(DiffOp op) {
  switch (op) {
    case DiffOp::kEqual:
      return "equal";
    case DiffOp::kAdded:
      return "added";
    case DiffOp::kRemoved:
      return "removed";
  }
  return "equal";
}

std::vector<DiffLine> diff_lines(std::string_view a, std::string_view b) {
  int64_t budget = kDiffWorkBudget;
  const LineDiff d = line_diff(a, b, budget);
  std::vector<DiffLine> out;
  out.reserve(d.ops.size());
  size_t ia = 0, ib = 0;
  for (DiffOp op : d.ops) {
    switch (op) {
      case DiffOp::kEqual:
        out.push_back({op, std::string(d.a[ia]), static_cast<int>(ia + 1), static_cast<int>(ib + 1)});
        ++ia;
        ++ib;
        break;
      case DiffOp::kRemoved:
        out.push_back({op, std::string(d.a[ia]), static_cast<int>(ia + 1), 0});
        ++ia;
        break;
      case DiffOp::kAdded:
        out.push_back({op, std::string(d.b[ib]), 0, static_cast<int>(ib + 1)});
        ++ib;
        break;
    }
  }
  return out;
}

std::vector<DiffSegment> diff_chars(std::string_view a, std::string_view b) {
  int64_t budget = kDiffWorkBudget;
  bool truncated = false;
  return char_diff(a, b, budget, truncated).segments;
}

DiffResult diff_rows(std::string_view a, std::string_view b) {
  DiffResult result;
  int64_t budget = kDiffWorkBudget;
  const LineDiff d = line_diff(a, b, budget);
  result.truncated = d.truncated;
  result.char_level =
      count_code_points(a) <= kCharDiffMaxCodePoints && count_code_points(b) <= kCharDiffMaxCodePoints;

  auto removed_row = [&](size_t i) {
    return DiffRow{
        DiffRow::Kind::kRemoved, static_cast<int>(i + 1), 0, {{DiffOp::kRemoved, std::string(d.a[i])}}, {}};
  };
  auto added_row = [&](size_t j) {
    return DiffRow{
        DiffRow::Kind::kAdded, 0, static_cast<int>(j + 1), {}, {{DiffOp::kAdded, std::string(d.b[j])}}};
  };

  size_t ia = 0, ib = 0, k = 0;
  while (k < d.ops.size()) {
    if (d.ops[k] == DiffOp::kEqual) {
      const std::string text(d.a[ia]);
      result.rows.push_back({DiffRow::Kind::kEqual,
                             static_cast<int>(ia + 1),
                             static_cast<int>(ib + 1),
                             {{DiffOp::kEqual, text}},
                             {{DiffOp::kEqual, text}}});
      ++ia;
      ++ib;
      ++k;
      continue;
    }
    // One change: every removed and added line up to the next equal line.
    const size_t a0 = ia, b0 = ib;
    for (; k < d.ops.size() && d.ops[k] != DiffOp::kEqual; ++k) {
      if (d.ops[k] == DiffOp::kRemoved) {
        ++ia;
      } else {
        ++ib;
      }
    }
    const size_t removed = ia - a0, added = ib - b0;
    const size_t pairs = result.char_level ? std::min(removed, added) : 0;
    for (size_t p = 0; p < pairs; ++p) {
      CharDiff cd = char_diff(d.a[a0 + p], d.b[b0 + p], budget, result.truncated);
      if (cd.similarity < kChangedLineMinSimilarity) {
        result.rows.push_back(removed_row(a0 + p));
        result.rows.push_back(added_row(b0 + p));
        continue;
      }
      DiffRow row{
          DiffRow::Kind::kChanged, static_cast<int>(a0 + p + 1), static_cast<int>(b0 + p + 1), {}, {}};
      for (DiffSegment& s : cd.segments) {
        if (s.op == DiffOp::kEqual) {
          row.old_segments.push_back(s);
          row.new_segments.push_back(std::move(s));
        } else if (s.op == DiffOp::kRemoved) {
          row.old_segments.push_back(std::move(s));
        } else {
          row.new_segments.push_back(std::move(s));
        }
      }
      result.rows.push_back(std::move(row));
    }
    for (size_t i = a0 + pairs; i < ia; ++i) result.rows.push_back(removed_row(i));
    for (size_t j = b0 + pairs; j < ib; ++j) result.rows.push_back(added_row(j));
  }
  return result;
}

std::string render_segments_html(std::span<const DiffSegment> segments) {
  std::string out;
  for (const DiffSegment& s : segments) {
    switch (s.op) {
      case DiffOp::kEqual:
        append_escaped(out, s.text);
        break;
      case DiffOp::kRemoved:
        out += "<del>";
        append_escaped(out, s.text);
        out += "</del>";
        break;
      case DiffOp::kAdded:
        out += "<ins>";
        append_escaped(out, s.text);
        out += "</ins>";
        break;
    }
  }
  return out;
}

std::string diff_html(std::string_view a, std::string_view b, const DiffHtmlOptions& options) {
  const DiffResult r = diff_rows(a, b);
  const size_t n = r.rows.size();

  // Which rows to show: all, or the changes and `context_lines` equal rows around each.
  std::vector<bool> show(n, options.context_lines < 0);
  if (options.context_lines >= 0) {
    const auto ctx = static_cast<size_t>(options.context_lines);
    for (size_t i = 0; i < n; ++i) {
      if (r.rows[i].kind == DiffRow::Kind::kEqual) continue;
      const size_t from = i >= ctx ? i - ctx : 0;
      const size_t to = std::min(n, i + ctx + 1);
      for (size_t j = from; j < to; ++j) show[j] = true;
    }
  }

  std::string out = "<div class=\"gk-diff\">\n";
  size_t hidden = 0;
  auto flush_hidden = [&] {
    if (hidden == 0) return;
    out += "<div class=\"gk-diff-skip\">（省略未改动的 " + std::to_string(hidden) + " 行）</div>\n";
    hidden = 0;
  };
  for (size_t i = 0; i < n; ++i) {
    const DiffRow& row = r.rows[i];
    if (!show[i]) {
      ++hidden;
      continue;
    }
    flush_hidden();
    switch (row.kind) {
      case DiffRow::Kind::kEqual:
        open_line(out, "equal", row.old_line, row.new_line);
        out += render_segments_html(row.old_segments);
        break;
      case DiffRow::Kind::kRemoved:
        open_line(out, "removed", row.old_line, 0);
        out += render_segments_html(row.old_segments);
        break;
      case DiffRow::Kind::kAdded:
        open_line(out, "added", 0, row.new_line);
        out += render_segments_html(row.new_segments);
        break;
      case DiffRow::Kind::kChanged:
        open_line(out, "changed-old", row.old_line, 0);
        out += render_segments_html(row.old_segments);
        out += "</div>\n";
        open_line(out, "changed-new", 0, row.new_line);
        out += render_segments_html(row.new_segments);
        break;
    }
    out += "</div>\n";
  }
  flush_hidden();
  out += "</div>\n";
  return out;
}

}  // namespace gk::documents
