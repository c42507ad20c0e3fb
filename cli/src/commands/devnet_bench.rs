//! `stake-router devnet-bench`: measures the devnet's JSON-RPC on loopback with the router deployed: signed function
//! calls per second to the router (`set_account_policy`, and `deposit` with the `balanced`
//! profile), sequential and with concurrent clients, and view calls per second
//! (`get_targets`, `preview_deposit`), with p50 / p99 latency. Each measurement is bounded
//! (`--seconds` or `--max` requests, whichever comes first), then the program exits.
//! `--smoke` runs each measurement for a couple of requests (CI: it runs, not how fast).
//!
//! ```text
//! bash scripts/build-contracts.sh
//! stake-router devnet-bench [--seconds 5] [--clients 4] [--max 5000] [--out table.md] [--smoke]
//! ```
//! Each `deposit` attaches the gas the router's `preview_deposit` asks for.

use crate::devnet_demo::rpc::{sign, DemoKey, RpcClient};
use crate::devnet_demo::setup::{self, expect_success};
use near_crypto::{KeyType, SecretKey};
use near_primitives::account::AccessKey;
use near_primitives::action::{Action, AddKeyAction, CreateAccountAction, FunctionCallAction, TransferAction};
use near_primitives::types::{AccountId, Balance, Gas};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const NEAR: u128 = 10u128.pow(24);
/// The benchmark's deposit: large enough that no `balanced` leg folds (min leg 1 NEAR).
const DEPOSIT: u128 = 20 * NEAR;

/// `stake-router devnet-bench` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct DevnetBenchArgs {
    /// Most seconds per measurement
    #[arg(long, value_name = "N", default_value_t = 5.0)]
    pub seconds: f64,
    /// Concurrent clients (each measurement runs with 1 and with N)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub clients: u16,
    /// Most requests per measurement
    #[arg(long, value_name = "N", default_value_t = 5_000)]
    pub max: usize,
    /// Also write the table (markdown) to this file
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// A smoke run: 2 clients, 2 requests per measurement; checks it runs, not how fast
    #[arg(long)]
    pub smoke: bool,
}

/// One measured request; `Err` stops that client.
type Step = Box<dyn FnMut() -> Result<(), String> + Send>;

/// Runs `clients` threads (one step factory each) for at most `seconds` / `max` requests in
/// all; returns (requests, elapsed, sorted latencies), or the first failure.
fn measure(seconds: f64, max: usize, steps: Vec<Step>) -> Result<(usize, Duration, Vec<Duration>), String> {
    let per_client = max.div_ceil(steps.len());
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let threads: Vec<_> = steps
        .into_iter()
        .map(|mut step| {
            std::thread::spawn(move || -> Result<Vec<Duration>, String> {
                let mut latencies: Vec<Duration> = Vec::new();
                // At least one request each, however short the time.
                while latencies.is_empty() || (latencies.len() < per_client && Instant::now() < deadline) {
                    let t = Instant::now();
                    step().map_err(|e| format!("request failed: {e}"))?;
                    latencies.push(t.elapsed());
                }
                Ok(latencies)
            })
        })
        .collect();
    let mut all = Vec::new();
    for thread in threads {
        all.extend(thread.join().map_err(|_| "a client thread panicked".to_string())??);
    }
    let elapsed = start.elapsed();
    all.sort();
    Ok((all.len(), elapsed, all))
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1e3
}

/// A client account with its own key, funded by the root, and its next nonce / block hash.
fn client_account(rpc: &RpcClient, root: &DemoKey, name: &str) -> Result<DemoKey, String> {
    let account_id: AccountId = format!("{name}.{}", root.account_id).parse().unwrap();
    let key = DemoKey { account_id: account_id.clone(), secret_key: SecretKey::from_random(KeyType::ED25519) };
    let actions = vec![
        Action::CreateAccount(CreateAccountAction {}),
        Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(1_000_000 * NEAR) }),
        Action::AddKey(Box::new(AddKeyAction {
            public_key: key.secret_key.public_key(),
            access_key: AccessKey::full_access(),
        })),
    ];
    expect_success(rpc.sign_and_send(root, &account_id, actions), name)?;
    Ok(key)
}

/// A function call: (method, args, deposit, gas).
type Call = (String, Value, u128, u64);

/// A step that signs and sends `call` from `key` with `send_tx` (nonce kept locally; the
/// head's hash fetched once), checking the outcome is a success.
fn signed_step(url: &str, key: DemoKey, router: AccountId, call: Call) -> Step {
    let rpc = RpcClient::new(url);
    let mut nonce = rpc.nonce(&key).unwrap();
    let block_hash = rpc.head_hash().unwrap();
    Box::new(move || {
        nonce += 1;
        let (method_name, args, deposit, gas) = call.clone();
        let action = Action::FunctionCall(Box::new(FunctionCallAction {
            method_name,
            args: args.to_string().into_bytes(),
            gas: Gas::from_gas(gas),
            deposit: Balance::from_yoctonear(deposit),
        }));
        let tx = sign(&key, nonce, &router, vec![action], block_hash);
        let outcome = expect_success(rpc.send(&tx), "signed call")?;
        let receipts = outcome["receipts_outcome"].as_array().ok_or("no receipts_outcome")?;
        match receipts.iter().find(|r| r["outcome"]["status"].get("Failure").is_some()) {
            Some(failed) => Err(format!("a receipt failed: {failed}")),
            None => Ok(()),
        }
    })
}

