#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing (idempotent, quick when done):
# the wasm32 Rust target, rustfmt and clippy. The project-local wasm-opt is installed by
# build-contracts.sh; chromium, chromium-driver and wasm-bindgen-cli by test-widget.sh.
set -euo pipefail
if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  installed="$(rustup component list --installed)"
  for component in rustfmt clippy; do
    grep -q "^$component" <<<"$installed" || rustup component add "$component"
  done
fi
