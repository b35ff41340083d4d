// Normalizer: the one text normalisation applied before indexing and before querying, so that a
// query matches however either side was typed.
//
//   * full-width ASCII (ＡＢＣ１２３，) → half-width; the ideographic space U+3000 → space;
//   * traditional → simplified Chinese (OpenCC t2s, character level so offsets stay aligned);
//   * case folding (ASCII and Latin-1 letters to lower case);
//   * punctuation unified: Chinese and Western punctuation, brackets of 文号 (〔〕【】[]()（）) and
//     quotes are kept as characters but is_punctuation() tells the indexer to drop them as terms.
//
// normalize() maps character for character: the output has the same number of code points as the
// input, so a token's position in the normalised text is its position in the original (snippets
// are cut from the original text). Invalid UTF-8 bytes become U+FFFD.
// Immutable after construction; safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gk::text {

class Normalizer {
 public:
  // Loads OpenCC's t2s table. Unavailable when OpenCC's data files are missing.
  [[nodiscard]] static Result<std::shared_ptr<const Normalizer>> create();

  std::string normalize(std::string_view utf8) const;

  // True for a token made only of punctuation, symbols or whitespace (not a search term).
  static bool is_punctuation(std::string_view token);

  ~Normalizer();
  struct Impl;

 private:
  explicit Normalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gk::text
