// segment_eval: gk::text::Segmenter (src/text/segmenter.h) as bench/text/quality.sh and speed.sh
// drive it.
//
//   segment_eval cut [--mode default|search] [--no-hmm]  < LINES > TOKENS
//       Segments every stdin line (split at '\n' only) and prints its tokens joined by U+001F, one
//       output line per input line, so tokens may contain spaces (jieba keeps whitespace tokens).
//   segment_eval speed LINES [--mode default|search] [--no-hmm] [--rounds N]
//       Times Segmenter::create() (the dictionary load) and one first cut() of a short sentence
//       (the embedded dictionary's pages are faulted in by first use), then reads LINES into memory
//       and times cut() over every line, N passes (default 3), reporting the median pass by thread
//       CPU time (cut_cpu_s; robust on a shared machine) and its wall time (cut_s). Prints key=value
//       lines: bytes, lines, tokens, load_s, first_cut_s, file_load_s (reading LINES and indexing
//       its lines), cut_s, cut_cpu_s, cut_rounds_cpu_s,
//       rss_after_load_kib, peak_rss_kib.
//
// The base dictionary only (create() with no user words), as python3-jieba's default. Exit status
// 2 on a usage error or when the segmenter cannot be created.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/segmenter.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr char kSeparator = '\x1f';

struct Options {
  gk::text::SegmentMode mode = gk::text::SegmentMode::kDefault;
  bool hmm = true;
  int rounds = 3;
};

// VmRSS / VmHWM of this process in KiB (0 when /proc is not there).
long proc_status_kib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(key);
  while (std::getline(in, line)) {
    if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':')
      return std::stol(line.substr(n + 1));
  }
  return 0;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int usage() {
  std::cerr << "usage: segment_eval cut [--mode default|search] [--no-hmm] < LINES\n"
               "       segment_eval speed LINES [--mode default|search] [--no-hmm] [--rounds N]\n";
  return 2;
}

bool parse_options(int argc, char** argv, int first, Options& options) {
  for (int i = first; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--no-hmm") {
      options.hmm = false;
    } else if (arg == "--mode" && i + 1 < argc) {
      const std::string_view mode = argv[++i];
      if (mode == "default") {
        options.mode = gk::text::SegmentMode::kDefault;
      } else if (mode == "search") {
        options.mode = gk::text::SegmentMode::kSearch;
      } else {
        return false;
      }
    } else if (arg == "--rounds" && i + 1 < argc) {
      options.rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      return false;
    }
  }
  return true;
}

int run_cut(const gk::text::Segmenter& segmenter, const Options& options) {
  std::ios::sync_with_stdio(false);
  std::string line;
  std::string out;
  std::vector<gk::text::Token> tokens;
  while (std::getline(std::cin, line)) {
    tokens.clear();
    segmenter.cut(line, options.mode, options.hmm, tokens);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (i) out += kSeparator;
      out += tokens[i].word;
    }
    out += '\n';
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

int run_speed(const gk::text::Segmenter& segmenter, const std::string& path, const Options& options,
              double load_s, double first_cut_s, long rss_after_load) {
  const auto file_start = Clock::now();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "segment_eval: cannot read " << path << "\n";
    return 2;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = std::move(buffer).str();
  std::vector<std::string_view> lines;
  size_t bytes = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.emplace_back(text.data() + start, end - start);
    bytes += end - start;
    start = end + 1;
  }
  const double file_load_s = seconds_since(file_start);

  std::vector<gk::text::Token> tokens;
  struct Pass {
    double cpu_s;
    double wall_s;
  };
  std::vector<Pass> passes;
  size_t token_count = 0;
  size_t checksum = 0;  // consumed, so the work cannot be optimised away
  for (int round = 0; round < options.rounds; ++round) {
    token_count = 0;
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    for (const std::string_view line : lines) {
      tokens.clear();
      segmenter.cut(line, options.mode, options.hmm, tokens);
      token_count += tokens.size();
      if (!tokens.empty()) checksum += tokens.back().word.size() + tokens.back().offset;
    }
    passes.push_back({thread_cpu_seconds() - cpu_start, seconds_since(start)});
  }
  std::vector<Pass> sorted = passes;
  std::sort(sorted.begin(), sorted.end(), [](const Pass& a, const Pass& b) { return a.cpu_s < b.cpu_s; });
  const Pass& median = sorted[sorted.size() / 2];

  std::printf("engine=gk::text::Segmenter\nbytes=%zu\nlines=%zu\ntokens=%zu\n", bytes, lines.size(),
              token_count);
  std::printf(
      "load_s=%.6f\nfirst_cut_s=%.6f\nfile_load_s=%.6f\ncut_cpu_s=%.6f\ncut_s=%.6f\ncut_rounds_cpu_s=",
      load_s, first_cut_s, file_load_s, median.cpu_s, median.wall_s);
  for (size_t i = 0; i < passes.size(); ++i) std::printf("%s%.3f", i ? "," : "", passes[i].cpu_s);
  std::printf("\nrss_after_load_kib=%ld\npeak_rss_kib=%ld\nchecksum=%zu\n", rss_after_load,
              proc_status_kib("VmHWM"), checksum);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string_view command = argv[1];
  Options options;
  std::string path;
  if (command == "cut") {
    if (!parse_options(argc, argv, 2, options)) return usage();
  } else if (command == "speed" && argc >= 3) {
    path = argv[2];
    if (!parse_options(argc, argv, 3, options)) return usage();
  } else {
    return usage();
  }

  const auto start = Clock::now();
  auto segmenter = gk::text::Segmenter::create();
  const double load_s = seconds_since(start);
  if (!segmenter) {
    std::cerr << "segment_eval: cannot create the segmenter: " << segmenter.error().message() << "\n";
    return 2;
  }
  const long rss_after_load = proc_status_kib("VmRSS");
  if (command == "cut") return run_cut(**segmenter, options);
  const auto first = Clock::now();
  const auto sample = (*segmenter)->cut("中华人民共和国政府信息公开条例第一条", options.mode, options.hmm);
  const double first_cut_s = seconds_since(first);
  if (sample.empty()) return 2;
  return run_speed(**segmenter, path, options, load_s, first_cut_s, rss_after_load);
}
