// DictBlob: the binary layout of the compiled jieba dictionary shared by the build-time compiler
// (dict_compiler.cc) and the segmenter, which reads it in place from the executable's .rodata.
//
// Layout (native endianness, every array 8-byte aligned, offsets from the blob start):
//   DictHeader
//   uint16_t cp_code[65536]       BMP code point -> trie label (1..alphabet), 0 = in no word
//   int32_t  base[n_nodes]        double-array trie: child of s by label c is t = base[s] + c
//   int32_t  check[n_nodes]       when check[t] == s; -1 marks a free slot. Node 0 is the root.
//   uint16_t value[n_nodes]       0 = a prefix only, else 1 + index into freq/log_freq
//   int64_t  freq[n_freqs]        the distinct word frequencies of dict.txt, ascending
//   double   log_freq[n_freqs]    log(freq), computed with the C library as Python's math.log does
//   uint16_t emit_index[kEmitSpan] finalseg emission row of U+4E00 + i (row 0: unknown to every state)
//   double   emit[n_emit_rows][4] log P(char | state), states in kState order; kMinFloat when absent
// The arrays base/check/value are padded by `alphabet` free slots so that a transition from any
// node never needs a bounds check. All words of dict.txt use BMP code points only; the compiler
// refuses other input.
#pragma once

#include <cstdint>

namespace gk::text::dict {

inline constexpr char kMagic[8] = {'G', 'K', 'J', 'I', 'E', 'B', 'A', '1'};
inline constexpr uint32_t kVersion = 1;

// jieba's finalseg MIN_FLOAT (-3.14e100): the log-probability of an impossible event.
inline constexpr double kMinFloat = -3.14e100;

// BMES states in the order of finalseg's `states` string 'BMES'.
enum State : int { kB = 0, kM = 1, kE = 2, kS = 3 };

// finalseg only ever sees characters of its re_han, [\u4E00-\u9FD5].
inline constexpr uint32_t kEmitFirst = 0x4E00;
inline constexpr uint32_t kEmitLast = 0x9FD5;
inline constexpr uint32_t kEmitSpan = kEmitLast - kEmitFirst + 1;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t n_nodes;  // including padding
  uint32_t n_freqs;
  uint32_t n_emit_rows;
  uint32_t n_words;
  uint32_t alphabet;   // largest label
  int64_t total;       // sum of all dict.txt frequencies (jieba's `total`)
  double start[4];     // finalseg prob_start
  double trans[4][4];  // finalseg prob_trans[from][to], kMinFloat when absent
  uint64_t off_cp_code;
  uint64_t off_base;
  uint64_t off_check;
  uint64_t off_value;
  uint64_t off_freq;
  uint64_t off_log_freq;
  uint64_t off_emit_index;
  uint64_t off_emit;
  uint64_t size;  // whole blob in bytes
};

}  // namespace gk::text::dict
