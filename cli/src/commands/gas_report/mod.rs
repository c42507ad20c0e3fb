//! `stake-router gas-report`: measures the router's gas on the in-process chain (nearcore's VM,
//! protocol 88 fees) and writes `docs/gas.md`:
//!
//! ```text
//! bash scripts/build-contracts.sh && cargo run --release -p stake-router-cli -- gas-report
//! ```
//! `--smoke` measures two shapes on a small deployment and writes no file unless `--out` is
//! given (CI: it runs and every deposit succeeds at the router's own gas figure).
//! For each split shape (validator legs, liquid legs), a first deposit (creating the proxy)
//! and a later one are run with exactly the prepaid gas the router asks for; the report shows
//! what it asked for, what the whole transaction burnt, what each of the router's receipts
//! burnt, and what each callback is guaranteed versus what it used.

mod measure;

use harness::chain_backend::ChainBackend;
use harness::fixture::{deploy_with, SPLIT_SHAPES};
use measure::{measure, measure_bounce, measure_exits, tgas};
use router_core::gas::{GasSchedule, MAX_TX_GAS, PAYOUT_CALLBACK, TGAS};
use std::fmt::Write;
use std::path::PathBuf;

/// The smoke run's shapes.
const SMOKE_SHAPES: [(usize, usize); 2] = [(1, 1), (2, 0)];

/// `stake-router gas-report` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct GasReportArgs {
    /// Where to write the report [default: docs/gas.md; with --smoke, no file]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// A smoke run: two shapes on a 2-pool, 2-token deployment; checks it runs, not the figures
    #[arg(long)]
    pub smoke: bool,
}

/// Runs `stake-router gas-report`: measures, prints the report and writes it.
pub fn run(args: GasReportArgs) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let (md, failed) = runtime.block_on(report(args.smoke));
    let out = match (args.out, args.smoke) {
        (Some(path), _) => Some(path),
        (None, false) => Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/gas.md")),
        (None, true) => None,
    };
    if let Some(path) = out {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &md).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    print!("{md}");
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("deposits failed at the router's own gas figure (validator legs, liquid legs, first): {failed:?}"))
    }
}

/// The most legs of one kind mix whose first deposit fits `limit` by the router's schedule.
fn most_legs(limit: u64, mix: impl Fn(u64) -> (u64, u64)) -> u64 {
    let g = GasSchedule::DEFAULT;
    (1..=16)
        .filter(|&n| {
            let (v, l) = mix(n);
            v <= router_core::MAX_PROXY_POOLS as u64 && g.required(v, l, true) <= limit
        })
        .max()
        .unwrap_or(0)
}

