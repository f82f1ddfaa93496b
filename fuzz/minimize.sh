#!/usr/bin/env bash
# Minimizes what the runs of TARGET found into the committed corpus fuzz/corpus/TARGET:
# every input of at most CAP bytes (default 4096) from corpus-work/ and corpus/ is merged
# with `cargo fuzz cmin`, keeping the fewest, smallest inputs that reach the same coverage.
# The cap keeps the committed corpus small; the fixtures (seed.sh) cover the large inputs.
# Prints the coverage of the full working corpus and of the result.
# Usage: fuzz/minimize.sh TARGET [CAP]
set -euo pipefail
cd "$(dirname "$0")"
target=$1 cap=${2:-4096}
binary=${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release/$target
pool=$(mktemp -d)
trap 'rm -rf "$pool"' EXIT
find "corpus-work/$target" "corpus/$target" -type f -size -"$((cap + 1))"c -exec cp -t "$pool" {} + 2>/dev/null || true
coverage() { "$binary" -runs=0 -max_len=1048576 "$@" 2>&1 | grep -oE "INITED cov: [0-9]+ ft: [0-9]+" | head -1; }
echo "working corpus: $(find "corpus-work/$target" -type f | wc -l) files, $(coverage "corpus-work/$target")"
# Edges only (no hit counts): far fewer files for the same edge coverage.
cargo +nightly fuzz cmin -s none "$target" "$pool" -- -max_len="$cap" -use_counters=0 > "logs/$target.cmin.log" 2>&1
rm -rf "corpus/$target" && mkdir -p "corpus/$target" && cp "$pool"/* "corpus/$target/"
echo "minimized (inputs ≤ $cap bytes): $(find "corpus/$target" -type f | wc -l) files, $(du -sk "corpus/$target" | cut -f1) KB on disk, $(cat "corpus/$target"/* | wc -c) bytes, $(coverage "corpus/$target")"
