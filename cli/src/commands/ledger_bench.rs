//! `stake-router ledger-bench`: what `ledger sync` costs over a long history. A devnet in this
//! process keeps `--epochs` epochs of blocks; one account's deposit is split over `--pools`
//! validator pools and `--tokens` liquid tokens; the chain moves `--epochs` epochs on (each a
//! fast-forward to the next epoch's first block, where the validators are paid, and a keeper's
//! ping of every pool; a token's price rises now and then): `ledger_bench_net.rs`. Then `ledger
//! sync` (the command's own `sync`, in this process, over JSON-RPC on loopback) runs into an
//! empty ledger file, and a second time (nothing new). Reported: each sync's wall time, epochs
//! per second and JSON-RPC calls, the file's size and rows, what the epochs took, and the
//! devnet's memory (the process's resident set, `VmRSS`). Not a timed test: nothing about
//! speed is checked, only that every epoch and position was recorded.
//!
//! ```text
//! bash scripts/build-contracts.sh
//! stake-router ledger-bench [--epochs 1000] [--pools 6] [--tokens 4] [--epoch-length 100]
//!                           [--db FILE] [--out FILE] [--smoke]
//! ```

use super::history_bench::rss_kb;
use super::ledger_bench_net::{self as net, BenchNet, EpochsRun};
use crate::args::RpcArgs;
use crate::devnet_demo::rpc::RpcClient;
use crate::jsonrpc::Rpc;
use crate::ledger::sync::{sync, SyncReport};
use crate::ledger::{LedgerFile, LedgerTarget};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// `stake-router ledger-bench` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct LedgerBenchArgs {
    /// Epochs to move on and sync (the devnet keeps exactly these)
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(2..))]
    pub epochs: u64,
    /// Validator pools the deposit is split over (a proxy holds at most 8)
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = clap::value_parser!(u8).range(0..=8))]
    pub pools: u8,
    /// Liquid tokens the deposit is split over
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(0..=8))]
    pub tokens: u8,
    /// Blocks per epoch (only each epoch's boundary blocks and its transactions' are produced)
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u64).range(50..))]
    pub epoch_length: u64,
    /// Keep the ledger file here (it must not exist yet; default: a temporary file, removed)
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Also write the report (markdown) to this file
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// A smoke run: 5 epochs, 1 pool and 1 token; checks it runs, not how fast
    #[arg(long)]
    pub smoke: bool,
}

/// One `ledger sync`: what it did, its wall time (opening the file included), its calls.
struct Timed {
    report: SyncReport,
    seconds: f64,
    calls: BTreeMap<String, u64>,
}

/// The figures the report prints.
struct Figures {
    epochs: u64,
    pools: usize,
    tokens: usize,
    epoch_length: u64,
    chain: EpochsRun,
    kept_blocks: usize,
    rss_kb: [u64; 3],
    first: Timed,
    second: Timed,
    db_bytes: u64,
    snapshot_rows: i64,
    reward_rows: usize,
}

