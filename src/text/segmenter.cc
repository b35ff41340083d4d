// Segmenter: jieba 0.42.1's cut / cut_for_search over the embedded dictionary (dict_format.h).
//
// How the Python maps onto this file:
//   Tokenizer.cut            -> Impl::cut: re_han_default blocks; the rest one character per token
//                               except "\r\n" (re_skip_default).
//   get_DAG + calc           -> Impl::route: one backward pass that walks the trie forward from each
//                               position (the DAG is never materialised) and keeps the best
//                               (log P, end) with Python's tuple order (ties go to the larger end).
//   __cut_DAG                -> Impl::cut_block_hmm (single-character buffer, FREQ check, finalseg)
//   __cut_DAG_NO_HMM         -> Impl::cut_block_no_hmm (runs of single ASCII letters/digits joined)
//   finalseg.cut / viterbi   -> Impl::finalseg / Impl::viterbi
//   cut_for_search           -> Emitter in search mode (2-/3-grams with non-zero FREQ first)
//   add_word / suggest_freq  -> Impl::add_word / Impl::suggest_freq (overlay of FREQ entries)
// Floating-point sums are done in the same order as the Python so that ties and near-ties resolve
// identically (no -ffast-math here, ever).
//
// Per call, text is decoded once per block into thread-local scratch arrays that are reused, so
// segmentation allocates only when a block is longer than any before on that thread.
#include "text/segmenter.h"

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_set>

#include "text/chars.h"
#include "text/dict_format.h"

extern "C" {
extern const unsigned char gk_jieba_dict_begin[];
extern const unsigned char gk_jieba_dict_end[];
}

namespace gk::text {
namespace {

namespace ch = chars;

// The embedded dictionary, read in place.
struct BaseDict {
  const dict::Header* header = nullptr;
  const uint16_t* cp_code = nullptr;
  const int32_t* base = nullptr;
  const int32_t* check = nullptr;
  const uint16_t* value = nullptr;
  const int64_t* freq = nullptr;
  const double* log_freq = nullptr;
  const uint16_t* emit_index = nullptr;
  const double* emit = nullptr;

  uint16_t code(uint32_t cp) const { return cp < 0x10000 ? cp_code[cp] : 0; }
  // Child of node s by label c (c != 0), or -1.
  int32_t child(int32_t s, uint16_t c) const {
    int32_t t = base[s] + c;
    return check[t] == s ? t : -1;
  }
};

Result<const BaseDict*> embedded_dict() {
  static const Result<BaseDict> dict = []() -> Result<BaseDict> {
    const unsigned char* begin = gk_jieba_dict_begin;
    auto size = static_cast<size_t>(gk_jieba_dict_end - gk_jieba_dict_begin);
    if (size < sizeof(dict::Header)) return fail(Error::internal("embedded jieba dictionary is truncated"));
    BaseDict d;
    d.header = reinterpret_cast<const dict::Header*>(begin);
    const dict::Header& h = *d.header;
    if (std::memcmp(h.magic, dict::kMagic, sizeof h.magic) != 0 || h.version != dict::kVersion ||
        h.size > size) {
      return fail(Error::internal("embedded jieba dictionary has a wrong format"));
    }
    d.cp_code = reinterpret_cast<const uint16_t*>(begin + h.off_cp_code);
    d.base = reinterpret_cast<const int32_t*>(begin + h.off_base);
    d.check = reinterpret_cast<const int32_t*>(begin + h.off_check);
    d.value = reinterpret_cast<const uint16_t*>(begin + h.off_value);
    d.freq = reinterpret_cast<const int64_t*>(begin + h.off_freq);
    d.log_freq = reinterpret_cast<const double*>(begin + h.off_log_freq);
    d.emit_index = reinterpret_cast<const uint16_t*>(begin + h.off_emit_index);
    d.emit = reinterpret_cast<const double*>(begin + h.off_emit);
    return d;
  }();
  if (!dict) return fail(dict.error());
  return &*dict;
}

// The FREQ entries that add_word made, as a trie over code points (user words can hold
// characters the base trie has no label for). A node is an entry when add_word set it: a user
// word (its frequency; 0 once deleted) or one of its prefixes that was in no dictionary (0).
// Children are found through one open-addressing table keyed by (node, code point), so a walk
// step costs one integer hash, and nodes are plain indices (copying the trie copies vectors).
class OverlayTrie {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Node {
    int64_t freq = 0;
    double logp = 0;  // log(freq) - log(total) when freq > 0
    bool entry = false;
  };

