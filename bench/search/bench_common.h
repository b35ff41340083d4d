// Small helpers shared by search_bench and search_relevance: the segmenter and normaliser as the
// application builds them, wall/CPU clocks, peak RSS, directory sizes and percentiles.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "search/search_service.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace gk::bench {

struct TextEngine {
  std::shared_ptr<const text::Segmenter> segmenter;
  std::shared_ptr<const text::Normalizer> normalizer;
  std::vector<std::vector<std::string>> synonyms;  // data/dict/synonyms.txt, when present
  std::string notes;                                // what was loaded, for the report
};

// The segmenter with data/dict/gov.txt (when present) and the synonym groups of
// data/dict/synonyms.txt (when present), `dict_dir` being the repository's data/dict.
[[nodiscard]] Result<TextEngine> load_text_engine(const std::filesystem::path& dict_dir);

// Applies the synonym groups to a service (so queries cost what they cost in the application).
void configure(search::SearchService& service, const TextEngine& engine);

double now_seconds();         // steady clock
double thread_cpu_seconds();  // CLOCK_THREAD_CPUTIME_ID
double peak_rss_mb();         // getrusage ru_maxrss
// Anonymous resident memory now (RssAnon): the process's own memory, without mapped files (the
// FTS5 peer maps its database, which RSS would count).
double anon_rss_mb();
uint64_t directory_bytes(const std::filesystem::path& p);  // a file's size or a tree's total

// Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none.
double percentile(std::vector<double> v, double p);

}  // namespace gk::bench
