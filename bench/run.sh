#!/usr/bin/env bash
# Foundation figures, each printed beside its peer in one run (bench/README.md says what they mean):
#   1. HTTP throughput: wrk (2 threads, 64 connections, 10 s) on /healthz and the portal home of a
#      release gongkai with demo data, beside nginx serving the same home-page bytes (bench/http/run.sh)
#   2. page render: CPU time per portal home page in web::ViewRenderer, beside parsing the templates
#      on every call (bench/render/page_render)
#   3. idle RSS of that server with demo data, and its RSS after the wrk runs
#   4. cold build time of the release binary (fresh build directory, ccache off) and the incremental
#      rebuild after touching one domain .cc, both on a snapshot of the source tree
#
# usage: bench/run.sh            (make bench builds build/release first)
# Environment (all optional):
#   GK_BENCH_JOBS        build parallelism for section 4 and for building page_render (default: nproc)
#   GK_BENCH_TOUCH       the domain file touched for the incremental rebuild
#                        (default src/accounts/accounts_service.cc)
#   GK_BENCH_SKIP_BUILD  1: skip section 4 (it takes about a minute on 2 cores)
#   GK_BENCH_DURATION, GK_BENCH_THREADS, GK_BENCH_CONNS, GK_BENCH_HEADER, GK_NGINX_WORKERS: passed to
#                        bench/http/run.sh
#   GK_BENCH_SEARCH_DOCS documents of the search benchmark (section 7; default 1000000, about 20 min on
#                        2 cores; 50000 takes about a minute); GK_BENCH_SKIP_SEARCH=1 skips section 7
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=build/release/gongkai
[ -x "$bin" ] || { echo "bench: build the release binary first (make bench)" >&2; exit 1; }
for tool in ps awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: '$tool' is not installed (scripts/install-deps.sh)" >&2; exit 1; }
done
jobs=${GK_BENCH_JOBS:-$(nproc)}
touch_file=${GK_BENCH_TOUCH:-src/accounts/accounts_service.cc}

work=$(mktemp -d /tmp/gk-bench.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "gongkai bench — $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores${cpu_model:+ ($cpu_model)}; $("$bin" version 2>/dev/null | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine moves every figure)"

# page_render is built before anything is timed, so the compiler does not compete with the servers.
render_bin=build/release/bench/render/page_render
render_note=""
if [ -f build/release/CMakeCache.txt ]; then
  if ! cmake --build build/release --target page_render -j "$jobs" >"$work/render-build.log" 2>&1; then
    render_note="could not build page_render (see below)"
    tail -n 20 "$work/render-build.log" >&2
  fi
else
  render_note="build/release is not configured"
fi

# ---- 1. HTTP throughput ---------------------------------------------------------------------------
mkdir -p "$work/data"
"$bin" --data-dir "$work/data" serve --listen 127.0.0.1:0 >"$work/log" 2>"$work/err" &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's#.*serving \(http://[^ ]*\)/ .*#\1#p' "$work/log" | head -1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "bench: the server did not start:" >&2
  cat "$work/err" >&2
  exit 1
fi
sleep 1
rss_idle=$(ps -o rss= -p "$pid" | tr -d ' ')
threads=$(ps -o nlwp= -p "$pid" | tr -d ' ')

echo
echo "== 1. HTTP throughput (loopback; wrk, nginx and gongkai share the machine) =="
echo "gongkai: release build, demo data (SQLite), default config, $threads threads, access log to a file"
GK_URL="$url" bench/http/run.sh
rss_after=$(ps -o rss= -p "$pid" | tr -d ' ')
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
pid=""

# ---- 2. page render -------------------------------------------------------------------------------
echo
echo "== 2. Page render (portal home page, CPU time per page) =="
if [ -z "$render_note" ] && [ -x "$render_bin" ]; then
  "$render_bin" "$root/web/templates" 1
else
  echo "bench/render: SKIPPED — ${render_note:-$render_bin missing}"
fi

# ---- 3. memory ------------------------------------------------------------------------------------
echo
echo "== 3. Memory (RSS of the server in section 1) =="
printf "idle RSS with demo data:                %7s MiB\n" "$(mib "$rss_idle")"
printf "RSS after the wrk runs:                 %7s MiB\n" "$(mib "$rss_after")"

# ---- 4. build times -------------------------------------------------------------------------------
echo
# Section 4 is a function so that skipping it (GK_BENCH_SKIP_BUILD=1) still runs sections 5 and on.
build_times() {
  echo "== 4. Build time (release target gongkai, -j$jobs on $(nproc) cores, ccache off, mold) =="
  # A snapshot of the tree: edits made meanwhile in the working tree do not change what is timed, and
  # touching the domain file does not make anyone else's build directory recompile it.
  src="$work/src"
  mkdir -p "$src"
  tar -C "$root" --exclude=./build --exclude=./var --exclude=./.git --exclude=node_modules -cf - . | tar -C "$src" -xf -
  [ -f "$src/$touch_file" ] || { echo "bench: $touch_file not found" >&2; exit 1; }
  build_dir="$work/build"
  linker=()
  command -v mold >/dev/null 2>&1 && linker=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=mold)
  start=$(now)
  if ! CCACHE_DISABLE=1 cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGK_BUILD_TESTS=OFF \
        -DGK_BUILD_BENCH=OFF "${linker[@]}" >"$work/build.log" 2>&1 ||
     ! CCACHE_DISABLE=1 cmake --build "$build_dir" --target gongkai -j "$jobs" >>"$work/build.log" 2>&1; then
    echo "bench: the cold build failed:" >&2
    tail -n 30 "$work/build.log" >&2
    exit 1
  fi
  end=$(now)
  units=$(grep -c 'Building C' "$work/build.log" || true)
  printf "cold build (configure + compile + link): %6s s   (%s translation units)\n" "$(secs "$start" "$end")" "$units"
  sleep 1  # the touch must land in a later second than the objects on coarse-timestamp filesystems
  touch "$src/$touch_file"
  start=$(now)
  CCACHE_DISABLE=1 cmake --build "$build_dir" --target gongkai -j "$jobs" >"$work/rebuild.log" 2>&1
  end=$(now)
  steps=$(grep -c '^\[' "$work/rebuild.log" || true)
  printf "rebuild after touching %s: %s s   (%s build steps)\n" "$touch_file" "$(secs "$start" "$end")" "$steps"
}
if [ "${GK_BENCH_SKIP_BUILD:-0}" = 1 ]; then
  echo "== 4. Build time: SKIPPED (GK_BENCH_SKIP_BUILD=1) =="
else
  build_times
fi

echo
echo "== 5. Document library: corpus import, document page and column list beside nginx =="
bench/documents/run.sh "$bin"

echo
echo "== 6. Text engine: segmentation quality and speed beside python3-jieba and @node-rs/jieba =="
bench/text/quality.sh
echo
bench/text/speed.sh

echo
if [ "${GK_BENCH_SKIP_SEARCH:-0}" = 1 ]; then
  echo "== 7. Site-wide search: SKIPPED (GK_BENCH_SKIP_SEARCH=1) =="
else
  echo "== 7. Site-wide search: index build and queries beside SQLite FTS5, relevance on real questions =="
  bench/search/run.sh --docs "${GK_BENCH_SEARCH_DOCS:-1000000}"
  echo
  bench/search/relevance.sh
fi

echo
echo "== 8. FOI: reply clock of 1,000,000 open cases after a calendar change; intake requests/s =="
GK_BUILD_DIR="$root/build/release" bench/foi/run.sh
