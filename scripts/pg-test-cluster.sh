#!/usr/bin/env bash
# Throwaway PostgreSQL 15 server for the storage contract tests.
#
#   scripts/pg-test-cluster.sh start    # prints GONGKAI_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres
#   export $(scripts/pg-test-cluster.sh start)
#   scripts/pg-test-cluster.sh status   # prints the URL if running, exits 1 otherwise
#   scripts/pg-test-cluster.sh stop     # stops the server and deletes its directory
#
# The cluster lives in a fresh temp directory (initdb from /usr/lib/postgresql/15/bin, independent of
# the Debian-managed 15/main cluster), listens on 127.0.0.1 only, on the first free port from 55432,
# with its unix socket in that directory, trust authentication and fsync off: fast, and never for
# real data. As root, initdb/pg_ctl run as the `postgres` user. `start` is idempotent: a running
# cluster recorded in the state file (build/pg-test/state, or $GK_PG_TEST_STATE) is reused.
# Only the URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${GK_PG_TEST_STATE:-$REPO/build/pg-test/state}
FIRST_PORT=${GK_PG_TEST_PORT:-55432}
PORT_TRIES=50

log() { echo "pg-test-cluster: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Runs a PostgreSQL binary, as the postgres user when we are root (initdb refuses root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null; then
      runuser -u postgres -- "$@"
    else
      su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

read_state() {
  DIR="" URL="" PORT=""
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
  [ -n "$DIR" ] && [ -n "$URL" ]
}

running() {
  read_state || return 1
  [ -d "$DIR/data" ] || return 1
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1 || return 1
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 5
}

# True when something already listens on 127.0.0.1:$1.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  if running; then
    log "reusing the running cluster in $DIR"
    echo "GONGKAI_TEST_PG_URL=$URL"
    return 0
  fi
  if read_state; then
    log "state file points to a cluster that is not running; replacing it"
    stop_quietly
  fi
  [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found: install postgresql-15 (scripts/install-deps.sh)"
  if [ "$(id -u)" -eq 0 ]; then id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user"; fi

  DIR=$(mktemp -d "${TMPDIR:-/tmp}/gk-pg-test.XXXXXX")
  chmod 700 "$DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi
  log "initdb in $DIR"
  if ! as_pg "$PG_BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$DIR/initdb.log" 2>&1; then
    cat "$DIR/initdb.log" >&2
    rm -rf "$DIR"
    die "initdb failed"
  fi
  cat >>"$DIR/data/postgresql.conf" <<CONF
# gongkai throwaway test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF

  local port=$FIRST_PORT tries=0
  while :; do
    tries=$((tries + 1))
    [ "$tries" -le "$PORT_TRIES" ] || { rm -rf "$DIR"; die "no free port in $FIRST_PORT..$((FIRST_PORT + PORT_TRIES - 1))"; }
    if port_busy "$port"; then port=$((port + 1)); continue; fi
    if as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -o "-p $port" -w -t 30 start >/dev/null 2>&1; then
      break
    fi
    # Lost a race for the port (or another failure: show the log and give up if it is not the port).
    if grep -q -i "could not bind\|address already in use\|could not create lock file" "$DIR/server.log" 2>/dev/null; then
      log "port $port taken, trying the next one"
      : >"$DIR/server.log"
      port=$((port + 1))
      continue
    fi
    tail -n 20 "$DIR/server.log" >&2 || true
    rm -rf "$DIR"
    die "pg_ctl start failed"
  done
  PORT=$port
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 1; do sleep 0.1; done

  URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
  mkdir -p "$(dirname "$STATE")"
  printf 'DIR=%q\nPORT=%q\nURL=%q\n' "$DIR" "$PORT" "$URL" >"$STATE"
  log "started on 127.0.0.1:$PORT (data in $DIR)"
  echo "GONGKAI_TEST_PG_URL=$URL"
}

stop_quietly() {
  if [ -n "${DIR:-}" ] && [ -d "$DIR/data" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  case "${DIR:-}" in
    */gk-pg-test.*) rm -rf "$DIR" ;;
  esac
  rm -f "$STATE"
}

stop() {
  if ! read_state; then
    log "no cluster recorded in $STATE"
    return 0
  fi
  stop_quietly
  log "stopped and removed $DIR"
}

status() {
  if running; then
    echo "GONGKAI_TEST_PG_URL=$URL"
  else
    log "not running"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
