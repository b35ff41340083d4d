#!/usr/bin/env python3
"""Cross-checks `gongkai report annual` on real data (issue 6, "Done when": the CLI JSON holds the
cross-checks on real imported data).

  convert CORPUS OUT   gov_reply_qa.jsonl (2,816 real citizen messages to a government message
                       board with the real dates of receipt and of the official reply, 2010–2020)
                       → `gongkai foi import` lines: received = the message date, closed = the
                       reply date. What the corpus does not hold is assigned deterministically from
                       a hash of the message id: the department, the applicant type, the outcome,
                       and a 行政复议/诉讼 for about 1 in 20 cases.
  check JSONL YEAR DEPT REPORT
                       recomputes section 三 (7 columns × 25 rows) and section 四 of YEAR for DEPT
                       ("" = the city) independently from the import lines, following the counting
                       rules of the issue, and compares them with the report JSON; prints every
                       difference and exits 1 when there is one.
"""
import datetime
import hashlib
import json
import sys

DEPTS = ["czj", "zrzyj", "wjj", "scjgj", "fgj", "sfb", "nyncj", "hdz", "wnjd", "jbjd"]
COLUMNS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_organization",
           "legal_service_institution", "other_organization"]
LEAVES = ["disclosed", "partially_disclosed", "withheld_state_secret", "withheld_prohibited_by_law",
          "withheld_security_stability", "withheld_third_party_rights", "withheld_internal_affairs",
          "withheld_process_information", "withheld_law_enforcement_files", "withheld_administrative_query",
          "unable_not_held", "unable_needs_creation", "unable_unclear_after_clarification",
          "not_processed_petition_complaint", "not_processed_repeat", "not_processed_publication",
          "not_processed_excessive", "not_processed_confirm_or_reissue", "other_no_clarification",
          "other_fee_unpaid", "other_other"]
ROWS = ["new_this_year", "carried_over"] + LEAVES + ["total_handled", "carried_forward"]
REMEDY_KINDS = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]


def crc(s, salt):
    # MD5, not CRC32: CRCs of equal-length inputs with different salts differ by a constant XOR, so
    # their low bits would be correlated across the fields assigned from them.
    return int.from_bytes(hashlib.md5(f"{salt}:{s}".encode()).digest()[:4], "little")


def convert(corpus, out):
    cases, remedies = [], []
    for line in open(corpus, encoding="utf-8"):
        m = json.loads(line)
        received, closed = (m.get("date") or "")[:10], (m.get("answer_date") or "")[:10]
        if len(received) != 10 or len(closed) != 10 or closed < received:
            continue
        key = m["id"]
        cases.append({"id": key, "department": DEPTS[crc(key, "d") % len(DEPTS)],
                      "applicant_type": "natural_person" if crc(key, "a") % 10 < 8 else COLUMNS[1 + crc(key, "t") % 5],
                      "received": received, "closed": closed, "outcome": LEAVES[crc(key, "o") % len(LEAVES)]})
        if crc(key, "r") % 20 == 0:
            filed = closed  # the day of the reply: always on or after receipt
            days = 30 + crc(key, "w") % 90  # some decided in the next year: pending at the year's end
            decided = None if crc(key, "p") % 4 == 0 else (
                datetime.date.fromisoformat(filed) + datetime.timedelta(days=days)).isoformat()
            outcome = "pending" if decided is None else ["upheld", "corrected", "other"][crc(key, "u") % 3]
            remedies.append({"request_id": key, "kind": REMEDY_KINDS[crc(key, "k") % 3], "filed": filed,
                             "decided": decided, "outcome": outcome})
    with open(out, "w", encoding="utf-8") as f:
        for l in cases + remedies:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    years = sorted({c["received"][:4] for c in cases})
    print(f"{len(cases)} {len(remedies)} {years[0]} {years[-1]}")


def check(jsonl, year, dept, report_file):
    first, last = f"{year}-01-01", f"{year}-12-31"
    rows = {r: [0] * 7 for r in ROWS}
    remedies = {k: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0} for k in REMEDY_KINDS}
    case_dept = {}
    for line in open(jsonl, encoding="utf-8"):
        l = json.loads(line)
        if "id" in l:
            case_dept[l["id"]] = l["department"]
            if dept and l["department"] != dept:
                continue
            col = COLUMNS.index(l["applicant_type"])
            closed = l["closed"]
            if first <= l["received"] <= last:
                group = "new_this_year"
            elif l["received"] < first and (closed is None or closed >= first):
                group = "carried_over"
            else:
                continue
            rows[group][col] += 1
            if closed is not None and closed <= last:
                rows[l["outcome"]][col] += 1
                rows["total_handled"][col] += 1
            else:
                rows["carried_forward"][col] += 1
        else:
            if dept and case_dept[l["request_id"]] != dept:
                continue
            if not (first <= l["filed"] <= last):
                continue
            decided = l["decided"]
            outcome = l["outcome"] if decided is not None and decided <= last else "pending"
            remedies[l["kind"]][outcome] += 1
            remedies[l["kind"]]["total"] += 1
    for r in rows.values():
        r[6] = sum(r[:6])
    got = json.load(open(report_file, encoding="utf-8"))
    diffs = []
    if got["check_errors"]:
        diffs.append(f"check_errors: {got['check_errors']}")
    for r in ROWS:
        if got["applications"]["rows"][r] != rows[r]:
            diffs.append(f"{r}: report {got['applications']['rows'][r]} expected {rows[r]}")
    for k in REMEDY_KINDS:
        if got["remedies"][k] != remedies[k]:
            diffs.append(f"{k}: report {got['remedies'][k]} expected {remedies[k]}")
    for d in diffs:
        print(f"{year} {dept or 'city'}: {d}")
    print(f"{year} {dept or 'city'}: new {rows['new_this_year'][6]} carried over {rows['carried_over'][6]} "
          f"handled {rows['total_handled'][6]} carried forward {rows['carried_forward'][6]} "
          f"remedies {sum(v['total'] for v in remedies.values())}")
    return 1 if diffs else 0


if __name__ == "__main__":
    if sys.argv[1] == "convert":
        convert(sys.argv[2], sys.argv[3])
    else:
        sys.exit(check(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]))
