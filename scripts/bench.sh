#!/usr/bin/env bash
# Measures what the README's "Performance" section reports, and prints it as that section's
# tables at the end:
#   1. native parse + check per report and throughput (criterion, benches/parse.rs), with
#      growth to 10 MB, and the command line over a directory (benches/batch.rs);
#   2. the same parse + check in headless Chromium (tests/wasm_bench.rs), as a ratio to native;
#   3. the built page in headless Chromium (benches/page.rs): cold load, paste to marked tables.
# Takes about ten minutes. Run it on an idle machine: the figures are only as quiet as it is.
#
#   scripts/bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_build_tools
ensure_browser

"$ROOT/scripts/build.sh"

cd "$ROOT"
# Criterion writes into the target directory (CARGO_TARGET_DIR when set); the logs go beside it.
logs="$TARGET_DIR/bench"
mkdir -p "$logs"

say "native: cargo bench --bench parse, --bench batch (criterion)"
cargo bench --bench parse -- --noplot 2>&1 | tee "$logs/parse.log"
cargo bench --bench batch -- --noplot 2>&1 | tee "$logs/batch.log"

say "browser: parse + check in headless Chromium (tests/wasm_bench.rs)"
env -u GECKODRIVER CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --profile wasm --target wasm32-unknown-unknown --test wasm_bench -- --nocapture 2>&1 | tee "$logs/wasm.log"

say "page: cold load and paste to marked tables (benches/page.rs)"
cargo bench --bench page 2>&1 | tee "$logs/page.log"

say "summary (the README's Performance section)"
python3 "$ROOT/scripts/bench_summary.py" "$TARGET_DIR/criterion" "$logs"
