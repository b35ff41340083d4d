#!/usr/bin/env bash
# Browser tests: starts a real gongkai server (SQLite, temp data dir, a free port) with a known staff
# account, runs the Playwright journeys in tests/*.test.mjs with node's test runner, stops the server.
#   usage: tests/e2e/run.sh path/to/gongkai
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:?usage: run.sh path/to/gongkai}")
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "e2e: $chromium not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm ci --no-audit --no-fund)

data=$(mktemp -d /tmp/gk-e2e.XXXXXX)
log="$data/server.log"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

export GONGKAI_DEMO=false
"$bin" --data-dir "$data" migrate >/dev/null
echo "E2e-Admin-Pass-1" | "$bin" --data-dir "$data" user add --username e2e_admin --name 端到端管理员 \
  --department sfb --roles admin --password-stdin >/dev/null
echo "E2e-Editor-Pass-1" | "$bin" --data-dir "$data" user add --username e2e_editor --name 端到端信息员 \
  --department czj --roles editor --password-stdin >/dev/null

echo "E2e-Reviewer-Pass-1" | "$bin" --data-dir "$data" user add --username e2e_reviewer --name 端到端审核人 \
  --department czj --roles reviewer --password-stdin >/dev/null

# 依申请公开: the officer, the approver (机构负责人) and the legal reviewer of one department.
echo "E2e-Foi-Officer-1" | "$bin" --data-dir "$data" user add --username e2e_foi_officer --name 端到端经办人 \
  --department czj --roles foi_officer --password-stdin >/dev/null
echo "E2e-Foi-Approver-1" | "$bin" --data-dir "$data" user add --username e2e_foi_approver --name 端到端负责人 \
  --department czj --roles foi_approver --password-stdin >/dev/null
echo "E2e-Foi-Lawyer-1" | "$bin" --data-dir "$data" user add --username e2e_foi_lawyer --name 端到端法制审核员 \
  --department czj --roles legal_reviewer --password-stdin >/dev/null

"$bin" --data-dir "$data" serve --listen 127.0.0.1:0 >"$log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's#.*serving \(http://[^ ]*\)/ .*#\1#p' "$log" | head -1)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log"; echo "e2e: server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "e2e: server did not start" >&2; exit 1; }

export GK_URL="$url" CHROMIUM="$chromium"
export GK_ADMIN_USER=e2e_admin GK_ADMIN_PASSWORD=E2e-Admin-Pass-1
export GK_EDITOR_USER=e2e_editor GK_EDITOR_PASSWORD=E2e-Editor-Pass-1
export GK_REVIEWER_USER=e2e_reviewer GK_REVIEWER_PASSWORD=E2e-Reviewer-Pass-1
export GK_FOI_OFFICER_USER=e2e_foi_officer GK_FOI_OFFICER_PASSWORD=E2e-Foi-Officer-1
export GK_FOI_APPROVER_USER=e2e_foi_approver GK_FOI_APPROVER_PASSWORD=E2e-Foi-Approver-1
export GK_FOI_LAWYER_USER=e2e_foi_lawyer GK_FOI_LAWYER_PASSWORD=E2e-Foi-Lawyer-1
# The CLI over the server's data directory: the FOI journey checks each due date the pages show
# against `gongkai foi deadline` (the clock's contract), on the same calendar.
export GK_BIN="$bin" GK_DATA_DIR="$data"
cd "$here"
status=0
node --test --test-concurrency=1 tests/ || status=$?
if [ $status -ne 0 ]; then echo "--- server log ---"; tail -n 50 "$log"; fi
exit $status
