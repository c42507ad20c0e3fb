#!/usr/bin/env bash
# The main job: an offline walk through Stake Router. Prints the split plans of each profile
# (computed by router-core, the code the contract runs) and a DAO proposal routing treasury NEAR
# in one transaction.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for profile in direct-heavy balanced liquid-heavy; do
  echo "== profile: $profile, first deposit of 100 NEAR"
  cargo run -q --locked -p examples --bin plan -- --amount 100 --profile "$profile" --first-deposit
  echo
done
echo "== a DAO routes 1000 NEAR of its treasury in one Sputnik DAO proposal"
cargo run -q --locked -p examples --bin dao-proposal -- --dao treasury.sputnik-dao.near --router stake-router.near --amount 1000 --profile balanced
