#!/usr/bin/env python3
"""Pick the real-cable sample for the officials evaluation (seeded, not by hand).

Pool: every cable file under ../shared (real-corpus pages, real-cables, real-formats), one entry
per reference ID (the source file of an ID seen in several places is drawn with the same seed).
Stratified by era so ALL CAPS telegrams are represented: 24 cables created before 1995 and 64
from 1995 on. Run from the repository root: python3 tests/officials_real/select.py > tests/officials_real/files.tsv

A second, fresh sample (`--fresh`, session 6) measures rules shaped on the first 88: 48 more cables
drawn with FRESH_SEED from the IDs the first draw left (the one pre-1995 cable left, then 1995 on).
It is appended to files.tsv and marked `fresh` in split.tsv:
python3 tests/officials_real/select.py --fresh >> tests/officials_real/files.tsv
"""
import os
import random
import sys

SEED = 20261130
FRESH_SEED = 20261130_6
FRESH_COUNT = 48
SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")


def pool():
    by_id = {}
    for sub in ("real-corpus", "real-cables", "real-formats"):
        for root, _dirs, files in os.walk(os.path.join(SHARED, sub)):
            for name in files:
                if name == "SOURCES.md" or name.startswith("."):
                    continue
                cable_id = name.split(".")[0]
                rel = os.path.relpath(os.path.join(root, name), SHARED)
                by_id.setdefault(cable_id, []).append(rel)
    return by_id


def era(cable_id):
    yy = int(cable_id[:2])
    return "before1995" if 66 <= yy <= 94 else "1995on"


def first_draw(by_id):
    """The first 88 cables: (era, ID, path), as files.tsv lists them first."""
    rng = random.Random(SEED)
    ids = sorted(by_id)
    chosen = []
    for wanted, count in (("before1995", 24), ("1995on", 64)):
        stratum = [i for i in ids if era(i) == wanted]
        for cable_id in sorted(rng.sample(stratum, min(count, len(stratum)))):
            chosen.append((wanted, cable_id, rng.choice(sorted(by_id[cable_id]))))
    return chosen


def fresh_draw(by_id):
    """The 48 more of session 6, from the IDs the first draw left: (era, ID, path)."""
    taken = {cable_id for _era, cable_id, _path in first_draw(by_id)}
    rng = random.Random(FRESH_SEED)
    ids = [i for i in sorted(by_id) if i not in taken]
    chosen = []
    left = FRESH_COUNT
    for wanted in ("before1995", "1995on"):
        stratum = [i for i in ids if era(i) == wanted]
        picked = sorted(rng.sample(stratum, min(left, len(stratum))))
        left -= len(picked)
        for cable_id in picked:
            chosen.append((wanted, cable_id, rng.choice(sorted(by_id[cable_id]))))
    return chosen


def main():
    by_id = pool()
    draw = fresh_draw if sys.argv[1:] == ["--fresh"] else first_draw
    for wanted, cable_id, path in draw(by_id):
        print(f"{cable_id}\t{wanted}\t{path}")


if __name__ == "__main__":
    sys.exit(main())
