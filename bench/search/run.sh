#!/usr/bin/env bash
# Site-wide search speed (bench/README.md "Search"): our index (search::IndexWriter + SearchService:
# our segmenter + Xapian) beside SQLite FTS5 over the same documents, analysed by the same code, in
# one run on one machine. Builds both indexes from a corpus derived from
# ../shared/corpus/gov_law_corpus.jsonl (1,000,000 documents by default; bench/search/law_corpus.h
# says how), then runs the fixed query set bench/search/queries.tsv on 1 thread (latency, q/s) and on
# 2 threads (q/s), as full result pages (hits + snippets + total + facets) and without facets.
#
# usage: bench/search/run.sh [--docs N] [--rounds R] [--threads T] [--reuse] [--keep]
#   --docs N     documents to derive and index (default 1000000; 50000 for a quick run)
#   --rounds R   timed passes over the query set per thread (default 3)
#   --reuse      keep and reuse indexes built earlier for the same N (skips the build phases, shows
#                their saved figures); implies --keep
#   --keep       do not delete the indexes at the end
# Environment: GK_CORPUS_DIR (default ../shared/corpus), GK_BUILD_DIR (default build/release; the
# script builds the search_bench target there), GK_SEARCH_BENCH_DATA (index directory, default
# $GK_BUILD_DIR/search-bench; the full run needs about 8 GB at its peak, while compact() copies our index).
# Skips, with exit status 0, when the corpus is absent.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
docs=1000000 rounds=3 threads=2 reuse=0 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) docs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --reuse) reuse=1; keep=1; shift ;;
    --keep) keep=1; shift ;;
    *) echo "usage: bench/search/run.sh [--docs N] [--rounds R] [--threads T] [--reuse] [--keep]" >&2; exit 2 ;;
  esac
done
corpus=${GK_CORPUS_DIR:-$root/../shared/corpus}
if [ ! -f "$corpus/gov_law_corpus.jsonl" ]; then
  echo "bench/search: SKIPPED — corpus not found at $corpus (set GK_CORPUS_DIR)"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)
build=${GK_BUILD_DIR:-$root/build/release}
[ -f "$build/CMakeCache.txt" ] || { echo "bench/search: $build is not configured (cmake --preset release)" >&2; exit 1; }
cmake --build "$build" --target search_bench -j "${GK_BENCH_JOBS:-2}" >/dev/null ||
  { echo "bench/search: building search_bench in $build failed" >&2; exit 1; }
