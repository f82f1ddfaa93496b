#!/usr/bin/env bash
# Installs what is missing (build tools, rustfmt and clippy, Chromium and chromedriver,
# Firefox ESR and geckodriver), checks the format and the lints, builds dist/ and runs every
# test:
#   0. the gate: `cargo fmt --check` (rustfmt.toml; also the fuzz workspace) and clippy with
#      warnings as errors, natively on every target and for the browser build;
#   1. native `cargo test`: the core's tests, the checks of the built dist/ (size budget, wasm
#      features, JS/CSS floor, CSP), and the end-to-end tests that drive dist/ in headless
#      Chromium through chromedriver and in headless Firefox ESR through geckodriver (each
#      test once per engine);
#   2. the component tests (tests/components.rs) via wasm-bindgen-test, in headless Chromium
#      and in headless Firefox ESR.
#
#   scripts/test.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_build_tools
ensure_lint_tools
ensure_browser
ensure_firefox

cd "$ROOT"
say "format and lints (cargo fmt --check, cargo clippy -D warnings)"
cargo fmt --check
cargo fmt --check --manifest-path fuzz/Cargo.toml
cargo clippy --quiet --all-targets -- -D warnings
# The browser build: the library and the app with the UI, and the component tests (the other
# test targets are native only).
cargo clippy --quiet --target wasm32-unknown-unknown --features ui --lib --bins --test components -- -D warnings

"$ROOT/scripts/build.sh"

cd "$ROOT"
say "cargo test (native: core, dist checks, end-to-end in Chromium and Firefox)"
cargo test --quiet

say "cargo test --target wasm32-unknown-unknown (components in headless Chromium and Firefox)"
# No --quiet here: wasm-bindgen-test-runner rejects it. The runner drives the browser whose
# driver the environment names ($GECKODRIVER before $CHROMEDRIVER); the browsers' options are
# in tests/webdriver.json (see .cargo/config.toml).
env -u GECKODRIVER CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --target wasm32-unknown-unknown --features ui --test components
GECKODRIVER="$(command -v geckodriver)" \
  cargo test --target wasm32-unknown-unknown --features ui --test components

say "all tests passed"
