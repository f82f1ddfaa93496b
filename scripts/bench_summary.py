"""Prints the README's performance tables from what scripts/bench.sh measured: criterion's
estimates (TARGET/criterion) and the logs of the browser benchmarks (TARGET/bench), TARGET being
the cargo target directory (CARGO_TARGET_DIR, or ./target).

Usage: bench_summary.py CRITERION_DIR LOG_DIR
"""

import json
import re
import sys
from pathlib import Path


def criterion(root, group):
    """{benchmark id: (median seconds, throughput dict)} for one criterion group."""
    out = {}
    for bench in sorted((root / group).rglob("new/benchmark.json")):
        meta = json.loads(bench.read_text())
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        out[meta["full_id"].split("/", 1)[1]] = (estimates["median"]["point_estimate"] / 1e9, meta.get("throughput") or {})
    return out


def main():
    root, logs = Path(sys.argv[1]), Path(sys.argv[2])
    samples = criterion(root, "parse+check sample")
    browser = {}
    for line in (logs / "wasm.log").read_text(errors="replace").splitlines():
        m = re.search(r"browser parse\+check (\S+): ([0-9.]+) ms", line)
        if m:
            browser[m.group(1)] = float(m.group(2))

    print("Parse + check, one report (median):\n")
    print("| sample | size | native | native MB/s | browser | browser / native |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (seconds, throughput) in samples.items():
        size = throughput.get("Bytes", 0)
        in_browser = browser.get(name)
        ratio = f"{in_browser / (seconds * 1e3):.1f}×" if in_browser else "–"
        shown = f"{in_browser:.2f} ms" if in_browser else "–"
        print(f"| {name} | {size / 1024:.1f} KB | {seconds * 1e3:.3f} ms | {size / seconds / 1e6:.0f} | {shown} | {ratio} |")

    print("\nGrowth with input size (native, median):\n")
    print("| input | size | time | MB/s |")
    print("|---|---:|---:|---:|")
    growth = criterion(root, "parse+check growth").items()
    for name, (seconds, throughput) in sorted(growth, key=lambda kv: (kv[0].split("/")[0], kv[1][1].get("Bytes", 0))):
        size = throughput.get("Bytes", 0)
        print(f"| {name.replace('/', ', ')} | {size / 2**20:.1f} MB | {seconds * 1e3:.0f} ms | {size / seconds / 1e6:.0f} |")

    print("\nThe command line over a directory (one process, median; `--jobs 1` and `--jobs 2`):\n")
    print("| run | reports | time | reports/s |")
    print("|---|---:|---:|---:|")
    for name, (seconds, throughput) in criterion(root, "nianbao check DIR").items():
        n = throughput.get("Elements", 0)
        print(f"| {name} | {n} | {seconds * 1e3:.0f} ms | {n / seconds:.0f} |")
    stages = criterion(root, "batch stages, one thread")
    if stages:
        per_report = ", ".join(
            f"{name} {seconds / max(throughput.get('Elements', 1), 1) * 1e6:.0f} µs" for name, (seconds, throughput) in stages.items()
        )
        print(f"\nWhere a report's time goes, one thread in process (median per report): {per_report}.")

    print("\nThe page in headless Chromium:\n")
    print("```")
    page = (logs / "page.log").read_text(errors="replace").splitlines()
    first = next((i for i, line in enumerate(page) if line.startswith("page:")), len(page))
    print("\n".join(page[first:]))
    print("```")


if __name__ == "__main__":
    main()
