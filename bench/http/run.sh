#!/usr/bin/env bash
# HTTP throughput of a running gongkai server next to nginx serving the same home-page bytes.
#
# Usage: bench/http/run.sh [GK_URL]        (default: $GK_URL, else http://127.0.0.1:8080)
#
# It does not start gongkai; start it first. It starts its own nginx (temporary prefix and config,
# loopback only, a free port, access_log off), runs wrk against nginx's copy of the home page,
# $GK_URL/healthz and $GK_URL/, prints a table and stops nginx again.
#
# Environment (all optional):
#   GK_BENCH_DURATION   wrk duration per target          (default 10s)
#   GK_BENCH_THREADS    wrk threads                      (default 2)
#   GK_BENCH_CONNS      wrk connections                  (default 64)
#   GK_BENCH_HEADER     one extra request header for every target, e.g. "Accept-Encoding: gzip"
#   GK_NGINX_WORKERS    nginx worker_processes           (default 1)
#   GK_BENCH_OUT        also write the table as TSV to this file
set -euo pipefail

GK_URL="${1:-${GK_URL:-http://127.0.0.1:8080}}"
GK_URL="${GK_URL%/}"
DURATION="${GK_BENCH_DURATION:-10s}"
THREADS="${GK_BENCH_THREADS:-2}"
CONNS="${GK_BENCH_CONNS:-64}"
HEADER="${GK_BENCH_HEADER:-}"
NGINX_WORKERS="${GK_NGINX_WORKERS:-1}"

die() { echo "bench/http: $*" >&2; exit 1; }

for tool in wrk nginx curl awk; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || die "'$tool' is not installed (scripts/install-deps.sh)"
done
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/gk-bench-http.XXXXXX")"
NGINX_PID=""
cleanup() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the bytes to serve --------------------------------------------------------------------------
mkdir -p "$WORK/www" "$WORK/tmp" "$WORK/logs"
curl_args=(-fsS --max-time 10)
[ -n "$HEADER" ] && curl_args+=(-H "$HEADER")
curl "${curl_args[@]}" -o "$WORK/www/index.html" "$GK_URL/" \
  || die "cannot fetch $GK_URL/ — is the gongkai server running?"
PAGE_BYTES="$(wc -c <"$WORK/www/index.html" | tr -d ' ')"
HEALTHZ_STATUS="$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$GK_URL/healthz" || echo 000)"
# nginx workers drop root privileges to 'nobody' and must still read the files.
chmod 755 "$WORK" "$WORK/www"
chmod 644 "$WORK/www/index.html"

# ---- nginx on a free loopback port -----------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_nginx() {
  local port="$1"
  cat >"$WORK/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  client_body_temp_path $WORK/tmp/client;
  proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi;
  scgi_temp_path $WORK/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $WORK/www;
    location / { }
  }
}
EOF
  "$NGINX_BIN" -p "$WORK" -e "$WORK/logs/error.log" -c "$WORK/nginx.conf" &
  NGINX_PID=$!
  for _ in $(seq 1 50); do
    if curl -fsS --max-time 1 -o /dev/null "http://127.0.0.1:$port/index.html" 2>/dev/null; then return 0; fi
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -QUIT "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
  return 1
}

NGINX_PORT=""
for _ in $(seq 1 20); do
  candidate=$((20000 + RANDOM % 40000))
  port_in_use "$candidate" && continue
  if start_nginx "$candidate"; then NGINX_PORT="$candidate"; break; fi
done
[ -n "$NGINX_PORT" ] || die "could not start nginx; see its log: $(tail -n 5 "$WORK/logs/error.log" 2>/dev/null)"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/index.html"

# ---- measuring -------------------------------------------------------------------------------------
# Prints "rps p50_ms p99_ms errors" for one wrk run.
measure() {
  local url="$1" out
  local args=(-t"$THREADS" -c"$CONNS" -d"$DURATION" --latency)
  [ -n "$HEADER" ] && args+=(-H "$HEADER")
  out="$(wrk "${args[@]}" "$url")" || die "wrk failed against $url"
  echo "$out" >"$WORK/logs/wrk-$(echo "$url" | tr -c 'a-zA-Z0-9' '_').txt"
  echo "$out" | awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v + 0
    }
    /^Requests\/sec:/                 { rps = $2 }
    $1 == "50%"                        { p50 = ms($2) }
    $1 == "99%"                        { p99 = ms($2) }
    /Non-2xx or 3xx responses:/        { errors += $NF }
    /Socket errors:/                   { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %.3f %.3f %d\n", rps, p50, p99, errors + 0 }'
}

echo "bench/http: wrk -t$THREADS -c$CONNS -d$DURATION; home page $PAGE_BYTES bytes; nginx $NGINX_WORKERS worker(s) on :$NGINX_PORT"
[ "$HEALTHZ_STATUS" = "200" ] || echo "bench/http: warning: $GK_URL/healthz answered HTTP $HEALTHZ_STATUS" >&2
[ -n "$HEADER" ] && echo "bench/http: extra header: $HEADER"

# Command substitution (not process substitution) so a failing wrk stops the script under set -e.
result="$(measure "$NGINX_URL")"
read -r n_rps n_p50 n_p99 n_err <<<"$result"
result="$(measure "$GK_URL/healthz")"
read -r h_rps h_p50 h_p99 h_err <<<"$result"
result="$(measure "$GK_URL/")"
read -r g_rps g_p50 g_p99 g_err <<<"$result"

table="$(awk -v n_rps="$n_rps" \
  -v rows="nginx static home page|$n_rps|$n_p50|$n_p99|$n_err;gongkai /healthz|$h_rps|$h_p50|$h_p99|$h_err;gongkai / (home page)|$g_rps|$g_p50|$g_p99|$g_err" '
  BEGIN {
    printf "%-26s %12s %10s %10s %9s %8s\n", "target", "requests/s", "p50 ms", "p99 ms", "vs nginx", "errors"
    n = split(rows, r, ";")
    for (i = 1; i <= n; i++) {
      split(r[i], f, "|")
      ratio = (n_rps > 0) ? f[2] / n_rps : 0
      printf "%-26s %12.0f %10.3f %10.3f %9.2f %8d\n", f[1], f[2], f[3], f[4], ratio, f[5]
    }
  }')"
echo "$table"

if [ -n "${GK_BENCH_OUT:-}" ]; then
  {
    printf "target\trequests_per_s\tp50_ms\tp99_ms\tratio_to_nginx\terrors\n"
    printf "nginx\t%s\t%s\t%s\t1\t%s\n" "$n_rps" "$n_p50" "$n_p99" "$n_err"
    printf "healthz\t%s\t%s\t%s\t%s\t%s\n" "$h_rps" "$h_p50" "$h_p99" "$(awk -v a="$h_rps" -v b="$n_rps" 'BEGIN{printf "%.3f", b ? a/b : 0}')" "$h_err"
    printf "home\t%s\t%s\t%s\t%s\t%s\n" "$g_rps" "$g_p50" "$g_p99" "$(awk -v a="$g_rps" -v b="$n_rps" 'BEGIN{printf "%.3f", b ? a/b : 0}')" "$g_err"
  } >"$GK_BENCH_OUT"
  echo "bench/http: wrote $GK_BENCH_OUT"
fi
