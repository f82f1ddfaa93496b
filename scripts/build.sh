#!/usr/bin/env bash
# Builds dist/: the web app as static files (index.html, nianbao.js, nianbao_bg.wasm,
# nianbao.css, the second module nianbao_lazy.wasm with the PDF reader and the exports, and
# web.config with the .wasm MIME type for IIS) and the single self-contained file
# dist/nianbao.html.
#
#   scripts/build.sh
#
# Installs what the build needs when it is missing (see scripts/lib.sh). The wasm is built
# for the browser floor (Chromium 86, Firefox ESR 78; issue 9): nightly Rust rebuilds std
# with target-cpu=mvp plus only the features every floor browser has, so nothing newer
# (reference types, bulk memory) reaches the binary. tests/dist/ checks the result.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_build_tools

# The wasm features of the floor, for rustc and for wasm-opt. Bulk memory is left out on
# purpose: Firefox enabled it only in 79, one release above ESR 78.
FLOOR_RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint"
FLOOR_WASM_OPT_FEATURES=(--mvp-features --enable-mutable-globals --enable-sign-ext
  --enable-nontrapping-float-to-int --enable-multivalue)

# What the browser build leaves out for size (README, “Size”):
# - `{:?}` formats nothing: the page never shows Debug output (only tests use it); about 3 KB
#   brotli.
# - A panic aborts at once (`panic=immediate-abort`): no panic messages, no formatting of them,
#   no hook; about 8 KB brotli. The panic is a wasm trap, which the crash notice catches on
#   the window (src/ui/crash.rs) and words in Chinese, with the browser's stack.
# - No file:line:column of panics (`location-detail=none`): nothing would print them; about
#   5 KB brotli.
SIZE_RUSTFLAGS="-Z fmt-debug=none -Z location-detail=none -Z unstable-options -C panic=immediate-abort"

# The classes wasm-streams exports for server_fn (a dependency of Leptos that the page never
# calls: it makes no stream of Rust's): the first module is linked without their exports, so
# the linker drops their code and the futures only they start (scripts/link_without_exports.py;
# after linking, their vtables would keep that code), and assemble.py drops their classes from
# the glue (about 4 KB brotli together).
UNUSED_EXPORTS=(
  __wbg_intounderlyingbytesource_free intounderlyingbytesource_autoAllocateChunkSize
  intounderlyingbytesource_cancel intounderlyingbytesource_pull intounderlyingbytesource_start
  intounderlyingbytesource_type
  __wbg_intounderlyingsink_free intounderlyingsink_abort intounderlyingsink_close intounderlyingsink_write
  __wbg_intounderlyingsource_free intounderlyingsource_cancel intounderlyingsource_pull
)
RUST_LLD="$(rustc "+$NIGHTLY" --print sysroot)/lib/rustlib/$(rustc "+$NIGHTLY" -vV | sed -n 's/^host: //p')/bin/rust-lld"

say "cargo +$NIGHTLY build --profile wasm (wasm32, ui, browser floor, size-tuned)"
(
  cd "$ROOT"
  # optimize_for_size: the standard library's smaller sorts and number formatting (about
  # 1.3 KB brotli); not for the second module, which is built for speed.
  NIANBAO_RUST_LLD="$RUST_LLD" NIANBAO_DROP_EXPORTS="$(IFS=,; echo "${UNUSED_EXPORTS[*]}")" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$ROOT/scripts/link_without_exports.py" \
  RUSTFLAGS="$FLOOR_RUSTFLAGS $SIZE_RUSTFLAGS" cargo "+$NIGHTLY" build --quiet --profile wasm \
    -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size \
    --target wasm32-unknown-unknown --features ui --bin nianbao-web
)
# The PDF reader, a module of its own that the page loads the first time a PDF is opened
# (src/lazy_module.rs): the core without the UI, no glue, the same floor, tuned for speed
# (profile wasm-lazy: it is not in the first load).
say "cargo +$NIGHTLY build --profile wasm-lazy --bin nianbao-lazy (wasm32, the page's second module)"
(
  cd "$ROOT"
  RUSTFLAGS="$FLOOR_RUSTFLAGS $SIZE_RUSTFLAGS" cargo "+$NIGHTLY" build --quiet --profile wasm-lazy \
    -Z build-std=std,panic_abort \
    --target wasm32-unknown-unknown --bin nianbao-lazy
)

WEB="$TARGET_DIR/web"
rm -rf "$WEB"
mkdir -p "$WEB"
say "wasm-bindgen --target web"
wasm-bindgen --target web --no-typescript --out-dir "$WEB" --out-name nianbao \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm/nianbao-web.wasm"

# -Os twice, not -Oz: a few bytes larger, but it compresses better (about 1 KB brotli less).
say "wasm-opt -Os -Os (floor features only)"
"$WASM_OPT" -Os -Os "${FLOOR_WASM_OPT_FEATURES[@]}" \
  "$WEB/nianbao_bg.wasm" -o "$WEB/nianbao_bg.opt.wasm"
"$WASM_OPT" -O3 "${FLOOR_WASM_OPT_FEATURES[@]}" --strip-debug --strip-producers \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm-lazy/nianbao-lazy.wasm" -o "$WEB/nianbao_lazy.wasm"

say "assembling dist/"
python3 "$ROOT/scripts/assemble.py" \
  --template "$ROOT/index.html" \
  --style "$ROOT/style/main.css" \
  --glue "$WEB/nianbao.js" \
  --wasm "$WEB/nianbao_bg.opt.wasm" \
  --lazy-wasm "$WEB/nianbao_lazy.wasm" \
  --esbuild "$ESBUILD" \
  --out "$DIST"

ls -l "$DIST"
