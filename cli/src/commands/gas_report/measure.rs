//! The measurements behind `stake-router gas-report`: deposits of each shape at exactly the
//! router's own gas figure, a bounced payout, and the proxy's exits at their minimums.

use harness::backend::{call_json, Backend, Outcome};
use harness::chain_backend::ChainBackend;
use harness::fixture::Fixture;
use router_core::exit_gas;
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::json;

/// One measured deposit.
pub(super) struct Row {
    pub(super) v: usize,
    pub(super) l: usize,
    pub(super) first: bool,
    pub(super) required: u64,
    pub(super) ok: bool,
    pub(super) total: u64,
    pub(super) deposit: u64,
    pub(super) callbacks: Vec<(String, u64)>,
    /// Gas burnt by every receipt the router ran (`deposit` and its callbacks).
    pub(super) router_total: u64,
    /// (who runs it, method) and gas burnt of every receipt of the deposit.
    pub(super) receipts: Vec<(&'static str, String, u64)>,
}

/// Who runs a receipt, as the report names it.
fn role(f: &Fixture, executor: &AccountId) -> &'static str {
    if executor == &f.router {
        "router"
    } else if f.pools.contains(executor) {
        "pool (mock core staking pool)"
    } else if f.lsts.contains(executor) {
        "token (mock LST)"
    } else if executor.as_str().ends_with(&format!(".{}", f.router)) {
        "proxy"
    } else {
        "account"
    }
}

pub(super) fn tgas(g: u64) -> String {
    format!("{:.1}", g as f64 / TGAS as f64)
}

fn burnt(out: &Outcome, executor_is_router: bool, router: &AccountId, method: &str) -> Vec<u64> {
    out.receipt_gas
        .iter()
        .filter(|(e, m, _)| (e == router) == executor_is_router && m == method)
        .map(|(_, _, g)| *g)
        .collect()
}

pub(super) async fn measure(b: &mut ChainBackend, f: &Fixture, v: usize, l: usize) -> Vec<Row> {
    let user = b.create_account(&format!("gas-{v}-{l}"), 100_000 * ONE_NEAR).await;
    let args = f.even_policy(v, l);
    let amount = 10 * ONE_NEAR * (v + l) as u128;
    let mut rows = Vec::new();
    for first in [true, false] {
        let mut preview = args.clone();
        preview["amount"] = json!(amount.to_string());
        preview["account_id"] = json!(user);
        let plan = match b.view(&f.router, "preview_deposit", preview).await {
            Ok(plan) => plan,
            Err(e) => {
                println!("{v} validator + {l} liquid legs refused by the planner: {e}");
                continue;
            }
        };
        let required = plan["gas_required"].as_u64().unwrap();
        let out = f.deposit(b, &user, amount, args.clone(), required).await;
        let mut callbacks = Vec::new();
        for (router_side, method) in [
            (true, "on_deposit_settled"),
            (true, "on_liquid_delivered"),
            (false, "stake"),
            (false, "new+stake"),
            (false, "on_pools_staked"),
            (true, "on_refund_released"),
            (false, "on_payout"),
        ] {
            if let Some(max) = burnt(&out, router_side, &f.router, method).into_iter().max() {
                callbacks.push((method.to_string(), max));
            }
        }
        rows.push(Row {
            v,
            l,
            first,
            required,
            ok: out.ok && out.failed_receipts.is_empty(),
            total: out.gas_burnt,
            deposit: burnt(&out, true, &f.router, "deposit").first().copied().unwrap_or(0),
            callbacks,
            router_total: out.receipt_gas.iter().filter(|(e, ..)| e == &f.router).map(|(.., g)| *g).sum(),
            receipts: out.receipt_gas.iter().map(|(e, m, g)| (role(f, e), m.clone(), *g)).collect(),
        });
    }
    rows
}

/// A deposit whose fee goes to a treasury account that does not exist: returns the gas the
/// router's `on_refund_released` burnt recording the bounced fee as owed.
pub(super) async fn measure_bounce(b: &mut ChainBackend, f: &Fixture) -> u64 {
    let user = b.create_account("gas-bounce", 1_000 * ONE_NEAR).await;
    let set_fee = |bps: u16, treasury: Option<&str>| json!({ "fee_bps": bps, "treasury_id": treasury });
    let fee = set_fee(100, Some("missing-treasury.test"));
    let out = call_json(b, &f.owner, &f.router, "set_deposit_fee", fee, 1, 30 * TGAS).await;
    assert!(out.ok, "{:?}", out.failure);
    let args = json!({ "policy": { "legs": [{ "target": f.lsts[0], "bps": 10_000 }] } });
    let mut preview = args.clone();
    preview["amount"] = json!((10 * ONE_NEAR).to_string());
    preview["account_id"] = json!(user);
    let plan = b.view(&f.router, "preview_deposit", preview).await.unwrap();
    let dep = f.deposit(b, &user, 10 * ONE_NEAR, args, plan["gas_required"].as_u64().unwrap()).await;
    assert_eq!(dep.events_named("refund_owed").len(), 1, "the fee bounced and is owed: {:?}", dep.logs);
    let out = call_json(b, &f.owner, &f.router, "set_deposit_fee", set_fee(0, None), 1, 30 * TGAS).await;
    assert!(out.ok, "{:?}", out.failure);
    burnt(&dep, true, &f.router, "on_refund_released").into_iter().max().unwrap_or(0)
}

/// Unstake, withdraw, move and a keeper's finish_move, each at the proxy's minimum gas.
pub(super) async fn measure_exits(b: &mut ChainBackend, f: &Fixture) -> Vec<(&'static str, u64, Outcome)> {
    let user = b.create_account("gas-exits", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": f.pools[0], "bps": 5_000 }, { "target": f.pools[1], "bps": 5_000 }] });
    let mut preview = json!({ "policy": policy.clone(), "amount": (100 * ONE_NEAR).to_string(), "account_id": user });
    let required = f.view(b, "preview_deposit", preview.take()).await["gas_required"].as_u64().unwrap();
    f.deposit(b, &user, 100 * ONE_NEAR, json!({ "policy": policy }), required).await;
    let (proxy, _) = f.proxy_of(b, &user).await;
    let mut rows = Vec::new();
    let steps: [(&'static str, serde_json::Value, u128, u64, u64); 4] = [
        ("unstake", json!({ "pool_id": f.pools[0] }), 1, exit_gas::UNSTAKE_GAS, 4),
        ("withdraw", json!({ "pool_id": f.pools[0] }), 1, exit_gas::WITHDRAW_GAS, 0),
        ("move_stake", json!({ "from_pool": f.pools[1], "to_pool": f.pools[0] }), 1, exit_gas::MOVE_STAKE_GAS, 4),
        ("finish_move", json!({ "from_pool": f.pools[1] }), 0, exit_gas::FINISH_MOVE_GAS, 0),
    ];
    // (method, args, deposit, gas, epochs to advance afterwards)
    for (method, args, deposit, gas, epochs) in steps {
        let out = harness::backend::call_json(b, &user, &proxy, method, args, deposit, gas).await;
        rows.push((method, gas, out));
        b.advance_epochs(epochs).await;
    }
    rows
}
