#!/usr/bin/env bash
# The whole test suite: build every contract to wasm (the real-VM tests load them from res/),
# then run every crate's tests. Run from anywhere; installs nothing but the wasm target and the
# project-local wasm-opt (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-contracts.sh
cargo test --workspace --locked "$@"
# The size report in its smoke mode (installs twiggy once; leaves docs/size.md alone).
bash scripts/size-report.sh --smoke >/dev/null
# The widget in headless Chromium (installs chromium, chromium-driver and wasm-bindgen-cli).
bash scripts/test-widget.sh --locked
