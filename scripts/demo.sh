#!/usr/bin/env bash
# The main job: an offline demo of Stake Router. The real contracts run on an in-process NEAR
# chain (nearcore's VM, protocol 88, no node, no network): the router, the staking-proxy code
# as a global contract, two validator pools and two liquid staking tokens. Deposits with each
# profile and through a DAO's stored policy print the plan, the events of the one transaction
# and the resulting position. Then a DAO proposal routing treasury NEAR in one transaction.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-contracts.sh >/dev/null
cargo run -q --locked -p examples --bin demo
echo "== a Sputnik DAO proposal that routes 1000 NEAR of a treasury in one transaction"
cargo run -q --locked -p examples --bin dao-proposal -- --dao treasury.sputnik-dao.near --router stake-router.near --amount 1000 --profile balanced
