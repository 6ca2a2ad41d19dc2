#!/usr/bin/env python3
"""Pick the targets of the known-item truth set (seeded, not by hand) and split them once.

160 cable pages are drawn from ../shared/real-corpus/cablegate-2010-html with a fixed seed; a
second draw with another seed puts half of them in the tuning half and half in the test half.
Run from the repository root: python3 tests/relevance/select_known_items.py
"""
import os
import random

SEED_TARGETS = 17_2026
SEED_SPLIT = 17_1130
ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "real-corpus", "cablegate-2010-html")


def main():
    pages = []
    for root, _dirs, files in os.walk(ROOT):
        for name in files:
            if name.endswith(".html"):
                pages.append(os.path.relpath(os.path.join(root, name), ROOT))
    pages.sort()
    targets = sorted(random.Random(SEED_TARGETS).sample(pages, 160))
    tune = set(random.Random(SEED_SPLIT).sample(targets, 80))
    for path in targets:
        cable_id = os.path.basename(path).split(".")[0]
        print(f"{cable_id}\t{'tune' if path in tune else 'test'}\t{path}")


if __name__ == "__main__":
    main()
