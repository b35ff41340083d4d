#!/usr/bin/env bash
# Segmentation quality of gk::text::Segmenter beside python3-jieba (and @node-rs/jieba when it can be
# installed), all in one run on the same input; bench/README.md ("Text engine") says how to read it.
#   1. SIGHAN 2005 word-level precision / recall / F1, OOV and IV recall on the PKU and MSR gold
#      test sets (OOV = gold words not in that set's training word list);
#   2. token agreement with python3-jieba (default mode, HMM on, same dict.txt) on the bodies of
#      the first documents of gov_law_corpus.jsonl, at least GK_TEXT_AGREE_MB x 10^6 bytes, and on
#      GK_TEXT_OTHER_MB x 10^6 bytes each of citizens' messages and the (traditional) Taipei FAQ;
#   3. on the law text, lines whose token sequence is python3-jieba's in search mode and HMM off.
# Every engine runs with its base jieba dictionary (no user words); 1 and 2 in default mode, HMM on.
#
# usage: bench/text/quality.sh [--show-diffs [N]]   (N differing lines per engine, default 20, and
#                                                    the commonest disagreement patterns)
# Environment: GK_TEXT_AGREE_MB (default 5; 0 = the whole corpus), GK_TEXT_OTHER_MB (default 2),
# and those of common.sh (GK_CORPUS_DIR, GK_BUILD_DIR, GK_TEXT_SEGMENT_BIN, GK_PYTHON, GK_JIEBA_DICT).
# Exit status: 0 whatever the figures; 1 when something needed is missing or an engine fails.
set -euo pipefail
name=bench/text/quality
show=0
while [ $# -gt 0 ]; do
  case "$1" in
    --show-diffs)
      show=20
      if [ $# -gt 1 ] && [[ "$2" =~ ^[0-9]+$ ]]; then show=$2; shift; fi ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--show-diffs [N]]" >&2; exit 2 ;;
  esac
  shift
done
source "$(dirname "$0")/common.sh"
agree_mb=${GK_TEXT_AGREE_MB:-5}
other_mb=${GK_TEXT_OTHER_MB:-2}
eval_py="$here/text_eval.py"

# engine_cut NAME LINES OUT: default mode, HMM on, U+001F-separated tokens per line.
engine_cut() {
  case "$1" in
    ours) "$seg_bin" cut <"$2" >"$3" ;;
    jieba) "$py" "$eval_py" jieba-cut "$2" >"$3" ;;
    node) node "$here/node_jieba.js" cut "$2" "$jieba_dict" >"$3" ;;
  esac || fail "the $1 engine failed on $2"
}
engines=(ours jieba)
[ "$node_ok" = 1 ] && engines+=(node)
label() {
  case "$1" in
    ours) echo "gongkai gk::text::Segmenter" ;;
    jieba) echo "python3-jieba $jieba_version" ;;
    node) echo "@node-rs/jieba $node_version" ;;
  esac
}

echo "bench/text quality — $(date -u '+%Y-%m-%d %H:%M UTC'); corpus $corpus"
echo "every engine: default mode (jieba.cut), HMM on, jieba's dict.txt ($jieba_dict), no user words"
[ "$node_ok" = 1 ] || echo "@node-rs/jieba: SKIPPED — $node_note"

for set in pku msr; do
  gold="$corpus/cws/cws_gold_${set}_test.jsonl"
  train="$corpus/cws/${set}_training_words.utf8"
  [ -f "$gold" ] && [ -f "$train" ] || fail "$gold or $train is missing"
  "$py" "$eval_py" lines-cws "$gold" >"$work/$set.lines"
  specs=()
  for e in "${engines[@]}"; do
    engine_cut "$e" "$work/$set.lines" "$work/$set.$e"
    specs+=("$(label "$e")=$work/$set.$e")
  done
  echo
  echo "== SIGHAN 2005 ${set^^} test: word-level P / R / F1 over character spans =="
  "$py" "$eval_py" sighan "$gold" "$train" "${specs[@]}"
done

"$py" "$eval_py" lines-law "$corpus/gov_law_corpus.jsonl" "$agree_mb" >"$work/law.lines" 2>"$work/law.info"
read -r docs nlines nbytes <"$work/law.info"
for e in "${engines[@]}"; do engine_cut "$e" "$work/law.lines" "$work/law.$e"; done
specs=("$(label ours)=$work/law.ours")
[ "$node_ok" = 1 ] && specs+=("$(label node)=$work/law.node")
echo
what="the first $docs documents in file order"
[ "$agree_mb" = 0 ] && what="all $docs documents"
echo "== Token agreement with python3-jieba $jieba_version (default mode, HMM on; target >= 99.5 %) =="
echo "gov_law_corpus.jsonl: bodies of $what, split at line breaks, blank lines"
echo "dropped: $nlines lines, $(awk -v b="$nbytes" 'BEGIN { printf "%.2f", b / 1e6 }') MB; a token agrees when the engine has the same word at the same span"
args=("$work/law.lines" "$work/law.jieba" "${specs[@]}")
[ "$show" -gt 0 ] && args+=(--show-diffs "$show" --dict "$jieba_dict")
"$py" "$eval_py" agree "${args[@]}"

# Text unlike the laws: citizens' messages (colloquial, Latin letters, digits, typos) and the Taipei
# FAQ (traditional characters, which jieba's dictionary mostly lacks, so the HMM does much of it).
other=()
for spec in "complaints_unlabeled.jsonl:title,body" "faq_taipei.jsonl:question,answer"; do
  [ -f "$corpus/${spec%%:*}" ] && other+=("$corpus/$spec")
done
if [ ${#other[@]} -gt 0 ]; then
  "$py" "$eval_py" lines-fields "$other_mb" "${other[@]}" >"$work/other.lines" 2>"$work/other.info"
  for e in "${engines[@]}"; do engine_cut "$e" "$work/other.lines" "$work/other.$e"; done
  specs=("$(label ours)=$work/other.ours")
  [ "$node_ok" = 1 ] && specs+=("$(label node)=$work/other.node")
  echo
  echo "== Token agreement with python3-jieba on other text (default mode, HMM on) =="
  echo "$(cat "$work/other.info"); $(wc -l <"$work/other.lines") lines"
  args=("$work/other.lines" "$work/other.jieba" "${specs[@]}")
  [ "$show" -gt 0 ] && args+=(--show-diffs "$show" --dict "$jieba_dict")
  "$py" "$eval_py" agree "${args[@]}"
fi

# The other modes, on the law text: lines whose whole token sequence is python3-jieba's (search
# mode's sub-words overlap, so spans do not apply).
echo
echo "== Identical token sequences per line, other modes (law text above; reference python3-jieba) =="
for m in search no-hmm; do
  case "$m" in
    search) ours_args=(--mode search); py_args=(--search); what="search mode (cut_for_search), HMM on" ;;
    no-hmm) ours_args=(--no-hmm); py_args=(--no-hmm); what="default mode, HMM off" ;;
  esac
  "$seg_bin" cut "${ours_args[@]}" <"$work/law.lines" >"$work/law.ours.$m" || fail "ours failed in $what"
  "$py" "$eval_py" jieba-cut "$work/law.lines" "${py_args[@]}" >"$work/law.jieba.$m" || fail "python3-jieba failed in $what"
  "$py" "$eval_py" identical "$work/law.lines" "$work/law.jieba.$m" "$(label ours), $what=$work/law.ours.$m"
done
[ "$show" -gt 0 ] || echo "(bench/text/quality.sh --show-diffs lists the differing lines and the commonest patterns)"
exit 0
