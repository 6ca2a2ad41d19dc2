#!/usr/bin/env bash
# Side by side: cables vs SQLite FTS5, ripgrep and tantivy-cli on one synthetic corpus
# (issue #6 part 4). Run by hand, not in CI. See the "Side by side" section of BENCHMARKS.md.
#
#   benches/peers.sh [COUNT] [WORK]
#
# COUNT  cables to generate with `cables synth --seed 42` (default 25000)
# WORK   scratch folder (default /tmp/cables-peers-COUNT); the corpus, the indexes and the
#        SQLite database go there and are deleted at the end unless KEEP=1.
#
# Environment: CABLES (default target/release/cables), TANTIVY (default: `tantivy` on PATH,
# else /tmp/tantivy-cli/bin/tantivy; install with `cargo install tantivy-cli --root
# /tmp/tantivy-cli`; skipped when missing), RUNS (in-process repetitions, default 20),
# PROC_RUNS (whole-process repetitions, default 5), ONLY (comma list of parts:
# floor,cables,fts5,rg,tantivy), KEEP=1 to keep WORK.
#
# Needs python3 with sqlite3 built with FTS5, and ripgrep (`apt-get install -y ripgrep`).
# Output: WORK/results.json and the Markdown tables on stdout (also in WORK/results.md).
# Duration on 2 busy cores: about 3 minutes for 25000 (PROC_RUNS=10), about 20 minutes and
# 6 GB of WORK space at peak for 251287 (RUNS=10 PROC_RUNS=3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
count="${1:-25000}"
work="${2:-/tmp/cables-peers-$count}"
cables="${CABLES:-$repo/target/release/cables}"
tantivy="${TANTIVY:-$(command -v tantivy || echo /tmp/tantivy-cli/bin/tantivy)}"
runs="${RUNS:-20}"
proc_runs="${PROC_RUNS:-5}"
only="${ONLY:-floor,cables,fts5,rg,tantivy}"

[ -x "$cables" ] || { echo "no cables binary at $cables (cargo build --release)" >&2; exit 2; }
python3 -c 'import sqlite3; c = sqlite3.connect(":memory:"); c.execute("CREATE VIRTUAL TABLE t USING fts5(x)")' \
  || { echo "python3's sqlite3 lacks FTS5" >&2; exit 2; }
command -v rg >/dev/null || echo "ripgrep missing (apt-get install -y ripgrep): its part is skipped" >&2
[ -x "$tantivy" ] || { echo "tantivy-cli missing at $tantivy: its part is skipped" >&2; tantivy=""; }

mkdir -p "$work"
# A private copy: a rebuild of target/release during the run must not change what is measured.
cp "$cables" "$work/cables-bin"; cables="$work/cables-bin"
cleanup() { if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work/corpus" "$work/cables-index" "$work/tantivy" "$work"/fts5.db* "$work"/cables-bench-* "$work/cables-bin"; fi; }
trap cleanup EXIT

echo "code: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src || echo ' + uncommitted src changes')" >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ ! -d "$work/corpus/cables" ]; then
  "$cables" synth --out "$work/corpus" --count "$count" --seed 42 >&2
fi
# Warm the page cache: every tool then reads the corpus from memory.
find "$work/corpus/cables" -type f -name '*.txt' -print0 | xargs -0 cat > /dev/null

python3 "$here/peers.py" run --corpus "$work/corpus/cables" --work "$work" --cables "$cables" \
  --queries "$repo/benches/queries.txt" ${tantivy:+--tantivy "$tantivy"} \
  --runs "$runs" --proc-runs "$proc_runs" --only "$only" --out "$work/results.json" \
  | tee "$work/results.md"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
