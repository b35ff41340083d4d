#!/usr/bin/env bash
# Site-wide search relevance (bench/README.md "Search"): recall@1/3/10 and MRR@10 of our search for
# the 1,262 real questions of ../shared/corpus/policy_qa_ncp.jsonl whose answer document is in
# ncp_policy_docs.jsonl, over those 599 policy notices plus the 3,572 laws of gov_law_corpus.jsonl
# as distractors, beside SQLite FTS5 (OR of the question's words, bm25) over the same records.
# Prints the first questions ours misses, for diagnosis. Takes about a minute.
#
# usage: bench/search/relevance.sh [--failures K]
# Environment: GK_RELEVANCE_KEEP=DIR builds the two indexes in DIR and keeps them (inspect single
# questions with `search_bench show --index DIR/index --db DIR/fts5.sqlite --q '…'`); GK_CORPUS_DIR (default ../shared/corpus), GK_BUILD_DIR (default build/release; the
# script builds the search_relevance target there). Skips, with exit status 0, without the corpus.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
corpus=${GK_CORPUS_DIR:-$root/../shared/corpus}
for f in ncp_policy_docs.jsonl policy_qa_ncp.jsonl gov_law_corpus.jsonl; do
  if [ ! -f "$corpus/$f" ]; then
    echo "bench/search/relevance: SKIPPED — $corpus/$f not found (set GK_CORPUS_DIR)"
    exit 0
  fi
done
corpus=$(cd "$corpus" && pwd)
build=${GK_BUILD_DIR:-$root/build/release}
[ -f "$build/CMakeCache.txt" ] || { echo "bench/search: $build is not configured (cmake --preset release)" >&2; exit 1; }
cmake --build "$build" --target search_relevance -j "${GK_BENCH_JOBS:-2}" >/dev/null ||
  { echo "bench/search: building search_relevance in $build failed" >&2; exit 1; }
if [ -n "${GK_RELEVANCE_KEEP:-}" ]; then  # keep both indexes there, for search_bench show
  work=$GK_RELEVANCE_KEEP
  rm -rf "$work/index" "$work/fts5.sqlite"
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/gk-search-relevance.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
echo "bench/search/relevance — $(date -u '+%Y-%m-%d %H:%M UTC'); $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes in src/')"
"$build/bench/search/search_relevance" --corpus-dir "$corpus" --index "$work/index" --db "$work/fts5.sqlite" \
  --dict "$root/data/dict" "$@"