  OverlayTrie() : nodes_(1), slots_(16, Slot{0, kNone}) {}

  bool empty() const { return nodes_.size() == 1; }
  Node& node(uint32_t n) { return nodes_[n]; }
  const Node& node(uint32_t n) const { return nodes_[n]; }
  std::vector<Node>& nodes() { return nodes_; }

  uint32_t child(uint32_t n, uint32_t cp) const {
    uint64_t key = (uint64_t{n} << 32) | cp;
    size_t mask = slots_.size() - 1;
    for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i].value == kNone) return kNone;
      if (slots_[i].key == key) return slots_[i].value;
    }
  }

  uint32_t add_child(uint32_t n, uint32_t cp) {
    if (uint32_t c = child(n, cp); c != kNone) return c;
    if (2 * (used_ + 1) > slots_.size()) rehash(2 * slots_.size());
    auto c = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    insert(Slot{(uint64_t{n} << 32) | cp, c});
    ++used_;
    return c;
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t value;
  };
  static size_t hash(uint64_t k) { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 20); }
  void insert(Slot s) {
    size_t mask = slots_.size() - 1;
    size_t i = hash(s.key) & mask;
    while (slots_[i].value != kNone) i = (i + 1) & mask;
    slots_[i] = s;
  }
  void rehash(size_t size) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{0, kNone});
    for (const Slot& s : old) {
      if (s.value != kNone) insert(s);
    }
  }

  std::vector<Node> nodes_;
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Per-thread working memory for one block (a run of re_han_default characters).
struct Scratch {
  std::vector<uint32_t> cp;      // code points
  std::vector<uint16_t> code;    // trie labels, 0 when the character is in no dictionary word
  std::vector<uint32_t> off;     // byte offset of each character in the text, plus the end
  std::vector<double> route_p;   // calc's route[i][0]
  std::vector<int32_t> route_x;  // calc's route[i][1]
  std::vector<uint8_t> back;     // Viterbi back-pointers, 4 per character
  std::vector<uint8_t> state;    // Viterbi best path

  void resize(size_t n) {
    if (cp.size() < n) {
      cp.resize(n);
      code.resize(n);
      off.resize(n + 1);
      route_p.resize(n + 1);
      route_x.resize(n + 1);
    }
  }
  // A huge line must not pin its memory to the thread for ever.
  void trim() {
    constexpr size_t kKeep = size_t{1} << 20;
    if (cp.size() > kKeep) *this = Scratch{};
  }
};

thread_local Scratch tls_scratch;

}  // namespace

struct Segmenter::Impl {
  const BaseDict* dict = nullptr;
  int64_t total = 0;
  double log_total = 0;
  std::vector<double> base_logp;  // [value] = log(freq) - log(total); [0] unused
  // FREQ entries added by add_word; they take precedence over the base trie.
  OverlayTrie overlay;
  std::vector<uint64_t> overlay_first;  // bit per BMP code point that starts an overlay word
  bool overlay_first_astral = false;
  StringSet force_split;  // finalseg.Force_Split_Words
  bool dirty = true;

  explicit Impl(const BaseDict* d) : dict(d), total(d->header->total), overlay_first(1024, 0) { refresh(); }

  void refresh() {
    if (!dirty) return;
    log_total = std::log(static_cast<double>(total));
    base_logp.assign(dict->header->n_freqs + 1, 0.0);
    for (uint32_t i = 0; i < dict->header->n_freqs; ++i) base_logp[i + 1] = dict->log_freq[i] - log_total;
    for (auto& n : overlay.nodes())
      n.logp = n.freq > 0 ? std::log(static_cast<double>(n.freq)) - log_total : 0.0;
    dirty = false;
  }

  bool overlay_starts_with(uint32_t cp) const {
    if (cp >= 0x10000) return overlay_first_astral && cp != ch::kInvalid;
    return (overlay_first[cp >> 6] >> (cp & 63)) & 1;
  }