/// Runs `stake-router ledger-bench`: the devnet, the epochs, both syncs, the report.
pub fn run(mut args: LedgerBenchArgs) -> Result<(), String> {
    if args.smoke {
        (args.epochs, args.pools, args.tokens) = (5, 1, 1);
    }
    if args.pools + args.tokens == 0 {
        return Err("--pools and --tokens are both 0: nothing to follow".into());
    }
    let temporary = args.db.is_none();
    let db = args
        .db
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(format!("ledger-bench-{}.sqlite3", std::process::id())));
    if db.exists() {
        return Err(format!("{}: already exists (the benchmark syncs into an empty ledger)", db.display()));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let a = args.clone();
    let figures = runtime.block_on(async move {
        eprintln!("Deploying the router, {} pool(s) and {} token(s) on a devnet...", a.pools, a.tokens);
        let bench_net = net::start(a.epoch_length, a.epochs, a.pools.into(), a.tokens.into()).await?;
        let (db2, a2) = (db.clone(), a.clone());
        let done = tokio::task::spawn_blocking(move || {
            let figures = measure(&bench_net, &a2, db2);
            (bench_net, figures)
        })
        .await;
        let (bench_net, figures) = done.map_err(|e| format!("benchmark: {e}"))?;
        drop(bench_net);
        if temporary {
            let _ = std::fs::remove_file(&db);
        }
        figures
    })?;
    let report = report(&figures);
    println!("{report}");
    if let Some(path) = &args.out {
        std::fs::write(path, &report).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The deposit, the epochs, both syncs, with the memory read between them.
fn measure(bench: &BenchNet, args: &LedgerBenchArgs, db: PathBuf) -> Result<Figures, String> {
    let client = RpcClient::new(&bench.devnet.url);
    let rss_deployed = rss_kb()?;
    let holder = net::deposit_account(&client, bench)?;
    let owner = net::owner_key(&client, bench)?;
    eprintln!("Moving {} epochs on (pings every epoch)...", args.epochs);
    let price_every = (args.epochs / 10).max(2);
    let chain = net::run_epochs(&client, bench, &holder, &owner, args.epochs, args.epoch_length, price_every)?;
    let kept_blocks = bench.devnet.node.read().map_err(|_| "devnet lock poisoned".to_string())?.chain.history_len();
    let rss_epochs = rss_kb()?;

    let target = LedgerTarget {
        rpc: RpcArgs { rpc: Some(bench.devnet.url.clone()), network: None },
        file: LedgerFile {
            router: bench.router.as_str().parse().map_err(|e| format!("router: {e}"))?,
            account: holder.account_id.as_str().parse().map_err(|e| format!("holder: {e}"))?,
            db: Some(db.clone()),
        },
    };
    eprintln!("ledger sync into {} ...", db.display());
    let first = timed_sync(&target)?;
    let second = timed_sync(&target)?;
    let rss_synced = rss_kb()?;

    // Every epoch the devnet keeps is recorded, each with every position.
    let positions = bench.pools.len() + bench.lsts.len();
    if first.report.recorded.len() as u64 != args.epochs || !second.report.recorded.is_empty() {
        return Err(format!(
            "recorded {} epochs, then {} (expected {}, then none)",
            first.report.recorded.len(),
            second.report.recorded.len(),
            args.epochs
        ));
    }
    let store = target.file.open_existing()?;
    let last = store.snapshot(chain.last_epoch)?;
    if last.len() != positions {
        return Err(format!("the last epoch holds {} positions, not {positions}", last.len()));
    }
    let snapshot_rows: i64 =
        store.conn().query_row("SELECT COUNT(*) FROM snapshots", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    let reward_rows = store.rewards()?.len();
    drop(store);
    let db_bytes = std::fs::metadata(&db).map_err(|e| format!("{}: {e}", db.display()))?.len();
    Ok(Figures {
        epochs: args.epochs,
        pools: bench.pools.len(),
        tokens: bench.lsts.len(),
        epoch_length: args.epoch_length,
        chain,
        kept_blocks,
        rss_kb: [rss_deployed, rss_epochs, rss_synced],
        first,
        second,
        db_bytes,
        snapshot_rows,
        reward_rows,
    })
}

/// One `ledger sync` as the command runs it: open the file, sync, over a fresh reader.
fn timed_sync(target: &LedgerTarget) -> Result<Timed, String> {
    let clock = Instant::now();
    let rpc = Rpc::new(&target.rpc.url());
    let mut store = target.file.open()?;
    let report = sync(&rpc, &mut store, target, None)?;
    drop(store);
    Ok(Timed { report, seconds: clock.elapsed().as_secs_f64(), calls: rpc.calls() })
}

/// The report: a table of both syncs and the figures beside it.
fn report(f: &Figures) -> String {
    let total = |t: &Timed| t.calls.values().sum::<u64>();
    let mib = |kb: u64| kb as f64 / 1024.0;
    let positions = f.pools + f.tokens;
    let mut md = format!(
        "# Ledger sync: {} epochs × {positions} positions ({} pool(s), {} token(s)), devnet on loopback\n\n\
         | sync | epochs recorded | seconds | epochs/s | JSON-RPC calls | calls per epoch |\n\
         |---|---:|---:|---:|---:|---:|\n",
        f.epochs, f.pools, f.tokens
    );
    for (what, t) in [("into an empty ledger", &f.first), ("again (nothing new)", &f.second)] {
        let n = t.report.recorded.len();
        let (rate, per) = match n {
            0 => ("–".to_string(), "–".to_string()),
            n => (format!("{:.1}", n as f64 / t.seconds), format!("{:.1}", total(t) as f64 / n as f64)),
        };
        md += &format!("| {what} | {n} | {:.2} | {rate} | {} | {per} |\n", t.seconds, total(t));
    }
    let calls: Vec<String> = f.first.calls.iter().map(|(m, n)| format!("`{m}` {n}")).collect();
    md += &format!(
        "\n- Ledger file: {:.2} MiB ({} bytes, {:.0} bytes per epoch): {} snapshot rows, {} reward rows.\n",
        f.db_bytes as f64 / 1_048_576.0,
        f.db_bytes,
        f.db_bytes as f64 / f.epochs as f64,
        f.snapshot_rows,
        f.reward_rows
    );
    md += &format!("- The first sync's calls: {}.\n", calls.join(", "));
    md += &format!(
        "- The chain: {} epochs of {} blocks, each a fast-forward to its first block and a ping of every pool, \
         {} price changes: {} transactions in {:.1} s; {} blocks kept (the history window: {} epochs).\n",
        f.epochs, f.epoch_length, f.chain.price_changes, f.chain.transactions, f.chain.seconds, f.kept_blocks, f.epochs
    );
    let [deployed, epochs, synced] = f.rss_kb;
    md += &format!(
        "- Memory (this process's resident set: devnet and ledger): {:.1} MiB after the deployment, {:.1} MiB after \
         the epochs (+{:.1} MiB), {:.1} MiB after both syncs.\n",
        mib(deployed),
        mib(epochs),
        mib(epochs.saturating_sub(deployed)),
        mib(synced)
    );
    md
}
