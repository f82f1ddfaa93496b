#!/usr/bin/env python3
"""Summarizes a libFuzzer log written by fuzz/run.sh (each line prefixed with the seconds
since the start): executions, coverage (cov: edges, ft: features) and corpus size at each
minute mark, and the final statistics."""
import re, sys

marks = [1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 90, 120]
rows, last = [], None
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"(\d+) #(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/", line)
    if m:
        secs, n, cov, ft, corp = map(int, m.groups())
        last = (secs / 60, n, cov, ft, corp)
        if marks and last[0] >= marks[0]:
            rows.append(last)
            while marks and last[0] >= marks[0]:
                marks.pop(0)
    elif "stat::" in line or "Done" in line or "ERROR" in line:
        print(line.split(" ", 1)[1].rstrip())
if last and (not rows or rows[-1] != last):
    rows.append(last)
print(f"{'min':>5} {'execs':>9} {'cov':>6} {'ft':>7} {'corpus':>7}")
for t, n, cov, ft, corp in rows:
    print(f"{t:5.1f} {n:9d} {cov:6d} {ft:7d} {corp:7d}")
