# Sourced by bench/text/quality.sh and speed.sh: where things are, and getting the three engines ready.
#
# Sets: work (a temporary directory removed on exit), root (repository), here (bench/text),
# corpus (absolute, or the script exits 0 with SKIPPED), py (Debian's python3 that sees
# python3-jieba), jieba_version, jieba_dict, seg_bin (segment_eval, built), node_version and
# node_ok (1 when @node-rs/jieba can be run, else 0 and node_note says why).
# Environment: GK_CORPUS_DIR (default ../shared/corpus beside the repository), GK_BUILD_DIR (default
# build/release, configured with the release preset when absent), GK_TEXT_SEGMENT_BIN (a
# segment_eval binary to use as it is, no build), GK_PYTHON (default /usr/bin/python3),
# GK_JIEBA_DICT (the dict.txt python3-jieba uses).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${name:-bench/text}

corpus=${GK_CORPUS_DIR:-$root/../shared/corpus}
if [ ! -f "$corpus/gov_law_corpus.jsonl" ] || [ ! -d "$corpus/cws" ]; then
  echo "$name: SKIPPED — corpus not found at $corpus (set GK_CORPUS_DIR)"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)

fail() { echo "$name: $*" >&2; exit 1; }

work=$(mktemp -d /tmp/gk-bench-text.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# python3-jieba is a Debian package: the pyenv python3 that may come first on PATH does not see it.
py=${GK_PYTHON:-/usr/bin/python3}
[ -x "$py" ] || fail "$py not found (apt-get install python3; scripts/install-deps.sh)"
jieba_info=$("$py" -c 'import jieba, os; print(jieba.__version__, os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))' 2>/dev/null) ||
  fail "python3-jieba is not importable by $py (apt-get install python3-jieba; scripts/install-deps.sh)"
jieba_version=${jieba_info%% *}
jieba_dict=${GK_JIEBA_DICT:-${jieba_info#* }}
[ -f "$jieba_dict" ] || fail "jieba dictionary $jieba_dict not found"

# segment_eval, built with the release preset unless a binary is given.
if [ -n "${GK_TEXT_SEGMENT_BIN:-}" ]; then
  seg_bin=$GK_TEXT_SEGMENT_BIN
  [ -x "$seg_bin" ] || fail "GK_TEXT_SEGMENT_BIN=$seg_bin is not an executable"
else
  build=${GK_BUILD_DIR:-$root/build/release}
  case "$build" in /*) ;; *) build=$root/$build ;; esac
  if [ ! -f "$build/CMakeCache.txt" ]; then
    (cd "$root" && cmake --preset release -B "$build" >/dev/null) || fail "configuring $build failed"
  fi
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
  cmake --build "$build" -j "${GK_BENCH_JOBS:-2}" --target segment_eval >"$work/build.log" 2>&1 || {
    tail -n 30 "$work/build.log" >&2
    fail "building segment_eval in $build failed (log above)"
  }
  seg_bin=$build/bench/text/segment_eval
fi

# @node-rs/jieba: installed from package-lock.json into bench/text/node_modules when missing.
node_ok=0
node_note=""
node_version=""
if ! command -v node >/dev/null 2>&1; then
  node_note="node is not installed (scripts/install-deps.sh)"
else
  if [ ! -f "$here/node_modules/@node-rs/jieba/package.json" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      node_note="npm is not installed (scripts/install-deps.sh)"
    elif ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2); then
      node_note="'npm ci' in bench/text failed (it needs the npm registry)"
    fi
  fi
  if [ -z "$node_note" ]; then
    if node -e 'require(process.argv[1] + "/node_modules/@node-rs/jieba")' "$here" 2>/dev/null; then
      node_ok=1
      node_version=$(node -p 'require(process.argv[1] + "/node_modules/@node-rs/jieba/package.json").version' "$here")
    else
      node_note="@node-rs/jieba is installed but does not load on this platform"
    fi
  fi
fi
