// gk_dict_compiler: build-time host tool that compiles jieba 0.42's dictionary (dict.txt) and its
// finalseg HMM tables (prob_start.py, prob_trans.py, prob_emit.py) into the blob described in
// dict_format.h, which the build embeds into the binary (jieba_dict.S).
//
//   gk_dict_compiler <jieba dir> <output blob>
//
// It reads the Python table modules directly (a tiny parser for their dict literals) so the build
// needs no Python. Probabilities are parsed with strtod, which rounds exactly as Python does.
// Exit status 0 on success; otherwise a message on stderr and status 1.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/dict_format.h"

namespace {

using gk::text::dict::Header;
using gk::text::dict::kEmitFirst;
using gk::text::dict::kEmitSpan;
using gk::text::dict::kMinFloat;

[[noreturn]] void die(const std::string& message) { throw std::runtime_error(message); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Decodes well-formed UTF-8; dies on anything else (dict.txt is well-formed).
std::vector<uint32_t> decode(std::string_view s, const std::string& where) {
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    int n;
    if (b < 0x80) {
      cp = b;
      n = 1;
    } else if ((b & 0xE0) == 0xC0) {
      cp = b & 0x1F;
      n = 2;
    } else if ((b & 0xF0) == 0xE0) {
      cp = b & 0x0F;
      n = 3;
    } else if ((b & 0xF8) == 0xF0) {
      cp = b & 0x07;
      n = 4;
    } else
      die("invalid UTF-8 in " + where);
    if (i + n > s.size()) die("truncated UTF-8 in " + where);
    for (int k = 1; k < n; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) die("invalid UTF-8 in " + where);
      cp = (cp << 6) | (c & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

// --- Python dict literal parser (the subset the finalseg modules use) -------------------------

struct PyValue {
  bool is_dict = false;
  double number = 0;
  std::map<uint32_t, PyValue> dict;  // keys are one code point each ('B', '\u4e00', ...)
};

class PyParser {
 public:
  PyParser(std::string text, std::string name) : text_(std::move(text)), s_(text_), name_(std::move(name)) {}

  PyValue parse_assignment() {
    size_t p = s_.find("P=");
    if (p == std::string_view::npos) p = s_.find("P =");
    if (p == std::string_view::npos) die(name_ + ": no `P=` assignment");
    i_ = s_.find('=', p) + 1;
    return value();
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  char peek() {
    ws();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  void expect(char c) {
    if (peek() != c) die(name_ + ": expected '" + std::string(1, c) + "' at byte " + std::to_string(i_));
    ++i_;
  }
  uint32_t key() {
    char q = peek();
    if (q != '\'' && q != '"') die(name_ + ": expected a string key at byte " + std::to_string(i_));
    ++i_;
    std::string raw;
    while (i_ < s_.size() && s_[i_] != q) {
      if (s_[i_] == '\\') {
        char e = s_[i_ + 1];
        if (e == 'u' || e == 'U') {
          int len = e == 'u' ? 4 : 8;
          uint32_t cp = static_cast<uint32_t>(std::stoul(std::string(s_.substr(i_ + 2, len)), nullptr, 16));
          i_ += 2 + len;
          append_utf8(raw, cp);
          continue;
        }
        raw.push_back(e);
        i_ += 2;
        continue;
      }
      raw.push_back(s_[i_++]);
    }
    ++i_;
    auto cps = decode(raw, name_);
    if (cps.size() != 1) die(name_ + ": key of " + std::to_string(cps.size()) + " characters");
    return cps[0];
  }
  PyValue value() {
    PyValue v;
    if (peek() == '{') {
      v.is_dict = true;
      ++i_;
      while (peek() != '}') {
        uint32_t k = key();
        expect(':');
        v.dict[k] = value();
        if (peek() == ',') ++i_;
      }
      ++i_;
      return v;
    }
    ws();
    const char* begin = s_.data() + i_;
    char* end = nullptr;
    errno = 0;
    v.number = std::strtod(begin, &end);
    if (end == begin || errno == ERANGE) die(name_ + ": bad number at byte " + std::to_string(i_));
    i_ += static_cast<size_t>(end - begin);
    return v;
  }
  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80)
      out.push_back(static_cast<char>(cp));
    else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  std::string text_;
  std::string_view s_;
  std::string name_;
  size_t i_ = 0;
};

int state_index(uint32_t letter, const std::string& where) {
  switch (letter) {
    case 'B':
      return gk::text::dict::kB;
    case 'M':
      return gk::text::dict::kM;
    case 'E':
      return gk::text::dict::kE;
    case 'S':
      return gk::text::dict::kS;
  }
  die(where + ": unknown state");
}

// --- Double-array construction ------------------------------------------------------------------

struct Word {
  std::vector<uint16_t> labels;
  uint16_t value = 0;  // 1 + frequency index
};

// Builds the double array in two steps: a plain trie, then one offset (base) per internal node
// such that the slots base + label of all nodes' children are disjoint. A node's own slot is
// base[parent] + its label, so placement order is free: nodes with the most children go first and
// the many one-child nodes fill the holes they leave (first fit, with a union-find "next free
// slot" so that each search skips used slots in near-constant time). This packs the 498k nodes
// of jieba's prefix dictionary at over 99 %.
class DoubleArrayBuilder {
 public:
  // `words` sorted by labels, unique.
  void build(const std::vector<Word>& words, uint32_t alphabet) {
    struct Node {
      std::vector<std::pair<uint16_t, uint32_t>> kids;  // ascending labels
      uint16_t value = 0;
    };
    std::vector<Node> nodes(1);
    for (const Word& w : words) {
      uint32_t s = 0;
      for (uint16_t c : w.labels) {
        auto& kids = nodes[s].kids;
        if (kids.empty() || kids.back().first != c) {
          if (!kids.empty() && kids.back().first > c) die("internal: words not sorted");
          kids.emplace_back(c, static_cast<uint32_t>(nodes.size()));
          nodes.emplace_back();
        }
        s = nodes[s].kids.back().second;
      }
      nodes[s].value = w.value;
    }

    std::vector<uint32_t> order;
    for (uint32_t i = 0; i < nodes.size(); ++i) {
      if (!nodes[i].kids.empty()) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      auto& ka = nodes[a].kids;
      auto& kb = nodes[b].kids;
      if (ka.size() != kb.size()) return ka.size() > kb.size();
      return ka.back().first - ka.front().first > kb.back().first - kb.front().first;
    });

    size_t cap = nodes.size() * 2 + alphabet + 2;
    next_.resize(cap + 1);
    for (size_t i = 0; i <= cap; ++i) next_[i] = static_cast<uint32_t>(i);
    occupy(0);  // the root
    std::vector<int32_t> node_base(nodes.size(), 0);
    for (uint32_t s : order) {
      auto& kids = nodes[s].kids;
      uint16_t first = kids.front().first;
      for (size_t f = find(first);; f = find(f + 1)) {
        if (f + alphabet + 1 >= cap) die("internal: double array capacity exceeded");
        size_t b = f - first;
        bool ok = true;
        for (size_t k = 1; k < kids.size() && ok; ++k) ok = find(b + kids[k].first) == b + kids[k].first;
        if (!ok) continue;
        node_base[s] = static_cast<int32_t>(b);
        for (auto& [c, child] : kids) occupy(b + c);
        break;
      }
    }

    // Slots: the root is 0, a child is base[parent] + label.
    std::vector<uint32_t> slot(nodes.size(), 0);
    base_.assign(used_end_ + alphabet + 1, 0);
    check_.assign(used_end_ + alphabet + 1, -1);
    value_.assign(used_end_ + alphabet + 1, 0);
    check_[0] = -3;                                // the root is nobody's child
    for (uint32_t s = 0; s < nodes.size(); ++s) {  // parents are created before their children
      uint32_t at = slot[s];
      base_[at] = node_base[s];
      value_[at] = nodes[s].value;
      for (auto& [c, child] : nodes[s].kids) {
        slot[child] = static_cast<uint32_t>(node_base[s] + c);
        check_[slot[child]] = static_cast<int32_t>(at);
      }
    }
    n_nodes_ = nodes.size();
  }

  std::vector<int32_t> base_, check_;
  std::vector<uint16_t> value_;
  size_t used_end_ = 0;  // one past the highest used slot
  size_t n_nodes_ = 0;

 private:
  // Smallest free slot >= i.
  size_t find(size_t i) {
    size_t r = i;
    while (next_[r] != r) r = next_[r];
    while (next_[i] != r) {
      size_t n = next_[i];
      next_[i] = static_cast<uint32_t>(r);
      i = n;
    }
    return r;
  }
  void occupy(size_t i) {
    next_[i] = static_cast<uint32_t>(i + 1);
    used_end_ = std::max(used_end_, i + 1);
  }

  std::vector<uint32_t> next_;
};

template <class T>
void put(std::string& blob, uint64_t& offset, const std::vector<T>& v) {
  while (blob.size() % 8 != 0) blob.push_back('\0');
  offset = blob.size();
  blob.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

int run(const std::string& dir, const std::string& out_path) {
  // dict.txt, as jieba's gen_pfdict reads it: `word freq [pos]`; a repeated word keeps its last
  // frequency while `total` counts every line.
  std::string text = read_file(dir + "/dict.txt");
  std::unordered_map<std::string, int64_t> freq_of;
  std::vector<std::string> order;
  int64_t total = 0;
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty()) die("dict.txt:" + std::to_string(line_no) + ": empty line");
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) die("dict.txt:" + std::to_string(line_no) + ": no frequency");
    std::string word(line.substr(0, sp));
    std::string_view rest = line.substr(sp + 1);
    std::string freq_text(rest.substr(0, rest.find(' ')));
    char* end = nullptr;
    long long f = std::strtoll(freq_text.c_str(), &end, 10);
    if (freq_text.empty() || *end != '\0' || f < 0)
      die("dict.txt:" + std::to_string(line_no) + ": bad frequency");
    if (!freq_of.contains(word)) order.push_back(word);
    freq_of[word] = f;
    total += f;
  }

  // Distinct frequencies, ascending; values refer to them by 1 + index.
  std::vector<int64_t> freqs;
  for (auto& [w, f] : freq_of) freqs.push_back(f);
  std::sort(freqs.begin(), freqs.end());
  freqs.erase(std::unique(freqs.begin(), freqs.end()), freqs.end());
  if (freqs.size() >= 0xFFFF) die("too many distinct frequencies for a 16-bit value");

  // Labels: code points ordered by how often they appear as trie edges, so that the busiest
  // characters get small labels and pack densely.
  std::vector<std::vector<uint32_t>> cps(order.size());
  std::unordered_map<uint32_t, uint64_t> edge_count;
  {
    std::vector<std::string> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < order.size(); ++i) cps[i] = decode(order[i], "dict.txt");
    // Count distinct prefixes ending in each character = edges labelled with it.
    std::unordered_map<std::string, bool> prefixes;
    for (auto& w : order) {
      auto c = decode(w, "dict.txt");
      std::string p;
      size_t byte = 0;
      for (uint32_t cp : c) {
        size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        byte += n;
        if (prefixes.emplace(w.substr(0, byte), true).second) ++edge_count[cp];
      }
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>> by_count;
  for (auto& [cp, n] : edge_count) {
    if (cp > 0xFFFF) die("dict.txt has a character outside the BMP");
    by_count.emplace_back(n, cp);
  }
  std::sort(by_count.begin(), by_count.end(),
            [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  if (by_count.size() >= 0xFFFF) die("alphabet too large");
  std::vector<uint16_t> cp_code(65536, 0);
  for (size_t i = 0; i < by_count.size(); ++i) cp_code[by_count[i].second] = static_cast<uint16_t>(i + 1);
  auto alphabet = static_cast<uint32_t>(by_count.size());

  std::vector<Word> words(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    for (uint32_t cp : cps[i]) words[i].labels.push_back(cp_code[cp]);
    auto it = std::lower_bound(freqs.begin(), freqs.end(), freq_of[order[i]]);
    words[i].value = static_cast<uint16_t>(1 + (it - freqs.begin()));
  }
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.labels < b.labels; });

  DoubleArrayBuilder da;
  da.build(words, alphabet);
  size_t n_nodes = da.base_.size();

  std::vector<double> log_freq;
  for (int64_t f : freqs) log_freq.push_back(std::log(static_cast<double>(f)));

  // finalseg tables.
  Header h{};
  std::memcpy(h.magic, gk::text::dict::kMagic, sizeof h.magic);
  h.version = gk::text::dict::kVersion;
  {
    PyParser p(read_file(dir + "/finalseg/prob_start.py"), "prob_start.py");
    PyValue v = p.parse_assignment();
    for (int s = 0; s < 4; ++s) h.start[s] = kMinFloat;
    for (auto& [k, x] : v.dict) h.start[state_index(k, "prob_start.py")] = x.number;
  }
  {
    PyParser p(read_file(dir + "/finalseg/prob_trans.py"), "prob_trans.py");
    PyValue v = p.parse_assignment();
    for (auto& row : h.trans)
      for (double& x : row) x = kMinFloat;
    for (auto& [from, row] : v.dict) {
      for (auto& [to, x] : row.dict)
        h.trans[state_index(from, "prob_trans.py")][state_index(to, "prob_trans.py")] = x.number;
    }
  }
  std::vector<uint16_t> emit_index(kEmitSpan, 0);
  std::vector<double> emit(4, kMinFloat);  // row 0
  {
    PyParser p(read_file(dir + "/finalseg/prob_emit.py"), "prob_emit.py");
    PyValue v = p.parse_assignment();
    std::map<uint32_t, std::array<double, 4>> rows;
    for (auto& [state, table] : v.dict) {
      int si = state_index(state, "prob_emit.py");
      for (auto& [cp, x] : table.dict) {
        if (cp < kEmitFirst || cp >= kEmitFirst + kEmitSpan) continue;  // finalseg never asks
        auto [it, fresh] =
            rows.try_emplace(cp, std::array<double, 4>{kMinFloat, kMinFloat, kMinFloat, kMinFloat});
        it->second[si] = x.number;
      }
    }
    for (auto& [cp, row] : rows) {
      emit_index[cp - kEmitFirst] = static_cast<uint16_t>(emit.size() / 4);
      emit.insert(emit.end(), row.begin(), row.end());
    }
  }

  h.n_nodes = static_cast<uint32_t>(n_nodes);
  h.n_freqs = static_cast<uint32_t>(freqs.size());
  h.n_emit_rows = static_cast<uint32_t>(emit.size() / 4);
  h.n_words = static_cast<uint32_t>(words.size());
  h.alphabet = alphabet;
  h.total = total;

  std::string blob(sizeof(Header), '\0');
  put(blob, h.off_cp_code, cp_code);
  put(blob, h.off_base, da.base_);
  put(blob, h.off_check, da.check_);
  put(blob, h.off_value, da.value_);
  put(blob, h.off_freq, freqs);
  put(blob, h.off_log_freq, log_freq);
  put(blob, h.off_emit_index, emit_index);
  put(blob, h.off_emit, emit);
  while (blob.size() % 8 != 0) blob.push_back('\0');
  h.size = blob.size();
  std::memcpy(blob.data(), &h, sizeof h);

  std::string tmp = out_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) die("cannot write " + tmp);
    out.write(blob.data(), static_cast<std::streamsize>(blob.size()));
    if (!out) die("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), out_path.c_str()) != 0) die("cannot rename " + tmp);
  std::fprintf(
      stderr,
      "gk_dict_compiler: %zu words, total %lld, %zu trie nodes in %zu slots, %u emission rows, %zu bytes\n",
      words.size(), static_cast<long long>(total), da.n_nodes_, n_nodes, h.n_emit_rows, blob.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gk_dict_compiler <jieba dir> <output blob>\n");
    return 1;
  }
  try {
    return run(argv[1], argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gk_dict_compiler: %s\n", e.what());
    return 1;
  }
}
