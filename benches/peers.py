#!/usr/bin/env python3
"""Side-by-side benchmark helper for benches/peers.sh (issue #6 part 4).

Measures, on one corpus of `cables synth` files and the query mix of benches/queries.txt:
cables (bench + index/search processes), SQLite FTS5 (python3 sqlite3), ripgrep pipelines,
tantivy-cli, and a floor (cat, one tokenizer pass). Writes one JSON file, then renders
Markdown tables with ratios against cables.

  peers.py run   --corpus DIR/cables --work DIR --cables BIN --queries FILE [--tantivy BIN]
                 [--runs R] [--proc-runs P] --out results.json
  peers.py table results.json

Run by hand (not in CI); see benches/peers.sh.
"""
import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

# The query mix: class -> how each tool says it. Same classes as benches/queries.txt (the
# `all` class and most +facets+date variants have no ripgrep/tantivy-cli form and are left out
# there). FTS5 match strings use FTS5 syntax; tag queries go to the tag table instead.
DATE_LO, DATE_HI = "2005", "2010"  # created in 2005..2009, as from=2005 to=2009
QUERIES = [
    # class, cables query, fts5 match (None = tag), tantivy-cli query, rg kind + args
    ("and2", "smuggling trafficking", "smuggling trafficking", "+smuggling +trafficking", ("and", "smuggling", "trafficking")),
    ("rare", "xqseven", "xqseven", "xqseven", ("word", "xqseven")),
    ("sparse", "xqcentum", "xqcentum", "xqcentum", ("word", "xqcentum")),
    ("common", "embassy", "embassy", "embassy", ("word", "embassy")),
    ("phrase", '"amber falcon protocol"', '"amber falcon protocol"', '"amber falcon protocol"', ("phrase", "amber", "falcon", "protocol")),
    ("not", "embassy NOT minister", "embassy NOT minister", "+embassy -minister", ("not", "embassy", "minister")),
    ("or", "smuggling OR narcotics", "smuggling OR narcotics", "smuggling OR narcotics", ("or", "smuggling", "narcotics")),
    ("field", "tag:KTIP", None, "tags:KTIP", ("tag", "KTIP")),
]
FACETED = "and2"  # the class also run as +facets+date by every tool that can


