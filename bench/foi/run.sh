#!/usr/bin/env bash
# FOI figures (issue 5, "Measure"; bench/foi/README.md):
#   1. recompute the reply clock of 1,000,000 open cases after a calendar change (target <= 2 s),
#      on 1 thread and on a thread pool, beside the explained clock of a case page
#   2. intake requests/s through FoiService::submit on SQLite and, when GONGKAI_TEST_PG_URL is set,
#      PostgreSQL (a scratch database created and dropped by the program)
#   usage: bench/foi/run.sh [CASES] [SUBMISSIONS]      (defaults 1000000 and 5000)
# Uses build/release (GK_BUILD_DIR overrides) and (re)builds the two targets there first.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GK_BUILD_DIR:-$root/build/release}
[ -f "$build/CMakeCache.txt" ] || { echo "bench/foi: $build is not configured; run 'cmake --preset release' first" >&2; exit 1; }
cmake --build "$build" -j "${GK_BENCH_JOBS:-$(nproc)}" --target foi_clock_recompute foi_intake_rate >/dev/null ||
  { echo "bench/foi: building the FOI benchmarks in $build failed" >&2; exit 1; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
"$build/bench/foi/foi_clock_recompute" "$root/data/calendar/holidays-cn.csv" "${1:-1000000}"
echo
"$build/bench/foi/foi_intake_rate" "$root/data/calendar/holidays-cn.csv" "${2:-5000}" 4
