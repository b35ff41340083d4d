#!/usr/bin/env bash
# Segmentation speed on one thread, same text, same run: gk::text::Segmenter (release build, timed
# in-process around cut()), python3-jieba (jieba.lcut / lcut_for_search after jieba.initialize())
# and @node-rs/jieba (jieba-rs through N-API, Jieba.withDict of the same dict.txt), default mode
# and search mode, HMM on. Also each engine's dictionary load time and peak RSS.
# bench/README.md ("Text engine") says how to read the figures.
#
# usage: bench/text/speed.sh
# Environment: GK_TEXT_SPEED_MB (text size, default 10: the bodies of the first documents of
# gov_law_corpus.jsonl until at least that many 10^6 bytes), GK_TEXT_ROUNDS (passes for ours and
# node-rs, median reported; default 3; python3-jieba makes one), and those of common.sh
# (GK_CORPUS_DIR, GK_BUILD_DIR, GK_TEXT_SEGMENT_BIN, GK_PYTHON, GK_JIEBA_DICT).
# Exit status: 0 whatever the figures; 1 when something needed is missing or an engine fails.
set -euo pipefail
name=bench/text/speed
case "${1:-}" in
  "") ;;
  -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
  *) echo "usage: $0" >&2; exit 2 ;;
esac
source "$(dirname "$0")/common.sh"
speed_mb=${GK_TEXT_SPEED_MB:-10}
rounds=${GK_TEXT_ROUNDS:-3}
eval_py="$here/text_eval.py"
if [ -z "${GK_TEXT_SEGMENT_BIN:-}" ] && [ "${build_type:-}" != Release ]; then
  echo "$name: WARNING — $build is a ${build_type:-unknown} build; the figures of ours mean little"
fi

"$py" "$eval_py" lines-law "$corpus/gov_law_corpus.jsonl" "$speed_mb" >"$work/text.lines" 2>"$work/text.info"
read -r docs nlines nbytes <"$work/text.info"

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "bench/text speed — $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores${cpu_model:+ ($cpu_model)}"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine moves every figure)"
echo "text: gov_law_corpus.jsonl, bodies of the first $docs documents in file order, split at line breaks,"
echo "blank lines dropped: $nlines lines, $(awk -v b="$nbytes" 'BEGIN { printf "%.2f", b / 1e6 }') MB (MB = 10^6 bytes of UTF-8); every engine cuts it line by line"
echo "dictionary: $jieba_dict (ours: compiled from it into the binary)"
[ "$node_ok" = 1 ] || echo "@node-rs/jieba: SKIPPED — $node_note"

# run KEY ENGINE-COMMAND...: key=value output of one measurement into $work/KEY.kv
run() {
  local key=$1
  shift
  "$@" >"$work/$key.kv" 2>"$work/$key.err" || { cat "$work/$key.err" >&2; fail "$key failed: $*"; }
}
run ours-default "$seg_bin" speed "$work/text.lines" --mode default --rounds "$rounds"
run ours-search "$seg_bin" speed "$work/text.lines" --mode search --rounds "$rounds"
run jieba-default "$py" "$eval_py" jieba-speed "$work/text.lines"
run jieba-search "$py" "$eval_py" jieba-speed "$work/text.lines" --search
if [ "$node_ok" = 1 ]; then
  run node-default node "$here/node_jieba.js" speed "$work/text.lines" "$jieba_dict" --rounds "$rounds"
  run node-search node "$here/node_jieba.js" speed "$work/text.lines" "$jieba_dict" --search --rounds "$rounds"
fi

# A cold process of ours, as `gongkai text segment` on one line would be (best of 5).
cold_ms=""
for _ in 1 2 3 4 5; do
  t0=$(date +%s%N)
  echo "中华人民共和国政府信息公开条例" | "$seg_bin" cut >/dev/null
  t=$(( ($(date +%s%N) - t0) / 1000 ))
  [ -z "$cold_ms" ] || [ "$t" -lt "$cold_ms" ] && cold_ms=$t
done
cold_ms=$(awk -v u="$cold_ms" 'BEGIN { printf "%.1f", u / 1000 }')

kv() { sed -n "s/^$2=//p" "$work/$1.kv" 2>/dev/null | head -1; }
# rate KEY FIELD: MB/s of that measurement by cut_cpu_s (thread CPU) or cut_s (wall)
rate() { [ -f "$work/$1.kv" ] && awk -v b="$(kv "$1" bytes)" -v s="$(kv "$1" "$2")" 'BEGIN { printf "%.3f", b / 1e6 / s }'; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }' || echo "-"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

echo
echo "== Segmentation speed, one thread (target: >= node-rs/jieba-rs and >= 30x python3-jieba) =="
printf "%-30s %-9s %9s %9s %10s %9s %9s %10s %11s\n" engine mode "MB/s CPU" "x python" "vs node-rs" "MB/s wall" tokens "dict load" "peak RSS"
for mode in default search; do
  py_rate=$(rate "jieba-$mode" cut_cpu_s)
  node_rate=$(rate "node-$mode" cut_cpu_s || true)
  for e in ours jieba node; do
    key=$e-$mode
    [ -f "$work/$key.kv" ] || continue
    case "$e" in
      ours) label="gongkai gk::text::Segmenter" ;;
      jieba) label="python3-jieba $jieba_version" ;;
      node) label="@node-rs/jieba $node_version" ;;
    esac
    r=$(rate "$key" cut_cpu_s)
    printf "%-30s %-9s %9.2f %9s %10s %9.2f %9s %7s ms %7s MiB\n" "$label" "$mode" "$r" \
      "$(ratio "$r" "$py_rate")" "$(ratio "$r" "$node_rate")" "$(rate "$key" cut_s)" "$(kv "$key" tokens)" \
      "$(ms "$(kv "$key" load_s)")" "$(mib "$(kv "$key" peak_rss_kib)")"
  done
done
echo
echo "MB/s CPU: bytes / CPU time of the cutting (ours and python: the thread's; node-rs: the process's,"
echo "V8's GC threads included); ratios use it. MB/s wall: the same pass on the wall clock (moves with load)."
echo "ours: Segmenter::create() $(ms "$(kv ours-default load_s)") ms (the dictionary is embedded in the binary), first cut() of a"
echo "sentence $(ms "$(kv ours-default first_cut_s)") ms, reading the text file $(ms "$(kv ours-default file_load_s)") ms (neither is in MB/s);" \
  "a whole process (start, create(), cut one line, exit) $cold_ms ms"
echo "ours: RSS $(mib "$(kv ours-default rss_after_load_kib)") MiB after create()," \
  "peak $(mib "$(kv ours-default peak_rss_kib)") MiB with the ${nbytes}-byte text and its line index in memory"
passes="CPU s per pass (median taken): ours default $(kv ours-default cut_rounds_cpu_s), search $(kv ours-search cut_rounds_cpu_s)"
[ "$node_ok" = 1 ] && passes+="; node-rs default $(kv node-default cut_rounds_cpu_s), search $(kv node-search cut_rounds_cpu_s)"
echo "$passes"
echo "python3-jieba: one pass; its load is jieba.initialize() (from jieba's pickled cache in the temp dir when fresh)"
echo "node-rs: Jieba.withDict of the same dict.txt; the figures include the N-API conversions (JS string in,"
echo "array of JS strings out), so jieba-rs called from Rust is faster than this row"
exit 0
