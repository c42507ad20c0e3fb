//! `stake-router watch`: at every epoch (or once), reads what matters about an account's
//! positions (`observe.rs`), compares it with what the ledger database saw last (its
//! `watch_state` table) and reports the alerts (`alerts.rs`): as lines, as one JSON object per
//! alert (`--json`), and through a command per alert (`--exec`). For a Sputnik DAO each
//! actionable alert comes with the proposal that acts on it (`proposal.rs`).

pub mod alerts;
pub mod observe;
pub mod proposal;

use crate::jsonrpc::Rpc;
use crate::ledger::{LedgerTarget, Store};
use alerts::Alert;
use router_core::{AccountId, Yocto};
use rusqlite::params;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// `stake-router watch` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub target: LedgerTarget,
    /// Check once and exit (default: check at every new epoch until stopped)
    #[arg(long)]
    pub once: bool,
    /// One JSON object per alert, one per line
    #[arg(long)]
    pub json: bool,
    /// Run CMD (with `sh -c`) per alert: the alert's JSON on its standard input and in
    /// STAKE_ROUTER_ALERT, its kind in STAKE_ROUTER_ALERT_KIND
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// Alert when a pool's uptime this epoch is under PERCENT
    #[arg(long, value_name = "PERCENT", default_value_t = 90)]
    pub min_uptime: u64,
    /// For a DAO: the pool its proposals move stake to (default: the router's first other active pool)
    #[arg(long, value_name = "POOL")]
    pub move_to: Option<AccountId>,
    /// Seconds between checks for a new epoch
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub interval: u64,
}

/// The previous run's values.
fn load_state(store: &Store) -> Result<BTreeMap<String, String>, String> {
    let mut stmt = store.conn().prepare("SELECT key, value FROM watch_state").map_err(|e| e.to_string())?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| e.to_string())?;
    rows.collect::<Result<_, _>>().map_err(|e| e.to_string())
}

/// Replaces the saved values and records the alerts, in one transaction.
fn save(store: &Store, values: &BTreeMap<String, String>, alerts: &[Alert]) -> Result<(), String> {
    let tx = store.conn().unchecked_transaction().map_err(|e| e.to_string())?;
    tx.execute("DELETE FROM watch_state", []).map_err(|e| e.to_string())?;
    for (k, v) in values {
        tx.execute("INSERT INTO watch_state (key, value) VALUES (?1, ?2)", params![k, v]).map_err(|e| e.to_string())?;
    }
    for a in alerts {
        tx.execute(
            "INSERT OR IGNORE INTO alerts (key, epoch, kind, subject, message) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![format!("{}:{}:{}", a.kind, a.subject, a.epoch), a.epoch as i64, a.kind, a.subject, a.message],
        )
        .map_err(|e| e.to_string())?;
    }
    tx.commit().map_err(|e| e.to_string())
}

/// The DAO's proposal bond, if the account is a Sputnik DAO (`get_policy` answers).
fn dao_bond(rpc: &Rpc, account: &AccountId) -> Option<Yocto> {
    let policy = rpc.view(account, "get_policy", json!({})).ok()?;
    serde_json::from_value(policy["proposal_bond"].clone()).ok()
}

/// One check: the alerts as JSON objects (with their proposals), after saving the state.
pub fn check(rpc: &Rpc, store: &Store, args: &WatchArgs) -> Result<Vec<Value>, String> {
    let (router, account) = (&args.target.file.router, &args.target.file.account);
    let now = observe::observe(rpc, router, account)?;
    let before = load_state(store)?;
    let alerts = alerts::compare(&before, &now, args.min_uptime.saturating_mul(100));
    let bond = match alerts.iter().any(|a| a.action.is_some()) {
        true => dao_bond(rpc, account),
        false => None,
    };
    let out = alerts
        .iter()
        .map(|a| {
            let proposal = match (bond, &now.proxy) {
                (Some(bond), Some(proxy)) => {
                    proposal::for_alert(a, account, proxy, bond, &now.active_pools, args.move_to.as_ref())
                }
                _ => None,
            };
            json!({
                "kind": a.kind, "subject": a.subject, "epoch": a.epoch, "account": account, "message": a.message,
                "proposal": proposal.map(|p| json!({ "add_proposal": p.add_proposal, "bond": p.bond, "near_cli": p.near_cli })),
            })
        })
        .collect();
    save(store, &now.values, &alerts)?;
    Ok(out)
}

/// An alert as text: one line, and a DAO's proposal under it.
pub fn describe(alert: &Value) -> String {
    let mut out = format!(
        "[epoch {}] {}: {}\n",
        alert["epoch"],
        alert["kind"].as_str().unwrap_or(""),
        alert["message"].as_str().unwrap_or("")
    );
    if let Some(p) = alert.get("proposal").filter(|p| !p.is_null()) {
        out += &format!(
            "  DAO proposal (attach the bond, {} yoctoNEAR):\n  {}\n  {}\n",
            p["bond"].as_str().unwrap_or("?"),
            p["add_proposal"],
            p["near_cli"].as_str().unwrap_or("")
        );
    }
    out
}

/// Runs `--exec CMD` for one alert; a failure is reported and the watch goes on.
fn exec(cmd: &str, alert: &Value) {
    use std::io::Write;
    let text = alert.to_string();
    let child = std::process::Command::new("sh")
        .args(["-c", cmd])
        .env("STAKE_ROUTER_ALERT", &text)
        .env("STAKE_ROUTER_ALERT_KIND", alert["kind"].as_str().unwrap_or(""))
        .stdin(std::process::Stdio::piped())
        .spawn();
    match child {
        Ok(mut child) => {
            if let Some(mut stdin) = child.stdin.take() {
                let _ = stdin.write_all(text.as_bytes());
            }
            match child.wait() {
                Ok(status) if status.success() => {}
                Ok(status) => eprintln!("watch: --exec `{cmd}` ended with {status}"),
                Err(e) => eprintln!("watch: --exec `{cmd}`: {e}"),
            }
        }
        Err(e) => eprintln!("watch: --exec `{cmd}`: {e}"),
    }
}

/// Runs `stake-router watch`.
pub fn run(args: WatchArgs) -> Result<(), String> {
    let rpc = Rpc::new(&args.target.rpc.url());
    let store = args.target.file.open()?;
    let mut last_epoch = None;
    loop {
        let epoch = rpc.epoch()?;
        if last_epoch != Some(epoch) {
            for alert in check(&rpc, &store, &args)? {
                if args.json {
                    println!("{alert}");
                } else {
                    print!("{}", describe(&alert));
                }
                if let Some(cmd) = &args.exec {
                    exec(cmd, &alert);
                }
            }
            last_epoch = Some(epoch);
        }
        if args.once {
            return Ok(());
        }
        std::thread::sleep(Duration::from_secs(args.interval.max(1)));
    }
}
