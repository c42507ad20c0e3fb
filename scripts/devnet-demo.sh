#!/usr/bin/env bash
# The main job: the one-command local demo (`stake-router devnet-demo`). Builds the contracts
# (res/) and the widget (widget/pkg/), then starts a local NEAR devnet on 127.0.0.1 with the
# router, the staking-proxy code (global contract), two validator pools and two liquid staking
# tokens deployed, creates demo accounts (alice, bob, treasury-dao; keys in
# <home>/credentials/localnet/), and serves the widget's page (cli/devnet-demo/) with a
# DEVELOPMENT WALLET. Prints the page's URL and a `stake-router dao-proposal` command for the
# DAO; Ctrl-C stops it.
#
# Usage: scripts/devnet-demo.sh [--port N] [--page-port N] [--home DIR]   (default: free ports, .devnet-demo)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> building the contracts (res/)" >&2
bash scripts/build-contracts.sh --locked >/dev/null
echo "==> building the widget (widget/pkg/)" >&2
bash scripts/build-widget.sh --locked >/dev/null
echo "==> building the stake-router command (the first build takes minutes)" >&2
cargo build --locked -p stake-router-cli
exec cargo run -q --locked -p stake-router-cli -- devnet-demo "$@"
