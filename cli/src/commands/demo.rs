//! `stake-router demo`: the console walk-through. The real contracts on an in-process NEAR chain (nearcore's VM, no node,
//! no network). Deploys the router, the staking-proxy code (a global contract by hash), two
//! validator pools and two liquid staking tokens; then deposits with each profile and through a
//! DAO's stored policy, printing each plan, the events of its one transaction, and the
//! resulting position.
//!
//! ```text
//! bash scripts/demo.sh     # or: bash scripts/build-contracts.sh && stake-router demo
//! ```

use crate::describe::describe_plan;
use harness::backend::{call_json, Backend, Outcome};
use harness::chain_backend::ChainBackend;
use harness::fixture::{deploy, u128_of, Fixture};
use router_core::{format_near, gas::TGAS, AccountId, ONE_NEAR};
use serde_json::{json, Value};

/// Runs `stake-router demo` on a fresh in-process chain.
pub fn run() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(walk_through());
    Ok(())
}

async fn walk_through() {
    let mut b = ChainBackend::new();
    println!("Deploying the router, the proxy code, 2 validator pools and 2 liquid staking tokens...");
    let f = deploy(&mut b).await;
    let hash = f.view(&b, "get_proxy_code_hash", json!({})).await;
    println!("  router {}  (proxy code hash {hash})", f.router);
    println!("  pools {} {}, LSTs {} {}\n", f.pools[0], f.pools[1], f.lsts[0], f.lsts[1]);

    for (user, profile) in [("alice", "direct-heavy"), ("bob", "balanced"), ("carol", "liquid-heavy")] {
        let account = b.create_account(user, 1_000 * ONE_NEAR).await;
        println!("== {account} deposits 100 NEAR with the `{profile}` profile");
        deposit(&mut b, &f, &account, 100 * ONE_NEAR, json!({ "profile": profile })).await;
        position(&b, &f, &account).await;
    }

    let dao = b.create_account("treasury-dao", 100_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [
        { "target": f.pools[0], "bps": 4_000 }, { "target": f.pools[1], "bps": 3_000 },
        { "target": f.lsts[0], "bps": 2_000 }, { "target": f.lsts[1], "bps": 1_000 } ] });
    println!("== {dao} stores its routing policy (40/30/20/10), then routes 10,000 NEAR in one call");
    let out = call_json(
        &mut b,
        &dao,
        &f.router,
        "set_account_policy",
        json!({ "policy": policy }),
        ONE_NEAR / 100,
        30 * TGAS,
    )
    .await;
    print_events(&out);
    deposit(&mut b, &f, &dao, 10_000 * ONE_NEAR, json!({})).await;
    position(&b, &f, &dao).await;
}

async fn deposit(b: &mut ChainBackend, f: &Fixture, user: &AccountId, amount: u128, args: Value) {
    let mut preview = args.clone();
    preview["amount"] = json!(amount.to_string());
    preview["account_id"] = json!(user);
    let plan: router_core::SplitPlan = serde_json::from_value(f.view(b, "preview_deposit", preview).await).unwrap();
    print!("{}", describe_plan(&plan));
    let out = f.deposit(b, user, amount, args, plan.gas_required).await;
    println!(
        "  one transaction: {} receipts, {} TGas burnt, {}",
        out.receipt_gas.len(),
        out.gas_burnt / TGAS,
        if out.ok && out.failed_receipts.is_empty() {
            "every leg settled".to_string()
        } else {
            format!("failures: {:?}", out.failed_receipts)
        }
    );
    print_events(&out);
}

fn print_events(out: &Outcome) {
    for e in out.events() {
        let data = e["data"].to_string();
        let short = if data.len() > 150 { format!("{}...", &data[..150]) } else { data };
        println!("    event {}:{} {short}", e["standard"].as_str().unwrap_or(""), e["event"].as_str().unwrap_or(""));
    }
}

async fn position(b: &ChainBackend, f: &Fixture, owner: &AccountId) {
    let (proxy, _) = f.proxy_of(b, owner).await;
    println!("  position of {owner} (proxy {proxy}):");
    for pool in &f.pools {
        let a = b.view(pool, "get_account", json!({ "account_id": proxy })).await.unwrap();
        let staked = u128_of(&a["staked_balance"]);
        if staked > 0 {
            println!("    {:>28} NEAR staked directly with {pool}", format_near(staked));
        }
    }
    for lst in &f.lsts {
        let tokens = u128_of(&b.view(lst, "ft_balance_of", json!({ "account_id": owner })).await.unwrap());
        let price = u128_of(&b.view(lst, "ft_price", json!({})).await.unwrap());
        if tokens > 0 {
            let worth = router_core::wide::mul_div_floor(tokens, price, ONE_NEAR).unwrap();
            println!("    {:>28} {lst} tokens in the wallet (worth {} NEAR)", format_near(tokens), format_near(worth));
        }
    }
    let claimables = f.view(b, "get_claimables", json!({ "account_id": owner })).await;
    if claimables != json!({}) {
        println!("    claimable in the router: {claimables}");
    }
    println!();
}