  // FREQ.get(word): nullopt when absent, 0 for a bare prefix.
  std::optional<int64_t> lookup(std::string_view word) const {
    auto p = reinterpret_cast<const unsigned char*>(word.data());
    auto end = p + word.size();
    if (p == end) return std::nullopt;
    uint32_t ov = overlay.empty() ? OverlayTrie::kNone : 0;
    int32_t s = 0;
    while (p < end) {
      uint32_t cp;
      p += ch::decode(p, end, cp);
      if (ov != OverlayTrie::kNone) ov = overlay.child(ov, cp);
      if (s >= 0) {
        uint16_t c = dict->code(cp);
        s = c == 0 ? -1 : dict->child(s, c);
      }
      if (s < 0 && ov == OverlayTrie::kNone) return std::nullopt;
    }
    if (ov != OverlayTrie::kNone && overlay.node(ov).entry) return overlay.node(ov).freq;
    if (s < 0) return std::nullopt;
    uint16_t v = dict->value[s];
    return v ? dict->freq[v - 1] : 0;
  }

  // FREQ.get of block characters [a, b), -1 when absent.
  int64_t freq_range(const Scratch& sc, size_t a, size_t b) const {
    if (!overlay.empty() && overlay_starts_with(sc.cp[a])) {
      uint32_t ov = 0;
      for (size_t i = a; i < b && ov != OverlayTrie::kNone; ++i) ov = overlay.child(ov, sc.cp[i]);
      if (ov != OverlayTrie::kNone && overlay.node(ov).entry) return overlay.node(ov).freq;
    }
    int32_t s = 0;
    for (size_t i = a; i < b; ++i) {
      uint16_t c = sc.code[i];
      if (c == 0) return -1;
      s = dict->child(s, c);
      if (s < 0) return -1;
    }
    uint16_t v = dict->value[s];
    return v ? dict->freq[v - 1] : 0;
  }

  // calc(): route over the block's n characters, with the DAG walked on the fly.
  template <bool kOverlay>
  void route(Scratch& sc, size_t n) const {
    const int32_t* base = dict->base;
    const int32_t* check = dict->check;
    const uint16_t* value = dict->value;
    const double* logp = base_logp.data();
    double* rp = sc.route_p.data();
    int32_t* rx = sc.route_x.data();
    const uint16_t* code = sc.code.data();
    rp[n] = 0;
    rx[n] = 0;
    for (size_t k = n; k-- > 0;) {
      double best = 0;
      int32_t best_x = -1;
      uint32_t ov = kOverlay && overlay_starts_with(sc.cp[k]) ? 0 : OverlayTrie::kNone;
      int32_t s = 0;
      bool alive = true;
      for (size_t i = k; i < n; ++i) {
        if (alive) {
          uint16_t c = code[i];
          int32_t t = base[s] + c;
          if (c == 0 || check[t] != s) {
            alive = false;
          } else {
            s = t;
          }
        }
        if constexpr (kOverlay) {
          if (ov != OverlayTrie::kNone) {
            ov = overlay.child(ov, sc.cp[i]);
            if (ov != OverlayTrie::kNone && overlay.node(ov).entry) {
              const OverlayTrie::Node& e = overlay.node(ov);
              if (e.freq > 0) {
                double p = e.logp + rp[i + 1];
                if (best_x < 0 || p >= best) {
                  best = p;
                  best_x = static_cast<int32_t>(i);
                }
              }
              continue;  // an overlay entry is in FREQ whatever the base says
            }
          }
        }
        if (!alive) break;
        if (uint16_t v = value[s]) {
          double p = logp[v] + rp[i + 1];
          if (best_x < 0 || p >= best) {
            best = p;
            best_x = static_cast<int32_t>(i);
          }
        }
      }
      if (best_x < 0) {
        // DAG[k] = [k] for a character that is no word: FREQ.get(...) or 1, log(1) = 0.
        best = (0.0 - log_total) + rp[k + 1];
        best_x = static_cast<int32_t>(k);
      }
      rp[k] = best;
      rx[k] = best_x;
    }
  }

  // Receives block-relative character ranges and turns them into tokens.
  struct Emitter {
    const Impl& impl;
    const char* text;
    const Scratch& sc;
    bool search;
    std::vector<Token>& out;