/// Measures and writes the report; returns it and the deposits that failed.
async fn report(smoke: bool) -> (String, Vec<(usize, usize, bool)>) {
    let mut b = ChainBackend::new();
    let (f, shapes) = match smoke {
        true => (deploy_with(&mut b, 2, 2).await, &SMOKE_SHAPES[..]),
        false => (deploy_with(&mut b, 8, 8).await, &SPLIT_SHAPES[..]),
    };
    let mut rows = Vec::new();
    for &(v, l) in shapes {
        rows.extend(measure(&mut b, &f, v, l).await);
    }
    let g = GasSchedule::DEFAULT;
    let mut md = String::new();
    writeln!(md, "# Gas report\n").unwrap();
    writeln!(md, "Measured by `stake-router gas-report` on the in-process chain: the compiled").unwrap();
    writeln!(
        md,
        "wasm on nearcore's VM (`near-vm-runner` 0.38) with protocol 88's fees. Each deposit attaches exactly the"
    )
    .unwrap();
    writeln!(
        md,
        "`gas_required` of the router's own plan; unused gas is refunded to the signer. The chain does not charge"
    )
    .unwrap();
    writeln!(
        md,
        "trie-node storage gas, so mainnet burns somewhat more than shown: the schedule's margins cover it.\n"
    )
    .unwrap();
    writeln!(md, "## Deposits by shape\n").unwrap();
    writeln!(md, "| validator legs | liquid legs | deposit | prepaid (TGas) | burnt, whole tx (TGas) | router `deposit` (TGas) | router's own, per leg (TGas) | succeeded |").unwrap();
    writeln!(md, "|---|---|---|---|---|---|---|---|").unwrap();
    for r in &rows {
        writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.v,
            r.l,
            if r.first { "first (creates proxy)" } else { "later" },
            tgas(r.required),
            tgas(r.total),
            tgas(r.deposit),
            tgas(r.router_total / (r.v + r.l) as u64),
            if r.ok { "yes" } else { "**no**" }
        )
        .unwrap();
    }
    writeln!(
        md,
        "\nThe router's own gas per leg: everything the router's receipts burnt (`deposit`, its callbacks and"
    )
    .unwrap();
    writeln!(md, "payout confirmations, each receipt's execution fee included) divided by the legs.").unwrap();
    writeln!(md, "\n## Callbacks: guaranteed gas versus the most any one used\n").unwrap();
    writeln!(
        md,
        "Each callback gets its static gas plus a share of the caller's unused gas (weight 1); the static part"
    )
    .unwrap();
    writeln!(md, "alone must cover it.\n").unwrap();
    writeln!(md, "| receipt | runs on | static gas (TGas) | most burnt (TGas) |").unwrap();
    writeln!(md, "|---|---|---|---|").unwrap();
    let statics = [
        ("on_deposit_settled", "router", g.settle_callback_attached(1, 1)),
        ("on_liquid_delivered", "router", g.delivery_callback_attached(1)),
        ("on_refund_released", "router", PAYOUT_CALLBACK),
        ("new+stake", "proxy (creation batch)", g.proxy_init + g.proxy_stake_attached(1)),
        ("stake", "proxy", g.proxy_stake_attached(1)),
        ("on_pools_staked", "proxy", g.proxy_pools_callback_attached(1)),
        ("on_payout", "proxy", PAYOUT_CALLBACK),
    ];
    for (method, on, given) in statics {
        let most = rows.iter().flat_map(|r| r.callbacks.iter()).filter(|(m, _)| m == method).map(|(_, g)| *g).max();
        let per_leg = match method {
            "stake" | "new+stake" => Some(g.proxy_stake_attached(2) - g.proxy_stake_attached(1)),
            "on_deposit_settled" => Some(g.settle_callback_attached(1, 2) - g.settle_callback_attached(1, 1)),
            "on_liquid_delivered" => Some(g.delivery_callback_attached(2) - g.delivery_callback_attached(1)),
            "on_pools_staked" => Some(g.proxy_pools_callback_attached(2) - g.proxy_pools_callback_attached(1)),
            _ => None,
        };
        let note = match method {
            "on_deposit_settled" => {
                per_leg.map(|p| format!(" (1 pool + 1 liquid leg; +{} per extra liquid leg)", tgas(p)))
            }
            _ => per_leg.map(|p| format!(" (one leg; +{} per extra leg)", tgas(p))),
        }
        .unwrap_or_default();
        writeln!(
            md,
            "| `{method}` | {on} | {}{note} | {} |",
            tgas(given),
            most.map(tgas).unwrap_or_else(|| "-".into())
        )
        .unwrap();
    }
    writeln!(md, "\n## Every receipt of a deposit: the most any one burnt\n").unwrap();
    writeln!(md, "Over every shape above; each figure is what the receipt itself burnt (its actions' execution")
        .unwrap();
    writeln!(md, "fees, its wasm, and the send fees of the receipts it made); transfers are not listed.\n").unwrap();
    writeln!(md, "| runs on | method | receipts | most burnt (TGas) |").unwrap();
    writeln!(md, "|---|---|---|---|").unwrap();
    let mut most: std::collections::BTreeMap<(&str, &str), (usize, u64)> = Default::default();
    for (on, method, gas) in rows.iter().flat_map(|r| r.receipts.iter()) {
        let e = most.entry((on, method.as_str())).or_default();
        e.0 += 1;
        e.1 = e.1.max(*gas);
    }
    for ((on, method), (count, gas)) in most {
        let method = if method.is_empty() { String::from("(transfer)") } else { format!("`{method}`") };
        writeln!(md, "| {on} | {method} | {count} | {} |", tgas(gas)).unwrap();
    }
    let bounce = measure_bounce(&mut b, &f).await;
    writeln!(
        md,
        "\nEvery NEAR transfer is a tracked payout (`GasSchedule::payout`, {} TGas: the transfer, the callback",
        tgas(g.payout())
    )
    .unwrap();
    writeln!(md, "and their sends); the callbacks that pay include it in their static gas. A payout to an account")
        .unwrap();
    writeln!(md, "that does not exist (a deposit fee to a missing treasury) bounced and was recorded as owed by an")
        .unwrap();
    writeln!(
        md,
        "`on_refund_released` that burnt {} TGas, the receipt's execution fee (about 0.9 TGas, prepaid",
        tgas(bounce)
    )
    .unwrap();
    writeln!(md, "by the sender's send cost) included. The proxy's `on_payout` on the same path is measured on the")
        .unwrap();
    writeln!(md, "VM by `tests/wasm-checks` (`a_bounced_payout_is_recorded_by_the_proxy_itself`).").unwrap();
    writeln!(md, "\n## How many legs fit one transaction (first deposit, by the router's schedule)\n").unwrap();
    writeln!(md, "| mix | within 300 TGas | within 1 PGas |").unwrap();
    writeln!(md, "|---|---|---|").unwrap();
    for (name, mix) in [
        ("validators only", Box::new(|n: u64| (n, 0u64)) as Box<dyn Fn(u64) -> (u64, u64)>),
        ("liquid only", Box::new(|n| (0, n))),
        ("half and half", Box::new(|n| (n / 2, n - n / 2))),
    ] {
        writeln!(md, "| {name} | {} | {} |", most_legs(300 * TGAS, &mix), most_legs(MAX_TX_GAS, &mix)).unwrap();
    }
    writeln!(
        md,
        "\nA policy has at most 16 legs and a proxy holds at most 8 pools. The default profiles (2 validators +"
    )
    .unwrap();
    writeln!(
        md,
        "2 LSTs) ask for {} TGas on a first deposit and {} TGas later.",
        tgas(g.required(2, 2, true)),
        tgas(g.required(2, 2, false))
    )
    .unwrap();
    let exits = measure_exits(&mut b, &f).await;
    writeln!(md, "\n## Exits through the proxy (owner calls; whole transaction, mock pool)\n").unwrap();
    writeln!(md, "| call | prepaid (TGas) | burnt (TGas) | succeeded |").unwrap();
    writeln!(md, "|---|---|---|---|").unwrap();
    for (call, prepaid, out) in &exits {
        writeln!(
            md,
            "| `{call}` | {} | {} | {} |",
            tgas(*prepaid),
            tgas(out.gas_burnt),
            if out.ok && out.failed_receipts.is_empty() { "yes" } else { "**no**" }
        )
        .unwrap();
    }
    writeln!(md, "\nThe prepaid figures are the proxy's documented minimums. The mock pool restakes as the core pool")
        .unwrap();
    writeln!(md, "does (a `Stake` action and a 20 TGas `on_stake_action` callback), so the receipts are the real")
        .unwrap();
    writeln!(md, "pool's; its own work is near-sdk 5's, not the real wasm's, which the minimums' margins cover.")
        .unwrap();
    writeln!(md, "\n## Schedule (router_core::GasSchedule::DEFAULT, TGas)\n").unwrap();
    writeln!(md, "```json\n{}\n```", serde_json::to_string_pretty(&g).unwrap()).unwrap();
    let failed = rows.iter().filter(|r| !r.ok).map(|r| (r.v, r.l, r.first)).collect();
    (md, failed)
}
