#!/usr/bin/env bash
# The simulation's soak: SOAK_SEEDS (default 1,2,3,4) seeds of SOAK_STEPS (default 10000) random
# steps each on the in-process chain, every invariant after every step; prints a table of steps,
# invariant checks, what ran and the wall time per seed. A benchmark, not a CI test (--smoke:
# two seeds of 40 steps, as CI runs it). A failing seed replays with
# SIM_SEED=<seed> SIM_STEPS=<steps> cargo test -p scenarios --test simulation random.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f res/router_contract.wasm ]] || bash scripts/build-contracts.sh
if [[ "${1:-}" == "--smoke" ]]; then
  test=soak_smoke_runs_two_seeds
  ignored=()
else
  test=soak_over_several_seeds
  ignored=(--ignored)
fi
# The scenarios log every deposit; the soak shows its table and failures only.
cargo test -p scenarios --test simulation "$test" -- --exact "${ignored[@]}" --nocapture 2>&1 \
  | grep -v '^\[in-process chain\]'
