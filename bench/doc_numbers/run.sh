#!/usr/bin/env bash
# Parse rate of documents::parse_doc_number() over the real 文号 of ../shared/corpus (README.md).
#   usage: bench/doc_numbers/run.sh [--list-parsed]
# Uses build/dev or else build/release (GK_BUILD_DIR overrides) and (re)builds the
# doc_number_rate target there first. Skips, with exit status 0, when the corpus is absent.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${GK_CORPUS_DIR:-$root/../shared/corpus}
if [ ! -f "$corpus/doc_numbers.jsonl" ]; then
  echo "bench/doc_numbers: SKIPPED — corpus not found at $corpus (set GK_CORPUS_DIR)"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)

build=${GK_BUILD_DIR:-}
if [ -z "$build" ]; then
  for d in "$root/build/dev" "$root/build/release"; do
    [ -f "$d/CMakeCache.txt" ] && { build=$d; break; }
  done
fi
[ -n "$build" ] || { echo "bench/doc_numbers: no configured build; run 'cmake --preset dev' first" >&2; exit 1; }
bin="$build/bench/doc_numbers/doc_number_rate"
cmake --build "$build" -j2 --target doc_number_rate >/dev/null ||
  { echo "bench/doc_numbers: building doc_number_rate in $build failed" >&2; exit 1; }

echo "== 文号 parse rate: doc_numbers.jsonl, raw as scraped (doc_number_raw) — target >= 99.5 % =="
"$bin" "$corpus/doc_numbers.jsonl" doc_number_raw "$@"
echo
echo "== doc_numbers.jsonl, the dataset's cleaned field (doc_number) =="
"$bin" "$corpus/doc_numbers.jsonl" doc_number "$@"
if [ -f "$corpus/gov_law_corpus.jsonl" ]; then
  echo
  echo "== gov_law_corpus.jsonl, doc_number (null for most laws) =="
  "$bin" "$corpus/gov_law_corpus.jsonl" doc_number "$@"
fi