bin="$build/bench/search/search_bench"
data=${GK_SEARCH_BENCH_DATA:-$build/search-bench}
index="$data/ours-$docs" db="$data/fts5-$docs.sqlite"
mkdir -p "$data"
cleanup() {
  if [ "$keep" = 0 ]; then rm -rf "$index" "$db" "$data/ours-$docs.build" "$data/fts5-$docs.build"; fi
  rm -f "$data"/totals-*.tsv
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start=$(date +%s)
common=(--corpus "$corpus/gov_law_corpus.jsonl" --dict "$root/data/dict")

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "bench/search — $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores${cpu_model:+ ($cpu_model)}; $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes in src/')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine moves every figure)"
echo "documents: $docs derived from $corpus/gov_law_corpus.jsonl; queries: bench/search/queries.tsv ($(grep -vc '^#' bench/search/queries.tsv)); $rounds timed rounds"

# ---- build ---------------------------------------------------------------------------------------
build_one() {  # engine, flag, path
  local out="$data/$1-$docs.build"
  if [ "$reuse" = 1 ] && [ -e "$3" ] && [ -f "$out" ]; then
    echo "($1: reusing the index built earlier)"
    cat "$out"
    return
  fi
  rm -rf "$3"
  "$bin" "build-$1" "$2" "$3" --docs "$docs" "${common[@]}" >"$out.tmp"
  mv "$out.tmp" "$out"
  cat "$out"
}
echo
echo "== build (one thread each; the derivation and our segmenter are inside both figures) =="
build_one ours --index "$index"
build_one fts5 --db "$db"

# ---- queries -------------------------------------------------------------------------------------
results=()
for variant in page nofacets; do
  echo
  echo "== queries: $variant =="
  for engine in ours fts5; do
    if [ "$engine" = ours ]; then target=(--index "$index"); else target=(--db "$db"); fi
    out=$("$bin" "query-$engine" "${target[@]}" --queries bench/search/queries.tsv --variant "$variant" \
            --rounds "$rounds" --threads "$threads" --totals "$data/totals-$engine-$variant.tsv" "${common[@]}")
    echo "$out" | grep -v '^RESULT'
    results+=("$(echo "$out" | grep '^RESULT')")
  done
done

# ---- table ---------------------------------------------------------------------------------------
kv() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
b_ours=$(grep '^RESULT' "$data/ours-$docs.build") b_fts=$(grep '^RESULT' "$data/fts5-$docs.build")
echo
echo "== summary: $docs documents; latency on 1 thread; q/s on 1 and $threads threads; ratio = ours ÷ fts5 q/s =="
printf "%-16s | %12s | %8s | %10s | %7s | %7s | %7s | %7s | %12s | %13s\n" engine "build docs/s" "index MB" \
  "RSS MB b/q" "p50 ms" "p99 ms" "q/s 1t" "q/s ${threads}t" "q/s ratio" "CPU ms/q 1t/${threads}t"
for variant in page nofacets; do
  r_ours="" r_fts=""
  for r in "${results[@]}"; do
    case "$r" in
      *"engine=ours variant=$variant "*) r_ours=$r ;;
      *"engine=fts5 variant=$variant "*) r_fts=$r ;;
    esac
  done
  for engine in ours fts5; do
    if [ "$engine" = ours ]; then r=$r_ours b=$b_ours; else r=$r_fts b=$b_fts; fi
    ratio1=$(awk -v a="$(kv "$r_ours" qps1)" -v b="$(kv "$r_fts" qps1)" 'BEGIN { printf "%.2f", a / b }')
    ratioT=$(awk -v a="$(kv "$r_ours" "qps$threads")" -v b="$(kv "$r_fts" "qps$threads")" 'BEGIN { printf "%.2f", a / b }')
    if [ "$engine" = ours ]; then ratio="${ratio1}x/${ratioT}x"; else ratio="1.00"; fi
    printf "%-16s | %12s | %8s | %10s | %7s | %7s | %7s | %7s | %12s | %13s\n" "$engine $variant" "$(kv "$b" docs_per_s)" \
      "$(kv "$b" index_mb)" "$(kv "$b" rss_mb)/$(kv "$r" anon_mb)" "$(awk -v v="$(kv "$r" p50_ms)" 'BEGIN{printf "%.2f", v}')" \
      "$(awk -v v="$(kv "$r" p99_ms)" 'BEGIN{printf "%.2f", v}')" "$(kv "$r" qps1 | cut -d. -f1)" \
      "$(kv "$r" "qps$threads" | cut -d. -f1)" "$ratio" \
      "$(awk -v a="$(kv "$r" cpu_per_q1_ms)" -v b="$(kv "$r" "cpu_per_q${threads}_ms")" 'BEGIN { printf "%.2f/%.2f", a, b }')"
  done
done
echo "build docs/s: whole build (ours: add + commit + compact; fts5: analysis + insert + optimize), one thread"
echo "RSS MB b/q: peak RSS of the build / anonymous RSS of the query process (fts5 maps its database)"
echo "q/s ratio: ours ÷ fts5 on 1 thread / on $threads threads; CPU ms/q: thread CPU time per query (equal on 1 and"
echo "  $threads threads when nothing serialises inside an engine; the machine is shared, so q/s on $threads threads also"
echo "  measures what the other users of the cores left us)"
echo "targets for ours (page): p50 ≤ 5 ms, p99 ≤ 30 ms, q/s ≥ 3× fts5"

# ---- agreement -----------------------------------------------------------------------------------
# Same documents, different query semantics (ours: each word OR the phrase of its sub-words, single
# common characters optional, OR fallback when the AND finds nothing, 文号 field; fts5: plain AND).
awk -F'\t' 'NR == FNR { total[FNR] = $3; top[FNR] = $4; next }
  { if (total[FNR] > 0) o++; if ($3 > 0) f++; if (total[FNR] == 0 && $3 == 0) none++
    if (total[FNR] > 0 && $3 == 0) only_ours++
    if (total[FNR] == 0 && $3 > 0) { only_fts++; ex = ex "  " $2 "\n" } }
  END { printf "\nqueries with hits: ours %d, fts5 %d, neither %d; only ours %d, only fts5 %d\n", o, f, none, only_ours, only_fts
        if (ex != "") printf "found by fts5 but not by ours:\n%s", ex }' \
  "$data/totals-ours-page.tsv" "$data/totals-fts5-page.tsv"
echo
echo "wall time of this run: $(( $(date +%s) - start )) s"