def now():
    return time.perf_counter()


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def p50(times):
    # nearest-rank, as src/bench.rs
    s = sorted(times)
    rank = max(1, -(-len(s) * 50 // 100))
    return s[rank - 1]


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_process(cmd, runs, shell=False, env=None, capture=False):
    """Wall ms of a whole process (or bash pipeline): one untimed run, then `runs`; p50."""
    out = None
    times = []
    for i in range(runs + 1):
        t = now()
        r = subprocess.run(cmd, shell=shell, executable="/bin/bash" if shell else None,
                           stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=env)
        el = (now() - t) * 1000
        if r.returncode not in (0, 1):
            raise RuntimeError(f"{cmd!r} failed ({r.returncode}): {r.stderr.decode()[:500]}")
        if capture and out is None:
            out = r.stdout.decode("utf-8", "replace")
        if i > 0:
            times.append(el)
    return p50(times), out


def list_files(corpus):
    files = []
    for root, _, names in os.walk(corpus):
        files.extend(os.path.join(root, n) for n in names if n.endswith(".txt"))
    files.sort()
    return files


# ---------------------------------------------------------------------------- parsing

def parse_cable(text):
    """Two-row TAB header (id, created, released, classification, origin), TAGS line,
    SUBJECT line; body = every other line after the header."""
    lines = text.split("\n")
    head = lines[1].split("\t")
    tags, subject, body = [], "", []
    for line in lines[2:]:
        if not tags and line.startswith("TAGS:"):
            tags = line[5:].split()
        elif not subject and line.startswith("SUBJECT:"):
            subject = line[8:].strip()
        else:
            body.append(line)
    return {"id": head[0], "created": head[1], "classification": head[3], "origin": head[4],
            "tags": tags, "subject": subject, "body": "\n".join(body)}


# ---------------------------------------------------------------------------- floor

def run_floor(files, corpus, res):
    la = loadavg()
    cat_ms, _ = timed_process(f"find {corpus} -type f -name '*.txt' -print0 | xargs -0 cat > /dev/null", 3, shell=True)
    wc_ms, _ = timed_process(f"find {corpus} -type f -name '*.txt' -print0 | xargs -0 cat | tr -cs '[:alnum:]' '\\n' | wc -l > /dev/null", 1, shell=True)
    t = now()
    c0 = time.process_time()
    words = 0
    rx = re.compile(r"\w+")
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            words += len(rx.findall(fh.read().lower()))
    py_s = now() - t
    py_cpu = time.process_time() - c0
    t = now()
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            parse_cable(fh.read())
    parse_s = now() - t
    res["floor"] = {"load_average": la, "cat_s": cat_ms / 1000, "tr_wc_s": wc_ms / 1000,
                    "py_tokenize_s": py_s, "py_tokenize_cpu_s": py_cpu, "words": words,
                    "py_parse_s": parse_s}
    print(f"floor: cat {cat_ms/1000:.2f} s, tr|wc {wc_ms/1000:.2f} s, python tokenize {py_s:.2f} s "
          f"({words} words), python header parse {parse_s:.2f} s (load {la})", file=sys.stderr)


# ---------------------------------------------------------------------------- cables

def run_cables(args, res):
    env = dict(os.environ, TMPDIR=args.work)
    la = loadavg()
    t = now()
    r = subprocess.run([args.cables, "bench", "--corpus", args.corpus, "--queries", args.queries,
                        "--runs", str(args.runs), "--format", "json"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, check=True)
    bench = json.loads(r.stdout)
    print(f"cables bench: {now()-t:.1f} s (load {la})", file=sys.stderr)
    out = {"load_average": la, "bench": bench}

    # Whole processes: `cables index` into a fresh folder, then `cables search` per query.
    idx = os.path.join(args.work, "cables-index")
    shutil.rmtree(idx, ignore_errors=True)
    la = loadavg()
    c0 = children_cpu()
    t = now()
    subprocess.run([args.cables, "index", args.corpus, "--index", idx, "--format", "json"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    out["index_process"] = {"seconds": now() - t, "cpu_seconds": children_cpu() - c0,
                            "load_average": la, "index_bytes": dir_bytes(idx)}
    print(f"cables index process: {out['index_process']['seconds']:.1f} s", file=sys.stderr)
    procs = {}
    la = loadavg()
    for cls, cq, *_ in QUERIES:
        ms, ids = timed_process([args.cables, "search", cq, "--index", idx, "--format", "ids"], args.proc_runs, capture=True)
        procs[cls] = {"p50_ms": ms}
    ms, _ = timed_process([args.cables, "search", "smuggling trafficking", "--index", idx, "--format", "ids",
                           "--facet", "tag,origin,classification,year,official", "--from", "2005", "--to", "2009",
                           "--sort", "newest"], args.proc_runs)
    procs[FACETED + "+facets+date"] = {"p50_ms": ms}
    out["search_process"] = {"load_average": la, "runs": args.proc_runs, "queries": procs}
    shutil.rmtree(idx, ignore_errors=True)
    res["cables"] = out


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(r, n)) for r, _, ns in os.walk(path) for n in ns)


# ---------------------------------------------------------------------------- SQLite FTS5

def run_fts5(args, files, res):
    db = os.path.join(args.work, "fts5.db")
    for suffix in ("", "-journal", "-wal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    la = loadavg()
    con = sqlite3.connect(db)
    con.execute("PRAGMA cache_size=-262144")  # 256 MB page cache
    con.execute("CREATE TABLE cables(rowid INTEGER PRIMARY KEY, id TEXT, created TEXT, year INTEGER,"
                " origin TEXT, classification TEXT)")
    con.execute("CREATE TABLE cable_tags(cable INTEGER, tag TEXT, PRIMARY KEY (cable, tag)) WITHOUT ROWID")
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(subject, body,"
                " tokenize='porter unicode61 remove_diacritics 2')")
    parse_s = 0.0
    c0 = time.process_time()
    t = now()
    with con:
        for rowid, f in enumerate(files, 1):
            p0 = now()
            with open(f, encoding="utf-8", errors="replace") as fh:
                c = parse_cable(fh.read())
            parse_s += now() - p0
            con.execute("INSERT INTO cables VALUES (?,?,?,?,?,?)",
                        (rowid, c["id"], c["created"], int(c["created"][:4]), c["origin"], c["classification"]))
            con.executemany("INSERT OR IGNORE INTO cable_tags VALUES (?,?)", [(rowid, tag) for tag in c["tags"]])
            con.execute("INSERT INTO fts(rowid, subject, body) VALUES (?,?,?)", (rowid, c["subject"], c["body"]))
        con.execute("CREATE INDEX cable_tags_tag ON cable_tags(tag)")
        con.execute("CREATE INDEX cables_created ON cables(created)")
    load_s = now() - t
    t = now()
    with con:
        con.execute("INSERT INTO fts(fts) VALUES('optimize')")
    optimize_s = now() - t
    cpu = time.process_time() - c0
    con.execute("CREATE TEMP TABLE m(rowid INTEGER PRIMARY KEY)")
    out = {"load_average": la, "load_s": load_s, "parse_s": parse_s, "optimize_s": optimize_s,
           "cpu_seconds": cpu, "db_bytes": os.path.getsize(db), "sqlite": sqlite3.sqlite_version}
    print(f"fts5: load {load_s:.1f} s (python parse {parse_s:.1f} s), optimize {optimize_s:.1f} s", file=sys.stderr)

    def plain(match):
        if match is None:  # tag query: the plain tag table, no ranking (constant score)
            top = con.execute("SELECT c.id FROM cable_tags t JOIN cables c ON c.rowid = t.cable"
                              " WHERE t.tag = ? LIMIT 10", ("KTIP",)).fetchall()
            n = con.execute("SELECT count(*) FROM cable_tags WHERE tag = ?", ("KTIP",)).fetchone()[0]
            return n
        top = con.execute("SELECT c.id, snippet(fts, 1, '<b>', '</b>', '...', 16) FROM fts"
                          " JOIN cables c ON c.rowid = fts.rowid WHERE fts MATCH ?"
                          " ORDER BY bm25(fts) LIMIT 10", (match,)).fetchall()
        n = con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0]
        return n

    def faceted(match):
        # match set with the date filter, materialised once; then count, top 10 newest and
        # the four facets (cables also counts officials, which this table does not have)
        con.execute("DELETE FROM m")
        if match is None:
            sub, param = "SELECT cable FROM cable_tags WHERE tag = ?", "KTIP"
        else:
            sub, param = "SELECT rowid FROM fts WHERE fts MATCH ?", match
        con.execute(f"INSERT INTO m SELECT c.rowid FROM cables c WHERE c.rowid IN ({sub})"
                    " AND c.created >= ? AND c.created < ?", (param, DATE_LO, DATE_HI))
        n = con.execute("SELECT count(*) FROM m").fetchone()[0]
        con.execute("SELECT c.id FROM m JOIN cables c ON c.rowid = m.rowid"
                    " ORDER BY c.created DESC LIMIT 10").fetchall()
        con.execute("SELECT t.tag, count(*) AS n FROM m CROSS JOIN cable_tags t ON t.cable = m.rowid"
                    " GROUP BY t.tag ORDER BY n DESC LIMIT 10").fetchall()
        for col in ("origin", "classification", "year"):
            con.execute(f"SELECT c.{col}, count(*) AS n FROM m JOIN cables c ON c.rowid = m.rowid"
                        f" GROUP BY c.{col} ORDER BY n DESC LIMIT 10").fetchall()
        return n

    queries = {}
    la = loadavg()
    jobs = [(cls, plain, match) for cls, _, match, *_ in QUERIES]
    jobs += [(cls + "+facets+date", faceted, match) for cls, _, match, *_ in QUERIES]
    for cls, fn, match in jobs:
        hits = fn(match)  # untimed first run
        times = []
        for _ in range(args.runs):
            t = now()
            fn(match)
            times.append((now() - t) * 1000)
        queries[cls] = {"hits": hits, "p50_ms": p50(times)}
    out["queries"] = queries
    out["queries_load_average"] = la
    con.close()
    os.remove(db)
    res["fts5"] = out


# ---------------------------------------------------------------------------- ripgrep

def rg_pipeline(kind, corpus, terms, dirs=None):
    where = " ".join(dirs) if dirs else corpus
    w = lambda term: f"rg -l -i -w {term} {where}"
    if kind == "word":
        return w(terms[0])
    if kind == "and":
        return f"comm -12 <({w(terms[0])} | sort) <({w(terms[1])} | sort)"
    if kind == "not":
        return f"comm -23 <({w(terms[0])} | sort) <({w(terms[1])} | sort)"
    if kind == "or":
        return f"rg -l -i -w -e {terms[0]} -e {terms[1]} {where}"
    if kind == "phrase":  # across line breaks too
        pattern = r"\s+".join(terms)
        return f"rg -l -i -w -U '{pattern}' {where}"
    if kind == "tag":
        return f"rg -l '^TAGS:.*\\b{terms[0]}\\b' {where}"
    raise ValueError(kind)


FACET_AWK = (r"""awk -F'\t' 'FNR==2{print "y:" substr($2,1,4); print "c:" $4; print "o:" $5}"""
             r""" /^TAGS:/{n=split(substr($0,6),t," "); for(i=1;i<=n;i++) print "t:" t[i]; nextfile}'""")


def run_rg(args, res):
    if not shutil.which("rg"):
        res["rg"] = None
        return
    la = loadavg()
    version = subprocess.run(["rg", "--version"], stdout=subprocess.PIPE).stdout.decode().split("\n")[0]
    queries = {}
    for cls, _, _, _, (kind, *terms) in QUERIES:
        cmd = rg_pipeline(kind, args.corpus, terms)
        ms, out = timed_process(cmd, args.proc_runs, shell=True, capture=True)
        queries[cls] = {"p50_ms": ms, "hits": len(out.splitlines()), "command": cmd}
    # and2 + facets + date: the date filter is the year folders; the facets one awk pass
    # over the matching files (year, classification, origin, tags), counted by sort | uniq -c
    dirs = [os.path.join(args.corpus, str(y)) for y in range(2005, 2010)
            if os.path.isdir(os.path.join(args.corpus, str(y)))]
    base = rg_pipeline("and", args.corpus, ["smuggling", "trafficking"], dirs)
    cmd = f"{base} | xargs -r {FACET_AWK} | sort | uniq -c | sort -rn"
    ms, out = timed_process(cmd, args.proc_runs, shell=True, capture=True)
    hits = sum(int(l.split()[0]) for l in out.splitlines() if l.split()[1].startswith("y:"))
    queries[FACETED + "+facets+date"] = {"p50_ms": ms, "hits": hits, "command": cmd}
    res["rg"] = {"load_average": la, "version": version, "runs": args.proc_runs, "queries": queries}
    print("rg: " + ", ".join(f"{k} {v['p50_ms']:.0f} ms" for k, v in queries.items()), file=sys.stderr)


# ---------------------------------------------------------------------------- tantivy-cli

def text_field(name, tokenizer, positions, fast=False, stored=True):
    indexing = None if tokenizer is None else {
        "record": "position" if positions else "basic", "fieldnorms": positions, "tokenizer": tokenizer}
    return {"name": name, "type": "text", "options": {"indexing": indexing, "stored": stored, "fast": fast}}


def tantivy_schema(words):
    """Our fields for tantivy-cli; `words` is the tokenizer of subject and body."""
    return [
    text_field("id", None, False),
    {"name": "created", "type": "date", "options": {"indexed": False, "fieldnorms": False, "fast": True,
                                                     "stored": True, "precision": "seconds"}},
    {"name": "year", "type": "u64", "options": {"indexed": False, "fieldnorms": False, "fast": True, "stored": False}},
    text_field("classification", "raw", False, fast=True),
    text_field("origin", "raw", False, fast=True),
    text_field("tags", "raw", False, fast=True),
    text_field("subject", words, True),
    text_field("body", words, True),
    ]
TANTIVY_DATE = "created:[2005-01-01T00:00:00Z TO 2010-01-01T00:00:00Z}"
TANTIVY_AGGS = {k: {"terms": {"field": k, "size": 10}} for k in ("tags", "origin", "classification", "year")}


def run_tantivy(args, files, res, words="en_stem", key="tantivy_cli", queries=True):
    """tantivy-cli indexing the same cables (subject and body analysed by `words`), and with
    `queries` its in-process and whole-process query times."""
    if not args.tantivy or not os.path.exists(args.tantivy):
        res[key] = None
        print("tantivy-cli: not available, skipped", file=sys.stderr)
        return
    tdir = os.path.join(args.work, "tantivy")
    shutil.rmtree(tdir, ignore_errors=True)
    idx = os.path.join(tdir, "index")
    os.makedirs(idx)
    jsonl = os.path.join(tdir, "docs.jsonl")
    t = now()
    with open(jsonl, "w") as out:  # conversion: not timed in the comparison
        for f in files:
            with open(f, encoding="utf-8", errors="replace") as fh:
                c = parse_cable(fh.read())
            doc = {"id": c["id"], "created": c["created"].replace(" ", "T") + ":00Z", "year": int(c["created"][:4]),
                   "classification": c["classification"], "origin": c["origin"], "tags": c["tags"],
                   "subject": c["subject"], "body": c["body"]}
            out.write(json.dumps(doc) + "\n")
    convert_s = now() - t
    with open(os.path.join(idx, "meta.json"), "w") as m:
        json.dump({"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
                   "segments": [], "schema": tantivy_schema(words), "opstamp": 0}, m)
    la = loadavg()
    c0 = children_cpu()
    t = now()
    r = subprocess.run([args.tantivy, "index", "-i", idx, "-f", jsonl, "-t", "2", "-m", str(512 * 1000 * 1000)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    index_s = now() - t
    cpu = children_cpu() - c0
    if r.returncode != 0:
        raise RuntimeError("tantivy index failed: " + r.stderr.decode()[-2000:])
    out = {"load_average": la, "convert_s": convert_s, "jsonl_bytes": os.path.getsize(jsonl),
           "index_s": index_s, "cpu_seconds": cpu, "index_bytes": dir_bytes(idx)}
    os.remove(jsonl)
    print(f"tantivy-cli ({words}): index {index_s:.1f} s", file=sys.stderr)
    if not queries:
        res[key] = out
        shutil.rmtree(tdir, ignore_errors=True)
        return

    # in-process: `tantivy bench` (TopDocs(10) + Count per query; then fetching the 10 docs)
    qs = [(cls, tq) for cls, _, _, tq, _ in QUERIES]
    qs.append((FACETED + "+date", f"+smuggling +trafficking +{TANTIVY_DATE}"))
    qfile = os.path.join(tdir, "queries.txt")
    with open(qfile, "w") as f:
        f.write("".join(q + "\n" for _, q in qs))
    la = loadavg()
    r = subprocess.run([args.tantivy, "bench", "-i", idx, "-q", qfile, "-n", str(args.runs + 1)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    search, fetch, section = {}, {}, None
    for line in r.stdout.decode().splitlines():
        if line.startswith("SEARCH"):
            section = search
        elif line.startswith("FETCH STORE"):
            section = fetch
        elif section is not None and "\t" in line and not line.startswith("query\t"):
            parts = line.split("\t")
            section.setdefault(parts[0], []).append(float(parts[-1]) / 1000)
            if section is search:
                section.setdefault(parts[0] + "#hits", parts[1])
    queries = {}
    for cls, q in qs:
        s = search[q][1:]  # drop the first (cold) repetition
        ft = fetch[q][1:]
        queries[cls] = {"hits": int(search[q + "#hits"]), "search_p50_ms": p50(s), "fetch10_p50_ms": p50(ft),
                        "p50_ms": p50(s) + p50(ft)}
    # whole process: `tantivy search` prints every matching document (no top-k, no ranking)
    for cls, q in qs:
        ms, _ = timed_process([args.tantivy, "search", "-i", idx, "-q", q], args.proc_runs)
        queries[cls]["process_p50_ms"] = ms
    ms, _ = timed_process([args.tantivy, "search", "-i", idx, "-q", f"+smuggling +trafficking +{TANTIVY_DATE}",
                           "-a", json.dumps(TANTIVY_AGGS)], args.proc_runs)
    queries[FACETED + "+facets+date"] = {"process_p50_ms": ms}
    out["queries"] = queries
    out["queries_load_average"] = la
    res["tantivy_cli"] = out
    shutil.rmtree(tdir, ignore_errors=True)


# ---------------------------------------------------------------------------- tables

def fmt(x, d=2):
    return "-" if x is None else f"{x:,.{d}f}"


def ratio(x, base):
    return "-" if x is None or not base else f"{x / base:.2f}x"


def table(res):
    lines = []
    mb = res["corpus"]["bytes"] / 1e6
    c = res["cables"]
    b = c["bench"]
    fl = res["floor"]
    lines.append(f"Corpus: {res['corpus']['files']:,} cables, {mb:.1f} MB. Load average at the start: "
                 f"{res['load_average']}. Query runs in-process: {res['runs']}; whole-process runs: {res['proc_runs']}.")
    lines.append("")
    lines.append("Indexing (ratio = time / cables' time; above 1 is slower than cables):")
    lines.append("")
    lines.append("| tool | what is timed | seconds | MB/s | CPU s | index MB | vs cables | load |")
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    base = b["index"]["seconds"]
    rows = [("cables bench", "`build_index` in-process", base, b["index"]["cpu_seconds"], b["index"]["index_bytes"], c["load_average"]),
            ("cables index", "whole process", c["index_process"]["seconds"], c["index_process"]["cpu_seconds"],
             c["index_process"]["index_bytes"], c["index_process"]["load_average"])]
    f5 = res.get("fts5")
    if f5:
        rows.append(("SQLite FTS5", "python: read, parse, INSERT, COMMIT (1 thread)", f5["load_s"], None, None, f5["load_average"]))
        rows.append(("SQLite FTS5", "+ `optimize` (merge to one b-tree)", f5["load_s"] + f5["optimize_s"], f5["cpu_seconds"], f5["db_bytes"], None))
    tc = res.get("tantivy_cli")
    if tc:
        rows.append(("tantivy-cli", "`tantivy index -t 2`, `en_stem` (JSON in, merges waited)", tc["index_s"], tc["cpu_seconds"], tc["index_bytes"], tc["load_average"]))
    td = res.get("tantivy_cli_default")
    if td:
        rows.append(("tantivy-cli", "the same, `default` tokenizer (no stemming)", td["index_s"], td["cpu_seconds"], td["index_bytes"], td["load_average"]))
    rows.append(("floor: cat", "all files to /dev/null (page cache)", fl["cat_s"], None, None, fl["load_average"]))
    rows.append(("floor: tr \\| wc", "cat \\| tr -cs [:alnum:] \\| wc -l", fl["tr_wc_s"], None, None, None))
    rows.append(("floor: python", "`re.findall(r'\\w+', text.lower())`", fl["py_tokenize_s"], fl["py_tokenize_cpu_s"], None, None))
    for name, what, s, cpu, size, la in rows:
        lines.append(f"| {name} | {what} | {fmt(s)} | {fmt(mb / s, 1)} | {fmt(cpu, 1)} | "
                     f"{fmt(size / 1e6 if size else None, 1)} | {ratio(s, base)} | {fmt(la, 1) if la is not None else ''} |")
    lines.append("")
    lines.append("Queries in-process, p50 ms (ratio = peer / cables; below 1 the peer is faster):")
    lines.append("")
    lines.append("| class | cables | FTS5 | FTS5 vs cables | tantivy-cli | tantivy-cli vs cables | hits cables / FTS5 / tantivy-cli |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    cq = {q["class"]: q for q in b["queries"]}
    classes = [q[0] for q in QUERIES] + [q[0] + "+facets+date" for q in QUERIES]
    for cls in classes:
        cb = cq.get(cls)
        fq = (f5 or {}).get("queries", {}).get(cls)
        tq = (tc or {}).get("queries", {}).get(cls) if tc else None
        tp = tq.get("p50_ms") if tq else None
        hits = " / ".join("-" if x is None else str(x) for x in (cb and cb["hits"], fq and fq["hits"], tq and tq.get("hits")))
        lines.append(f"| {cls} | {fmt(cb and cb['p50_ms'])} | {fmt(fq and fq['p50_ms'])} | {ratio(fq and fq['p50_ms'], cb and cb['p50_ms'])} | "
                     f"{fmt(tp)} | {ratio(tp, cb and cb['p50_ms'])} | {hits} |")
    if tc and FACETED + "+date" in tc["queries"]:
        tq = tc["queries"][FACETED + "+date"]
        lines.append(f"| {FACETED}+date (no facets) | - | - | - | {fmt(tq['p50_ms'])} | - | - / - / {tq['hits']} |")
    lines.append("")
    lines.append("Whole process, p50 ms (ratio = peer / `cables search --format ids`):")
    lines.append("")
    lines.append("| class | cables search | ripgrep | rg vs cables | rg hits | tantivy search | tantivy vs cables |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    sp = c["search_process"]["queries"]
    rq = (res.get("rg") or {}).get("queries", {})
    for cls in [q[0] for q in QUERIES] + [FACETED + "+facets+date"]:
        cm = sp.get(cls, {}).get("p50_ms")
        r = rq.get(cls)
        tq = (tc or {}).get("queries", {}).get(cls) if tc else None
        tp = tq.get("process_p50_ms") if tq else None
        lines.append(f"| {cls} | {fmt(cm, 1)} | {fmt(r and r['p50_ms'], 1)} | {ratio(r and r['p50_ms'], cm)} | "
                     f"{r['hits'] if r else '-'} | {fmt(tp, 1)} | {ratio(tp, cm)} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--corpus", required=True, help="the cables/ folder of a `cables synth` output")
    r.add_argument("--work", required=True, help="scratch folder for indexes and databases")
    r.add_argument("--cables", required=True)
    r.add_argument("--queries", required=True, help="benches/queries.txt")
    r.add_argument("--tantivy", default=None)
    r.add_argument("--runs", type=int, default=20)
    r.add_argument("--proc-runs", type=int, default=5)
    r.add_argument("--only", default="floor,cables,fts5,rg,tantivy")
    r.add_argument("--out", required=True)
    t = sub.add_parser("table")
    t.add_argument("results")
    a = ap.parse_args()
    if a.cmd == "table":
        with open(a.results) as f:
            print(table(json.load(f)))
        return
    os.makedirs(a.work, exist_ok=True)
    res = {"load_average": loadavg(), "runs": a.runs, "proc_runs": a.proc_runs,
           "started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "corpus_path": a.corpus}
    if os.path.exists(a.out):  # resume: keep parts measured earlier
        with open(a.out) as f:
            res = {**json.load(f), **{k: v for k, v in res.items() if k not in ("load_average", "started")}}
    files = list_files(a.corpus)
    res["corpus"] = {"files": len(files), "bytes": sum(os.path.getsize(f) for f in files)}
    only = a.only.split(",")
    steps = [("floor", lambda: run_floor(files, a.corpus, res)), ("cables", lambda: run_cables(a, res)),
             ("fts5", lambda: run_fts5(a, files, res)), ("rg", lambda: run_rg(a, res)),
             ("tantivy", lambda: (run_tantivy(a, files, res, "default", "tantivy_cli_default", False),
                                  run_tantivy(a, files, res)))]
    for name, step in steps:
        if name in only:
            step()
            with open(a.out, "w") as f:  # save after every part
                json.dump(res, f, indent=1)
    print(table(res))


if __name__ == "__main__":
    main()
