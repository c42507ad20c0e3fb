//! Stake Router scenarios over the real compiled wasm.
//!
//! Each scenario ([`scenarios`]) is written once against [`backend::Backend`] and runs on
//! every backend: the in-process chain on nearcore's VM ([`chain_backend`], in CI) and a NEAR
//! node through near-workspaces ([`sandbox_backend`]: the real sandbox when
//! `NEAR_SANDBOX_BIN_PATH` is set). After every deposit, [`ledger`] checks that each
//! yoctoNEAR is staked, delivered, kept for the user, claimable, owed or refunded.
//!
//! The contracts are loaded from `res/` (build them with `scripts/build-contracts.sh`).

pub mod backend;
pub mod bounces;
pub mod chain_backend;
pub mod fixture;
pub mod ledger;
pub mod lifecycle;
pub mod pool_loss;
pub mod position;
pub mod sandbox_backend;
pub mod scenarios;
pub mod simulation;
