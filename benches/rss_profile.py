#!/usr/bin/env python3
"""Runs a command and samples its memory from /proc every half second: resident anonymous
memory (heap, the writer's buffers: what the process really holds) apart from resident file
pages (the index files tantivy maps, which the kernel can drop at any time). Prints the peaks
and, with --csv FILE, writes the timeline (seconds, anon MB, file MB).

    benches/rss_profile.py [--csv FILE] -- cables index big.jsonl --index /tmp/big
"""
import argparse
import subprocess
import sys
import time


def sample(pid):
    fields = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile", "RssShmem", "VmHWM", "VmRSS"):
                    fields[key] = int(value.split()[0]) / 1024  # kB -> MB
    except (FileNotFoundError, ProcessLookupError):
        return None
    return fields


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", help="write the timeline here")
    parser.add_argument("--every", type=float, default=0.5, help="seconds between samples")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    started = time.monotonic()
    child = subprocess.Popen(command)
    timeline = []
    peak = {"RssAnon": 0.0, "RssFile": 0.0, "VmRSS": 0.0, "VmHWM": 0.0}
    while child.poll() is None:
        fields = sample(child.pid)
        if fields:
            seconds = time.monotonic() - started
            timeline.append((seconds, fields.get("RssAnon", 0.0), fields.get("RssFile", 0.0)))
            for key in peak:
                peak[key] = max(peak[key], fields.get(key, 0.0))
        time.sleep(args.every)
    wall = time.monotonic() - started
    if args.csv:
        with open(args.csv, "w") as out:
            out.write("seconds,anon_mb,file_mb\n")
            for seconds, anon, file_mb in timeline:
                out.write(f"{seconds:.1f},{anon:.1f},{file_mb:.1f}\n")
    at_peak_anon = max(timeline, key=lambda row: row[1], default=(0, 0, 0))
    print(
        f"wall {wall:.1f} s; peak RSS (VmHWM) {peak['VmHWM']:.0f} MB; peak anonymous "
        f"{peak['RssAnon']:.0f} MB (at {at_peak_anon[0]:.0f} s); peak file-backed "
        f"{peak['RssFile']:.0f} MB; exit {child.returncode}",
        file=sys.stderr,
    )
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