    void token(size_t a, size_t b) {
      if (search) grams(a, b);
      out.push_back(Token{std::string_view(text + sc.off[a], sc.off[b] - sc.off[a]), sc.off[a]});
    }
    void grams(size_t a, size_t b) {
      size_t len = b - a;
      if (len > 2) {
        for (size_t i = a; i + 2 <= b; ++i) {
          if (impl.freq_range(sc, i, i + 2) > 0) {
            out.push_back(Token{std::string_view(text + sc.off[i], sc.off[i + 2] - sc.off[i]), sc.off[i]});
          }
        }
      }
      if (len > 3) {
        for (size_t i = a; i + 3 <= b; ++i) {
          if (impl.freq_range(sc, i, i + 3) > 0) {
            out.push_back(Token{std::string_view(text + sc.off[i], sc.off[i + 3] - sc.off[i]), sc.off[i]});
          }
        }
      }
    }
  };

  // finalseg.__cut: BMES Viterbi over characters [a, b), all in [\u4E00-\u9FD5].
  void viterbi(Scratch& sc, size_t a, size_t b, Emitter& em) const {
    using namespace dict;
    const Header& h = *dict->header;
    size_t n = b - a;
    if (sc.back.size() < 4 * n) sc.back.resize(4 * n);
    if (sc.state.size() < n) sc.state.resize(n);
    auto emit_row = [&](uint32_t cp) { return dict->emit + 4 * size_t{dict->emit_index[cp - kEmitFirst]}; };
    double v[4];
    const double* e0 = emit_row(sc.cp[a]);
    for (int y = 0; y < 4; ++y) v[y] = h.start[y] + e0[y];
    // PrevStatus, and Python's order of the state letters for tie-breaks (B < E < M < S).
    static constexpr int kPrev[4][2] = {{kE, kS}, {kM, kB}, {kB, kM}, {kS, kE}};  // for B, M, E, S
    static constexpr int kRank[4] = {0, 2, 1, 3};
    for (size_t t = 1; t < n; ++t) {
      const double* e = emit_row(sc.cp[a + t]);
      double nv[4];
      for (int y = 0; y < 4; ++y) {
        int y0 = kPrev[y][0], y1 = kPrev[y][1];
        double p0 = v[y0] + h.trans[y0][y] + e[y];
        double p1 = v[y1] + h.trans[y1][y] + e[y];
        bool take1 = p1 > p0 || (p1 == p0 && kRank[y1] > kRank[y0]);
        nv[y] = take1 ? p1 : p0;
        sc.back[4 * t + y] = static_cast<uint8_t>(take1 ? y1 : y0);
      }
      std::memcpy(v, nv, sizeof v);
    }
    int last = v[kS] >= v[kE] ? kS : kE;  // max((V[E], 'E'), (V[S], 'S'))
    for (size_t t = n; t-- > 0;) {
      sc.state[t] = static_cast<uint8_t>(last);
      if (t > 0) last = sc.back[4 * t + last];
    }
    size_t begin = 0, next = 0;
    for (size_t i = 0; i < n; ++i) {
      switch (sc.state[i]) {
        case kB:
          begin = i;
          break;
        case kE:
          hmm_word(a + begin, a + i + 1, em);
          next = i + 1;
          break;
        case kS:
          hmm_word(a + i, a + i + 1, em);
          next = i + 1;
          break;
        default:
          break;
      }
    }
    if (next < n) hmm_word(a + next, b, em);
  }

  void hmm_word(size_t a, size_t b, Emitter& em) const {
    if (!force_split.empty() && b - a > 1) {
      std::string_view w(em.text + em.sc.off[a], em.sc.off[b] - em.sc.off[a]);
      if (force_split.contains(w)) {
        for (size_t i = a; i < b; ++i) em.token(i, i + 1);
        return;
      }
    }
    em.token(a, b);
  }

  // finalseg.cut over characters [a, b) of a block.
  void finalseg(Scratch& sc, size_t a, size_t b, Emitter& em) const {
    size_t i = a;
    while (i < b) {
      size_t j = i;
      if (ch::is_finalseg_han(sc.cp[i])) {
        while (j < b && ch::is_finalseg_han(sc.cp[j])) ++j;
        viterbi(sc, i, j, em);
      } else {
        while (j < b && !ch::is_finalseg_han(sc.cp[j])) ++j;
        skip_split(sc, i, j, em);
      }
      i = j;
    }
  }

