#!/usr/bin/env bash
# Resilience of `gongkai serve` to its database (foundation issue: "the database down at start (clear
# message, non-zero exit), the database lost while running (503, reconnect, no crash)").
#
#   usage: tests/resilience/run.sh path/to/gongkai
#   prints `ok - NAME` / `not ok - NAME` per case, then `N passed, M failed`; exits 1 if a case failed.
#
# Down at start: PostgreSQL port closed, a PostgreSQL database refusing connections, a SQLite path
# that cannot be created, a SQLite file that is not a database — each exits 1 with a message naming
# the database, without listening.
#
# Lost while running (PostgreSQL only: a SQLite file cannot be taken away from a running process in a
# way that matters): a fresh database gk_resilience_<random> on the server of GONGKAI_TEST_PG_URL is
# migrated, a staff account signs in, then the database is made unreachable as the superuser
# (ALTER DATABASE … ALLOW_CONNECTIONS false + pg_terminate_backend). Pages that need the database
# answer 503 with the Chinese page, /healthz stays 200, a signed-in visitor is neither logged out
# nor shown a wrong-password message; after ALLOW_CONNECTIONS true the same process serves 200 again
# within a bounded time, the session still works, and SIGTERM ends it with exit 0.
# Without GONGKAI_TEST_PG_URL the PostgreSQL cases fail with instructions (never pass silently).
# shellcheck disable=SC2034  # used by lib.sh
GK=$(realpath "${1:?usage: run.sh path/to/gongkai}") || exit 2
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/cli/lib.sh
. "$here/../cli/lib.sh"

readonly STAFF_USER=resilience_admin
readonly STAFF_PASSWORD='Resilience-Pass-1'
readonly RECOVERY_SECONDS=10

# ---- down at start -----------------------------------------------------------------------------

# The server must exit by itself (no timeout), with status 1, naming the database.
expect_serve_refuses() {  # expect_serve_refuses URL_IN_MESSAGE ARGS...
  local named=$1
  shift
  gk "$@" serve --listen 127.0.0.1:0
  expect_rc 1
  expect_err_has "cannot open database"
  expect_err_has "$named"
  if grep -q "serving http" <<<"$OUT"; then fail "it listened before failing" "$(show_last)"; fi
}

case_start_postgres_port_closed() {
  local url=postgresql://postgres@127.0.0.1:1/gongkai
  expect_serve_refuses "$url" --data-dir "$GK_TMP/down-pg" --database "$url"
  expect_err_has "127.0.0.1"
}

case_start_postgres_database_refusing() {
  require_pg || return 1
  [ -n "$REFUSING_DB" ] || { fail "no PostgreSQL test database (see above)"; return 1; }
  local url
  url=$(pg_url_for "$REFUSING_DB")
  expect_serve_refuses "$url" --data-dir "$GK_TMP/down-pg" --database "$url"
  expect_err_has "not currently accepting connections"
  gk --data-dir "$GK_TMP/down-pg" --database "$url" migrate
  expect_rc 1
  expect_err_has "cannot open database"
}

case_start_sqlite_dir_not_creatable() {
  : >"$GK_TMP/regular-file"
  expect_serve_refuses "$GK_TMP/regular-file/data" --data-dir "$GK_TMP/regular-file/data"
}

case_start_sqlite_not_a_database() {
  mkdir -p "$GK_TMP/garbage"
  head -c 8192 /dev/urandom >"$GK_TMP/garbage/gongkai.db"
  expect_serve_refuses "$GK_TMP/garbage/gongkai.db" --data-dir "$GK_TMP/garbage"
}

# ---- lost while running (PostgreSQL) -----------------------------------------------------------

DB="" DB_URL="" REFUSING_DB="" SETUP_ERROR=""
if [ -n "${GONGKAI_TEST_PG_URL:-}" ]; then
  if DB=$(new_pg_database resilience) && REFUSING_DB=$(new_pg_database resilience_refusing); then
    DB_URL=$(pg_url_for "$DB")
    psql_admin -c "ALTER DATABASE $REFUSING_DB ALLOW_CONNECTIONS false" >/dev/null ||
      SETUP_ERROR="could not make $REFUSING_DB refuse connections"
  else
    SETUP_ERROR="could not create the test databases on $GONGKAI_TEST_PG_URL"
  fi
  for _db in "$DB" "$REFUSING_DB"; do [ -z "$_db" ] || GK_PG_DATABASES+=("$_db"); done
fi

# The server runs in this (main) shell across the cases below; the cases only probe it.
SERVER_LOG=$GK_TMP/server.log
STAFF_JAR=$GK_TMP/staff.cookies
SERVER_STARTED=false

