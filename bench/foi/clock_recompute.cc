// clock_recompute: the Measure — recompute the due dates of N (default 1,000,000) open FOI
// cases after a calendar change, target ≤ 2 s. Cases are generated in memory (seeded) with a
// realistic mix of channels and clock events; each recomputation is foi::compute_clock with
// explain=false (what queues and reminders call) plus FoiService::due_info on "today", under the
// calendar with one extra holiday (the change). Timed on 1 thread and on a pool of std::threads over
// chunks; the peer is the same work with the Chinese explanation (explain=true, what a case page
// computes), on a sample.
//
//   usage: clock_recompute HOLIDAYS_CSV [CASES] [THREADS...]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "calendar/working_calendar.h"
#include "foi/deadline.h"
#include "foi/foi_service.h"

namespace {

using gk::Date;
using gk::calendar::WorkingCalendar;
using gk::foi::Channel;
using gk::foi::ClockEvent;
using gk::foi::ClockEventType;
using gk::foi::ClockInput;

const Date kToday = *Date::from_ymd(2025, 11, 3);

// A case received in the 45 working days before today, with the events a case of that age may have.
ClockInput make_case(std::mt19937_64& rng, const WorkingCalendar& cal) {
  std::uniform_int_distribution<int> age(1, 45), pct(0, 99), small(1, 6);
  ClockInput in;
  Date received = kToday;
  for (int n = age(rng); n > 0;) {
    received = received.plus_days(-1);
    if (cal.is_working_day(received).value_or(true)) --n;
  }
  const int ch = pct(rng);
  in.channel = ch < 55   ? Channel::kOnline
               : ch < 70 ? Channel::kPostSigned
               : ch < 80 ? Channel::kInPerson
               : ch < 88 ? Channel::kEmail
               : ch < 95 ? Channel::kPostUnsigned
                         : Channel::kFax;
  switch (in.channel) {
    case Channel::kInPerson:
      in.submitted = received;
      break;
    case Channel::kPostSigned:
      in.signed_on = received;
      break;
    default:
      in.confirmed = received;
  }
  Date at = received;
  auto later = [&](int days) {
    at = std::min(at.plus_days(days), kToday);
    return at;
  };
  const int mix = pct(rng);
  if (mix < 15) {  // 补正: requested, mostly received
    in.events.push_back({ClockEventType::kSupplementRequested, later(small(rng))});
    if (pct(rng) < 80) in.events.push_back({ClockEventType::kSupplementReceived, later(small(rng))});
  } else if (mix < 27) {  // third-party consultation, mostly replied
    in.events.push_back({ClockEventType::kThirdPartySent, later(small(rng))});
    if (pct(rng) < 70) in.events.push_back({ClockEventType::kThirdPartyReplied, later(small(rng) + 3)});
  } else if (mix < 33) {  // co-producer consultation
    in.events.push_back({ClockEventType::kAgencyConsultSent, later(small(rng))});
    if (pct(rng) < 70) in.events.push_back({ClockEventType::kAgencyConsultReplied, later(small(rng) + 3)});
  } else if (mix < 38) {  // fee notice, mostly paid
    in.events.push_back({ClockEventType::kFeeNotice, later(small(rng))});
    if (pct(rng) < 75) in.events.push_back({ClockEventType::kFeePaid, later(small(rng))});
  }
  if (pct(rng) < 8) in.events.push_back({ClockEventType::kExtension, later(small(rng))});
  return in;
}

struct Outcome {
  int64_t due_known = 0, overdue = 0, errors = 0;
};

Outcome recompute(const std::vector<ClockInput>& cases, size_t from, size_t to, const WorkingCalendar& cal,
                  bool explain) {
  Outcome o;
  for (size_t i = from; i < to; ++i) {
    auto clock = gk::foi::compute_clock(cases[i], cal, explain);
    if (!clock) {
      ++o.errors;
      continue;
    }
    const auto due = gk::foi::FoiService::due_info(clock, cal, kToday);
    if (due.due) ++o.due_known;
    if (due.status == gk::foi::DueStatus::kOverdue) ++o.overdue;
  }
  return o;
}

// Seconds to recompute `cases[0, n)` on `threads` threads (chunks of 4096 from an atomic cursor).
double timed(const std::vector<ClockInput>& cases, size_t n, const WorkingCalendar& cal, int threads,
             bool explain, Outcome& total) {
  constexpr size_t kChunk = 4096;
  std::atomic<size_t> next{0};
  std::vector<Outcome> parts(threads);
  const auto start = std::chrono::steady_clock::now();
  auto body = [&](int t) {
    for (;;) {
      const size_t from = next.fetch_add(kChunk);
      if (from >= n) return;
      const Outcome o = recompute(cases, from, std::min(n, from + kChunk), cal, explain);
      parts[t].due_known += o.due_known;
      parts[t].overdue += o.overdue;
      parts[t].errors += o.errors;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(body, t);
  body(0);
  for (auto& th : pool) th.join();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  total = {};
  for (const auto& p : parts) {
    total.due_known += p.due_known;
    total.overdue += p.overdue;
    total.errors += p.errors;
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: clock_recompute HOLIDAYS_CSV [CASES] [THREADS...]\n");
    return 2;
  }
  std::ifstream f(argv[1]);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string csv = ss.str();
  auto before = WorkingCalendar::from_csv(csv);
  // The change: a holiday notice adds a day off inside the cases' clocks (a Friday).
  auto after = WorkingCalendar::from_csv(csv + (csv.ends_with('\n') ? "" : "\n") +
                                         "2025-10-24,holiday,bench: added by a calendar change\n");
  if (!before || !after) {
    std::fprintf(stderr, "clock_recompute: cannot read %s\n", argv[1]);
    return 1;
  }
  const size_t n = argc > 2 ? std::stoul(argv[2]) : 1'000'000;
  std::vector<int> thread_counts;
  for (int i = 3; i < argc; ++i) thread_counts.push_back(std::stoi(argv[i]));
  if (thread_counts.empty()) {
    thread_counts = {1};
    const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (hw > 1) thread_counts.push_back(hw);
    thread_counts.push_back(2 * hw);
  }

  std::mt19937_64 rng(20251103);
  std::vector<ClockInput> cases;
  cases.reserve(n);
  size_t events = 0;
  for (size_t i = 0; i < n; ++i) {
    cases.push_back(make_case(rng, *before));
    events += cases.back().events.size();
  }
  std::printf(
      "bench/foi clock: %zu open cases (%.2f clock events each), today %s, calendar change adds "
      "2025-10-24 as a holiday; target <= 2 s\n",
      n, static_cast<double>(events) / static_cast<double>(n), kToday.to_string().c_str());
  std::printf("%-42s %8s %8s %10s %12s\n", "way", "threads", "s", "us/case", "cases/s");

  // Warm-up: page in the cases and the calendar.
  Outcome o;
  timed(cases, std::min<size_t>(n, 50'000), *after, 1, false, o);

  for (int threads : thread_counts) {
    double best = 1e9;
    for (int rep = 0; rep < 3; ++rep) best = std::min(best, timed(cases, n, *after, threads, false, o));
    std::printf("%-42s %8d %8.3f %10.3f %12.0f%s\n", "compute_clock(explain=false) + due_info", threads, best,
                best * 1e6 / static_cast<double>(n), static_cast<double>(n) / best,
                best <= 2.0 ? "" : "  (misses 2 s)");
  }
  std::printf("  due known %lld, overdue %lld, clock errors %lld (of %zu)\n",
              static_cast<long long>(o.due_known), static_cast<long long>(o.overdue),
              static_cast<long long>(o.errors), n);
  // Peer: the explained clock of a case page, on a sample.
  const size_t sample = std::min<size_t>(n, 100'000);
  const double peer = timed(cases, sample, *after, 1, true, o);
  std::printf("%-42s %8d %8.3f %10.3f %12.0f  (peer; %zu-case sample, %.1f s for %zu)\n",
              "peer: compute_clock(explain=true) + due_info", 1, peer,
              peer * 1e6 / static_cast<double>(sample), static_cast<double>(sample) / peer, sample,
              peer * static_cast<double>(n) / static_cast<double>(sample), n);
  return 0;
}
