// TextAnalyzer: turns text into index terms the same way on both sides of the index — normalise
// (text::Normalizer), segment (text::Segmenter), drop punctuation and whitespace tokens — plus the
// small UTF-8 and 文号 helpers the search module shares.
//
// Words are views into the normalised text the caller keeps alive, with their byte offsets there;
// the indexer uses the offsets as term positions, so phrase windows are measured in bytes of
// normalised text on both sides.
//
// Immutable after construction; safe to share between threads (a replaced segmenter makes a new
// analyzer).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalizer.h"
#include "text/segmenter.h"

namespace gk::search {

struct Word {
  std::string_view text;  // normalised word (a view into the analysed text)
  uint32_t offset = 0;    // byte offset in the normalised text
};

inline constexpr size_t kLongSubWordMin = 4;

class TextAnalyzer {
 public:
  TextAnalyzer(std::shared_ptr<const text::Segmenter> segmenter,
               std::shared_ptr<const text::Normalizer> normalizer);

  // Normalised text (same number of code points as `text`; invalid bytes become U+FFFD).
  std::string normalize(std::string_view text) const;

  // The words of already normalised text: kSearch mode adds the 2- and 3-character sub-words of
  // longer words (for indexing); kDefault gives each word once (for queries). Punctuation,
  // whitespace and over-long tokens are dropped. `out` is cleared first.
  void words(std::string_view normalized, text::SegmentMode mode, std::vector<Word>& out) const;
  std::vector<Word> words(std::string_view normalized, text::SegmentMode mode) const;

  // The indexing analysis: search mode plus, inside every word of more than kLongSubWordMin
  // characters, the dictionary words of kLongSubWordMin or more characters it contains — so a query
  // for 中华人民共和国 finds text segmented as 中华人民共和国政府 (search mode alone adds only 2-
  // and 3-character sub-words).
  void index_words(std::string_view normalized, std::vector<Word>& out) const;

  const text::Segmenter& segmenter() const { return *segmenter_; }
  const std::shared_ptr<const text::Segmenter>& segmenter_ptr() const { return segmenter_; }
  const std::shared_ptr<const text::Normalizer>& normalizer() const { return normalizer_; }

 private:
  std::shared_ptr<const text::Segmenter> segmenter_;
  std::shared_ptr<const text::Normalizer> normalizer_;
};

// ---- UTF-8 helpers (never split a sequence) --------------------------------------------------

// `s` with every invalid byte replaced by U+FFFD (one replacement per byte, like the Normalizer).
std::string sanitize_utf8(std::string_view s);
// Number of code points of valid UTF-8.
size_t count_code_points(std::string_view s);
// The longest prefix of valid UTF-8 `s` holding at most `max_chars` code points.
std::string_view prefix_chars(std::string_view s, size_t max_chars);
// Byte length of the UTF-8 sequence starting with lead byte `c` (1 for a stray byte).
int utf8_sequence_length(unsigned char c);

// ---- 文号 ------------------------------------------------------------------------------------

// The matching key of a normalised 文号 (or prefix of one): whitespace and zero-width characters
// removed, every bracket variant (〔〕［］[]（）()【】〖〗﹝﹞〘〙) mapped to 〔 and 〕, so
// 东政办发[2021]12号, 东政办发（2021）12号 and 东政办发 〔2021〕 12号 share one key.
std::string doc_number_key(std::string_view normalized);

}  // namespace gk::search
