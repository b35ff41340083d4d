#!/usr/bin/python3
"""Helpers of bench/text/quality.sh and speed.sh: input lines, the python3-jieba peer, and scoring.

Run with Debian's /usr/bin/python3 (python3-jieba is a Debian package; a pyenv python on PATH does
not see it). Only the `jieba-*` commands import jieba; everything else is the standard library.

Files exchanged between the engines:
  lines file   UTF-8, one segmentation input per line ('\\n' only; no '\\r', no U+001F).
  tokens file  one line per input line: that line's tokens joined by U+001F (the unit separator),
               so tokens may hold spaces, as jieba's do.

Commands:
  lines-cws GOLD.jsonl                      the "text" of every gold sentence, one per line
  lines-law CORPUS.jsonl MIN_MB             the bodies of the first documents, split at '\\n', blank
                                            lines dropped, until at least MIN_MB x 10^6 bytes (0: all);
                                            prints "documents lines bytes" to stderr
  lines-fields MIN_MB FILE:FIELD,FIELD...    those string fields of each FILE's first records, split at
                                            '\\n', blank lines dropped, until MIN_MB x 10^6 bytes per file
  jieba-cut LINES [--search] [--no-hmm]     tokens file of python3-jieba on stdout
  jieba-speed LINES [--search] [--no-hmm]   time jieba.initialize() and one pass of jieba.lcut over
                                            all lines (thread CPU and wall); prints key=value lines
  sighan GOLD.jsonl TRAIN_WORDS NAME=TOKENS...        SIGHAN P/R/F1, OOV and IV recall per engine
  identical LINES REF_TOKENS NAME=TOKENS...  lines whose token sequence equals the reference's (any mode)
  agree LINES REF_TOKENS NAME=TOKENS... [--show-diffs N] [--dict DICT]
                                            share of the reference's tokens reproduced at the same
                                            span, lines identical; with --show-diffs the first N
                                            differing lines and the commonest disagreement patterns
"""
import collections
import json
import os
import sys
import time

SEP = "\x1f"


def read_lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []


def read_tokens(path):
    return [line.split(SEP) if line else [] for line in read_lines(path)]


def clean(line):
    return line.replace("\r", "").replace(SEP, " ")


# ---- inputs ------------------------------------------------------------------------------------

def cmd_lines_cws(gold):
    out = sys.stdout
    with open(gold, encoding="utf-8") as f:
        for record in f:
            if record.strip():
                out.write(clean(json.loads(record)["text"]).replace("\n", " ") + "\n")


def cmd_lines_law(corpus, min_mb):
    limit = float(min_mb) * 1e6
    docs = lines = size = 0
    out = sys.stdout
    with open(corpus, encoding="utf-8") as f:
        for record in f:
            if not record.strip():
                continue
            if limit and size >= limit:
                break
            docs += 1
            for line in (json.loads(record).get("body") or "").split("\n"):
                line = clean(line)
                if not line.strip():
                    continue
                out.write(line + "\n")
                lines += 1
                size += len(line.encode("utf-8"))
    print(f"{docs} {lines} {size}", file=sys.stderr)


def cmd_lines_fields(min_mb, *specs):
    """For each FILE:FIELD,FIELD...: those string fields of its first records, split at '\\n',
    blank lines dropped, until at least MIN_MB x 10^6 bytes from that file."""
    limit = float(min_mb) * 1e6
    out = sys.stdout
    summary = []
    for spec in specs:
        path, _, fields = spec.rpartition(":")
        records = size = 0
        with open(path, encoding="utf-8") as f:
            for record in f:
                if size >= limit:
                    break
                if not record.strip():
                    continue
                records += 1
                data = json.loads(record)
                for field in fields.split(","):
                    value = data.get(field)
                    if not isinstance(value, str):
                        continue
                    for line in value.split("\n"):
                        line = clean(line)
                        if line.strip():
                            out.write(line + "\n")
                            size += len(line.encode("utf-8"))
        summary.append(f"{os.path.basename(path)} ({fields}): first {records} records, {size / 1e6:.2f} MB")
    print("; ".join(summary), file=sys.stderr)


# ---- the python3-jieba peer ----------------------------------------------------------------------

def load_jieba():
    try:
        import jieba
    except ImportError:
        sys.exit("text_eval: python3-jieba is not installed for " + sys.executable +
                 " (apt-get install python3-jieba)")
    jieba.setLogLevel(60)
    return jieba


def cutter(jieba, args):
    hmm = "--no-hmm" not in args
    if "--search" in args:
        return lambda s: jieba.lcut_for_search(s, HMM=hmm)
    return lambda s: jieba.lcut(s, HMM=hmm)


def cmd_jieba_cut(path, *args):
    jieba = load_jieba()
    jieba.initialize()
    cut = cutter(jieba, args)
    out = sys.stdout
    for line in read_lines(path):
        out.write(SEP.join(cut(line)) + "\n")