  // re_skip.split with ([a-zA-Z0-9]+(?:\.\d+)?%?), keeping the non-empty pieces.
  static void skip_split(const Scratch& sc, size_t a, size_t b, Emitter& em) {
    size_t p = a;
    while (p < b) {
      size_t m = p;
      while (m < b && !ch::is_ascii_alnum(sc.cp[m])) ++m;
      if (m > p) em.token(p, m);
      if (m == b) break;
      size_t q = m;
      while (q < b && ch::is_ascii_alnum(sc.cp[q])) ++q;
      if (q + 1 < b && sc.cp[q] == '.' && ch::is_ascii_digit(sc.cp[q + 1])) {
        q += 1;
        while (q < b && ch::is_ascii_digit(sc.cp[q])) ++q;
      }
      if (q < b && sc.cp[q] == '%') ++q;
      em.token(m, q);
      p = q;
    }
  }

  void flush_buf(Scratch& sc, size_t a, size_t b, Emitter& em) const {
    if (b - a == 1) {
      em.token(a, b);
    } else if (freq_range(sc, a, b) <= 0) {
      finalseg(sc, a, b, em);
    } else {
      for (size_t i = a; i < b; ++i) em.token(i, i + 1);
    }
  }

  // __cut_DAG
  void cut_block_hmm(Scratch& sc, size_t n, Emitter& em) const {
    const int32_t* rx = sc.route_x.data();
    size_t x = 0;
    size_t buf = SIZE_MAX;
    while (x < n) {
      size_t y = static_cast<size_t>(rx[x]) + 1;
      if (y - x == 1) {
        if (buf == SIZE_MAX) buf = x;
      } else {
        if (buf != SIZE_MAX) {
          flush_buf(sc, buf, x, em);
          buf = SIZE_MAX;
        }
        em.token(x, y);
      }
      x = y;
    }
    if (buf != SIZE_MAX) flush_buf(sc, buf, n, em);
  }

  // __cut_DAG_NO_HMM
  void cut_block_no_hmm(Scratch& sc, size_t n, Emitter& em) const {
    const int32_t* rx = sc.route_x.data();
    size_t x = 0;
    size_t buf = SIZE_MAX;
    while (x < n) {
      size_t y = static_cast<size_t>(rx[x]) + 1;
      if (y - x == 1 && ch::is_ascii_alnum(sc.cp[x])) {
        if (buf == SIZE_MAX) buf = x;
      } else {
        if (buf != SIZE_MAX) {
          em.token(buf, x);
          buf = SIZE_MAX;
        }
        em.token(x, y);
      }
      x = y;
    }
    if (buf != SIZE_MAX) em.token(buf, n);
  }

  void cut(std::string_view text, SegmentMode mode, bool hmm, std::vector<Token>& out) const {
    Scratch& sc = tls_scratch;
    const auto* data = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = data + text.size();
    Emitter em{*this, text.data(), sc, mode == SegmentMode::kSearch, out};
    const auto* p = data;
    while (p < end) {
      uint32_t cp;
      size_t len = ch::decode(p, end, cp);
      if (!ch::is_han_default(cp)) {
        // Outside re_han_default: one token per character, except "\r\n".
        if (cp == '\r' && p + 1 < end && p[1] == '\n') len = 2;
        out.push_back(
            Token{std::string_view(reinterpret_cast<const char*>(p), len), static_cast<uint32_t>(p - data)});
        p += len;
        continue;
      }
      // A block: decode it once into the scratch arrays.
      size_t n = 0;
      for (;;) {
        if (n == sc.cp.size()) sc.resize(n < 256 ? 256 : 2 * n);
        sc.cp[n] = cp;
        sc.code[n] = dict->code(cp);
        sc.off[n] = static_cast<uint32_t>(p - data);
        ++n;
        p += len;
        if (p == end) break;
        len = ch::decode(p, end, cp);
        if (!ch::is_han_default(cp)) break;
      }
      sc.off[n] = static_cast<uint32_t>(p - data);
      if (overlay.empty()) {
        route<false>(sc, n);
      } else {
        route<true>(sc, n);
      }
      if (hmm) {
        cut_block_hmm(sc, n, em);
      } else {
        cut_block_no_hmm(sc, n, em);
      }
    }
    sc.trim();
  }

