#!/usr/bin/env bash
# The one-command local demo: builds the contracts (res/) and the widget (widget/pkg/), then
# starts a local NEAR devnet on 127.0.0.1 with the router, the staking-proxy code (global
# contract), two validator pools and two liquid staking tokens deployed, creates demo accounts
# (alice, bob, treasury-dao; keys in <home>/credentials/localnet/), and serves the widget's page
# with a DEVELOPMENT WALLET. Prints the page's URL; Ctrl-C stops it.
#
# Usage: scripts/devnet-demo.sh [--port N] [--page-port N] [--home DIR]   (default: free ports, .devnet-demo)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-contracts.sh --locked >/dev/null
bash scripts/build-widget.sh --locked >/dev/null
exec cargo run -q --locked -p examples --bin devnet-demo -- "$@"
