#!/usr/bin/env bash
# Foundation figures, printed beside their peers in one run:
#   1. HTTP throughput: wrk (2 threads, 64 connections, 10 s) on /healthz and the portal home of a
#      release gongkai with demo data, beside nginx serving the same home-page bytes (bench/http/run.sh)
#   2. idle RSS of that server
#   3. cold build time of the release binary (ccache disabled, fresh build dir) and the incremental
#      rebuild after touching one domain .cc
# usage: bench/run.sh            (make bench builds build/release first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=build/release/gongkai
[ -x "$bin" ] || { echo "bench: build the release binary first (make bench)" >&2; exit 1; }

data=$(mktemp -d /tmp/gk-bench.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

"$bin" --data-dir "$data" serve --listen 127.0.0.1:0 >"$data/log" 2>"$data/err" &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's#.*serving \(http://[^ ]*\)/ .*#\1#p' "$data/log" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$data/err"; exit 1; }
sleep 1
rss_idle=$(ps -o rss= -p "$pid" | tr -d ' ')

echo "== HTTP throughput (wrk -t2 -c64 -d10s, loopback, same machine, same run) =="
GK_URL="$url" bench/http/run.sh
rss_after=$(ps -o rss= -p "$pid" | tr -d ' ')
echo
echo "== Memory =="
printf "idle RSS with demo data:      %6.1f MiB\n" "$(echo "$rss_idle / 1024" | bc -l)"
printf "RSS after the wrk runs:       %6.1f MiB\n" "$(echo "$rss_after / 1024" | bc -l)"
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""

echo
echo "== Build time (release, $(nproc) cores, ccache off) =="
tmp_build=$(mktemp -d /tmp/gk-build.XXXXXX)
start=$(date +%s.%N)
CCACHE_DISABLE=1 cmake -S . -B "$tmp_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGK_BUILD_TESTS=OFF \
  -DGK_BUILD_BENCH=OFF -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=mold >/dev/null
CCACHE_DISABLE=1 cmake --build "$tmp_build" --target gongkai >/dev/null
end=$(date +%s.%N)
printf "cold build of gongkai:        %6.1f s\n" "$(echo "$end - $start" | bc -l)"
touch src/accounts/permission.cc
start=$(date +%s.%N)
CCACHE_DISABLE=1 cmake --build "$tmp_build" --target gongkai >/dev/null
end=$(date +%s.%N)
printf "rebuild after touching src/accounts/permission.cc: %6.1f s\n" "$(echo "$end - $start" | bc -l)"
rm -rf "$tmp_build"
