#!/usr/bin/env python3
"""Writes data/seed/demo-foi-history.jsonl: the demo city's FOI history for 2024 and 2025 in the
`gongkai foi import` format (src/foi/history_import.h), so the demo's annual reports have figures
and a previous year to compare with. Deterministic (fixed seed): rerunning gives the same file.

Invented demo data, shaped like a county-level city's: most requests from natural persons, about
half disclosed, a fifth 'not held', a few refusals, remedies for about 3 % of cases, and some
requests of late December answered in January (上年结转 / 结转下年度)."""
import datetime as dt
import json
import random
import sys

rng = random.Random(20211)
DEPTS = {  # code: requests per year (2024, 2025)
    "czj": (26, 31), "zrzyj": (58, 64), "wjj": (17, 22), "scjgj": (21, 18), "fgj": (9, 12),
    "sfb": (14, 11), "nyncj": (8, 10), "hdz": (19, 25), "wnjd": (12, 9), "jbjd": (6, 8),
}
APPLICANTS = [("natural_person", 84), ("commercial_enterprise", 9), ("legal_service_institution", 3),
              ("research_institution", 1), ("social_welfare_organization", 1), ("other_organization", 2)]
OUTCOMES = [("disclosed", 44), ("partially_disclosed", 12), ("withheld_third_party_rights", 3),
            ("withheld_process_information", 3), ("withheld_internal_affairs", 1),
            ("withheld_law_enforcement_files", 1), ("withheld_administrative_query", 1),
            ("unable_not_held", 17), ("unable_needs_creation", 2), ("unable_unclear_after_clarification", 2),
            ("not_processed_petition_complaint", 3), ("not_processed_repeat", 2),
            ("not_processed_publication", 2), ("other_no_clarification", 3), ("other_fee_unpaid", 1),
            ("other_other", 3)]
REMEDY_OUTCOMES = [("upheld", 70), ("corrected", 15), ("other", 10), ("pending", 5)]


def pick(weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for key, w in weighted:
        x -= w
        if x <= 0:
            return key
    return weighted[-1][0]


def main(out):
    lines = []
    n = 0
    for year in (2024, 2025):
        for code, counts in DEPTS.items():
            for _ in range(counts[year - 2024]):
                n += 1
                received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365 if year == 2025 else 366))
                # 20 working days are about 28 calendar days; a few use the extension.
                closed = received + dt.timedelta(days=rng.choice([6, 9, 12, 15, 18, 21, 25, 27, 35, 42]))
                outcome = pick(OUTCOMES)
                lines.append({"id": f"demo-{year}-{n:04d}", "department": code, "applicant_type": pick(APPLICANTS),
                              "received": received.isoformat(), "closed": closed.isoformat(), "outcome": outcome})
                if outcome != "disclosed" and rng.random() < 0.09:
                    kind = rng.choice(["reconsideration", "reconsideration", "litigation_direct",
                                       "litigation_after_reconsideration"])
                    filed = closed + dt.timedelta(days=rng.randrange(10, 55))
                    ro = pick(REMEDY_OUTCOMES)
                    decided = None if ro == "pending" else (filed + dt.timedelta(days=rng.randrange(30, 90))).isoformat()
                    lines.append({"request_id": f"demo-{year}-{n:04d}", "kind": kind, "filed": filed.isoformat(),
                                  "decided": decided, "outcome": ro})
    # Cases first, then remedies (the import resolves a remedy's request id among earlier lines).
    cases = [l for l in lines if "id" in l]
    remedies = [l for l in lines if "request_id" in l]
    with open(out, "w", encoding="utf-8") as f:
        for l in cases + remedies:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(f"{out}: {len(cases)} cases, {len(remedies)} remedies")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/seed/demo-foi-history.jsonl")
