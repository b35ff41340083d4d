# shellcheck shell=bash
# Shared helpers for the black-box tests of the `gongkai` binary (tests/cli/run.sh,
# tests/resilience/run.sh). Source it after setting GK (the binary) — it creates a temp work dir
# ($GK_TMP, removed on exit together with any PostgreSQL databases and servers the tests started),
# cds into it (so a command that falls back to ./var stays inside) and clears GONGKAI_* variables
# other than GONGKAI_TEST_* so the caller's environment cannot leak into a case.
#
# A case is a shell function run in a subshell by `gk_case NAME FUNCTION`: it prints `ok - NAME` or
# `not ok - NAME` followed by the case's diagnostics (lines starting with "#"). Inside a case,
# `fail MESSAGE` records a failure and lets the case continue, `expect_*` helpers call it, and
# `gk`/`gk_in` run the binary, leaving RC, OUT and ERR. `gk_finish` prints "N passed, M failed" and
# returns non-zero when a case failed.
#
# Not for concurrent use of one $GK_TMP; each script gets its own.

set -uo pipefail

GK_PASSED=0
GK_FAILED=0
GK_TMP=$(mktemp -d "${TMPDIR:-/tmp}/gk-blackbox.XXXXXX")
GK_PG_DATABASES=()   # names to drop at exit
GK_SERVER_PIDS=()    # servers started with start_server, stopped at exit
GK_CMD_TIMEOUT=${GK_CMD_TIMEOUT:-60}

for _v in $(compgen -e); do
  case "$_v" in GONGKAI_TEST_*) ;; GONGKAI_*) unset "$_v" ;; esac
done
unset _v
export GONGKAI_DEMO=false   # no demo accounts: faster, and the output only shows what a case made
cd "$GK_TMP" || exit 1

# Stops the servers this shell started that are still running.
gk_kill_servers() {
  local pid
  for pid in "${GK_SERVER_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
  GK_SERVER_PIDS=()
}

gk_cleanup() {
  gk_kill_servers
  if [ "${#GK_PG_DATABASES[@]}" -gt 0 ] && [ -n "${GONGKAI_TEST_PG_URL:-}" ]; then
    local db
    for db in "${GK_PG_DATABASES[@]}"; do
      psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 ||
        echo "# warning: could not drop database $db" >&2
    done
  fi
  cd / && rm -rf "$GK_TMP"
}
trap gk_cleanup EXIT
trap 'exit 130' INT TERM

# ---- cases -------------------------------------------------------------------------------------

CASE_FAILED=0
fail() {
  CASE_FAILED=1
  printf '%s\n' "$@" | sed 's/^/#   /'
}

gk_case() {
  local name=$1 fn=$2 out status
  out=$(
    # shellcheck disable=SC2030  # deliberately local to the case
    GK_SERVER_PIDS=()           # this case's own servers (not the caller's) …
    trap gk_kill_servers EXIT   # … never outlive it
    CASE_FAILED=0
    "$fn" 2>&1
    rc=$?
    [ "$rc" -eq 0 ] || [ "$CASE_FAILED" -ne 0 ] || echo "#   case function returned $rc"
    [ "$rc" -eq 0 ] && [ "$CASE_FAILED" -eq 0 ]
  )
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "ok - $name"
    GK_PASSED=$((GK_PASSED + 1))
  else
    echo "not ok - $name"
    GK_FAILED=$((GK_FAILED + 1))
  fi
  # Only diagnostics ("#" lines) are shown; anything else a case printed is noise.
  [ -z "$out" ] || grep '^#' <<<"$out" || true
}

gk_finish() {
  echo "$GK_PASSED passed, $GK_FAILED failed"
  [ "$GK_FAILED" -eq 0 ]
}

# ---- running the binary ------------------------------------------------------------------------

RC=0 OUT="" ERR="" LAST_CMD=""
# gk ARGS...: runs the binary with stdin from /dev/null.
gk() { gk_in "" "$@"; }
# gk_in STDIN ARGS...: runs the binary with STDIN (a string; "" = /dev/null) as standard input.
gk_in() {
  local input=$1
  shift
  LAST_CMD="gongkai $*"
  if [ -n "$input" ]; then
    timeout "$GK_CMD_TIMEOUT" "$GK" "$@" <<<"$input" >"$GK_TMP/.out" 2>"$GK_TMP/.err"
    RC=$?
  else
    timeout "$GK_CMD_TIMEOUT" "$GK" "$@" </dev/null >"$GK_TMP/.out" 2>"$GK_TMP/.err"
    RC=$?
  fi
  OUT=$(<"$GK_TMP/.out")
  ERR=$(<"$GK_TMP/.err")
  [ "$RC" -ne 124 ] || fail "timed out after ${GK_CMD_TIMEOUT}s: $LAST_CMD"
  return 0
}

show_last() {
  echo "command: $LAST_CMD"
  echo "exit: $RC"
  [ -z "$OUT" ] || { echo "stdout:"; head -n 15 <<<"$OUT"; }
  [ -z "$ERR" ] || { echo "stderr:"; head -n 15 <<<"$ERR"; }
}

