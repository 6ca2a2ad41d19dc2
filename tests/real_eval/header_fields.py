#!/usr/bin/env python3
"""Header fields on real cables: what `cables` reads from REF, TAGS and SUBJECT lines.

Indexes ../shared/real-corpus/cablegate-2010-html and ../shared/real-formats/dump-5line with the
given binary and prints: cables with citations, distinct origin keys the citations use (and how
many are not the origin of any real reference ID), distinct TAGS values (and how many are not in
the code list), and writes every cable's fields as JSON Lines for comparing two builds.

usage: header_fields.py CABLES_BINARY OUT.jsonl
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SHARED = os.path.join(ROOT, "..", "shared")


def real_origins():
    keys = set()
    for root, _dirs, files in os.walk(SHARED):
        for name in files:
            match = re.match(r"^\d{2}([A-Z][A-Z-]*?)\d+\.(html|txt)$", name)
            if match:
                keys.add(match.group(1))
    listed = set()
    with open(os.path.join(ROOT, "data", "origins.txt")) as f:
        listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    return keys, listed


def codes():
    out = set()
    with open(os.path.join(ROOT, "data", "tags.tsv")) as f:
        out |= {line.split("\t")[0] for line in f.read().splitlines()[1:]}
    return out


def main():
    binary, out_path = sys.argv[1], sys.argv[2]
    shared_keys, listed_keys = real_origins()
    known_codes = codes()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in ("real-corpus/cablegate-2010-html", "real-formats/dump-5line"):
            index = os.path.join(tmp, corpus.replace("/", "_"))
            subprocess.run([binary, "index", os.path.join(SHARED, corpus), "--index", index],
                           check=False, capture_output=True)
            ids = subprocess.run([binary, "search", "*", "--all", "--format", "ids", "--index", index],
                                 capture_output=True, text=True).stdout.split()
            for cable_id in ids:
                shown = subprocess.run([binary, "show", cable_id, "--format", "json", "--index", index],
                                       capture_output=True, text=True)
                record = json.loads(shown.stdout)
                rows.append({k: record.get(k) for k in ("id", "subject", "tags", "references", "classified_by", "officials")} | {"corpus": corpus})
    with open(out_path, "w") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    cited = [row for row in rows if row["references"]]
    keys = set()
    for row in cited:
        for ref in row["references"]:
            match = re.match(r"^\d{2}([A-Z][A-Z-]*?)\d+$", ref)
            keys.add(match.group(1) if match else ref)
    tags = {tag for row in rows for tag in row["tags"]}
    print(f"cables: {len(rows)}")
    print(f"cables with citations: {len(cited)}; citations: {sum(len(r['references']) for r in cited)}")
    print(f"distinct citation origin keys: {len(keys)}; not a real ID's origin in ../shared: {len(keys - shared_keys)}; "
          f"not in data/origins.txt either: {len(keys - shared_keys - listed_keys)} {sorted(keys - shared_keys - listed_keys)[:40]}")
    print(f"distinct TAGS values: {len(tags)}; not in tags.tsv: {len(tags - known_codes)} {sorted(tags - known_codes)[:60]}")
    print(f"cables with a subject: {sum(1 for r in rows if r['subject'])}; with Classified By: {sum(1 for r in rows if r['classified_by'])}")


if __name__ == "__main__":
    main()
