#!/usr/bin/env bash
# Builds the browser widget into a publishable npm package, widget/pkg/ (@stake-router/widget):
#
#   widget_bg.wasm            the widget (router-core's planner inside), wasm-opt -Oz
#   widget.js, widget.d.ts    wasm-bindgen's ES-module glue (--target web)
#   index.js                  mount(element, config) / preview(input), loading the wasm once
#   stake-router-widget.js    the <stake-router-widget> custom element
#   package.json, README.md
#
# Steps:
#   1. cargo build -p widget --target wasm32-unknown-unknown --release (no `--cfg near`: that
#      flag is for contracts only);
#   2. wasm-bindgen --target web, with wasm-bindgen-cli of exactly the `wasm-bindgen` version in
#      Cargo.lock (installed with `cargo install` when missing or different);
#   3. wasm-opt -Oz --all-features from the repository's pinned npm binaryen (node_modules/.bin,
#      `npm ci` when missing). Browsers accept every feature; contracts never get this flag.
#   4. copies widget/js/* and writes package.json; prints the payload sizes (raw and gzip).
#
# Usage: scripts/build-widget.sh [extra cargo build arguments, e.g. --locked]
# Respects CARGO_TARGET_DIR (default: target/ in the repository).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-$ROOT/target}")"
export CARGO_TARGET_DIR="$TARGET_DIR"
cd "$ROOT"

WASM_TARGET=wasm32-unknown-unknown
WASM_OPT_VERSION=116
PKG="$ROOT/widget/pkg"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    log "adding the $WASM_TARGET target"
    rustup target add "$WASM_TARGET"
fi

# The CLI must match the crate byte for byte in its ABI: read the crate's version from Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[[ -n "$WASM_BINDGEN_VERSION" ]] || die "no wasm-bindgen in Cargo.lock (is the widget crate in the workspace?)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock; takes a few minutes once)"
    # --locked first. The CLI's own lockfile can name a release the registry has since
    # withdrawn (0.2.130 pins webpki-roots 1.0.11): then resolve its dependencies afresh.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
        || { log "retrying without --locked"; cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"; }
fi
[[ "$(wasm-bindgen --version)" == "wasm-bindgen $WASM_BINDGEN_VERSION" ]] \
    || die "wasm-bindgen on PATH is $(wasm-bindgen --version), Cargo.lock has $WASM_BINDGEN_VERSION"

WASM_OPT="${WASM_OPT:-$ROOT/node_modules/.bin/wasm-opt}"
wasm_opt_version() { "$WASM_OPT" --version 2>/dev/null | head -n1 || true; }
if [[ "$(wasm_opt_version)" != *"version $WASM_OPT_VERSION "* && "$WASM_OPT" == "$ROOT/node_modules/.bin/wasm-opt" ]]; then
    command -v npm >/dev/null 2>&1 || die "npm is needed to install wasm-opt (npm binaryen@$WASM_OPT_VERSION.0.0)"
    log "installing the repository's npm tools (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >&2
fi
[[ "$(wasm_opt_version)" == *"version $WASM_OPT_VERSION "* ]] || die "$WASM_OPT must be binaryen version $WASM_OPT_VERSION"

# --- build -----------------------------------------------------------------------------------
log "cargo build -p widget --target $WASM_TARGET --release $*"
unset CARGO_ENCODED_RUSTFLAGS RUSTFLAGS
# Keep the `target_features` section for wasm-bindgen (the workspace profile strips contracts);
# wasm-opt strips names and producers from the final module instead.
CARGO_PROFILE_RELEASE_STRIP=false cargo build -p widget --target "$WASM_TARGET" --release "$@"
RAW="$CARGO_TARGET_DIR/$WASM_TARGET/release/widget.wasm"
[[ -f "$RAW" ]] || die "cargo did not produce $RAW"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
log "wasm-bindgen --target web"
wasm-bindgen --target web --out-dir "$STAGE" --out-name widget "$RAW"
log "wasm-opt -Oz --all-features"
"$WASM_OPT" -Oz --all-features --strip-debug --strip-producers "$STAGE/widget_bg.wasm" -o "$STAGE/widget_bg.opt.wasm"
mv -f "$STAGE/widget_bg.opt.wasm" "$STAGE/widget_bg.wasm"

cp "$ROOT"/widget/js/*.js "$ROOT"/widget/js/*.d.ts "$STAGE/"
cp "$ROOT/widget/README.md" "$STAGE/README.md"
VERSION="$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version/ { print $2; exit }' Cargo.toml)"
cat >"$STAGE/package.json" <<EOF
{
  "name": "@stake-router/widget",
  "version": "$VERSION",
  "description": "Stake Router's embeddable widget: split one NEAR deposit between validators and liquid staking, previewed by the contract's own planner.",
  "license": "MIT OR Apache-2.0",
  "repository": "https://github.com/stake-router/stake-router",
  "type": "module",
  "main": "./index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": { "types": "./index.d.ts", "default": "./index.js" },
    "./element": "./stake-router-widget.js",
    "./wasm": { "types": "./widget.d.ts", "default": "./widget.js" },
    "./widget_bg.wasm": "./widget_bg.wasm"
  },
  "files": ["index.js", "index.d.ts", "stake-router-widget.js", "widget.js", "widget.d.ts", "widget_bg.wasm", "widget_bg.wasm.d.ts", "README.md"],
  "sideEffects": ["./stake-router-widget.js"]
}
EOF
rm -rf "$PKG"
mkdir -p "$(dirname "$PKG")"
cp -r "$STAGE" "$PKG"
chmod -R a+rX "$PKG"

# --- sizes -----------------------------------------------------------------------------------
size_line() { printf '%-26s %9d bytes  %9d gzip\n' "$1" "$(stat -c %s "$2")" "$(gzip -9c "$2" | wc -c)"; }
echo
echo "widget/pkg (@stake-router/widget $VERSION), payload:"
size_line "widget_bg.wasm" "$PKG/widget_bg.wasm"
size_line "widget.js" "$PKG/widget.js"
size_line "index.js" "$PKG/index.js"
size_line "stake-router-widget.js" "$PKG/stake-router-widget.js"
