#!/usr/bin/env bash
# The console walk-through of Stake Router (`stake-router demo`). The real contracts run on an
# in-process NEAR chain (nearcore's VM, protocol 88, no node, no network): the router, the
# staking-proxy code as a global contract, two validator pools and two liquid staking tokens.
# Deposits with each profile and through a DAO's stored policy print the plan, the events of the
# one transaction and the resulting position. (A DAO proposal needs a live router: run
# `bash scripts/devnet-demo.sh`, which prints the `stake-router dao-proposal` command for its DAO.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> building the contracts (res/)" >&2
bash scripts/build-contracts.sh --locked >/dev/null
echo "==> building the stake-router command (the first build takes minutes)" >&2
cargo build --locked -p stake-router-cli
cargo run -q --locked -p stake-router-cli -- demo
