#!/usr/bin/env bash
# Layering rules of docs/ARCHITECTURE.md, checked mechanically over a source tree.
#   usage: scripts/check-layering.sh [SRC_DIR]      (default: src)
# Domain modules are every directory under SRC_DIR except the outer layers http, web, storage, app,
# cli. They must not include HTTP, storage, driver or Beast/Asio headers, nor read the wall clock
# (they get time from gk::Clock). The outer layers have their own, narrower rules. Prints each
# violation as file:line and exits 1 when there is any.
set -uo pipefail
src=${1:-src}
[ -d "$src" ] || { echo "check-layering: no such directory: $src" >&2; exit 2; }
status=0

violation() { echo "layering: $1: $2"; status=1; }

# check DIR REGEX MESSAGE: every match of REGEX (extended grep) in DIR's C++ files is a violation.
check() {
  local dir=$1 regex=$2 message=$3
  [ -d "$dir" ] || return 0
  while IFS= read -r hit; do
    [ -n "$hit" ] && violation "$hit" "$message"
  done < <(grep -rnE --include='*.h' --include='*.cc' --include='*.hpp' --include='*.cpp' "$regex" "$dir" 2>/dev/null | cut -d: -f1,2)
}

outer="http web storage app cli"
for dir in "$src"/*/; do
  module=$(basename "$dir")
  case " $outer " in *" $module "*) continue ;; esac
  check "$dir" '#include *[<"](http|web|storage|app|cli)/' "domain module '$module' includes an outer layer"
  check "$dir" '#include *[<"](boost/beast|boost/asio|boost/url|sqlite3\.h|libpq-fe\.h|pqxx|postgresql/)' \
        "domain module '$module' includes a transport or database driver header"
  check "$dir" '(system_clock|steady_clock|high_resolution_clock)::now|[^_a-z]time\(( *nullptr| *NULL| *0)?\)|gettimeofday|clock_gettime|localtime' \
        "domain module '$module' reads the wall clock (use gk::Clock)"
done

check "$src/http" '#include *[<"](storage|web|app|accounts|calendar|audit)/' "http transport depends on a higher layer or a domain module"
check "$src/storage" '#include *[<"](http|web|app)/' "storage depends on the http, web or app layer"
check "$src/web" '#include *[<"](storage|app)/|sqlite3\.h|libpq-fe\.h' "web handlers reach storage directly (go through a service)"
# Beast and Asio cost ~0.7 GB and 10-20 s per translation unit: only the server may include them.
while IFS= read -r hit; do
  case "$hit" in "$src/http/server"*) ;; *) violation "$hit" "Beast/Asio included outside src/http/server*" ;; esac
done < <(grep -rnE --include='*.h' --include='*.cc' '#include *<boost/(beast|asio)' "$src" 2>/dev/null | cut -d: -f1,2)

exit $status
