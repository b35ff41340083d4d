#include "bench_common.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>


namespace gk::bench {
namespace {

// synonyms.txt: one group per line, members separated by spaces, commas or 、, '#' comments (the
// format search::parse_synonyms reads; that function lives with the vocabulary service, which the
// benchmarks do not link).
std::vector<std::vector<std::string>> parse_synonym_lines(const std::string& content) {
  std::vector<std::vector<std::string>> groups;
  std::istringstream in(content);
  std::string line;
  while (std::getline(in, line)) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::vector<std::string> group;
    std::string word;
    auto flush = [&] {
      if (!word.empty()) group.push_back(std::move(word));
      word.clear();
    };
    for (size_t i = 0; i < line.size();) {
      const std::string_view rest = std::string_view(line).substr(i);
      if (rest.starts_with("、") || rest.starts_with("，")) {
        flush();
        i += 3;
      } else if (rest[0] == ' ' || rest[0] == ',' || rest[0] == '\t' || rest[0] == '\r') {
        flush();
        ++i;
      } else {
        word += rest[0];
        ++i;
      }
    }
    flush();
    if (group.size() >= 2) groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace

Result<TextEngine> load_text_engine(const std::filesystem::path& dict_dir) {
  TextEngine e;
  std::vector<text::UserWord> words;
  const auto gov = dict_dir / "gov.txt";
  if (std::filesystem::exists(gov)) {
    GK_TRY_ASSIGN(w, text::Segmenter::read_user_dict(gov.string()));
    words = std::move(w);
    e.notes += "user dictionary " + gov.string() + " (" + std::to_string(words.size()) + " words); ";
  } else {
    e.notes += "no user dictionary (" + gov.string() + " absent); ";
  }
  GK_TRY_ASSIGN(seg, text::Segmenter::create(words));
  GK_TRY_ASSIGN(norm, text::Normalizer::create());
  e.segmenter = std::move(seg);
  e.normalizer = std::move(norm);
  const auto syn = dict_dir / "synonyms.txt";
  if (std::filesystem::exists(syn)) {
    std::ifstream in(syn);
    std::stringstream ss;
    ss << in.rdbuf();
    e.synonyms = parse_synonym_lines(ss.str());
    e.notes += std::to_string(e.synonyms.size()) + " synonym groups from " + syn.string();
  } else {
    e.notes += "no synonyms";
  }
  return e;
}

void configure(search::SearchService& service, const TextEngine& engine) {
  if (!engine.synonyms.empty()) service.set_synonyms(engine.synonyms);
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

double anon_rss_mb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("RssAnon:")) return std::stod(line.substr(8)) / 1024.0;
  }
  return 0;
}

uint64_t directory_bytes(const std::filesystem::path& p) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(p, ec)) return std::filesystem::file_size(p, ec);
  uint64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(p, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace gk::bench
