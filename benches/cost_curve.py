#!/usr/bin/env python3
"""The cost curve of issue 16: `cables bench --format json` runs at several corpus sizes ->
a Markdown table and an SVG picture (no plotting library needed).

    benches/cost_curve.py OUT.svg BENCH.json [BENCH.json ...] > table.md

Each BENCH.json is the output of `cables bench --corpus DIR --format json` (or of
`--synth N`). The picture has two panels on log-log axes against the number of cables:
indexing cost per cable (CPU microseconds and wall microseconds) and the query p50 of every
class, so linear growth is a flat line on the left and a slope-1 line on the right.
"""
import json
import math
import sys

WIDTH, HEIGHT, PAD = 980, 420, 60
PANEL = (WIDTH - 3 * PAD) / 2
COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
          "#7f7f7f", "#bcbd22", "#17becf"]


def load(paths):
    runs = []
    for path in paths:
        with open(path) as f:
            bench = json.load(f)
        runs.append(bench)
    runs.sort(key=lambda b: b["corpus"]["cables"])
    return runs


def table(runs):
    lines = ["| cables | MB | index wall s | CPU s | us/cable (CPU) | peak RSS MB | index MB | load |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for b in runs:
        n = b["corpus"]["cables"]
        ix = b["index"]
        cpu = ix.get("cpu_seconds") or float("nan")
        rss = (ix.get("peak_rss_bytes") or 0) / 1e6
        lines.append(f"| {n:,} | {b['corpus']['bytes'] / 1e6:,.1f} | {ix['seconds']:,.1f} | {cpu:,.1f} | "
                     f"{cpu / n * 1e6:,.0f} | {rss:,.0f} | {ix['index_bytes'] / 1e6:,.0f} | {b.get('load_average', '')} |")
    lines.append("")
    classes = [q["class"] for q in runs[0]["queries"]]
    head = "| class | " + " | ".join(f"{b['corpus']['cables']:,} p50 / p95 ms" for b in runs) + " | growth of p50, last step |"
    lines += [head, "|" + " --- |" * (len(runs) + 2)]
    for cls in classes:
        cells, p50s = [], []
        for b in runs:
            q = next((q for q in b["queries"] if q["class"] == cls), None)
            if q is None:
                cells.append("-")
                continue
            p50s.append(q["p50_ms"])
            cells.append(f"{q['p50_ms']:.2f} / {q['p95_ms']:.2f} ({q['hits']:,} hits)")
        growth = f"{p50s[-1] / p50s[-2]:.1f}x" if len(p50s) > 1 and p50s[-2] > 0 else "-"
        lines.append(f"| {cls} | " + " | ".join(cells) + f" | {growth} |")
    return "\n".join(lines)


def axis(values):
    lo = math.floor(math.log10(min(values)))
    hi = math.ceil(math.log10(max(values)))
    if hi == lo:
        hi += 1
    return lo, hi


def panel(x0, title, xs, series, ylabel):
    """One log-log panel: series = [(name, [y per x])]."""
    out = []
    xlo, xhi = axis(xs)
    ys = [y for _, values in series for y in values if y and y > 0]
    ylo, yhi = axis(ys)
    top, bottom = PAD, HEIGHT - PAD

    def px(x):
        return x0 + (math.log10(x) - xlo) / (xhi - xlo) * PANEL

    def py(y):
        return bottom - (math.log10(y) - ylo) / (yhi - ylo) * (bottom - top)

    out.append(f'<rect x="{x0}" y="{top}" width="{PANEL}" height="{bottom - top}" fill="none" stroke="#999"/>')
    out.append(f'<text x="{x0 + PANEL / 2}" y="{top - 20}" text-anchor="middle" font-size="14">{title}</text>')
    out.append(f'<text x="{x0 - 45}" y="{(top + bottom) / 2}" font-size="11" transform="rotate(-90 {x0 - 45} {(top + bottom) / 2})" text-anchor="middle">{ylabel}</text>')
    for e in range(xlo, xhi + 1):
        x = x0 + (e - xlo) / (xhi - xlo) * PANEL
        out.append(f'<line x1="{x}" y1="{bottom}" x2="{x}" y2="{bottom + 4}" stroke="#999"/>')
        out.append(f'<text x="{x}" y="{bottom + 16}" text-anchor="middle" font-size="10">{10 ** e:,}</text>')
    out.append(f'<text x="{x0 + PANEL / 2}" y="{bottom + 34}" text-anchor="middle" font-size="11">cables (log)</text>')
    for e in range(ylo, yhi + 1):
        y = bottom - (e - ylo) / (yhi - ylo) * (bottom - top)
        out.append(f'<line x1="{x0}" y1="{y}" x2="{x0 + PANEL}" y2="{y}" stroke="#eee"/>')
        out.append(f'<text x="{x0 - 4}" y="{y + 3}" text-anchor="end" font-size="10">{10.0 ** e:g}</text>')
    for i, (name, values) in enumerate(series):
        color = COLORS[i % len(COLORS)]
        points = [(px(x), py(y)) for x, y in zip(xs, values) if y and y > 0]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="1.5"/>')
        for x, y in points:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}"/>')
        out.append(f'<text x="{x0 + PANEL + 6 if False else x0 + 8}" y="{top + 14 + 12 * i}" font-size="10" fill="{color}">{name}</text>')
    return out


def svg(runs):
    xs = [b["corpus"]["cables"] for b in runs]
    per_cable = [("CPU us per cable", [(b["index"].get("cpu_seconds") or 0) / b["corpus"]["cables"] * 1e6 for b in runs]),
                 ("wall us per cable", [b["index"]["seconds"] / b["corpus"]["cables"] * 1e6 for b in runs])]
    classes = [q["class"] for q in runs[0]["queries"] if "+" not in q["class"]] + ["and2+facets+date", "all+facets+date"]
    queries = []
    for cls in classes:
        values = []
        for b in runs:
            q = next((q for q in b["queries"] if q["class"] == cls), None)
            values.append(q["p50_ms"] if q else None)
        queries.append((cls, values))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>']
    parts += panel(PAD, "indexing cost per cable", xs, per_cable, "microseconds (log)")
    parts += panel(2 * PAD + PANEL, "query p50 by class", xs, queries, "milliseconds (log)")
    parts.append("</svg>")
    return "\n".join(parts)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    runs = load(sys.argv[2:])
    with open(sys.argv[1], "w") as f:
        f.write(svg(runs))
    print(table(runs))


if __name__ == "__main__":
    main()
