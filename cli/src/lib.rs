//! The `stake-router` command line (`src/main.rs` holds its clap definitions and dispatch):
//! each subcommand in [`commands`], the local devnet demo in [`devnet_demo`], plans and
//! positions as text in [`describe`], live router reads over JSON-RPC in [`jsonrpc`] and
//! [`live`], and the shared flag parsers in [`args`].

pub mod args;
pub mod commands;
pub mod describe;
pub mod devnet_demo;
pub mod jsonrpc;
pub mod ledger;
pub mod live;
pub mod watch;

pub use describe::{describe_plan, describe_position};
