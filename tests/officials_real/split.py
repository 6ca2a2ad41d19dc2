#!/usr/bin/env python3
"""Split the evaluation cables into a dev half and a held-out half (seeded, not by hand).

Rules are developed by reading misses and false names on the dev half only; the held-out half
is measured, never read. Stratified by era so both halves hold ALL CAPS telegrams: half of each
era's IDs (sorted, then drawn with random.Random(SEED).sample) go to dev. Run from the
repository root: python3 tests/officials_real/split.py > tests/officials_real/split.tsv
"""
import os
import random
import sys

SEED = 12
FILES = os.path.join(os.path.dirname(__file__), "files.tsv")


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(FILES, encoding="utf-8") if line.strip()]
    rng = random.Random(SEED)
    dev = set()
    for era in ("before1995", "1995on"):
        ids = sorted(cable_id for cable_id, row_era, _path in rows if row_era == era)
        dev.update(rng.sample(ids, len(ids) // 2))
    for cable_id, _era, _path in rows:
        print(f"{cable_id}\t{'dev' if cable_id in dev else 'heldout'}")


if __name__ == "__main__":
    sys.exit(main())
