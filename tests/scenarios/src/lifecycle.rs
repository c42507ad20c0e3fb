//! Lifecycle scenarios: the deposit fee, the concentration and depeg guards, a retired target,
//! and an upgrade of the live router that changes nothing for its users. Each restores the
//! router's settings it changed, so later scenarios see the usual fixture.

use crate::scenarios::deposit;
use harness::backend::{call_json, Backend};
use harness::fixture::{u128_of, Fixture, REGISTRATION};
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::{json, Value};

async fn owner_call<B: Backend>(b: &mut B, f: &Fixture, method: &str, args: Value) {
    let out = call_json(b, &f.owner, &f.router, method, args, 1, 30 * TGAS).await;
    assert!(out.ok, "{method}: {:?}", out.failure);
}

fn folded_reasons(plan: &Value) -> Vec<(String, String)> {
    plan["folded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["target"].as_str().unwrap().to_string(), l["reason"].as_str().unwrap().to_string()))
        .collect()
}

/// A 0.5% fee goes to the treasury in the deposit's transaction, rounded down, shown in the
/// preview and the config; conservation counts the treasury. A fee above 1% is refused.
pub async fn deposit_fee_to_treasury<B: Backend>(b: &mut B, f: &Fixture) {
    let treasury = b.create_account("fee-treasury", ONE_NEAR).await;
    let out = call_json(
        b,
        &f.owner,
        &f.router,
        "set_deposit_fee",
        json!({ "fee_bps": 101, "treasury_id": treasury }),
        1,
        30 * TGAS,
    )
    .await;
    assert!(!out.ok && out.failure.unwrap_or_default().contains("at most 100 bps"));
    owner_call(b, f, "set_deposit_fee", json!({ "fee_bps": 50, "treasury_id": treasury })).await;
    let config = f.view(b, "get_config", json!({})).await;
    assert_eq!(
        (config["deposit_fee_bps"].as_u64(), config["treasury_id"].as_str()),
        (Some(50), Some(treasury.as_str()))
    );

    let user = b.create_account("user-fee", 1_000 * ONE_NEAR).await;
    let amount = 100 * ONE_NEAR + 199;
    let d = deposit(b, f, &user, amount, json!({ "profile": "balanced" }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty(), "{:?}", d.outcome.failed_receipts);
    let fee = amount * 50 / 10_000;
    assert_eq!(u128_of(&d.plan["costs"]["deposit_fee"]), fee, "rounded down, in the preview");
    assert_eq!(d.accounting.deposit_fee, fee as i128, "the treasury received exactly the fee");
    assert_eq!(d.outcome.events_named("deposit_fee_charged").len(), 1);
    owner_call(b, f, "set_deposit_fee", json!({ "fee_bps": 0, "treasury_id": null })).await;
}

/// A profile limited to validators holding at most 50% of the network's stake folds the pool
/// holding 60% (read on chain with `validator_stake`); the plan says why.
pub async fn concentration_guard<B: Backend>(b: &mut B, f: &Fixture) {
    let big: AccountId = "big-validator.test".parse().unwrap();
    if !b.set_validator_stake(&f.pools[0], 600 * ONE_NEAR) {
        println!("[{}] concentration guard skipped: the validator set cannot be set here", b.name());
        return;
    }
    b.set_validator_stake(&f.pools[1], 100 * ONE_NEAR);
    b.set_validator_stake(&big, 300 * ONE_NEAR);
    let guards = json!({ "max_validator_network_share_bps": 5_000, "skip_out_of_band_liquid": false });
    owner_call(b, f, "set_profile_guards", json!({ "name": "direct-heavy", "options": guards })).await;

    let user = b.create_account("user-concentration", 1_000 * ONE_NEAR).await;
    let d = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": "direct-heavy" }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty(), "{:?}", d.outcome.failed_receipts);
    assert_eq!(folded_reasons(&d.plan), vec![(f.pools[0].to_string(), "concentration_guard".to_string())]);
    assert!(d.plan["legs"].as_array().unwrap().iter().all(|l| l["target"] != f.pools[0].as_str()));
    assert_eq!(d.outcome.events_named("direct_leg_staked").len(), 1, "only the other pool");
    // An unguarded profile still uses the pool.
    let p = f
        .view(
            b,
            "preview_deposit",
            json!({ "amount": (100 * ONE_NEAR).to_string(), "account_id": user, "profile": "balanced" }),
        )
        .await;
    assert!(p["folded"].as_array().unwrap().is_empty());

    owner_call(b, f, "set_profile_guards", json!({ "name": "direct-heavy", "options": {} })).await;
    for v in [&f.pools[0], &f.pools[1], &big] {
        b.set_validator_stake(v, 0);
    }
}

/// The LST's price moves out of its band: the mint is still delivered with a `depeg_warning`,
/// the target records it, and a profile that skips out-of-band tokens folds it next time.
pub async fn depeg_guard<B: Backend>(b: &mut B, f: &Fixture) {
    let token = f.lsts[0].clone();
    let expected = 1_100_000 * 1_000_000_000_000_000_000u128; // the fixture's price, 1.1 NEAR
    owner_call(
        b,
        f,
        "set_depeg_band",
        json!({ "account_id": token, "expected_price": expected.to_string(), "tolerance_bps": 100 }),
    )
    .await;
    owner_call(
        b,
        f,
        "set_profile_guards",
        json!({ "name": "liquid-heavy", "options": { "skip_out_of_band_liquid": true } }),
    )
    .await;
    let user = b.create_account("user-depeg", 1_000 * ONE_NEAR).await;

    let d = deposit(b, f, &user, 50 * ONE_NEAR, json!({ "profile": "liquid-heavy" }), 0).await;
    assert!(d.outcome.ok && d.outcome.events_named("depeg_warning").is_empty(), "in band: {:?}", d.outcome.logs);

    f.switch(b, &token, "set_price", json!({ "price": (15 * ONE_NEAR / 10).to_string() })).await;
    let d = deposit(b, f, &user, 50 * ONE_NEAR, json!({ "profile": "liquid-heavy" }), 0).await;
    let warnings = d.outcome.events_named("depeg_warning");
    assert_eq!(warnings.len(), 1, "{:?}", d.outcome.logs);
    assert_eq!(warnings[0]["token"], token.as_str());
    let observed = u128_of(&warnings[0]["observed_price"]);
    assert!(observed.abs_diff(15 * ONE_NEAR / 10) <= 1, "{observed}");
    assert_eq!(d.outcome.events_named("tokens_delivered").len(), 2, "still delivered");
    let targets = f.view(b, "get_targets", json!({})).await;
    let t = targets.as_array().unwrap().iter().find(|t| t["account_id"] == token.as_str()).unwrap();
    assert_eq!(t["depeg_band"]["last_price_out_of_band"], true);

    let d = deposit(b, f, &user, 50 * ONE_NEAR, json!({ "profile": "liquid-heavy" }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty());
    assert_eq!(folded_reasons(&d.plan), vec![(token.to_string(), "depeg_guard".to_string())]);
    assert!(d.outcome.events_named("liquid_leg_staked").iter().all(|e| e["token"] != token.as_str()));

    f.switch(b, &token, "set_price", json!({ "price": expected.to_string() })).await;
    owner_call(b, f, "remove_depeg_band", json!({ "account_id": token })).await;
    owner_call(b, f, "set_profile_guards", json!({ "name": "liquid-heavy", "options": {} })).await;
}

/// A retired target is flagged in `get_targets` with what delegators should do, and refused.
pub async fn retired_target_is_flagged<B: Backend>(b: &mut B, f: &Fixture) {
    let pool = harness::fixture::deploy_pool(b, &f.owner, "pool-retiring").await;
    let caps = json!({ "max_share_bps": 10_000, "max_total_routed": null, "min_leg": ONE_NEAR.to_string() });
    owner_call(b, f, "add_target", json!({ "account_id": pool, "kind": { "type": "validator" }, "caps": caps })).await;
    owner_call(b, f, "retire_target", json!({ "account_id": pool })).await;
    let targets = f.view(b, "get_targets", json!({})).await;
    let t = targets.as_array().unwrap().iter().find(|t| t["account_id"] == pool.as_str()).unwrap();
    assert_eq!((&t["status"], &t["retired"], &t["accepts_deposits"]), (&json!("retired"), &json!(true), &json!(false)));
    assert!(t["note"].as_str().unwrap().contains("no power to move"));
    let user = b.create_account("user-retired", 100 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": pool, "bps": 10_000 }] });
    let out = f.deposit(b, &user, 10 * ONE_NEAR, json!({ "policy": policy }), 300 * TGAS).await;
    assert!(out.failure.unwrap_or_default().contains("through their own proxy"));
}

/// Everything a user can see of the router, for before/after comparisons.
async fn user_view<B: Backend>(b: &B, f: &Fixture, users: &[AccountId]) -> Value {
    let mut per_user = Vec::new();
    for u in users {
        let (proxy, exists) = f.proxy_of(b, u).await;
        per_user.push(json!({
            "proxy": proxy, "exists": exists, "proxy_account": b.balance(&proxy).await.is_some(),
            "claimables": f.view(b, "get_claimables", json!({ "account_id": u })).await,
            "owed": f.view(b, "get_owed_refund", json!({ "account_id": u })).await,
            "policy": f.view(b, "get_account_policy", json!({ "account_id": u })).await,
        }));
    }
    json!({
        "targets": f.view(b, "get_targets", json!({})).await,
        "profiles": f.view(b, "get_profiles", json!({})).await,
        "config": f.view(b, "get_config", json!({})).await,
        "unverified": f.view(b, "get_unverified_mints", json!({})).await,
        "users": per_user,
    })
}

/// The owner upgrades the live router (to the same wasm: `migrate` keeps the current layout)
/// with proxies and a claimable in place: nothing changes for users, and a deposit still works.
pub async fn upgrade_keeps_users_whole<B: Backend>(b: &mut B, f: &Fixture) {
    let token = f.lsts[1].clone();
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": true })).await;
    let holder = b.create_account("user-upgrade", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": f.pools[1], "bps": 5_000 }, { "target": token, "bps": 5_000 }] });
    let d = deposit(b, f, &holder, 40 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    assert_eq!(d.outcome.events_named("claimable_recorded").len(), 1);
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": false })).await;

    let users: Vec<AccountId> = vec![holder.clone()];
    let before = user_view(b, f, &users).await;
    assert_eq!(before["users"][0]["exists"], true);
    let code = harness::contracts::load_wasm("router_contract");
    let stranger = b.create_account("upgrade-stranger", 10 * ONE_NEAR).await;
    let out = b.call(&stranger, &f.router, "upgrade", code.clone(), 1, 300 * TGAS).await;
    assert!(!out.ok && out.failure.unwrap_or_default().contains("Only the owner"));
    let out = call_json(b, &f.owner, &f.router, "migrate", json!({}), 0, 30 * TGAS).await;
    assert!(!out.ok && out.failure.unwrap_or_default().contains("is private"));

    let out = b.call(&f.owner, &f.router, "upgrade", code, 1, 300 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    assert_eq!(out.events_named("router_upgraded").len(), 1);
    let migrated = out.events_named("state_migrated");
    assert_eq!(migrated.len(), 1, "{:?}", out.logs);
    assert_eq!(migrated[0]["from_version"], migrated[0]["to_version"]);
    let after = user_view(b, f, &users).await;
    assert_eq!(after, before, "nothing changed for users");

    // A deposit still works, and the claimable can still be claimed.
    let d = deposit(b, f, &holder, 20 * ONE_NEAR, json!({ "profile": "balanced" }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty(), "{:?}", d.outcome.failed_receipts);
    assert_eq!(d.plan["creates_proxy"], false, "the proxy record survived");
    let out = call_json(
        b,
        &holder,
        &token,
        "storage_deposit",
        json!({ "account_id": holder, "registration_only": true }),
        REGISTRATION,
        30 * TGAS,
    )
    .await;
    assert!(out.ok, "{:?}", out.failure);
    let out = call_json(b, &holder, &f.router, "claim", json!({ "token_id": token }), 1, 100 * TGAS).await;
    assert_eq!(out.events_named("claimed").len(), 1, "{:?}", out.logs);
}
