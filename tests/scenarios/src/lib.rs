//! Stake Router scenarios over the real compiled wasm.
//!
//! Each scenario ([`scenarios`], [`lifecycle`], [`bounces`], [`pool_loss`], [`dao`], [`liquid_exits`]) is written once
//! against `harness::backend::Backend` and runs on every backend: the in-process chain on
//! nearcore's VM (in CI), the local devnet through near-workspaces (in CI), and a NEAR sandbox
//! when `NEAR_SANDBOX_BIN_PATH` is set. After every deposit, [`ledger`] checks that each
//! yoctoNEAR is staked, delivered, kept for the user, claimable, owed or refunded.
//!
//! The contracts are loaded from `res/` (build them with `scripts/build-contracts.sh`).

pub mod bounces;
mod catalogue;
pub mod dao;
pub mod ledger;
pub mod lifecycle;
pub mod liquid_exits;
pub mod market;
pub mod overlap;
pub mod pool_loss;
pub mod position;
pub mod rewards;
pub mod scenarios;
pub mod simulation;
pub mod timelock;
pub mod unverified;
pub mod whitelist;

pub use harness;