def cmd_jieba_speed(path, *args):
    import resource
    jieba = load_jieba()
    lines = read_lines(path)
    size = sum(len(line.encode("utf-8")) for line in lines)
    t0 = time.perf_counter()
    jieba.initialize()  # loads dict.txt, or jieba's pickled cache of it in the temp dir when fresh
    t1 = time.perf_counter()
    cut = cutter(jieba, args)
    tokens = 0
    c2, t2 = time.thread_time(), time.perf_counter()
    for line in lines:
        tokens += len(cut(line))
    c3, t3 = time.thread_time(), time.perf_counter()
    print(f"engine=python3-jieba {jieba.__version__}")
    print(f"bytes={size}\nlines={len(lines)}\ntokens={tokens}")
    print(f"load_s={t1 - t0:.6f}\ncut_cpu_s={c3 - c2:.6f}\ncut_s={t3 - t2:.6f}")
    print(f"peak_rss_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


# ---- scoring -------------------------------------------------------------------------------------

def spans(words):
    out = set()
    pos = 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def strip_space(tokens):
    """SIGHAN compares the words of unsegmented text: whitespace is not a word."""
    out = []
    for t in tokens:
        t = "".join(c for c in t if not c.isspace())
        if t:
            out.append(t)
    return out


def parse_engines(specs):
    engines = []
    for spec in specs:
        name, _, path = spec.partition("=")
        engines.append((name, path))
    return engines


def cmd_sighan(gold_path, train_path, *specs):
    gold = []
    with open(gold_path, encoding="utf-8") as f:
        for record in f:
            if record.strip():
                gold.append(json.loads(record)["words"])
    with open(train_path, encoding="utf-8") as f:
        train = {w.strip() for w in f if w.strip()}
    gold_words = sum(len(g) for g in gold)
    oov_words = sum(1 for g in gold for w in g if w not in train)
    print(f"{len(gold)} sentences, {gold_words} gold words, OOV rate {100.0 * oov_words / gold_words:.1f} %"
          f" (gold words not in {os.path.basename(train_path)})")
    print(f"{'engine':<34}{'P':>8}{'R':>8}{'F1':>8}{'OOV-R':>8}{'IV-R':>8}  sentences exact")
    for name, path in parse_engines(specs):
        system = read_tokens(path)
        if len(system) != len(gold):
            sys.exit(f"text_eval: {path} has {len(system)} lines, the gold file {len(gold)}")
        sys_total = correct = oov_ok = iv_ok = exact = misaligned = 0
        for g, s in zip(gold, system):
            s = strip_space(s)
            if "".join(s) != "".join(g):
                misaligned += 1
            gs, ss = spans(g), spans(s)
            sys_total += len(ss)
            correct += len(gs & ss)
            exact += gs == ss
            pos = 0
            for w in g:
                hit = (pos, pos + len(w)) in ss
                if w in train:
                    iv_ok += hit
                else:
                    oov_ok += hit
                pos += len(w)
        p = correct / sys_total if sys_total else 0.0
        r = correct / gold_words
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        oov_r = oov_ok / oov_words if oov_words else 0.0
        iv_r = iv_ok / (gold_words - oov_words)
        print(f"{name:<34}{p:8.3f}{r:8.3f}{f1:8.3f}{oov_r:8.3f}{iv_r:8.3f}  {100.0 * exact / len(gold):5.1f} %")
        if misaligned:
            print(f"  WARNING: {misaligned} lines of {name} do not spell the gold text (broken output?)")


def load_dict_words(path):
    words = set()
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if parts:
                    words.add(parts[0])
    return words


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def differing_regions(ref, other):
    """Maximal [a, b) stretches where the two segmentations' boundaries differ; a and b are shared."""
    rb, ob = [0], [0]
    for t in ref:
        rb.append(rb[-1] + len(t))
    for t in other:
        ob.append(ob[-1] + len(t))
    rset, oset = set(rb), set(ob)
    common = sorted(rset & oset)
    regions = []
    for a, b in zip(common, common[1:]):
        inner_r = [x for x in rb if a < x < b]
        inner_o = [x for x in ob if a < x < b]
        if inner_r != inner_o:
            regions.append((a, b))
    return regions, rb, ob


def tokens_in(tokens, bounds, a, b):
    return [t for t, start in zip(tokens, bounds) if a <= start < b]


def classify(ref_toks, oth_toks, dict_words):
    region = "".join(ref_toks)
    if not any(is_han(c) for c in region):
        return "no Han characters"
    if not all(is_han(c) for c in region):
        return "Han mixed with other characters"
    if dict_words:
        unknown = [t for t in ref_toks + oth_toks if len(t) > 1 and t not in dict_words]
        if unknown:
            return "a multi-char word not in dict.txt (HMM)"
        return "dictionary words only (DAG route)"
    return "Han only"


def cmd_agree(lines_path, ref_path, *rest):
    rest = list(rest)
    show = 0
    dict_path = None
    if "--show-diffs" in rest:
        i = rest.index("--show-diffs")
        show = int(rest[i + 1])
        del rest[i:i + 2]
    if "--dict" in rest:
        i = rest.index("--dict")
        dict_path = rest[i + 1]
        del rest[i:i + 2]
    lines = read_lines(lines_path)
    ref = read_tokens(ref_path)
    if len(ref) != len(lines):
        sys.exit(f"text_eval: {ref_path} has {len(ref)} lines, the input {len(lines)}")
    ref_total = sum(len(r) for r in ref)
    dict_words = load_dict_words(dict_path) if show else set()
    print(f"{'engine':<34}{'reference tokens':>17}{'reproduced':>12}{'agreement':>11}"
          f"{'lines identical':>17}{'rate':>10}")
    reports = []
    for name, path in parse_engines(rest):
        other = read_tokens(path)
        if len(other) != len(lines):
            sys.exit(f"text_eval: {path} has {len(other)} lines, the input {len(lines)}")
        same_tokens = same_lines = misaligned = 0
        diffs = []
        patterns = collections.Counter()
        kinds = collections.Counter()
        for n, (line, r, o) in enumerate(zip(lines, ref, other)):
            if "".join(o) != line:
                misaligned += 1
            rs, os_ = spans(r), spans(o)
            same_tokens += len(rs & os_)
            if r == o:
                same_lines += 1
                continue
            if not show:
                continue
            regions, rb, ob = differing_regions(r, o)
            for a, b in regions:
                rt, ot = tokens_in(r, rb, a, b), tokens_in(o, ob, a, b)
                patterns[("/".join(rt), "/".join(ot))] += 1
                kinds[classify(rt, ot, dict_words)] += 1
            if len(diffs) < show:
                diffs.append((n + 1, line, r, o, regions, rb, ob))
        print(f"{name:<34}{ref_total:>17}{same_tokens:>12}{100.0 * same_tokens / ref_total:>10.3f}%"
              f"{same_lines:>11}/{len(lines):<5}{100.0 * same_lines / len(lines):>9.2f}%")
        if misaligned:
            print(f"  WARNING: {misaligned} lines of {name} do not spell the input line (broken output?)")
        reports.append((name, diffs, patterns, kinds))
    if not show:
        return
    for name, diffs, patterns, kinds in reports:
        if not diffs:
            continue
        print(f"\n-- {name}: first {len(diffs)} differing lines (reference | {name}) --")
        for n, line, r, o, regions, rb, ob in diffs:
            print(f"line {n}: {line[:60]}{'…' if len(line) > 60 else ''}")
            for a, b in regions:
                ctx = line[max(0, a - 6):a] + "[" + line[a:b] + "]" + line[b:b + 6]
                print(f"    {ctx}:  {'/'.join(tokens_in(r, rb, a, b))}  |  {'/'.join(tokens_in(o, ob, a, b))}")
        total = sum(kinds.values())
        print(f"\n-- {name}: {total} differing stretches by kind --")
        for kind, count in kinds.most_common():
            print(f"  {count:7d}  {100.0 * count / total:5.1f} %  {kind}")
        print(f"-- {name}: commonest patterns (reference | {name}) --")
        for (rt, ot), count in patterns.most_common(25):
            print(f"  {count:7d}  {rt}  |  {ot}")


def cmd_identical(lines_path, ref_path, *specs):
    """Lines whose token sequence is the reference's, for modes where tokens overlap (search)."""
    lines = read_lines(lines_path)
    ref = read_tokens(ref_path)
    for name, path in parse_engines(specs):
        other = read_tokens(path)
        if len(other) != len(ref):
            sys.exit(f"text_eval: {path} has {len(other)} lines, the reference {len(ref)}")
        same = sum(1 for r, o in zip(ref, other) if r == o)
        tokens = sum(len(r) for r in ref)
        print(f"{name:<62}{same:>7}/{len(ref):<7}{100.0 * same / len(ref):8.3f} %  ({tokens} reference tokens)")
        shown = 0
        for n, (line, r, o) in enumerate(zip(lines, ref, other)):
            if r != o and shown < 3:
                print(f"  line {n + 1}: {line[:60]}\n    reference: {'/'.join(r)[:200]}\n    {name}: {'/'.join(o)[:200]}")
                shown += 1


COMMANDS = {
    "identical": cmd_identical,
    "lines-cws": cmd_lines_cws,
    "lines-law": cmd_lines_law,
    "lines-fields": cmd_lines_fields,
    "jieba-cut": cmd_jieba_cut,
    "jieba-speed": cmd_jieba_speed,
    "sighan": cmd_sighan,
    "agree": cmd_agree,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    sys.stdout.reconfigure(newline="\n")
    COMMANDS[sys.argv[1]](*sys.argv[2:])