expect_rc() {
  [ "$RC" -eq "$1" ] || fail "expected exit $1" "$(show_last)"
}

# Non-zero, but an ordinary exit: not a signal (crash, abort) and not a timeout.
expect_failure_exit() {
  if [ "$RC" -eq 0 ] || [ "$RC" -ge 124 ]; then
    fail "expected a non-zero exit without a crash" "$(show_last)"
  fi
}

expect_out_has() {
  grep -qF -- "$1" <<<"$OUT" || fail "stdout lacks '$1'" "$(show_last)"
}
expect_err_has() {
  grep -qF -- "$1" <<<"$ERR" || fail "stderr lacks '$1'" "$(show_last)"
}
expect_out_matches() {
  grep -qE -- "$1" <<<"$OUT" || fail "stdout does not match /$1/" "$(show_last)"
}
expect_err_matches() {
  grep -qE -- "$1" <<<"$ERR" || fail "stderr does not match /$1/" "$(show_last)"
}
expect_file() {
  [ -f "$1" ] || fail "expected the file $1 to exist (after: $LAST_CMD)"
}
expect_no_path() {
  [ ! -e "$1" ] || fail "expected $1 not to exist (after: $LAST_CMD)"
}
expect_eq() {  # expect_eq WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

# A fresh migrated SQLite data dir under $GK_TMP; prints its path.
new_data_dir() {
  local d
  d=$(mktemp -d "$GK_TMP/data.XXXXXX")
  if ! timeout "$GK_CMD_TIMEOUT" "$GK" --data-dir "$d" migrate >"$d.migrate.log" 2>&1; then
    echo "# migrate of $d failed:" >&2
    sed 's/^/#   /' "$d.migrate.log" >&2
    return 1
  fi
  echo "$d"
}

# ---- PostgreSQL --------------------------------------------------------------------------------

# Fails the current case with instructions unless GONGKAI_TEST_PG_URL is set: PostgreSQL cases never
# pass silently without a server.
require_pg() {
  if [ -z "${GONGKAI_TEST_PG_URL:-}" ]; then
    fail "GONGKAI_TEST_PG_URL is unset: run \`make test\`, or \`export \$(scripts/pg-test-cluster.sh start)\` first"
    return 1
  fi
}

# GONGKAI_TEST_PG_URL with its database name replaced by $1.
pg_url_for() {
  sed -E "s#^([a-z]+://[^/?]*)(/[^?]*)?(\\?.*)?\$#\\1/$1\\3#" <<<"$GONGKAI_TEST_PG_URL"
}

psql_admin() { timeout "$GK_CMD_TIMEOUT" psql -X -q -v ON_ERROR_STOP=1 -At "$GONGKAI_TEST_PG_URL" "$@"; }
psql_db() { local db=$1; shift; timeout "$GK_CMD_TIMEOUT" psql -X -q -v ON_ERROR_STOP=1 -At "$(pg_url_for "$db")" "$@"; }

# Creates an empty database gk_<prefix>_<random> and prints its name. Called outside a case (the
# drop list lives in the main shell).
new_pg_database() {
  local name
  name="gk_$1_$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')"
  psql_admin -c "CREATE DATABASE $name" >/dev/null || return 1
  echo "$name"
}

# ---- servers -----------------------------------------------------------------------------------

# start_server LOG ARGS...: starts `gongkai ARGS... serve --listen 127.0.0.1:0` in the background,
# waits up to 20 s for "serving http://HOST:PORT/" and sets SERVER_PID and SERVER_URL. Returns 1 if it
# did not start. Start and stop a server in the same shell — inside one case, or in the main script
# around several cases — because only the shell that started it can wait for it; a server started in
# a case is stopped when the case ends.
SERVER_PID="" SERVER_URL=""
start_server() {
  local log=$1
  shift
  SERVER_URL=""
  "$GK" "$@" serve --listen 127.0.0.1:0 </dev/null >"$log" 2>&1 &
  SERVER_PID=$!
  # shellcheck disable=SC2031  # the current shell's list: the main script's, or the case's own
  GK_SERVER_PIDS+=("$SERVER_PID")
  for _ in $(seq 1 200); do
    SERVER_URL=$(sed -n 's#.*serving \(http://[^ ]*\)/ .*#\1#p' "$log" | head -n 1)
    [ -n "$SERVER_URL" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}

# stop_server PID: SIGTERM, then waits (bounded, 20 s) and sets SERVER_STATUS to its exit status
# ("timeout" if it had to be killed). Not in $(…): only the shell that started it can wait for it.
SERVER_STATUS=""
stop_server() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null
  # Until waited for, our exited child is a zombie that still answers kill -0.
  for _ in $(seq 1 200); do
    [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = "Z" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != "Z" ]; then
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    SERVER_STATUS=timeout
    return
  fi
  wait "$pid"
  # shellcheck disable=SC2034  # read by the callers
  SERVER_STATUS=$?
}

# http_get URL: prints the status code (000 when the connection failed); body in $GK_TMP/.body.
http_get() {
  curl -s -m 10 -o "$GK_TMP/.body" -w '%{http_code}' "$1" || true
}
