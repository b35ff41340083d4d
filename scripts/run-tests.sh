#!/usr/bin/env bash
# Runs the whole suite against the dev build: starts a throwaway PostgreSQL 15 cluster for the
# storage contract suite, runs ctest (unit, storage on both engines, HTTP integration, layering),
# then the browser tests against a real server, and stops everything it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=build/dev

pg_url=$(scripts/pg-test-cluster.sh start | sed -n 's/^GONGKAI_TEST_PG_URL=//p')
trap 'scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true' EXIT
[ -n "$pg_url" ] || { echo "run-tests: could not start PostgreSQL" >&2; exit 1; }
export GONGKAI_TEST_PG_URL="$pg_url"

ctest --preset dev --output-on-failure

tests/e2e/run.sh "$build/gongkai"
