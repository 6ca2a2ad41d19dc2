#!/usr/bin/env bash
# The export round trip at scale (issue 16): a synthetic corpus as one JSON Lines file ->
# index -> export for both engines -> index the Quickwit NDJSON -> export again -> the same
# bytes, with the counts checked at every step. Usage: tests/export_roundtrip.sh [COUNT]
# (default 25000); CABLES names the binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-25000}"
target_dir="${CARGO_TARGET_DIR:-target}"
cables="${CABLES:-$target_dir/release/cables}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
  echo "export round trip: $*" >&2
  exit 1
}

step() {
  local started=$SECONDS
  "$@" >/dev/null
  echo "  $(( SECONDS - started )) s: ${*:2:3}" >&2
}

echo "export round trip of $count synthetic cables in $work" >&2
step "$cables" synth --format jsonl --count "$count" --seed 16 --out "$work/synth.jsonl"
step "$cables" index "$work/synth.jsonl" --index "$work/index"
step "$cables" export --index "$work/index" --to "$work/quickwit" --target quickwit
step "$cables" export --index "$work/index" --to "$work/opensearch" --target opensearch
step "$cables" index "$work/quickwit" --index "$work/again"
step "$cables" export --index "$work/again" --to "$work/quickwit-again" --target quickwit

cables_in() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cables"])' "$1/manifest.json"
}
for folder in quickwit opensearch quickwit-again; do
  found="$(cables_in "$work/$folder")"
  [ "$found" = "$count" ] || fail "$folder holds $found cables, not $count"
done
documents="$(cat "$work"/quickwit/cables-*.ndjson | wc -l)"
[ "$documents" = "$count" ] || fail "the Quickwit files hold $documents lines, not $count"
bulk_lines="$(cat "$work"/opensearch/bulk-*.ndjson | wc -l)"
[ "$bulk_lines" = "$(( 2 * count ))" ] || fail "the bulk files hold $bulk_lines lines, not $(( 2 * count ))"
# The bulk documents are the Quickwit documents, in the same order.
cat "$work"/opensearch/bulk-*.ndjson | awk 'NR % 2 == 0' \
  | cmp -s - <(cat "$work"/quickwit/cables-*.ndjson) \
  || fail "the bulk documents differ from the Quickwit documents"
cmp -s <(cat "$work"/quickwit/cables-*.ndjson) <(cat "$work"/quickwit-again/cables-*.ndjson) \
  || fail "the re-export of the round-tripped index differs from the first export"
for file in "$work"/quickwit/*.ndjson "$work"/opensearch/*.ndjson; do
  [ "$(stat -c %s "$file")" -le 100000000 ] || fail "$file is larger than 100 MB"
done
echo "export round trip: $count cables, $(du -sh "$work/quickwit" | cut -f1) of NDJSON, identical after the round trip" >&2
