// search_bench: build rate, index size, memory and query latency of the site-wide search
// (search::IndexWriter + search::SearchService: our segmenter + Xapian) beside SQLite FTS5 over the
// same documents analysed by the same code (fts5_peer.h). bench/search/run.sh drives it; each phase
// is its own process so its peak RSS is its own.
//
//   search_bench build-ours --index DIR [--docs N]
//   search_bench build-fts5 --db FILE   [--docs N]
//   search_bench query-ours --index DIR --queries FILE [--rounds R] [--threads T] [--totals FILE]
//   search_bench query-fts5 --db FILE   --queries FILE [--rounds R] [--threads T] [--totals FILE]
//                       [--variant page|nofacets]: a full result page (hits with highlighted titles
//                       and snippets, total, six facets) or the same page without facets and exact
//                       total (SearchQuery::facets = false); default page
//   search_bench show [--index DIR] [--db FILE] --q TEXT: one query's page on either side, by eye
//   every command: --corpus FILE (gov_law_corpus.jsonl), --dict DIR (data/dict: gov.txt, synonyms.txt)
//
// Every phase ends with one line "RESULT key=value …" that run.sh turns into the table.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.h"
#include "fts5_peer.h"
#include "law_corpus.h"
#include "query_set.h"
#include "search/index_writer.h"
#include "search/search_service.h"
#include "search/text_analyzer.h"

namespace fs = std::filesystem;
using namespace gk;
using namespace gk::bench;

namespace {

struct Args {
  std::string command, index, db, corpus, dict, queries, totals, variant = "page", q;
  int64_t docs = 1'000'000;
  int rounds = 3, threads = 2;
};

[[noreturn]] void usage(const std::string& msg) {
  std::fprintf(stderr, "search_bench: %s\n(see the comment at the top of bench/search/search_bench.cc)\n",
               msg.c_str());
  std::exit(2);
}

Args parse_args(int argc, char** argv) {
  Args a;
  if (argc < 2) usage("missing command");
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string k = argv[i];
    if (i + 1 >= argc) usage("missing value for " + k);
    const std::string v = argv[++i];
    if (k == "--index") a.index = v;
    else if (k == "--db") a.db = v;
    else if (k == "--corpus") a.corpus = v;
    else if (k == "--dict") a.dict = v;
    else if (k == "--queries") a.queries = v;
    else if (k == "--totals") a.totals = v;
    else if (k == "--variant") a.variant = v;
    else if (k == "--q") a.q = v;
    else if (k == "--docs") a.docs = std::stoll(v);
    else if (k == "--rounds") a.rounds = std::stoi(v);
    else if (k == "--threads") a.threads = std::stoi(v);
    else usage("unknown option " + k);
  }
  return a;
}