fn view_step(url: &str, router: AccountId, method: &'static str, args: Value) -> Step {
    let rpc = RpcClient::new(url);
    Box::new(move || rpc.view(router.as_str(), method, args.clone()).map(|_| ()))
}

fn policy_call() -> Call {
    let legs =
        json!([{ "target": "pool-a.test.near", "bps": 6_000 }, { "target": "linear-0.test.near", "bps": 4_000 }]);
    ("set_account_policy".into(), json!({ "policy": { "legs": legs } }), NEAR / 100, 30_000_000_000_000)
}

/// A `balanced` deposit with the gas `plan` (the router's first-deposit preview) asks for: a
/// first deposit needs the most, so later ones get more than enough.
fn deposit_call(plan: &Value) -> Result<Call, String> {
    let gas = plan["gas_required"].as_u64().ok_or_else(|| format!("preview_deposit: no gas_required in {plan}"))?;
    Ok(("deposit".into(), json!({ "profile": "balanced" }), DEPOSIT, gas))
}

/// Runs `stake-router devnet-bench`: starts a devnet, deploys, measures, prints the table.
pub fn run(mut args: DevnetBenchArgs) -> Result<(), String> {
    if args.smoke {
        (args.seconds, args.clients, args.max) = (args.seconds.min(10.0), 2, 2);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let report = runtime.block_on(async move {
        let devnet = devnet::start(devnet::DevnetConfig::default()).await.map_err(|e| format!("devnet: {e}"))?;
        let d = setup::deploy(&devnet.url, &devnet.root_account, &devnet.secret_key).await?;
        let url = devnet.url.clone();
        let root = DemoKey { account_id: devnet.root_account.clone(), secret_key: devnet.secret_key.clone() };
        let report = tokio::task::spawn_blocking(move || bench(&args, &url, &root, d.router)).await;
        drop(devnet);
        report.map_err(|e| format!("benchmark: {e}"))?
    })?;
    println!("{report}");
    Ok(())
}

fn bench(args: &DevnetBenchArgs, url: &str, root: &DemoKey, router: AccountId) -> Result<String, String> {
    let rpc = RpcClient::new(url);
    let n = usize::from(args.clients);
    let keys = (0..n).map(|i| client_account(&rpc, root, &format!("bench-{i}"))).collect::<Result<Vec<_>, _>>()?;
    let preview = json!({ "amount": DEPOSIT.to_string(), "account_id": keys[0].account_id, "profile": "balanced" });
    let plan = rpc.view(router.as_str(), "preview_deposit", preview.clone())?;
    let legs = plan["legs"].as_array().map_or(0, |l| l.len());
    let deposit = deposit_call(&plan)?;
    let mut rows = Vec::new();
    let mut row = |what: String, clients: usize, steps: Vec<Step>| -> Result<(), String> {
        let (count, elapsed, lat) = measure(args.seconds, args.max, steps)?;
        let line = format!(
            "| {what} | {clients} | {count} | {:.1} | {:.0} | {:.2} | {:.2} |",
            elapsed.as_secs_f64(),
            count as f64 / elapsed.as_secs_f64(),
            pct(&lat, 0.50),
            pct(&lat, 0.99)
        );
        eprintln!("{line}");
        rows.push(line);
        Ok(())
    };
    for clients in [1, n] {
        let s = keys[..clients].iter().map(|k| signed_step(url, k.clone(), router.clone(), policy_call())).collect();
        row("signed `set_account_policy` (`send_tx`, FINAL)".into(), clients, s)?;
    }
    for clients in [1, n] {
        let s = keys[..clients].iter().map(|k| signed_step(url, k.clone(), router.clone(), deposit.clone())).collect();
        let what = format!("signed `deposit` 20 NEAR, `balanced` ({legs} legs; proxy exists after the first)");
        row(what, clients, s)?;
    }
    for (method, a) in [("get_targets", json!({})), ("preview_deposit", preview)] {
        for clients in [1, n] {
            let s = (0..clients).map(|_| view_step(url, router.clone(), method, a.clone())).collect();
            row(format!("view `{method}` (`query` call_function)"), clients, s)?;
        }
    }
    let header = "| request | clients | requests | seconds | per second | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|";
    let table = format!("{header}\n{}", rows.join("\n"));
    if let Some(path) = &args.out {
        std::fs::write(path, &table).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(table)
}
