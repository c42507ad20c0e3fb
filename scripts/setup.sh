#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing (idempotent, quick when done):
# the wasm32 Rust target. The project-local wasm-opt is installed by build-contracts.sh.
set -euo pipefail
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
