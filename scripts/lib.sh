# Shared by scripts/build.sh, serve.sh and test.sh: paths, and the steps that install what is
# missing. Each `ensure_*` checks first and is silent when the tool is already there; when it
# installs something it says what. Sourced, not run.
#
# The checks pipe into `grep … >/dev/null`, not `grep -q`: -q stops reading at the first match,
# and under pipefail the writer's SIGPIPE would make an installed tool look missing.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Respect a CARGO_TARGET_DIR set by the caller; default to ./target like cargo does.
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# NIANBAO_DIST builds (and the tests read) dist/ elsewhere, e.g. when several people share a tree.
DIST="${NIANBAO_DIST:-$ROOT/dist}"
TOOLS="$ROOT/.tools"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"

# The wasm-opt that works: Debian's binaryen (108) miscompiles wasm-bindgen output, so a pinned
# binaryen from npm lives in .tools/ (gitignored).
BINARYEN_VERSION=132
WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"

# esbuild minifies the page's scripts and stylesheet for the browser floor (scripts/assemble.py);
# pinned, from npm (its binary comes in a package of the registry) into .tools/.
ESBUILD_VERSION=0.28.2
ESBUILD="$TOOLS/node_modules/.bin/esbuild"

# The geckodriver the end-to-end tests drive Debian's Firefox ESR (153) with, from crates.io.
GECKODRIVER_VERSION=0.37.1

# The nightly toolchain that builds the release wasm for the browser floor (issue 9).
NIGHTLY="${NIANBAO_NIGHTLY:-nightly}"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
install_note() { printf '\033[1;33m==> installing:\033[0m %s\n' "$*"; }

# The wasm-bindgen version Cargo.lock resolved; wasm-bindgen-cli must be exactly this.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_targets() {
  if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
    install_note "rust target wasm32-unknown-unknown (default toolchain)"
    rustup target add wasm32-unknown-unknown
  fi
  if ! rustup target list --installed --toolchain "$NIGHTLY" | grep -x wasm32-unknown-unknown >/dev/null; then
    install_note "rust target wasm32-unknown-unknown ($NIGHTLY)"
    rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY"
  fi
  if ! rustup component list --installed --toolchain "$NIGHTLY" | grep '^rust-src' >/dev/null; then
    install_note "rust-src ($NIGHTLY, for -Z build-std)"
    rustup component add rust-src --toolchain "$NIGHTLY"
  fi
}

ensure_wasm_bindgen() {
  local want have
  want="$(locked_wasm_bindgen_version)"
  [ -n "$want" ] || { echo "no wasm-bindgen in Cargo.lock; run cargo generate-lockfile" >&2; exit 1; }
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
    install_note "wasm-bindgen-cli $want (found: ${have:-none}; takes a few minutes)"
    # Not --locked: one of its locked dependencies is missing from the registry (toolchain.md).
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_wasm_opt() {
  if ! "$WASM_OPT" --version 2>/dev/null | grep "version $BINARYEN_VERSION" >/dev/null; then
    install_note "binaryen@$BINARYEN_VERSION from npm into .tools/ (wasm-opt)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_esbuild() {
  if ! "$ESBUILD" --version 2>/dev/null | grep -x "$ESBUILD_VERSION" >/dev/null; then
    install_note "esbuild@$ESBUILD_VERSION from npm into .tools/ (minifies the page's JS and CSS)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "esbuild@$ESBUILD_VERSION"
  fi
}

# rustfmt and clippy for the format and lint gate of scripts/test.sh (a minimal rustup
# profile leaves them out).
ensure_lint_tools() {
  local missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  if [ "${#missing[@]}" -gt 0 ]; then
    install_note "rust components: ${missing[*]}"
    rustup component add "${missing[@]}"
  fi
}

ensure_build_tools() {
  ensure_wasm_targets
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_esbuild
}

# Installs Debian packages, updating the package lists once per run.
APT_UPDATED=""
apt_install() {
  install_note "apt packages: $*"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "$APT_UPDATED" ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Chromium and chromedriver from Debian, and a CJK font so that screenshots are legible.
ensure_browser() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  fc-list :lang=zh 2>/dev/null | grep . >/dev/null || missing+=(fonts-wqy-microhei)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

# Firefox ESR from Debian and geckodriver from crates.io (pinned above; building it takes
# about 3 minutes), the end-to-end tests' second engine.
ensure_firefox() {
  command -v firefox-esr >/dev/null || apt_install firefox-esr
  local have
  have="$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }' || true)"
  if [ "$have" != "$GECKODRIVER_VERSION" ]; then
    install_note "geckodriver $GECKODRIVER_VERSION (found: ${have:-none}; takes about 3 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
  fi
}