pg_case_ready() {
  require_pg || return 1
  [ -z "$SETUP_ERROR" ] || { fail "$SETUP_ERROR"; return 1; }
}
server_ready() {
  pg_case_ready || return 1
  $SERVER_STARTED || { fail "the server is not running (see the start case)"; return 1; }
}

# curl with the signed-in staff visitor's cookies; prints the status, body in $GK_TMP/.body,
# headers in $GK_TMP/.headers.
staff_get() {
  curl -s -m 10 -b "$STAFF_JAR" -D "$GK_TMP/.headers" -o "$GK_TMP/.body" -w '%{http_code}' "$SERVER_URL$1" || true
}

# Polls PATH (bounded by SECONDS) until it answers STATUS; prints the last status seen.
poll_status() {  # poll_status PATH STATUS SECONDS
  local path=$1 want=$2 deadline=$((SECONDS + $3)) code
  while :; do
    code=$(http_get "$SERVER_URL$path")
    [ "$code" = "$want" ] && break
    [ "$SECONDS" -ge "$deadline" ] && break
    sleep 0.2
  done
  echo "$code"
}

case_migrate_and_start() {
  pg_case_ready || return 1
  gk --data-dir "$GK_TMP/pg" --database "$DB_URL" migrate
  expect_rc 0
  gk_in "$STAFF_PASSWORD" --data-dir "$GK_TMP/pg" --database "$DB_URL" user add --username "$STAFF_USER" \
    --name 韧性测试管理员 --department sfb --roles admin --password-stdin
  expect_rc 0
}

start_pg_server() {
  [ -n "$DB_URL" ] && [ -z "$SETUP_ERROR" ] || return 0
  if start_server "$SERVER_LOG" --data-dir "$GK_TMP/pg" --database "$DB_URL"; then
    SERVER_STARTED=true
  fi
}

case_server_started() {
  pg_case_ready || return 1
  $SERVER_STARTED || fail "serve did not print its address:" "$(tail -n 20 "$SERVER_LOG")"
}

case_healthy_before_outage() {
  server_ready || return 1
  expect_eq "GET /readyz" 200 "$(http_get "$SERVER_URL/readyz")"
  expect_eq "GET /" 200 "$(http_get "$SERVER_URL/")"
  expect_eq "GET /healthz" 200 "$(http_get "$SERVER_URL/healthz")"
}

case_staff_signs_in() {
  server_ready || return 1
  local csrf code
  curl -s -m 10 -c "$STAFF_JAR" -o "$GK_TMP/login.html" "$SERVER_URL/login" || true
  csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$GK_TMP/login.html" | head -n 1)
  [ -n "$csrf" ] || { fail "no _csrf field on /login"; return 1; }
  code=$(curl -s -m 10 -b "$STAFF_JAR" -c "$STAFF_JAR" -o /dev/null -w '%{http_code}' \
    --data-urlencode "_csrf=$csrf" --data-urlencode "username=$STAFF_USER" \
    --data-urlencode "password=$STAFF_PASSWORD" --data-urlencode "next=/admin" "$SERVER_URL/login" || true)
  expect_eq "POST /login" 303 "$code"
  grep -q gk_session "$STAFF_JAR" || fail "no session cookie after signing in"
  expect_eq "GET /admin signed in" 200 "$(staff_get /admin)"
}

cut_database() {
  [ -n "$DB" ] || return 0
  psql_admin -c "ALTER DATABASE $DB ALLOW_CONNECTIONS false" \
    -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DB'" >/dev/null ||
    SETUP_ERROR="could not cut the database off"
}

restore_database() {
  [ -n "$DB" ] || return 0
  psql_admin -c "ALTER DATABASE $DB ALLOW_CONNECTIONS true" >/dev/null ||
    SETUP_ERROR="could not let connections into the database again"
}

case_outage_readyz_503() {
  server_ready || return 1
  # The pool's connections were terminated and new ones are refused: at once, but poll (bounded).
  expect_eq "GET /readyz while the database is unreachable" 503 "$(poll_status /readyz 503 5)"
}

case_outage_pages_503() {
  server_ready || return 1
  local path code
  # Pages that must read the database. (The organ directory and the home page may still be served
  # for up to 10 s from the department list kept in memory — kDepartmentCacheSeconds — which is
  # deliberate: /readyz already tells the load balancer to take this node out.)
  for path in /documents /normative /departments/czj/disclosure; do
    code=$(http_get "$SERVER_URL$path")
    expect_eq "GET $path while the database is unreachable" 503 "$code"
    grep -q "服务暂时不可用" "$GK_TMP/.body" || fail "GET $path: the 503 page lacks 服务暂时不可用"
    if grep -q "$DB" "$GK_TMP/.body"; then fail "GET $path: the 503 page shows the database's name"; fi
  done
}

