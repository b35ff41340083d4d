#!/usr/bin/env bash
# Layering test: the real tree passes, and the fixture tree (one violation per rule) fails with
# every expected violation reported — so the check can fail.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
checker="$root/scripts/check-layering.sh"
if ! "$checker" "$root/src"; then
  echo "FAIL: layering violations in src/ (see above)"; exit 1
fi
out=$("$checker" "$root/tests/layering/fixture/src"); rc=$?
[ $rc -eq 1 ] || { echo "FAIL: checker exited $rc on the broken fixture"; exit 1; }
expected=(
  "bad_domain.cc:2: domain module 'accounts' includes an outer layer"
  "bad_domain.cc:3: domain module 'accounts' includes a transport or database driver header"
  "bad_domain.cc:4: domain module 'accounts' includes a transport or database driver header"
  "bad_domain.cc:5: domain module 'accounts' reads the wall clock"
  "bad_http.cc:2: http transport depends on a higher layer or a domain module"
  "bad_web.cc:2: web handlers reach storage directly"
  "bad_storage.cc:2: storage depends on the http, web or app layer"
  "bad_domain.cc:3: Beast/Asio included outside src/http/server"
)
for e in "${expected[@]}"; do
  grep -qF "$e" <<<"$out" || { echo "FAIL: checker missed: $e"; echo "$out"; exit 1; }
done
echo "layering: src/ clean; fixture violations all detected (${#expected[@]})"
