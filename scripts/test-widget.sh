#!/usr/bin/env bash
# The widget's browser tests (called by scripts/test.sh; runs alone too):
#
#   1. installs what is missing: Debian's chromium and chromium-driver (apt), the wasm target,
#      wasm-bindgen-cli of the Cargo.lock version and wasm-opt (both via build-widget.sh), and
#      the repository's npm tools (npm ci: playwright-core, binaryen);
#   2. builds widget/pkg/ (scripts/build-widget.sh; prints the payload sizes);
#   3. wasm-bindgen-test in headless Chromium: cargo test -p widget --target wasm32 --test browser
#      (wasm-bindgen-test-runner drives /usr/bin/chromium through chromedriver with the flags in
#      widget/webdriver.json);
#   4. the end-to-end test: widget/host/e2e.test.mjs (node --test, playwright-core with
#      /usr/bin/chromium) against the host page and the local RPC stand-in; screenshots go
#      to $CARGO_TARGET_DIR/widget-artifacts/;
#   5. the end-to-end test on the local devnet: cli/devnet-demo/e2e.test.mjs stakes through
#      the widget and the development wallet and checks the chain executed the previewed plan;
#   6. the wallet-selector example (examples/wallet-selector: npm ci there when missing, its
#      page bundled with esbuild) on the local devnet: @near-wallet-selector/core with the
#      project's test wallet module stakes (a refused leg shown refunded, Max) and exits;
#   7. the widget benchmark once in its smoke mode (widget/host/bench.mjs --smoke: one cold
#      load, no docs/widget.md), over HTTP/1.1 and over HTTP/2 (RPC_HTTP2=1), so it cannot rot.
#
# Usage: scripts/test-widget.sh [extra cargo arguments, e.g. --locked]
# The widget's native tests run in `cargo test --workspace` like every crate's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-$ROOT/target}")"
export CARGO_TARGET_DIR="$TARGET_DIR"
cd "$ROOT"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- Chromium and ChromeDriver (Debian packages; never a browser download) -------------------
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER_BIN=/usr/bin/chromedriver
# (openssl makes the benchmark's HTTP/2 stand-in its certificate.)
if [[ ! -x "$CHROMIUM" || ! -x "$CHROMEDRIVER_BIN" ]] || ! command -v openssl >/dev/null; then
    SUDO=""
    [[ "$(id -u)" == 0 ]] || SUDO="sudo"
    log "installing chromium, chromium-driver and openssl (apt)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver openssl >/dev/null
fi
[[ -x "$CHROMIUM" && -x "$CHROMEDRIVER_BIN" ]] || die "chromium and chromedriver are needed in /usr/bin"

# --- the package (installs the wasm target, wasm-bindgen-cli and wasm-opt when missing) ------
bash scripts/build-widget.sh "$@"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# --- npm tools -------------------------------------------------------------------------------
if [[ ! -f node_modules/playwright-core/package.json ]]; then
    log "installing the repository's npm tools (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >&2
fi

# --- wasm-bindgen tests in headless Chromium --------------------------------------------------
log "wasm-bindgen tests in headless Chromium (widget/tests/browser)"
unset CARGO_ENCODED_RUSTFLAGS RUSTFLAGS
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER="$CHROMEDRIVER_BIN" \
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
    cargo test -p widget --target wasm32-unknown-unknown --test browser "$@"

# --- end to end ------------------------------------------------------------------------------
log "end-to-end test (widget/host/e2e.test.mjs)"
CHROMIUM="$CHROMIUM" node --test widget/host/e2e.test.mjs

# --- end to end on the local devnet (the real contracts behind JSON-RPC) ----------------------
log "end-to-end test on the local devnet (cli/devnet-demo/e2e.test.mjs)"
cargo build -p stake-router-cli "$@"
CHROMIUM="$CHROMIUM" node --test cli/devnet-demo/e2e.test.mjs

# --- the wallet-selector example on the local devnet (the library's own code path) -----------
log "wallet-selector example on the local devnet (examples/wallet-selector/e2e.test.mjs)"
if [[ ! -f examples/wallet-selector/node_modules/@near-wallet-selector/core/package.json ]]; then
    log "installing the example's packages (npm ci in examples/wallet-selector)"
    (cd examples/wallet-selector && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
(cd examples/wallet-selector && npm run --silent build) >&2
CHROMIUM="$CHROMIUM" node --test examples/wallet-selector/e2e.test.mjs

# --- the widget benchmark, smoke mode -------------------------------------------------------
log "widget benchmark, smoke mode (widget/host/bench.mjs --smoke), over HTTP/1.1 and HTTP/2"
CHROMIUM="$CHROMIUM" node widget/host/bench.mjs --smoke
CHROMIUM="$CHROMIUM" RPC_HTTP2=1 node widget/host/bench.mjs --smoke

echo
echo "screenshots in $CARGO_TARGET_DIR/widget-artifacts/: widget-desktop.png, widget-phone.png, widget-position.png, widget-position-phone.png, widget-exits.png, widget-exits-phone.png, widget-exits-pending.png, widget-figures.png, widget-figures-phone.png, widget-split-change-phone.png, devnet-demo.png, devnet-exits.png, devnet-exits-pending.png, devnet-figures.png, devnet-figures-phone.png, devnet-dao-proposal{,-phone}.png, wallet-selector-{refunded,max,exit}{,-phone}.png"
