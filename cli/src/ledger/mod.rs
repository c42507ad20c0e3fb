//! `stake-router ledger`: the reward ledger, an embedded SQLite database of what each position
//! of an account (per validator pool and per liquid token) held at the first block of every
//! epoch the node still answers for, and the rewards and flows derived from it.
//!
//! Files: `schema.rs` (tables, version, migrations), `store.rs` (the file and its rows),
//! `epochs.rs` (each epoch's first block), `snapshot.rs` (the positions at a block),
//! `derive.rs` (rewards and flows), `sync.rs` (`ledger sync`), `export.rs` (`ledger export
//! --csv`), `show.rs` (`ledger show`), `dates.rs` and `decimal.rs` (exact dates and fiat).

pub mod dates;
pub mod decimal;
pub mod derive;
pub mod epochs;
pub mod export;
pub mod schema;
pub mod show;
pub mod snapshot;
pub mod store;
pub mod sync;

use crate::args::RpcArgs;
use router_core::AccountId;
use std::path::PathBuf;
pub use store::{EpochRow, Kind, RewardRow, SnapshotRow, Store};

/// Whose ledger and where: `--router`, `--account`, `--db`.
#[derive(Clone, Debug, clap::Args)]
pub struct LedgerFile {
    /// The Stake Router contract
    #[arg(long, value_name = "ID")]
    pub router: AccountId,
    /// The account (person or DAO) whose positions to follow
    #[arg(long, value_name = "ID")]
    pub account: AccountId,
    /// The ledger file (default: $XDG_DATA_HOME/stake-router/ledger/ROUTER/ACCOUNT.sqlite3)
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

impl LedgerFile {
    /// The ledger file: `--db`, else [`default_db`].
    pub fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| default_db(&self.router, &self.account))
    }

    /// Opens (or creates) the ledger.
    pub fn open(&self) -> Result<Store, String> {
        Store::open(&self.db_path(), &self.router, &self.account)
    }

    /// Opens an existing ledger (a missing one is an error, not created).
    pub fn open_existing(&self) -> Result<Store, String> {
        let path = self.db_path();
        if !path.exists() {
            return Err(format!("{}: no ledger there yet (run `stake-router ledger sync` first)", path.display()));
        }
        self.open()
    }
}

/// The ledger and the node to read: the flags `ledger sync` and `watch` share.
#[derive(Clone, Debug, clap::Args)]
pub struct LedgerTarget {
    #[command(flatten)]
    pub rpc: RpcArgs,
    #[command(flatten)]
    pub file: LedgerFile,
}

/// `$XDG_DATA_HOME/stake-router/ledger/<router>/<account>.sqlite3` (`$XDG_DATA_HOME` defaults to
/// `$HOME/.local/share`; without either, the current folder).
pub fn default_db(router: &AccountId, account: &AccountId) -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("stake-router").join("ledger").join(router.as_str()).join(format!("{account}.sqlite3"))
}

/// `stake-router ledger` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum LedgerCommand {
    /// Record every reachable epoch's positions and derive rewards and flows
    Sync(sync::SyncArgs),
    /// Write the ledger as CSV: one row per epoch and position, totals per position and year
    Export(export::ExportArgs),
    /// Print the ledger as a compact table
    Show(show::ShowArgs),
}

/// Runs a `stake-router ledger` subcommand.
pub fn run(command: LedgerCommand) -> Result<(), String> {
    match command {
        LedgerCommand::Sync(args) => sync::run(args),
        LedgerCommand::Export(args) => export::run(args),
        LedgerCommand::Show(args) => show::run(args),
    }
}
