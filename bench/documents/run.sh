#!/usr/bin/env bash
# Document-library throughput: wrk against a document page and a disclosure-column list page of a
# running gongkai, each beside nginx serving the very same bytes as a static file (same run, same
# machine), plus the import time of the whole law corpus on a fresh SQLite database.
#   usage: bench/documents/run.sh [BIN]     (default build/release/gongkai; make bench builds it)
# Knobs: GK_BENCH_DURATION (10s), GK_BENCH_THREADS (2), GK_BENCH_CONNS (64).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:-$root/build/release/gongkai}")
corpus="$root/../shared/corpus/gov_law_corpus.jsonl"
DURATION=${GK_BENCH_DURATION:-10s}
THREADS=${GK_BENCH_THREADS:-2}
CONNS=${GK_BENCH_CONNS:-64}
[ -x "$bin" ] || { echo "bench/documents: $bin not found" >&2; exit 1; }
[ -f "$corpus" ] || { echo "bench/documents: SKIPPED — $corpus not found (shared/corpus is read in place)"; exit 0; }
for tool in wrk nginx curl; do command -v "$tool" >/dev/null || { echo "bench/documents: $tool missing" >&2; exit 1; }; done

work=$(mktemp -d /tmp/gk-bench-docs.XXXXXX)
chmod 755 "$work"
server=""; nginx_pid=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Import of the whole law corpus ($(wc -l <"$corpus") lines, $(du -h "$corpus" | cut -f1)) =="
export GONGKAI_DEMO=false
"$bin" --data-dir "$work/data" migrate >/dev/null
start=$(date +%s.%N)
summary=$("$bin" --data-dir "$work/data" import documents "$corpus" 2>/dev/null | head -1)
end=$(date +%s.%N)
printf "SQLite, synchronous=FULL, batches of 500: %.1f s\n%s\n" "$(echo "$end - $start" | bc -l)" "$summary"
start=$(date +%s.%N)
"$bin" --data-dir "$work/data" import documents "$corpus" >/dev/null 2>&1
end=$(date +%s.%N)
printf "second run (idempotent, everything skipped): %.1f s\n\n" "$(echo "$end - $start" | bc -l)"

"$bin" --data-dir "$work/data" serve --listen 127.0.0.1:0 >"$work/server.log" 2>"$work/server.err" &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's#.*serving \(http://[^ ]*\)/ .*#\1#p' "$work/server.log" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.err"; exit 1; }
doc_id=$(curl -s "$url/api/v1/documents?per_page=1&q=%E6%9D%A1%E4%BE%8B" | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -1)
[ -n "$doc_id" ] || doc_id=1
doc_path="/documents/$doc_id"
list_path="/departments/sfb/disclosure?column=art20_01"
mkdir -p "$work/www"
curl -s -o "$work/www/document.html" "$url$doc_path"
curl -s -o "$work/www/list.html" "$url$list_path"

port=""
for candidate in $(seq 47600 47700); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
mkdir -p "$work/logs"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  default_type text/html;
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
nginx -p "$work" -c "$work/nginx.conf" -e "$work/logs/error.log" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/document.html" && break; sleep 0.1; done

measure() {  # prints "rps p50 p99"
  local out
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$1")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}
echo "== wrk -t$THREADS -c$CONNS -d$DURATION, loopback; nginx serves the same bytes =="
printf "%-44s %10s %10s %10s %9s\n" "target" "req/s" "p50" "p99" "vs nginx"
for pair in "document page ($doc_path, $(wc -c <"$work/www/document.html") B)|$doc_path|/document.html" \
            "column list ($list_path, $(wc -c <"$work/www/list.html") B)|$list_path|/list.html"; do
  IFS='|' read -r label gpath npath <<<"$pair"
  read -r n_rps n_p50 n_p99 <<<"$(measure "http://127.0.0.1:$port$npath")"
  read -r g_rps g_p50 g_p99 <<<"$(measure "$url$gpath")"
  printf "%-44s %10s %10s %10s %9s\n" "nginx: $label" "$n_rps" "$n_p50" "$n_p99" "1.00"
  printf "%-44s %10s %10s %10s %9.2f\n" "gongkai: $label" "$g_rps" "$g_p50" "$g_p99" "$(echo "$g_rps / $n_rps" | bc -l)"
done
