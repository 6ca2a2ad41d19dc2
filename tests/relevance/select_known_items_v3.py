#!/usr/bin/env python3
"""Third known-item truth set (issue 17, session 7): the v2 rules on new targets, a larger test half.

The v2 test half (80 searches) moved by +0.006 MRR@10 when session 7's opening evidence moved its
tuning half by +0.063: with 80 searches either figure is within noise (one search from rank 2 to
1 is 0.006). This set is written by the same rules as v2 (see select_known_items_v2.py, whose
functions it uses), on targets neither v1 nor v2 read, so the ranking is measured on searches it
was never tuned on:
  1. Candidates: every page, IDs sorted, minus the v1 targets and every candidate v2 read (kept
     or dropped), shuffled with random.Random(SEED_TARGETS); taken strictly in that order.
  2. For each candidate, only that cable was read (`show N`), one query of 2-5 words written
     with its class, and only then its match count asked (`count ID "query"`); at most one more
     general retry; kept when the target and at least MIN_MATCHES pages contain all its words.
     Four helpers wrote the queries, each a consecutive block of BLOCK candidates, never running
     a search engine nor seeing any ranking.
  3. The first N_KEEP kept in candidate order; split with random.Random(SEED_SPLIT) into tune
     and test halves. Never edit the test half.

Run from the repository root:
  python3 tests/relevance/select_known_items_v3.py            # check DECISIONS, write the tsv, summary
  python3 tests/relevance/select_known_items_v3.py show N     # text of the N-th candidate (0-based)
  python3 tests/relevance/select_known_items_v3.py count ID "query" [ID "query" ...]
"""
import importlib.util
import os
import random
import re
import statistics
import sys

SEED_TARGETS = 202611307
SEED_SPLIT = 11307
N_KEEP = 200
BLOCK = 65
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "known_items_v3.tsv")

_spec = importlib.util.spec_from_file_location("v2", os.path.join(HERE, "select_known_items_v2.py"))
v2 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(v2)
MIN_MATCHES = v2.MIN_MATCHES
CLASSES = v2.CLASSES


def candidates():
    """Candidate target IDs in the order they are taken."""
    used = v2.v1_ids() | {d[0] for d in v2.DECISIONS}
    ids = sorted(set(v2.all_pages()) - used)
    random.Random(SEED_TARGETS).shuffle(ids)
    return ids


def split_of(kept):
    tune = set(random.Random(SEED_SPLIT).sample(kept, len(kept) // 2))
    return {i: ("tune" if i in tune else "test") for i in kept}


# --- the record of every candidate read, in candidate order ------------------------------------
# (ID, class, first query, retry query or "", remark), as in select_known_items_v2.py.
DECISIONS = [
]


def evaluate():
    order = candidates()
    assert [d[0] for d in DECISIONS] == order[:len(DECISIONS)], "DECISIONS must follow the candidate order"
    kept, dropped = [], []
    for cid, cls, q1, q2, remark in DECISIONS:
        assert cls in CLASSES, (cid, cls)
        if len(kept) == N_KEEP:
            break
        result = None
        for query, retry in ((q1, False), (q2, True)):
            if not query:
                continue
            assert query.isascii() and 2 <= sum(len(c) for c in v2.parse_query(query)) <= 5, (cid, query)
            n = v2.count_matches(query)
            if v2.page_matches(cid, query) and n >= MIN_MATCHES:
                result = (cid, cls, query, n, retry, remark)
                break
        if result:
            kept.append(result)
        else:
            dropped.append(cid)
    return kept, dropped


def write_tsv(kept):
    split = split_of([k[0] for k in kept])
    lines = [
        "# Known-item truth set v3 over ../shared/real-corpus/cablegate-2010-html (issue 17, session 7): id<TAB>split<TAB>class<TAB>query<TAB>note. "
        "Made by select_known_items_v3.py (its DECISIONS list records every candidate read, drops included): candidates = all pages minus the v1 targets and "
        f"the v2 candidates, IDs sorted then shuffled with random.Random({SEED_TARGETS}), taken in order; split: random.Random({SEED_SPLIT}).sample(kept, len(kept)//2) is tune, the rest test.",
        "# Rules as v2: one query of 2-5 plain words per target (what a reader remembers), written after reading only that cable, no engine run; kept only if at least "
        f"{MIN_MATCHES} pages (target included) contain all its words; else one more general retry, else dropped. note: matches=N, retry, respelt. Never edit the test half.",
    ]
    for cid, cls, query, n, retry, remark in sorted(kept):
        note = f"matches={n}" + (" retry" if retry else "") + (" respelt" if remark.startswith("respelt") and not retry else "")
        lines.append(f"{cid}\t{split[cid]}\t{cls}\t{query}\t{note}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def summary():
    rows = []
    with open(OUT, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    counts = {}
    for _cid, split, cls, _q, _note in rows:
        counts[(cls, split)] = counts.get((cls, split), 0) + 1
    print(f"rows {len(rows)}")
    for cls in CLASSES:
        print(f"{cls:7} tune {counts.get((cls, 'tune'), 0):3} test {counts.get((cls, 'test'), 0):3}")
    ms = [int(r[4].split()[0].split("=")[1]) for r in rows]
    print(f"matches: median {statistics.median(ms)} min {min(ms)} max {max(ms)}; retries {sum('retry' in r[4] for r in rows)}")


def main():
    args = sys.argv[1:]
    if args and args[0] == "show":
        cid = candidates()[int(args[1])]
        limit = int(args[2]) if len(args) > 2 else 5000
        text = v2.page_text(v2.all_pages()[cid])
        at = text.find("SUBJECT")
        if at > 0:
            text = text.split("\n", 1)[0] + "\n" + text[at:]
        text = re.sub(r"[ \t]+", " ", text)
        text = re.sub(r"\n\s*\n+", "\n", text)
        print(f"=== {args[1]} {cid} ({len(text)} chars)")
        print(text[:limit])
        return
    if args and args[0] == "count":
        for cid, query in zip(args[1::2], args[2::2]):
            miss = v2.missing_words(cid, query)
            print(f"{cid}\t{query}\tmatches={v2.count_matches(query)}\ttarget={'yes' if not miss else 'MISSING ' + ','.join(miss)}")
        return
    kept, dropped = evaluate()
    write_tsv(kept)
    print(f"candidates read {len(DECISIONS)}, kept {len(kept)}, dropped {len(dropped)}: {' '.join(dropped)}")
    summary()


if __name__ == "__main__":
    main()
