#!/usr/bin/env python3
"""Compares two runs of header_fields.py (before, after) on the cables both hold: citation and
TAGS figures per run, and a seeded sample of 20 subjects that changed.

usage: compare_fields.py BEFORE.jsonl AFTER.jsonl
"""
import json
import os
import random
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SHARED = os.path.join(ROOT, "..", "shared")


def load(path):
    with open(path) as f:
        return {row["id"]: row for row in map(json.loads, f)}


def shared_keys():
    keys = set()
    for _root, _dirs, files in os.walk(SHARED):
        for name in files:
            match = re.match(r"^\d{2}([A-Z][A-Z-]*?)\d+\.(html|txt)$", name)
            if match:
                keys.add(match.group(1))
    return keys


def codes():
    with open(os.path.join(ROOT, "data", "tags.tsv")) as f:
        return {line.split("\t")[0] for line in f.read().splitlines()[1:]}


def figures(rows, real_keys, known_codes):
    keys = set()
    for row in rows:
        for ref in row["references"]:
            match = re.match(r"^\d{2}([A-Z][A-Z-]*?)\d+$", ref)
            keys.add(match.group(1) if match else ref)
    tags = {tag for row in rows for tag in row["tags"]}
    return (
        f"cables with citations {sum(1 for r in rows if r['references'])}, citations {sum(len(r['references']) for r in rows)}, "
        f"origin keys {len(keys)} ({len(keys - real_keys)} not a real ID's origin: {sorted(keys - real_keys)}), "
        f"TAGS values {len(tags)} ({len(tags - known_codes)} not in tags.tsv)"
    )


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    common = sorted(set(before) & set(after))
    real_keys, known_codes = shared_keys(), codes()
    print(f"cables in both: {len(common)}")
    print("before:", figures([before[i] for i in common], real_keys, known_codes))
    print("after: ", figures([after[i] for i in common], real_keys, known_codes))
    for field in ("references", "tags", "subject", "classified_by"):
        changed = sum(1 for i in common if before[i][field] != after[i][field])
        print(f"{field}: changed in {changed} cables")
    changed = [i for i in common if before[i]["subject"] != after[i]["subject"]]
    for cable_id in sorted(random.Random(11).sample(changed, min(20, len(changed)))):
        print(f"  {cable_id}: {before[cable_id]['subject']!r}\n    -> {after[cable_id]['subject']!r}")


if __name__ == "__main__":
    main()
