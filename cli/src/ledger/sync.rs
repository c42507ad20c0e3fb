//! `stake-router ledger sync`: records every epoch the node can still answer for that the
//! ledger does not hold yet, oldest first, one transaction per epoch (an interrupted sync
//! keeps whole epochs and the next one continues where it stopped), then derives the rewards
//! (`derive.rs`). Reads only standard JSON-RPC: `status`, `validators`, `block`,
//! `EXPERIMENTAL_genesis_config`, and `query` at each epoch's first block.

use super::epochs::{epoch_starts, EpochStart};
use super::snapshot::{read_snapshot, Unreadable};
use super::store::{EpochRow, Store};
use super::LedgerTarget;
use crate::jsonrpc::{At, Rpc};

/// `stake-router ledger sync` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct SyncArgs {
    #[command(flatten)]
    pub target: LedgerTarget,
    /// Record at most N new epochs in this run (oldest first); the next sync continues
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Epochs recorded by this run.
    pub recorded: Vec<u64>,
    /// Epochs the ledger already held (of those the walk found).
    pub already: usize,
    /// Epochs found but left for the next run (`--limit`).
    pub left: usize,
    /// Epochs skipped, and why (the router did not exist yet at their first block).
    pub skipped: Vec<(u64, String)>,
    /// Why older epochs were not reached, if they were not.
    pub out_of_reach: Option<String>,
    /// Reward rows derived in total.
    pub reward_rows: usize,
}

/// Syncs `store` from `rpc`.
pub fn sync(rpc: &Rpc, store: &mut Store, t: &LedgerTarget, limit: Option<usize>) -> Result<SyncReport, String> {
    let newest_recorded = store.epochs()?.last().map(|e| e.epoch);
    let (mut starts, out_of_reach) = epoch_starts(rpc, newest_recorded)?;
    starts.reverse();
    let mut report = SyncReport { out_of_reach, ..SyncReport::default() };
    let recorded: std::collections::BTreeSet<u64> = store.epochs()?.iter().map(|e| e.epoch).collect();
    let todo: Vec<&EpochStart> = starts.iter().filter(|s| !recorded.contains(&s.epoch)).collect();
    report.already = starts.len() - todo.len();
    let limit = limit.unwrap_or(usize::MAX);
    for (i, start) in todo.iter().enumerate() {
        if report.recorded.len() == limit {
            report.left = todo.len() - i;
            break;
        }
        let at = At::Hash(start.hash.clone());
        match read_snapshot(rpc, &t.file.router, &t.file.account, &at) {
            Ok(snapshot) => {
                let row = EpochRow {
                    epoch: start.epoch,
                    start_height: start.height,
                    block_hash: start.hash.clone(),
                    start_time_ns: start.time_ns,
                };
                if store.record_epoch(&row, &snapshot)? {
                    report.recorded.push(start.epoch);
                }
            }
            Err(Unreadable::NoRouter(why)) => report.skipped.push((start.epoch, why)),
            Err(Unreadable::Failed(why)) => {
                return Err(format!("epoch {} (block {}): {why}", start.epoch, start.height));
            }
        }
    }
    let rows = super::derive::derive(store)?;
    report.reward_rows = rows.len();
    store.write_rewards(&rows)?;
    Ok(report)
}

/// The report in words.
pub fn describe(report: &SyncReport, store: &Store) -> String {
    let mut out = match (report.recorded.first(), report.recorded.last()) {
        (Some(a), Some(b)) => format!("Recorded {} epochs ({a} to {b})", report.recorded.len()),
        _ => "Recorded no new epochs".to_string(),
    };
    out += &format!(" into {}", store.path().display());
    if report.already > 0 {
        out += &format!("; {} already recorded", report.already);
    }
    out += ".\n";
    if report.left > 0 {
        out += &format!("{} more epochs to record: run the sync again.\n", report.left);
    }
    if let (Some((first, why)), Some((last, _))) = (report.skipped.first(), report.skipped.last()) {
        out +=
            &format!("Skipped epochs {first} to {last}: the router was not there yet at their first blocks ({why}).\n");
    }
    if let Some(why) = &report.out_of_reach {
        out += &format!("Out of reach: {why}.\n");
    }
    out += &format!("{} reward rows (one per epoch and position).\n", report.reward_rows);
    out
}

/// Runs `stake-router ledger sync`.
pub fn run(args: SyncArgs) -> Result<(), String> {
    let rpc = Rpc::new(&args.target.rpc.url());
    let mut store = args.target.file.open()?;
    let report = sync(&rpc, &mut store, &args.target, args.limit)?;
    print!("{}", describe(&report, &store));
    Ok(())
}
