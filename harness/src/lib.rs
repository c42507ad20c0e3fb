//! # harness
//!
//! Drives the built Stake Router contracts (`res/*.wasm`) on any chain, so the scenarios, the
//! simulation, the gas report and the demos are written once:
//!
//! - [`backend::Backend`]: what they need from a chain (accounts, deploys, calls, views,
//!   epochs), with one [`backend::Outcome`] shape;
//! - [`chain_backend::ChainBackend`]: the in-process chain (`near-chain`) on nearcore's VM;
//! - [`sandbox_backend::SandboxBackend`]: any node through the unmodified near-workspaces
//!   client: the local devnet, or a NEAR sandbox when `NEAR_SANDBOX_BIN_PATH` is set;
//! - [`dao`]: a DAO (the mock Sputnik DAO v2) with one council member and a treasury, and its
//!   proposals;
//! - [`fixture`]: the deployment they start from (the router, the proxy code as a global
//!   contract, validator pools and liquid staking tokens on its allow-list);
//! - [`venues`]: where the fixture's liquid tokens sell at once (a mock exchange and wNEAR);
//! - [`contracts`]: where the built wasm is found.

pub mod backend;
pub mod chain_backend;
pub mod contracts;
pub mod dao;
pub mod fixture;
pub mod sandbox_backend;
pub mod venues;
