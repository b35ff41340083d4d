// Segmenter: Chinese word segmentation compatible with jieba 0.42 (python3-jieba).
//
// Default mode is jieba's `cut(text, HMM=True)`: the text is split into runs of CJK characters
// (jieba's re_han_default: CJK, ASCII letters/digits and +#&._%-) and everything else; each run is
// segmented by building the DAG of dictionary words over it (prefix dictionary), choosing the
// maximum-probability route (log(freq) - log(total)), and — with HMM on — passing consecutive
// single characters that are not dictionary words to the BMES Viterbi model (finalseg) so unknown
// words are found. Search mode is jieba's `cut_for_search`: each default-mode word of more than
// two characters is preceded by its 2- and 3-character dictionary sub-words, for indexing.
//
// Data: jieba's dict.txt and finalseg tables, compiled at build time into a compact double-array
// trie embedded in the binary (src/text/dict_compiler.cc), plus the government user dictionary
// data/dict/*.txt (jieba user-dict format: `word [freq] [pos]`) and words staff add at run time,
// which live in a small overlay on top of the shared base trie.
//
// Compatibility: with no user words, cut() and search mode give exactly python3-jieba 0.42.1's
// tokens (checked on 60 MB of laws by src/text/tools/jieba_agreement.py); with user words, exactly
// what jieba gives after the same add_word calls.
//
// A Segmenter is immutable after construction and safe to use from any number of threads; each
// thread keeps its own scratch space for the longest run of Chinese it has segmented (released
// after runs of more than a million characters).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gk::text {

enum class SegmentMode { kDefault, kSearch };

// One word of the output: a view into the segmented text and its byte offset there.
struct Token {
  std::string_view word;
  uint32_t offset = 0;
};

// A user-dictionary entry. freq 0 means "pick the frequency jieba's add_word would suggest so the
// word is kept whole" (jieba suggest_freq semantics). A negative freq removes the word (jieba's
// del_word: frequency 0, and the HMM may not join its characters either); read_user_dict yields
// it for an explicit frequency of 0. Entries apply in order, each seeing the ones before it, and
// every entry adds its frequency to the dictionary total, exactly as jieba's add_word does.
struct UserWord {
  std::string word;
  int64_t freq = 0;
};

class Segmenter {
 public:
  // The embedded jieba dictionary and HMM tables plus `user_words` (later entries win).
  // InvalidArgument for an empty word, or one with whitespace or invalid UTF-8 in it.
  // Internal when the embedded dictionary is damaged (a build error).
  [[nodiscard]] static Result<std::shared_ptr<const Segmenter>> create(
      const std::vector<UserWord>& user_words = {});
  // Reads jieba user-dict files (`word [freq] [pos]` per line, '#' comments, blank lines ignored).
  // InvalidArgument names the file and line of a malformed entry (invalid UTF-8, whitespace inside
  // the word — e.g. an upper-case part of speech —, an absurd frequency); NotFound when the file
  // cannot be read.
  [[nodiscard]] static Result<std::vector<UserWord>> read_user_dict(const std::string& path);

  // A new segmenter sharing this one's base dictionary with `extra` words added on top (after this
  // one's user words). Entries create() would reject are skipped.
  [[nodiscard]] std::shared_ptr<const Segmenter> with_words(const std::vector<UserWord>& extra) const;

  // Segments `text` (UTF-8; invalid bytes are passed through as single-byte tokens; at most 4 GiB
  // because offsets are 32-bit). Every byte of the input belongs to exactly one token in default
  // mode, in order (whitespace included, as jieba does); search mode adds the sub-words before
  // their word. The first overload appends to `out` and allocates nothing else once the calling
  // thread's scratch space has grown to the longest run of Chinese seen.
  void cut(std::string_view text, SegmentMode mode, bool hmm, std::vector<Token>& out) const;
  std::vector<Token> cut(std::string_view text, SegmentMode mode = SegmentMode::kDefault,
                         bool hmm = true) const;

  // True when `word` is in the dictionary (base or user) with a non-zero frequency.
  bool contains(std::string_view word) const;

  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  struct Impl;

 private:
  explicit Segmenter(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace gk::text
