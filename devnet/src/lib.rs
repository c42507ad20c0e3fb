//! A local NEAR devnet: the in-process chain of `near-chain` (nearcore's VM and protocol 88's
//! runtime config) served over nearcore's JSON-RPC 2.0, with the request, view and error types
//! of `near-primitives` / `near-jsonrpc-primitives` 0.38. Transactions are real signed
//! transactions: borsh `SignedTransaction`s whose ed25519 signature, access key, nonce and
//! key permissions are checked. Enough of nearcore's RPC for near-workspaces 0.24 to drive it
//! like a sandbox node (`README.md` lists every method and each difference).
//!
//! ```no_run
//! # async fn f() {
//! let devnet = devnet::start(devnet::DevnetConfig::default()).await.unwrap();
//! println!("{} root {}", devnet.url, devnet.root_account);
//! # }
//! ```
//!
//! Files: `server.rs` (start), `http.rs` (HTTP/1.1), `rpc.rs` (JSON-RPC envelope, dispatch),
//! `chain_info.rs` (status, block, gas price, configs), `query.rs`, `transactions.rs`
//! (verification and execution), `actions.rs` (action conversion), `outcome.rs` (outcome
//! views), `errors.rs` (error conversion), `sandbox.rs` (sandbox methods), `validators.rs`
//! (the validator set as `validators` answers it), `node.rs` (state), `shared.rs` (the node
//! behind a read-write lock: reads side by side), `view_cache.rs` (view answers until the next
//! write),
//! `keyfile.rs`, `config.rs`, `persist.rs` (state file).

#![warn(missing_docs)]

mod actions;
pub mod chain_info;
pub mod config;
mod errors;
pub mod http;
pub mod keyfile;
pub mod node;
mod outcome;
pub mod persist;
pub mod query;
pub mod rpc;
pub mod sandbox;
pub mod server;
pub mod shared;
pub mod transactions;
pub mod validators;
pub mod view_cache;

pub use config::{DevnetConfig, DEFAULT_EPOCH_LENGTH};
pub use keyfile::KeyFile;
pub use node::Node;
pub use server::{start, Devnet};
pub use shared::SharedNode;
