#!/usr/bin/env bash
# Annual-report figures (issue 6, "Measure"; bench/README.md): the 2023 report of a city with
# 1,000,000 FOI cases over 2019–2023 in SQLite (target <= 1 s), city-wide and for one department,
# with and without drill-down, and the peak RSS.
#   usage: bench/report/run.sh [CASES]      (default 1000000; the database is generated in a temp dir)
# Uses build/release (GK_BUILD_DIR overrides) and (re)builds the target there first.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GK_BUILD_DIR:-$root/build/release}
[ -f "$build/CMakeCache.txt" ] || { echo "bench/report: $build is not configured; run 'cmake --preset release' first" >&2; exit 1; }
cmake --build "$build" -j "${GK_BENCH_JOBS:-$(nproc)}" --target annual_report_bench >/dev/null ||
  { echo "bench/report: building annual_report_bench in $build failed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
"$build/bench/report/annual_report_bench" "$tmp/report.db" "${1:-1000000}"
