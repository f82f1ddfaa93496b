#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 600) on the committed corpus plus a working one,
# with the report dictionary, a 10 s hang timeout and overflow checks on; the log goes to
# fuzz/logs/TARGET.log, each line prefixed with the seconds since the start (summarize.py
# reads it). Usage: fuzz/run.sh TARGET [SECONDS] [MAX_LEN]
# Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`); seed first with fuzz/seed.sh.
set -euo pipefail
cd "$(dirname "$0")"
target=$1 seconds=${2:-600} max_len=${3:-32768}
mkdir -p "corpus/$target" "corpus-work/$target" logs
cargo +nightly fuzz run -s none "$target" "corpus-work/$target" "corpus/$target" -- \
    -dict=report.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len="$max_len" -print_final_stats=1 2>&1 | perl -pe 'BEGIN { $| = 1 } $_ = (time - $^T) . " $_"' | tee "logs/$target.log" | grep -E "pulse|DONE|INITED|ERROR|panicked|Timeout|crash-|timeout-|stat::" || true
