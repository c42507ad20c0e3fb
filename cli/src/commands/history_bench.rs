//! `stake-router history-bench`: what keeping past blocks' states costs in memory. The demo's
//! contracts (the router, the proxy code as a global contract, two pools, two LSTs) on the
//! in-process chain, then deposits with rotating profiles from many users until `--blocks`
//! blocks have been produced (every block of a deposit's receipts changes state: proxies are
//! created, pools stake, LSTs mint, the router records). Memory is the process's resident set
//! (`VmRSS` of /proc/self/status), read after the deployment and after the blocks.
//!
//! Two runs, each in its own process (a fresh allocator): with every block kept (100,000-block
//! epochs, 5 kept: the window holds them all), and a baseline keeping one 100-block epoch. The
//! difference is what the history costs. `--smoke` runs 200 blocks (CI: it runs, not the figure).
//!
//! ```text
//! bash scripts/build-contracts.sh
//! stake-router history-bench [--blocks 10000] [--smoke]
//! ```

use harness::backend::Backend;
use harness::chain_backend::ChainBackend;
use harness::fixture::{deploy, Fixture};
use near_chain::{Chain, ChainConfig};
use router_core::{AccountId, ONE_NEAR};
use serde_json::{json, Value};
use std::process::Command;
use std::time::Instant;

/// `stake-router history-bench` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct HistoryBenchArgs {
    /// Blocks to produce after the deployment
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub blocks: u64,
    /// A smoke run: 200 blocks; checks it runs, not the figure
    #[arg(long)]
    pub smoke: bool,
    /// Internal: run one measurement in this process with this epoch length and history
    /// (`EPOCH_LENGTH,HISTORY_EPOCHS`) and print it as JSON
    #[arg(long, value_name = "L,E", hide = true)]
    pub child: Option<String>,
}

/// The kept-everything run and the baseline: (label, epoch length, epochs kept).
const RUNS: [(&str, u64, u64); 2] = [("every block kept", 100_000, 5), ("baseline: one 100-block epoch kept", 100, 1)];
/// Users taking turns to deposit.
const USERS: usize = 40;
const PROFILES: [&str; 3] = ["direct-heavy", "balanced", "liquid-heavy"];

/// Runs `stake-router history-bench`: both measurements in child processes, then the table.
pub fn run(args: HistoryBenchArgs) -> Result<(), String> {
    let blocks = if args.smoke { 200 } else { args.blocks };
    if let Some(child) = &args.child {
        let (epoch_length, history_epochs) = parse_child(child)?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
        let report = runtime.block_on(measure(blocks, epoch_length, history_epochs))?;
        println!("{report}");
        return Ok(());
    }
    let exe = std::env::current_exe().map_err(|e| format!("current exe: {e}"))?;
    let mut rows = Vec::new();
    for (label, epoch_length, history_epochs) in RUNS {
        let out = Command::new(&exe)
            .args(["history-bench", "--blocks", &blocks.to_string(), "--child"])
            .arg(format!("{epoch_length},{history_epochs}"))
            .output()
            .map_err(|e| format!("running {}: {e}", exe.display()))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            return Err(format!("{label}: {}{}", stdout, String::from_utf8_lossy(&out.stderr)));
        }
        let report: Value = serde_json::from_str(stdout.trim()).map_err(|e| format!("{label}: {e}: {stdout}"))?;
        rows.push((label, report));
    }
    println!("{}", table(blocks, &rows));
    Ok(())
}

fn parse_child(arg: &str) -> Result<(u64, u64), String> {
    let (l, e) = arg.split_once(',').ok_or("--child L,E")?;
    Ok((l.parse().map_err(|_| "--child L,E")?, e.parse().map_err(|_| "--child L,E")?))
}

/// The markdown table: one row per run, and the history's cost per 10,000 blocks.
fn table(blocks: u64, rows: &[(&str, Value)]) -> String {
    let mib = |kb: u64| kb as f64 / 1024.0;
    let mut md = format!(
        "# History memory, {blocks} blocks of deposits (demo contracts, in-process chain)\n\n\
         | run | blocks | deposits | past blocks kept | RSS after deploy (MiB) | RSS after (MiB) | growth (MiB) | seconds |\n\
         |---|---|---|---|---|---|---|---|\n"
    );
    let growth =
        |r: &Value| r["rss_after_kb"].as_u64().unwrap_or(0).saturating_sub(r["rss_deployed_kb"].as_u64().unwrap_or(0));
    for (label, r) in rows {
        md += &format!(
            "| {label} | {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} |\n",
            r["blocks"],
            r["deposits"],
            r["history_len"],
            mib(r["rss_deployed_kb"].as_u64().unwrap_or(0)),
            mib(r["rss_after_kb"].as_u64().unwrap_or(0)),
            mib(growth(r)),
            r["seconds"].as_f64().unwrap_or(0.0),
        );
    }
    let (kept, base) = (growth(&rows[0].1), growth(&rows[1].1));
    let per_10k = mib(kept.saturating_sub(base)) * 10_000.0 / blocks.max(1) as f64;
    md += &format!("\nThe history costs {per_10k:.1} MiB per 10,000 blocks (growth kept minus baseline, scaled).\n");
    md
}

/// One run: deploy, then deposits until `blocks` more blocks exist; the figures as JSON.
async fn measure(blocks: u64, epoch_length: u64, history_epochs: u64) -> Result<Value, String> {
    let config = ChainConfig { epoch_length, history_epochs, ..ChainConfig::default() };
    let mut b = ChainBackend { chain: Chain::with_config(config) };
    let f = deploy(&mut b).await;
    let mut users = Vec::new();
    for i in 0..USERS {
        users.push(b.create_account(&format!("user-{i}"), 1_000_000 * ONE_NEAR).await);
    }
    let rss_deployed_kb = rss_kb()?;
    let start = b.chain.block_height();
    let clock = Instant::now();
    let mut deposits = 0usize;
    while b.chain.block_height() < start + blocks {
        let user = &users[deposits % USERS];
        let profile = PROFILES[deposits % PROFILES.len()];
        deposit(&mut b, &f, user, profile).await?;
        deposits += 1;
    }
    Ok(json!({
        "blocks": b.chain.block_height() - start,
        "deposits": deposits,
        "history_len": b.chain.history_len(),
        "rss_deployed_kb": rss_deployed_kb,
        "rss_after_kb": rss_kb()?,
        "seconds": clock.elapsed().as_secs_f64(),
    }))
}

/// A 20 NEAR deposit with `profile`, attaching the gas the router's preview asks for.
async fn deposit(b: &mut ChainBackend, f: &Fixture, user: &AccountId, profile: &str) -> Result<(), String> {
    let amount = 20 * ONE_NEAR;
    let preview = json!({ "profile": profile, "amount": amount.to_string(), "account_id": user });
    let plan = f.view(b, "preview_deposit", preview).await;
    let gas = plan["gas_required"].as_u64().ok_or_else(|| format!("preview_deposit: no gas_required in {plan}"))?;
    let out = f.deposit(b, user, amount, json!({ "profile": profile }), gas).await;
    match out.ok {
        true => Ok(()),
        false => Err(format!("deposit by {user} ({profile}): {:?}", out.failure)),
    }
}

/// The process's resident set, kB (`VmRSS` of /proc/self/status).
pub(crate) fn rss_kb() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| format!("/proc/self/status: {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmRSS in /proc/self/status".to_string())
}
