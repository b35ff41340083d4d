#!/usr/bin/python3
"""Agreement of gk_text's segmenter with python3-jieba 0.42.1 on real text.

    /usr/bin/python3 src/text/tools/jieba_agreement.py BUILD/src/text/gk_segment_lines \
        [--corpus ../shared/corpus/gov_law_corpus.jsonl] [--fields title,body,...] [--mb 2]
        [--offset-mb 0] [--search] [--no-hmm]

Takes --mb megabytes (UTF-8) of the text lines of the corpus's string --fields, after skipping
--offset-mb, segments them with
python jieba (base dictionary) and with gk_segment_lines, and compares the token sequences line by
line (whitespace tokens dropped on both sides, as `gongkai text segment` prints). A token agrees
when the other side has a token with the same character span. Prints the figures and the first
differing lines. Run with Debian's /usr/bin/python3, which sees python3-jieba.
"""
import argparse
import json
import logging
import subprocess
import sys
import time

import jieba


def spans(tokens):
    out, pos = set(), 0
    for t in tokens:
        out.add((pos, pos + len(t)))
        pos += len(t)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool")
    ap.add_argument("--corpus", default="../shared/corpus/gov_law_corpus.jsonl")
    ap.add_argument("--fields", default="title,body,text,question,answer,doc_number_raw")
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--offset-mb", type=float, default=0.0)
    ap.add_argument("--search", action="store_true")
    ap.add_argument("--no-hmm", action="store_true")
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    jieba.setLogLevel(logging.WARNING)

    lines, size, skipped = [], 0, 0
    want, skip = int(args.mb * 1e6), int(args.offset_mb * 1e6)
    with open(args.corpus, encoding="utf-8") as f:
        for rec in f:
            doc = json.loads(rec)
            for field in args.fields.split(","):
                text = doc.get(field) or ""
                if not isinstance(text, str):
                    continue
                for line in text.splitlines():
                    n = len(line.encode("utf-8")) + 1
                    if skipped < skip:
                        skipped += n
                        continue
                    lines.append(line)
                    size += n
            if size >= want:
                break
    # splitlines() also splits on \x1c-\x1e, \x85, \u2028...; keep only what '\n' splitting keeps.
    text = "\n".join(lines) + "\n"
    lines = text.split("\n")[:-1]

    hmm = not args.no_hmm
    t0 = time.perf_counter()
    if args.search:
        ref = [[t for t in jieba.cut_for_search(l, HMM=hmm) if not t.isspace()] for l in lines]
    else:
        ref = [[t for t in jieba.cut(l, HMM=hmm) if not t.isspace()] for l in lines]
    t_py = time.perf_counter() - t0

    cmd = [args.tool] + (["--search"] if args.search else []) + (["--no-hmm"] if args.no_hmm else [])
    t0 = time.perf_counter()
    res = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, check=True)
    t_gk = time.perf_counter() - t0
    got = [l.split(" ") if l else [] for l in res.stdout.decode("utf-8").split("\n")[:-1]]
    if len(got) != len(ref):
        print(f"line count differs: jieba {len(ref)}, gk {len(got)}")
        return 1

    total = agree = same_lines = 0
    shown = 0
    for line, r, g in zip(lines, ref, got):
        total += len(r)
        if r == g:
            agree += len(r)
            same_lines += 1
            continue
        if args.search:  # sub-words overlap; compare as multisets
            from collections import Counter
            agree += sum((Counter(r) & Counter(g)).values())
        else:
            agree += len(spans(r) & spans(g))
        if shown < args.show:
            shown += 1
            print("jieba:", " ".join(r))
            print("gk:   ", " ".join(g))
    mb = len(text.encode("utf-8")) / 1e6
    print(f"{mb:.2f} MB, {len(lines)} lines, {total} jieba tokens; identical lines {same_lines}/{len(lines)}; "
          f"token agreement {agree}/{total} = {100.0 * agree / max(total, 1):.4f} %")
    print(f"python jieba {t_py:.1f} s ({mb / t_py:.2f} MB/s); gk_segment_lines incl. start-up {t_gk:.2f} s")
    return 0 if agree == total else 1


if __name__ == "__main__":
    sys.exit(main())
