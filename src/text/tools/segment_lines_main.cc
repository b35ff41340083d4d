// gk_segment_lines [--search] [--no-hmm] [--user-dict FILE]: run_segment_lines on stdin/stdout with
// the base jieba dictionary (plus FILE when given). A development tool for the jieba agreement
// check (jieba_agreement.py) and benchmarks; the product command is `gongkai text segment`.
#include <cstdio>
#include <cstring>
#include <iostream>

#include "text/segment_command.h"
#include "text/segmenter.h"

int main(int argc, char** argv) {
  using namespace gk::text;
  SegmentMode mode = SegmentMode::kDefault;
  bool hmm = true;
  std::vector<UserWord> words;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--search") == 0) {
      mode = SegmentMode::kSearch;
    } else if (std::strcmp(argv[i], "--no-hmm") == 0) {
      hmm = false;
    } else if (std::strcmp(argv[i], "--user-dict") == 0 && i + 1 < argc) {
      auto w = Segmenter::read_user_dict(argv[++i]);
      if (!w) {
        std::fprintf(stderr, "%s\n", w.error().to_string().c_str());
        return 2;
      }
      words = std::move(*w);
    } else {
      std::fprintf(stderr, "usage: gk_segment_lines [--search] [--no-hmm] [--user-dict FILE] < in > out\n");
      return 2;
    }
  }
  auto seg = Segmenter::create(words);
  if (!seg) {
    std::fprintf(stderr, "%s\n", seg.error().to_string().c_str());
    return 2;
  }
  std::ios::sync_with_stdio(false);
  return run_segment_lines(std::cin, std::cout, **seg, mode, hmm);
}
