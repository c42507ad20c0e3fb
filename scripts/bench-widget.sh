#!/usr/bin/env bash
# Widget payload sizes and first-render time in headless Chromium; writes docs/widget.md.
# A measurement, not a test (RUNS=<n> for more cold loads; RPC_DELAY_MS=<ms> holds every RPC
# answer that long, as a node across a network would; RPC_HTTP2=1 serves the RPC stand-in over
# HTTP/2 with a certificate made for the run, as public NEAR RPC endpoints serve it, instead of
# HTTP/1.1 and its six requests at a time to one host; --smoke: one load, no report file, as
# scripts/test-widget.sh runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-widget.sh >/dev/null
[[ -f node_modules/playwright-core/package.json ]] || npm ci --no-audit --no-fund --loglevel=error
node widget/host/bench.mjs "$@"