case_outage_healthz_alive() {
  server_ready || return 1
  expect_eq "GET /healthz while the database is unreachable" 200 "$(http_get "$SERVER_URL/healthz")"
  expect_eq "GET /metrics while the database is unreachable" 200 "$(http_get "$SERVER_URL/metrics")"
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server process is gone" "$(tail -n 20 "$SERVER_LOG")"
}

case_outage_signed_in_visitor() {
  server_ready || return 1
  local code
  code=$(staff_get /admin)
  expect_eq "GET /admin with a session while the database is unreachable" 503 "$code"
  grep -q "服务暂时不可用" "$GK_TMP/.body" || fail "GET /admin: the 503 page lacks 服务暂时不可用"
  if grep -qi '^set-cookie: gk_session=' "$GK_TMP/.headers"; then
    fail "the outage cleared or replaced the session cookie" "$(grep -i '^set-cookie' "$GK_TMP/.headers")"
  fi
  # Signing in during the outage is "unavailable", never "wrong password".
  local jar=$GK_TMP/anon.cookies csrf
  curl -s -m 10 -c "$jar" -o "$GK_TMP/login2.html" "$SERVER_URL/login" || true
  csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$GK_TMP/login2.html" | head -n 1)
  code=$(curl -s -m 10 -b "$jar" -o "$GK_TMP/.body" -w '%{http_code}' --data-urlencode "_csrf=$csrf" \
    --data-urlencode "username=$STAFF_USER" --data-urlencode "password=$STAFF_PASSWORD" "$SERVER_URL/login" || true)
  expect_eq "POST /login while the database is unreachable" 503 "$code"
}

case_recovers_without_restart() {
  server_ready || return 1
  local pid_before=$SERVER_PID
  expect_eq "GET /readyz after the database is back (within ${RECOVERY_SECONDS}s)" 200 \
    "$(poll_status /readyz 200 "$RECOVERY_SECONDS")"
  expect_eq "GET / after the database is back (within ${RECOVERY_SECONDS}s)" 200 \
    "$(poll_status / 200 "$RECOVERY_SECONDS")"
  expect_eq "GET /departments/czj after the database is back" 200 "$(http_get "$SERVER_URL/departments/czj")"
  expect_eq "GET /admin with the session from before the outage" 200 "$(staff_get /admin)"
  kill -0 "$pid_before" 2>/dev/null || fail "the server process was replaced or is gone"
}

case_audit_log_intact_after_outage() {
  server_ready || return 1
  gk --data-dir "$GK_TMP/pg" --database "$DB_URL" audit verify
  expect_rc 0
}

case_sigterm_exits_0() {
  server_ready || return 1
  expect_eq "exit status after SIGTERM" 0 "$SERVER_STATUS"
  if grep -qiE "terminate called|Segmentation fault|Sanitizer|Aborted" "$SERVER_LOG"; then
    fail "the server log shows a crash:" "$(grep -iE "terminate called|Segmentation fault|Sanitizer|Aborted" "$SERVER_LOG" | head -n 5)"
  fi
}

# ---- run ---------------------------------------------------------------------------------------

gk_case "down at start: PostgreSQL port closed → exit 1, message" case_start_postgres_port_closed
gk_case "down at start: PostgreSQL database refusing connections → exit 1, message" case_start_postgres_database_refusing
gk_case "down at start: SQLite data dir cannot be created → exit 1, message" case_start_sqlite_dir_not_creatable
gk_case "down at start: SQLite file is not a database → exit 1, message" case_start_sqlite_not_a_database

gk_case "postgresql: migrate a fresh database and add a staff account" case_migrate_and_start
start_pg_server
gk_case "postgresql: serve --listen 127.0.0.1:0 starts" case_server_started
gk_case "before the outage: /readyz, / and /healthz answer 200" case_healthy_before_outage
gk_case "before the outage: a staff account signs in" case_staff_signs_in
$SERVER_STARTED && cut_database
gk_case "database lost: /readyz answers 503" case_outage_readyz_503
gk_case "database lost: /documents, /normative, a disclosure column answer 503 with 服务暂时不可用" case_outage_pages_503
gk_case "database lost: /healthz and /metrics answer 200, the process is alive" case_outage_healthz_alive
gk_case "database lost: a signed-in visitor gets 503, keeps the session; sign-in is 503" case_outage_signed_in_visitor
$SERVER_STARTED && restore_database
gk_case "database back: /readyz and / answer 200 again without a restart, session intact" case_recovers_without_restart
gk_case "database back: audit verify passes" case_audit_log_intact_after_outage
if $SERVER_STARTED; then
  stop_server "$SERVER_PID"
fi
gk_case "SIGTERM stops the server with exit 0, no crash in its log" case_sigterm_exits_0

gk_finish
