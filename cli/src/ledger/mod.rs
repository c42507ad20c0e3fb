//! `stake-router ledger`: the reward ledger, an embedded SQLite database of what each position
//! of an account (per validator pool and per liquid token) held at the first block of every
//! epoch the node still answers for, and the rewards and flows derived from it.
//!
//! Files: `schema.rs` (tables, version, migrations), `store.rs` (the file and its rows).

pub mod schema;
pub mod store;

pub use store::{EpochRow, Kind, RewardRow, SnapshotRow, Store};