  // suggest_freq(word, tune=False) for a word to be kept whole.
  int64_t suggest_freq(const std::string& word) {
    refresh();
    double ftotal = static_cast<double>(total);
    double freq = 1;
    std::vector<Token> segs;
    cut(word, SegmentMode::kDefault, false, segs);
    for (const Token& seg : segs) {
      int64_t f = lookup(seg.word).value_or(1);
      freq *= static_cast<double>(f) / ftotal;
    }
    auto suggested = static_cast<int64_t>(freq * static_cast<double>(total)) + 1;
    return std::max(suggested, lookup(word).value_or(1));
  }

  // add_word(word, freq): freq > 0 as given, 0 = suggest_freq, < 0 = del_word.
  void add_word(const std::string& word, int64_t requested) {
    int64_t freq = requested > 0 ? requested : requested == 0 ? suggest_freq(word) : 0;
    total += freq;
    // The word's prefixes that are not in FREQ become entries of frequency 0.
    auto p = reinterpret_cast<const unsigned char*>(word.data());
    auto end = p + word.size();
    uint32_t node = 0;
    int32_t s = 0;  // the same prefix in the base trie, -1 once it left it
    uint32_t first = OverlayTrie::kNone;
    while (p < end) {
      uint32_t cp;
      p += ch::decode(p, end, cp);
      if (first == OverlayTrie::kNone) first = cp;
      node = overlay.add_child(node, cp);
      if (s >= 0) {
        uint16_t c = dict->code(cp);
        s = c == 0 ? -1 : dict->child(s, c);
      }
      if (p < end && s < 0) overlay.node(node).entry = true;
    }
    overlay.node(node).entry = true;
    overlay.node(node).freq = freq;
    if (first >= 0x10000) {
      overlay_first_astral = true;
    } else {
      overlay_first[first >> 6] |= uint64_t{1} << (first & 63);
    }
    if (freq == 0) force_split.insert(word);
    dirty = true;
  }
};

namespace {

bool usable_word(const std::string& w) {
  if (w.empty()) return false;
  auto p = reinterpret_cast<const unsigned char*>(w.data());
  auto end = p + w.size();
  while (p < end) {
    uint32_t cp;
    p += ch::decode(p, end, cp);
    if (cp == ch::kInvalid || ch::is_space(cp)) return false;
  }
  return true;
}

}  // namespace

Segmenter::Segmenter(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Segmenter::~Segmenter() = default;

Result<std::shared_ptr<const Segmenter>> Segmenter::create(const std::vector<UserWord>& user_words) {
  GK_TRY_ASSIGN(dict, embedded_dict());
  auto impl = std::make_shared<Impl>(dict);
  for (const UserWord& w : user_words) {
    if (!usable_word(w.word)) {
      return fail(Error::invalid_field("word", "用户词典词条无效（空、含空白或非 UTF-8）: " + w.word));
    }
    impl->add_word(w.word, w.freq);
  }
  impl->refresh();
  return std::shared_ptr<const Segmenter>(new Segmenter(std::move(impl)));
}

std::shared_ptr<const Segmenter> Segmenter::with_words(const std::vector<UserWord>& extra) const {
  auto impl = std::make_shared<Impl>(*impl_);
  for (const UserWord& w : extra) {
    if (usable_word(w.word)) impl->add_word(w.word, w.freq);
  }
  impl->refresh();
  return std::shared_ptr<const Segmenter>(new Segmenter(std::move(impl)));
}

void Segmenter::cut(std::string_view text, SegmentMode mode, bool hmm, std::vector<Token>& out) const {
  impl_->cut(text, mode, hmm, out);
}

std::vector<Token> Segmenter::cut(std::string_view text, SegmentMode mode, bool hmm) const {
  std::vector<Token> out;
  out.reserve(text.size() / 4 + 1);
  impl_->cut(text, mode, hmm, out);
  return out;
}

bool Segmenter::contains(std::string_view word) const { return impl_->lookup(word).value_or(0) > 0; }

}  // namespace gk::text