template <class T>
T must(Result<T> r, const char* what) {
  if (!r) {
    std::fprintf(stderr, "search_bench: %s: %s\n", what, r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

void must(Status s, const char* what) {
  if (!s) {
    std::fprintf(stderr, "search_bench: %s: %s\n", what, s.error().to_string().c_str());
    std::exit(1);
  }
}

void require_empty(const fs::path& p) {
  std::error_code ec;
  if (fs::exists(p, ec) && !(fs::is_directory(p, ec) && fs::is_empty(p, ec))) {
    usage(p.string() + " exists; remove it first (run.sh uses a fresh directory)");
  }
}

// ---- build ------------------------------------------------------------------------------------

int build(const Args& a, bool ours) {
  if (a.corpus.empty()) usage("--corpus is required");
  const TextEngine engine = must(load_text_engine(a.dict), "loading the segmenter");
  double t0 = now_seconds();
  const std::vector<Law> laws = must(load_laws(a.corpus), "reading the corpus");
  const double load_s = now_seconds() - t0;
  std::fprintf(stderr, "%s: %zu laws read in %.1f s; %s\n", ours ? "ours" : "fts5", laws.size(), load_s,
               engine.notes.c_str());
  const DerivedCorpus corpus(laws);

  std::unique_ptr<search::IndexWriter> writer;
  std::unique_ptr<search::TextAnalyzer> analyzer;
  std::unique_ptr<Fts5Writer> fts;
  fs::path out;
  if (ours) {
    if (a.index.empty()) usage("--index is required");
    out = a.index;
    require_empty(out);
    search::IndexWriter::Options opt;
    opt.no_sync = true;  // like the peer's synchronous=OFF: a throw-away index
    writer = must(search::IndexWriter::create(out, engine.segmenter, engine.normalizer, opt), "creating the index");
  } else {
    if (a.db.empty()) usage("--db is required");
    out = a.db;
    require_empty(out);
    analyzer = std::make_unique<search::TextAnalyzer>(engine.segmenter, engine.normalizer);
    fts = must(Fts5Writer::create(a.db, *analyzer), "creating the FTS5 database");
  }

  t0 = now_seconds();
  const double cpu0 = thread_cpu_seconds();
  double next_report = t0 + 30;
  double analysis_s = 0;
  const DerivedCorpus::Stats st = corpus.generate(a.docs, [&](search::SearchRecord&& r) {
    must(ours ? writer->add(r) : fts->add(r), "adding a record");
    if (now_seconds() > next_report) {
      next_report += 30;
      std::fprintf(stderr, "  … %s docs in %.0f s\n", r.id.c_str(), now_seconds() - t0);
    }
    return true;
  });
  const double add_s = now_seconds() - t0;
  must(ours ? writer->commit() : fts->finish(), "committing");
  const double commit_s = now_seconds() - t0 - add_s;
  // Ours: the packed copy reindex() also makes (IndexWriter::compact); fts5: 'optimize' is in finish().
  const double raw_mb = static_cast<double>(directory_bytes(out)) / 1e6;
  if (ours) must(writer->compact(), "compacting");
  if (fts) analysis_s = fts->analysis_seconds();
  writer.reset();  // releases the lock and closes the database
  fts.reset();
  const double secs = now_seconds() - t0;
  const double cpu = thread_cpu_seconds() - cpu0;
  const double text_mb = static_cast<double>(st.text_bytes) / 1e6;
  const double index_mb = static_cast<double>(directory_bytes(out)) / 1e6;
  std::printf("%s build: %lld documents (last pass %s), %.1f MB of title+body text\n", ours ? "ours" : "fts5",
              static_cast<long long>(st.documents), st.last_pass.c_str(), text_mb);
  if (ours) {
    std::printf("  %.1f s wall: %.1f s adding, %.1f s final commit, %.1f s compact (%.0f MB before it); "
                "%.1f s CPU on the main thread\n",
                secs, add_s, commit_s, secs - add_s - commit_s, raw_mb, cpu);
  } else {
    std::printf("  %.1f s wall: %.1f s adding (%.1f s of it analysing the text), %.1f s commit + optimize; "
                "%.1f s CPU on the main thread\n",
                secs, add_s, analysis_s, secs - add_s, cpu);
  }
  std::printf("  %.0f docs/s, %.2f MB/s, index %.0f MB, peak RSS %.0f MB\n", st.documents / secs, text_mb / secs,
              index_mb, peak_rss_mb());
  std::printf("RESULT engine=%s phase=build docs=%lld secs=%.2f cpu_s=%.1f docs_per_s=%.0f mb_per_s=%.3f "
              "index_mb=%.1f raw_index_mb=%.1f rss_mb=%.0f text_mb=%.1f\n",
              ours ? "ours" : "fts5", static_cast<long long>(st.documents), secs, cpu, st.documents / secs,
              text_mb / secs, index_mb, raw_mb, peak_rss_mb(), text_mb);
  return 0;
}

// ---- query ------------------------------------------------------------------------------------

struct Outcome {
  int64_t total = 0;  // -1 when the variant does not count (fts5 nofacets)
  size_t hits = 0;
  std::string top;  // id of the first hit
  bool error = false;
  std::string message;
};

// One engine behind a uniform call; `thread` picks the calling thread's connection (FTS5).
using RunOne = std::function<Outcome(int thread, const search::SearchQuery&)>;

struct Timing {
  std::vector<double> wall_ms, cpu_ms;
};

void print_summary(const std::string& engine, const std::string& variant, const std::vector<BenchQuery>& qs,
                   const std::vector<Timing>& per_query, const std::vector<Outcome>& outcomes, double qps1,
                   double qpsT, double pT50, double pT99, int threads, const std::string& totals_path, double cpu_q1,
                   double cpu_qT) {
  std::vector<double> all_wall, all_cpu;
  std::map<std::string, std::vector<double>> by_cat;
  std::vector<std::pair<double, size_t>> medians;
  for (size_t i = 0; i < qs.size(); ++i) {
    for (double v : per_query[i].wall_ms) {
      all_wall.push_back(v);
      by_cat[qs[i].category].push_back(v);
    }
    all_cpu.insert(all_cpu.end(), per_query[i].cpu_ms.begin(), per_query[i].cpu_ms.end());
    medians.emplace_back(percentile(per_query[i].wall_ms, 50), i);
  }
  int errors = 0, empty = 0;
  for (const auto& o : outcomes) {
    errors += o.error;
    empty += !o.error && o.hits == 0;
  }
  std::printf("%s (%s): %zu queries, %zu timed runs on 1 thread; errors %d, no hits %d\n", engine.c_str(),
              variant.c_str(), qs.size(), all_wall.size(), errors, empty);
  std::printf("  %-9s %6s %9s %9s %9s\n", "category", "runs", "p50 ms", "p99 ms", "max ms");
  for (const auto& [cat, v] : by_cat) {
    std::printf("  %-9s %6zu %9.2f %9.2f %9.2f\n", cat.c_str(), v.size(), percentile(v, 50), percentile(v, 99),
                percentile(v, 100));
  }
  std::sort(medians.rbegin(), medians.rend());
  std::printf("  slowest (median of the runs): ");
  for (size_t k = 0; k < std::min<size_t>(6, medians.size()); ++k) {
    const auto& [ms, i] = medians[k];
    std::printf("%s%s %.1f ms", k ? "; " : "", qs[i].line.c_str(), ms);
    if (outcomes[i].total >= 0) std::printf(" (%lld matches)", static_cast<long long>(outcomes[i].total));
  }
  std::printf("\n");
  for (size_t i = 0, shown = 0; i < outcomes.size() && shown < 5; ++i) {
    if (outcomes[i].error) {
      std::printf("  ERROR %s: %s\n", qs[i].line.c_str(), outcomes[i].message.c_str());
      ++shown;
    }
  }
  std::printf("  1 thread: p50 %.2f ms, p99 %.2f ms, %.0f q/s (CPU p50 %.2f ms); %d threads: %.0f q/s "
              "(p50 %.2f ms, p99 %.2f ms)\n  CPU per query: %.2f ms on 1 thread, %.2f ms on %d threads at once "
              "(equal: nothing in the engine serialises; then q/s on %d threads shows how much of the machine "
              "the run got); RSS peak %.0f MB, anonymous %.0f MB\n",
              percentile(all_wall, 50), percentile(all_wall, 99), qps1, percentile(all_cpu, 50), threads, qpsT, pT50,
              pT99, cpu_q1, cpu_qT, threads, threads, peak_rss_mb(), anon_rss_mb());
  std::printf("RESULT engine=%s variant=%s phase=query queries=%zu p50_ms=%.3f p99_ms=%.3f qps1=%.1f qps%d=%.1f "
              "cpu_p50_ms=%.3f cpu_per_q1_ms=%.3f cpu_per_q%d_ms=%.3f rss_mb=%.0f anon_mb=%.0f errors=%d empty=%d\n",
              engine.c_str(), variant.c_str(), qs.size(), percentile(all_wall, 50), percentile(all_wall, 99), qps1,
              threads, qpsT, percentile(all_cpu, 50), cpu_q1, threads, cpu_qT, peak_rss_mb(), anon_rss_mb(), errors, empty);
  if (!totals_path.empty()) {
    std::ofstream t(totals_path);
    for (size_t i = 0; i < qs.size(); ++i) {
      t << qs[i].category << '\t' << qs[i].line << '\t' << (outcomes[i].error ? -1 : outcomes[i].total) << '\t'
        << outcomes[i].top << '\t' << percentile(per_query[i].wall_ms, 50) << '\n';
    }
  }
}

int query(const Args& a, bool ours) {
  if (a.queries.empty()) usage("--queries is required");
  const std::vector<BenchQuery> qs = must(load_queries(a.queries), "reading the queries");
  const TextEngine engine = must(load_text_engine(a.dict), "loading the segmenter");
  const int threads = std::max(1, a.threads);

  FakeClock clock(Instant::from_seconds(1'795'651'200));  // 2026-11-26T00:00:00Z
  std::unique_ptr<search::SearchService> service;
  search::TextAnalyzer analyzer(engine.segmenter, engine.normalizer);
  std::vector<std::unique_ptr<Fts5Searcher>> peers;
  if (a.variant != "page" && a.variant != "nofacets") usage("--variant is page or nofacets");
  const PeerVariant variant = a.variant == "page" ? PeerVariant::kPage : PeerVariant::kNoFacets;
  if (ours) {
    if (a.index.empty()) usage("--index is required");
    service = must(search::SearchService::open(a.index, engine.segmenter, engine.normalizer, clock),
                   "opening the index");
    configure(*service, engine);
  } else {
    if (a.db.empty()) usage("--db is required");
    for (int t = 0; t < threads; ++t) peers.push_back(must(Fts5Searcher::open(a.db, analyzer), "opening FTS5"));
  }
  const RunOne run = [&](int thread, const search::SearchQuery& q) -> Outcome {
    Outcome o;
    if (ours) {
      search::SearchQuery sq = q;
      sq.facets = variant == PeerVariant::kPage;
      auto r = service->search(sq);
      if (!r) return {0, 0, "", true, r.error().to_string()};
      o.total = r->total;
      o.hits = r->hits.size();
      if (!r->hits.empty()) o.top = r->hits.front().kind + ":" + r->hits.front().id;
    } else {
      auto r = peers[thread]->search(q, variant);
      if (!r) return {0, 0, "", true, r.error().to_string()};
      o.total = r->total;
      o.hits = r->hits.size();
      if (!r->hits.empty()) o.top = r->hits.front().id;
    }
    return o;
  };

  // Warm-up pass (also the outcomes reported), then `rounds` timed passes on one thread.
  std::vector<Outcome> outcomes;
  for (const auto& q : qs) outcomes.push_back(run(0, q.query));
  std::vector<Timing> per_query(qs.size());
  const double t0 = now_seconds();
  for (int r = 0; r < a.rounds; ++r) {
    for (size_t i = 0; i < qs.size(); ++i) {
      const double w0 = now_seconds(), c0 = thread_cpu_seconds();
      (void)run(0, qs[i].query);
      per_query[i].wall_ms.push_back((now_seconds() - w0) * 1e3);
      per_query[i].cpu_ms.push_back((thread_cpu_seconds() - c0) * 1e3);
    }
  }
  const double qps1 = static_cast<double>(qs.size()) * a.rounds / (now_seconds() - t0);

  // `threads` threads, each running every query `rounds` times from its own starting point.
  std::vector<std::vector<double>> lat(threads);
  std::vector<double> cpu(threads);
  std::vector<std::thread> pool;
  const double t1 = now_seconds();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const double c0 = thread_cpu_seconds();
      const size_t n = qs.size();
      for (int r = 0; r < a.rounds; ++r) {
        for (size_t k = 0; k < n; ++k) {
          const size_t i = (k + static_cast<size_t>(t) * n / threads) % n;
          const double w0 = now_seconds();
          (void)run(t, qs[i].query);
          lat[t].push_back((now_seconds() - w0) * 1e3);
        }
      }
      cpu[t] = thread_cpu_seconds() - c0;
    });
  }
  for (auto& th : pool) th.join();
  const double qpsT = static_cast<double>(qs.size()) * a.rounds * threads / (now_seconds() - t1);
  std::vector<double> allT;
  for (const auto& v : lat) allT.insert(allT.end(), v.begin(), v.end());
  // CPU per query: equal on 1 and T threads when nothing inside the engine serialises; the wall
  // q/s on T threads then only says how much of the machine the run got.
  double cpu_total = 0, cpu1 = 0;
  for (double c : cpu) cpu_total += c;
  for (const auto& t : per_query) {
    for (double c : t.cpu_ms) cpu1 += c;
  }
  const double cpu_q1 = cpu1 / (static_cast<double>(qs.size()) * a.rounds);
  const double cpu_qT = cpu_total * 1e3 / (static_cast<double>(qs.size()) * a.rounds * threads);

  print_summary(ours ? "ours" : "fts5", a.variant, qs, per_query, outcomes, qps1, qpsT, percentile(allT, 50),
                percentile(allT, 99), threads, a.totals, cpu_q1, cpu_qT);
  return 0;
}

// Prints one query's page on both sides (for looking at rankings by eye).
int show(const Args& a) {
  const TextEngine engine = must(load_text_engine(a.dict), "loading the segmenter");
  FakeClock clock(Instant::from_seconds(1'795'651'200));
  search::SearchQuery q;
  q.q = a.q;
  if (!a.index.empty()) {
    auto service = must(search::SearchService::open(a.index, engine.segmenter, engine.normalizer, clock), "open");
    configure(*service, engine);
    const double t0 = now_seconds();
    auto r = must(service->search(q), "search");
    std::printf("ours: %.2f ms, total %lld%s%s, terms:", (now_seconds() - t0) * 1e3, static_cast<long long>(r.total),
                r.exact ? "" : " (estimate)", r.relaxed ? ", relaxed" : "");
    for (const auto& t : r.terms) std::printf(" %s", t.c_str());
    std::printf("\n");
    for (const auto& h : r.hits) {
      std::printf("  %6.2f %s:%s %s\n         %s\n", h.score, h.kind.c_str(), h.id.c_str(), h.title_html.c_str(),
                  h.snippet_html.c_str());
    }
  }
  if (!a.db.empty()) {
    search::TextAnalyzer analyzer(engine.segmenter, engine.normalizer);
    auto peer = must(Fts5Searcher::open(a.db, analyzer), "open");
    const double t0 = now_seconds();
    auto r = must(peer->search(q, PeerVariant::kPage), "search");
    std::printf("fts5: %.2f ms, total %lld, MATCH %s\n", (now_seconds() - t0) * 1e3, static_cast<long long>(r.total),
                fts5_match(analyzer, q.q, false).c_str());
    for (const auto& h : r.hits) {
      std::printf("  %6.2f %s %s\n         %s\n", h.score, h.id.c_str(), h.title_html.c_str(), h.snippet_html.c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse_args(argc, argv);
  if (a.command == "show") return show(a);
  if (a.command == "build-ours") return build(a, true);
  if (a.command == "build-fts5") return build(a, false);
  if (a.command == "query-ours") return query(a, true);
  if (a.command == "query-fts5") return query(a, false);
  usage("unknown command " + a.command);
}
