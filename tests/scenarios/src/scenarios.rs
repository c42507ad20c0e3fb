//! The scenarios, each written once over [`Backend`] and run on every backend. Each deposit is
//! checked for conservation ([`crate::ledger`]).

use crate::ledger::{assert_conserved, Accounting, Snapshot};
use harness::backend::{call_json, Backend, Outcome};
use harness::fixture::{reward_pool, u128_of, Fixture};
use router_core::events::{DepositOutcome, LegResult};
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::{json, Value};

/// The three default profiles.
pub const PROFILES: [&str; 3] = ["direct-heavy", "balanced", "liquid-heavy"];

/// A checked deposit: its outcome, the router's plan for it, and where every yocto went.
pub struct Deposit {
    pub outcome: Outcome,
    pub plan: Value,
    pub accounting: Accounting,
    /// What became of each leg (`None` when the router did not accept it).
    pub legs: Option<DepositOutcome>,
}

/// Deposits `amount` from `user` with `args` (profile / policy / beneficiary), attaching the
/// gas the router's own preview asks for plus `extra_gas` (negative: less), and checks
/// conservation.
pub async fn deposit<B: Backend>(
    b: &mut B,
    f: &Fixture,
    user: &AccountId,
    amount: u128,
    args: Value,
    extra_gas: i64,
) -> Deposit {
    let beneficiary: AccountId =
        args.get("beneficiary_id").and_then(Value::as_str).map(|s| s.parse().unwrap()).unwrap_or(user.clone());
    let mut preview_args = args.clone();
    preview_args["amount"] = json!(amount.to_string());
    preview_args["account_id"] = json!(user);
    let plan = f.view(b, "preview_deposit", preview_args).await;
    let gas = (plan["gas_required"].as_u64().unwrap() as i64 + extra_gas) as u64;
    let before = Snapshot::take(b, f, user, &beneficiary).await;
    let outcome = f.deposit(b, user, amount, args, gas).await;
    let after = Snapshot::take(b, f, user, &beneficiary).await;
    let accounting = assert_conserved(b, amount, &outcome, &before, &after);
    println!(
        "[{}] {user} deposit {} ok={} gas {:.1} TGas, failed receipts {}: {accounting:?}",
        b.name(),
        router_core::format_near(amount),
        outcome.ok,
        outcome.gas_burnt as f64 / 1e12,
        outcome.failed_receipts.len()
    );
    let legs = deposit_outcome(&outcome, f);
    if let Some(read) = &legs {
        // Every leg of a deposit that ran to its end says what became of it, in router-core's
        // terms (the events' types the widget reads them with).
        assert!(
            read.legs.iter().all(|l| l.result != LegResult::Unknown && !matches!(l.result, LegResult::Minted { .. })),
            "{read:?}"
        );
        assert_eq!(read.legs.len(), plan["legs"].as_array().map_or(0, Vec::len));
    }
    Deposit { outcome, plan, accounting, legs }
}

/// The deposit's outcome leg by leg, read from its logs by `router_core::events`.
pub fn deposit_outcome(outcome: &Outcome, f: &Fixture) -> Option<DepositOutcome> {
    router_core::events::deposit_outcome(&f.router, outcome.logs.iter().map(|(x, l)| (x.as_str(), l.as_str())))
}

/// Each leg's target and result, in the plan's order.
pub fn leg_results(d: &Deposit) -> Vec<(String, LegResult)> {
    d.legs.iter().flat_map(|o| o.legs.iter()).map(|l| (l.target.to_string(), l.result.clone())).collect()
}

pub(crate) async fn ft_balance<B: Backend>(b: &B, token: &AccountId, owner: &AccountId) -> u128 {
    u128_of(&b.view(token, "ft_balance_of", json!({ "account_id": owner })).await.unwrap())
}

pub(crate) async fn pool_total<B: Backend>(b: &B, pool: &AccountId, proxy: &AccountId) -> u128 {
    u128_of(&b.view(pool, "get_account_total_balance", json!({ "account_id": proxy })).await.unwrap())
}

pub(crate) fn legs_of<'a>(plan: &'a Value, kind: &str) -> Vec<&'a Value> {
    plan["legs"].as_array().unwrap().iter().filter(|l| l["kind"]["type"] == kind).collect()
}

/// Per profile: a first deposit creates the proxy and fans out in one transaction; a later one
/// goes straight to the existing proxy. Pools hold each direct leg for the proxy, each LST's
/// minted tokens reach the user.
pub async fn deposits_per_profile<B: Backend>(b: &mut B, f: &Fixture) {
    for profile in PROFILES {
        let user = b.create_account(&format!("user-{profile}"), 1_000 * ONE_NEAR).await;
        let first = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": profile }), 0).await;
        let out = &first.outcome;
        assert!(out.ok, "[{profile}] deposit failed: {:?} {:?}", out.failure, out.failed_receipts);
        assert!(out.failed_receipts.is_empty(), "[{profile}] {:?}", out.failed_receipts);
        assert_eq!(out.json(), first.plan, "[{profile}] the executed plan is the preview");
        let (proxy, exists) = f.proxy_of(b, &user).await;
        assert!(exists && b.balance(&proxy).await.is_some(), "[{profile}] proxy created");
        assert_eq!(out.events_named("proxy_created").len(), 1);
        let direct = legs_of(&first.plan, "validator");
        assert_eq!(out.events_named("direct_leg_staked").len(), direct.len());
        for leg in &direct {
            let pool: AccountId = leg["target"].as_str().unwrap().parse().unwrap();
            assert_eq!(pool_total(b, &pool, &proxy).await, u128_of(&leg["amount"]), "[{profile}] {pool}");
        }
        let staked = out.events_named("liquid_leg_staked");
        assert_eq!(staked.len(), legs_of(&first.plan, "liquid").len());
        for e in &staked {
            let token: AccountId = e["token"].as_str().unwrap().parse().unwrap();
            assert_eq!(ft_balance(b, &token, &user).await, u128_of(&e["minted"]), "[{profile}] {token}");
        }
        assert_eq!(out.events_named("tokens_delivered").len(), staked.len());

        let later = deposit(b, f, &user, 10 * ONE_NEAR, json!({ "profile": profile }), 0).await;
        assert!(later.outcome.ok && later.outcome.failed_receipts.is_empty(), "{:?}", later.outcome.failed_receipts);
        assert_eq!(later.plan["creates_proxy"], false);
        assert!(later.outcome.events_named("proxy_created").is_empty());
        assert_eq!(later.accounting.kept_in_proxy, 0, "no new proxy storage on a later deposit");
    }
}

/// Proxy creation fails (the recorded code hash has no global contract): the direct part, the
/// proxy storage and the record are refunded and no account is left behind; liquid legs go on.
pub async fn proxy_creation_failing<B: Backend>(b: &mut B, f: &Fixture) {
    let out = call_json(
        b,
        &f.owner,
        &f.router,
        "set_proxy_code_hash",
        json!({ "code_hash": "11111111111111111111111111111111" }),
        1,
        30 * TGAS,
    )
    .await;
    assert!(out.ok, "{:?}", out.failure);
    let user = b.create_account("user-no-proxy", 1_000 * ONE_NEAR).await;
    let d = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": "balanced" }), 0).await;
    let failed = d.outcome.events_named("direct_failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["proxy_creation_undone"], true);
    let (proxy, exists) = f.proxy_of(b, &user).await;
    assert!(!exists && b.balance(&proxy).await.is_none(), "no half-made proxy");
    let direct: u128 = legs_of(&d.plan, "validator").iter().map(|l| u128_of(&l["amount"])).sum();
    let costs = &d.plan["costs"];
    let expected = direct + u128_of(&costs["proxy_storage"]) + u128_of(&costs["proxy_record"]);
    assert!(d.accounting.refunded >= expected as i128, "direct part refunded: {:?}", d.accounting);
    assert_eq!(d.outcome.events_named("tokens_delivered").len(), 2, "liquid legs still delivered");
}

/// One LST fails: its leg and reserve are refunded; every other leg succeeds.
pub async fn one_leg_failing<B: Backend>(b: &mut B, f: &Fixture) {
    f.switch(b, &f.lsts[0], "set_fail", json!({ "fail": true })).await;
    let user = b.create_account("user-one-fails", 1_000 * ONE_NEAR).await;
    let d = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": "balanced" }), 0).await;
    let failed = d.outcome.events_named("liquid_leg_failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["token"], f.lsts[0].as_str());
    assert_eq!(d.outcome.events_named("tokens_delivered").len(), 1);
    assert_eq!(d.outcome.events_named("direct_leg_staked").len(), 2);
    let leg = legs_of(&d.plan, "liquid").into_iter().find(|l| l["target"] == f.lsts[0].as_str()).unwrap();
    assert!(d.accounting.refunded >= (u128_of(&leg["amount"]) + u128_of(&leg["reserve"])) as i128);
    // Leg by leg, as the widget reads it: the failing token refunded, every other leg staked.
    for (target, result) in leg_results(&d) {
        match target == f.lsts[0].as_str() {
            true => assert_eq!(result, LegResult::Refunded),
            false => assert!(matches!(result, LegResult::Staked | LegResult::Delivered { .. }), "{target}: {result:?}"),
        }
    }
    let read = d.legs.as_ref().unwrap();
    assert_eq!(read.refused(), u128_of(&leg["amount"]));
    assert_eq!(read.refunded.0 as i128, d.accounting.refunded);
    f.switch(b, &f.lsts[0], "set_fail", json!({ "fail": false })).await;
}

/// Every pool and LST fails: nothing is staked and everything comes back except the new
/// proxy's storage, which stays in the user's own proxy.
pub async fn every_leg_failing<B: Backend>(b: &mut B, f: &Fixture) {
    for mock in f.pools.iter().chain(&f.lsts) {
        f.switch(b, mock, "set_fail", json!({ "fail": true })).await;
    }
    let user = b.create_account("user-all-fail", 1_000 * ONE_NEAR).await;
    let d = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": "balanced" }), 0).await;
    assert_eq!(d.accounting.staked_direct + d.accounting.staked_liquid, 0);
    assert_eq!(d.outcome.events_named("direct_leg_failed").len(), 2);
    assert_eq!(d.outcome.events_named("liquid_leg_failed").len(), 2);
    let kept = d.accounting.kept_in_proxy + d.accounting.router_storage;
    assert!(d.accounting.refunded + kept + d.accounting.owed >= (100 * ONE_NEAR) as i128);
    assert!(leg_results(&d).iter().all(|(_, r)| r.is_refund()), "{:?}", leg_results(&d));
    assert!(d.legs.as_ref().unwrap().none_staked());
    for mock in f.pools.iter().chain(&f.lsts) {
        f.switch(b, mock, "set_fail", json!({ "fail": false })).await;
    }
}

/// Delivery fails: the tokens become claimable. A claim by an unregistered user fails and is
/// restored; after registering, the claim delivers them.
pub async fn delivery_failing_then_claim<B: Backend>(b: &mut B, f: &Fixture) {
    let token = f.lsts[1].clone();
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": true })).await;
    let user = b.create_account("user-claims", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": token, "bps": 10_000 }] });
    let d = deposit(b, f, &user, 20 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    let recorded = d.outcome.events_named("claimable_recorded");
    assert_eq!(recorded.len(), 1);
    let minted = u128_of(&recorded[0]["amount"]);
    assert_eq!(leg_results(&d), vec![(token.to_string(), LegResult::Claimable { tokens: router_core::Yocto(minted) })]);
    let claimables = f.view(b, "get_claimables", json!({ "account_id": user })).await;
    assert_eq!(u128_of(&claimables[token.as_str()]), minted);
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": false })).await;

    let out = call_json(b, &user, &f.router, "claim", json!({ "token_id": token }), 1, 100 * TGAS).await;
    assert_eq!(out.events_named("claim_failed").len(), 1, "unregistered: {:?}", out.logs);
    let claimables = f.view(b, "get_claimables", json!({ "account_id": user })).await;
    assert_eq!(u128_of(&claimables[token.as_str()]), minted, "restored");

    let out = f.register(b, &token, &user).await;
    assert!(out.ok, "{:?}", out.failure);
    let out = call_json(b, &user, &f.router, "claim", json!({ "token_id": token }), 1, 100 * TGAS).await;
    assert_eq!(out.events_named("claimed").len(), 1, "{:?}", out.logs);
    assert_eq!(ft_balance(b, &token, &user).await, minted);
    let claimables = f.view(b, "get_claimables", json!({ "account_id": user })).await;
    assert_eq!(claimables, json!({}));
}

/// An LST mints less than its price quotes: the user receives what it returned, never the quote.
pub async fn lst_mints_less_than_quoted<B: Backend>(b: &mut B, f: &Fixture) {
    let token = f.lsts[0].clone();
    f.switch(b, &token, "set_mint_shortfall_bps", json!({ "bps": 1_000 })).await;
    let user = b.create_account("user-shortfall", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": token, "bps": 10_000 }] });
    let d = deposit(b, f, &user, 11 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    let staked = &d.outcome.events_named("liquid_leg_staked")[0];
    let minted = u128_of(&staked["minted"]);
    let price = u128_of(&b.view(&token, "ft_price", json!({})).await.unwrap());
    let quote = router_core::wide::mul_div_floor(u128_of(&staked["near_amount"]), ONE_NEAR, price).unwrap();
    assert!(minted < quote, "the mock minted less than quoted");
    assert_eq!(ft_balance(b, &token, &user).await, minted);
    f.switch(b, &token, "set_mint_shortfall_bps", json!({ "bps": 0 })).await;
}

/// An explicit policy, and a DAO's stored policy used by a deposit naming none.
pub async fn explicit_and_dao_policies<B: Backend>(b: &mut B, f: &Fixture) {
    let user = b.create_account("user-explicit", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": f.pools[1], "bps": 7_000 }, { "target": f.lsts[1], "bps": 3_000 }] });
    let d = deposit(b, f, &user, 50 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty());
    assert_eq!(d.outcome.events_named("deposit_accepted")[0]["source"], "explicit");

    let dao = b.create_account("treasury-dao", 10_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": f.pools[0], "bps": 5_000 }, { "target": f.pools[1], "bps": 3_000 }, { "target": f.lsts[0], "bps": 2_000 }] });
    let out =
        call_json(b, &dao, &f.router, "set_account_policy", json!({ "policy": policy }), ONE_NEAR / 100, 30 * TGAS)
            .await;
    assert!(out.ok, "{:?}", out.failure);
    let d = deposit(b, f, &dao, 1_000 * ONE_NEAR, json!({}), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty(), "{:?}", d.outcome.failed_receipts);
    assert_eq!(d.outcome.events_named("deposit_accepted")[0]["source"], "stored");
    assert_eq!(d.outcome.events_named("direct_leg_staked").len(), 2);
}

/// A paused router refuses deposits whole (NEAR back); a paused target drops out of the
/// profiles and refuses explicit legs.
pub async fn paused_router_and_target<B: Backend>(b: &mut B, f: &Fixture) {
    let user = b.create_account("user-paused", 1_000 * ONE_NEAR).await;
    let out = call_json(b, &f.owner, &f.router, "pause", json!({}), 1, 30 * TGAS).await;
    assert!(out.ok);
    let before = Snapshot::take(b, f, &user, &user).await;
    let out = f.deposit(b, &user, 10 * ONE_NEAR, json!({ "profile": "balanced" }), 300 * TGAS).await;
    assert!(!out.ok && out.failure.as_deref().unwrap_or("").contains("The router is paused"), "{:?}", out.failure);
    let after = Snapshot::take(b, f, &user, &user).await;
    let acc = assert_conserved(b, 10 * ONE_NEAR, &out, &before, &after);
    assert_eq!(acc.refunded, (10 * ONE_NEAR) as i128, "all NEAR back");
    call_json(b, &f.owner, &f.router, "unpause", json!({}), 1, 30 * TGAS).await;

    call_json(
        b,
        &f.owner,
        &f.router,
        "set_target_paused",
        json!({ "account_id": f.pools[0], "paused": true }),
        1,
        30 * TGAS,
    )
    .await;
    let d = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": "balanced" }), 0).await;
    assert!(d.plan["legs"].as_array().unwrap().iter().all(|l| l["target"] != f.pools[0].as_str()));
    let policy = json!({ "legs": [{ "target": f.pools[0], "bps": 10_000 }] });
    let out = f.deposit(b, &user, 10 * ONE_NEAR, json!({ "policy": policy }), 300 * TGAS).await;
    assert!(out.failure.as_deref().unwrap_or("").contains("takes no deposits now (it is paused)"), "{:?}", out.failure);
    call_json(
        b,
        &f.owner,
        &f.router,
        "set_target_paused",
        json!({ "account_id": f.pools[0], "paused": false }),
        1,
        30 * TGAS,
    )
    .await;
}

/// One gas unit below the plan's need fails at entry with nothing sent; exactly the need passes.
pub async fn gas_at_the_limit<B: Backend>(b: &mut B, f: &Fixture) {
    let user = b.create_account("user-gas", 1_000 * ONE_NEAR).await;
    let short = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": "balanced" }), -1).await;
    let msg = short.outcome.failure.clone().unwrap_or_default();
    assert!(msg.contains("Not enough prepaid gas"), "{msg}");
    assert_eq!(short.accounting.refunded, (100 * ONE_NEAR) as i128, "all NEAR back");
    assert_eq!(short.outcome.receipt_gas.len(), 1, "no promise was created");
    let exact = deposit(b, f, &user, 100 * ONE_NEAR, json!({ "profile": "balanced" }), 0).await;
    assert!(exact.outcome.ok && exact.outcome.failed_receipts.is_empty(), "{:?}", exact.outcome.failed_receipts);
}

/// Exits through the proxy across epochs: only the owner may unstake or withdraw (the router,
/// an operator and a stranger are refused); a pool reward shows in the position; withdrawing
/// one epoch early is refused, at the unlock epoch the NEAR (rewards included) reaches the owner.
pub async fn exits_across_epochs<B: Backend>(b: &mut B, f: &Fixture) {
    let user = b.create_account("user-exits", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": f.pools[0], "bps": 10_000 }] });
    let d = deposit(b, f, &user, 40 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty());
    let (proxy, _) = f.proxy_of(b, &user).await;
    let pool = f.pools[0].clone();
    let staked = pool_total(b, &pool, &proxy).await;

    // Rewards accrue natively in the pool, as in a real one: NEAR reaches the pool's account
    // (here a transfer), and the first ping of the next epoch counts it (no fee here).
    let reward = ONE_NEAR;
    let total_staked = u128_of(&b.view(&pool, "get_total_staked_balance", json!({})).await.unwrap());
    reward_pool(b, &f.owner, &pool, reward).await;
    let with_reward = pool_total(b, &pool, &proxy).await;
    let share = router_core::wide::mul_div_floor(reward, staked, total_staked).unwrap();
    assert!(
        (staked + share).abs_diff(with_reward) <= 1,
        "the proxy's share of the reward: {with_reward} vs {}",
        staked + share
    );

    let operator = b.create_account("operator-x", 10 * ONE_NEAR).await;
    call_json(b, &f.owner, &f.router, "set_operator", json!({ "account_id": operator, "granted": true }), 1, 30 * TGAS)
        .await;
    for intruder in [&f.router, &operator, &f.owner] {
        let out = call_json(b, intruder, &proxy, "unstake", json!({ "pool_id": pool }), 1, 100 * TGAS).await;
        assert!(!out.ok && out.failure.unwrap_or_default().contains("Only the owner"), "{intruder} unstaked");
        let out = call_json(b, intruder, &proxy, "withdraw", json!({ "pool_id": pool }), 1, 100 * TGAS).await;
        assert!(!out.ok, "{intruder} withdrew");
    }
    let out = call_json(b, &user, &proxy, "unstake", json!({ "pool_id": pool }), 0, 100 * TGAS).await;
    assert!(out.failure.unwrap_or_default().contains("exactly 1 yoctoNEAR"), "unstake needs 1 yocto");

    let out = call_json(b, &user, &proxy, "unstake", json!({ "pool_id": pool }), 1, 100 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    let unlocked_at = b.view(&pool, "get_account", json!({ "account_id": proxy })).await.unwrap();
    assert_eq!(unlocked_at["can_withdraw"], false);

    b.advance_epochs(3).await;
    let early = call_json(b, &user, &proxy, "withdraw", json!({ "pool_id": pool }), 1, 150 * TGAS).await;
    assert!(!early.ok, "withdraw one epoch early is refused: {:?}", early.logs);
    b.advance_epochs(1).await;
    let before = b.balance(&user).await.unwrap();
    let out = call_json(b, &user, &proxy, "withdraw", json!({ "pool_id": pool }), 1, 150 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    let received = b.balance(&user).await.unwrap() as i128 - before as i128 + out.tokens_burnt as i128 + 1;
    assert!(
        received.abs_diff(with_reward as i128) <= 1,
        "principal and reward reach the owner: {received} vs {with_reward}"
    );
    assert_eq!(pool_total(b, &pool, &proxy).await, 0);
}

/// Moving stake between pools across epochs: the router, an operator and a stranger cannot
/// start or cancel a move; the owner moves everything from pool A to pool B; a keeper's finish
/// one epoch early is refused; at the unlock epoch a stranger keeper finishes it and the stake
/// lands in pool B for the proxy. The owner's NEAR is conserved: what pool A held is what pool
/// B holds (share rounding aside), the owner's wallet only paid the `move_stake` transaction,
/// and the proxy's balance did not fall.
pub async fn move_across_epochs<B: Backend>(b: &mut B, f: &Fixture) {
    let user = b.create_account("user-moves", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": f.pools[0], "bps": 10_000 }] });
    let d = deposit(b, f, &user, 30 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    assert!(d.outcome.ok && d.outcome.failed_receipts.is_empty());
    let (proxy, _) = f.proxy_of(b, &user).await;
    let (from, to) = (f.pools[0].clone(), f.pools[1].clone());
    let in_a = pool_total(b, &from, &proxy).await;
    assert!(in_a > 0 && pool_total(b, &to, &proxy).await == 0);

    let operator = b.create_account("operator-m", 10 * ONE_NEAR).await;
    call_json(b, &f.owner, &f.router, "set_operator", json!({ "account_id": operator, "granted": true }), 1, 30 * TGAS)
        .await;
    let stranger = b.create_account("stranger-m", 10 * ONE_NEAR).await;
    let args = json!({ "from_pool": from, "to_pool": to });
    for intruder in [&f.router, &operator, &stranger] {
        let out = call_json(b, intruder, &proxy, "move_stake", args.clone(), 1, 100 * TGAS).await;
        assert!(!out.ok && out.failure.unwrap_or_default().contains("Only the owner"), "{intruder} moved the stake");
    }
    let out = call_json(b, &user, &proxy, "move_stake", args.clone(), 0, 100 * TGAS).await;
    assert!(out.failure.unwrap_or_default().contains("exactly 1 yoctoNEAR"), "move_stake needs 1 yocto");

    let owner_before = b.balance(&user).await.unwrap();
    let proxy_before = b.balance(&proxy).await.unwrap();
    let out = call_json(b, &user, &proxy, "move_stake", args.clone(), 1, 100 * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    assert_eq!(out.events_named("move_requested").len(), 1);
    let owner_paid = out.tokens_burnt + 1;
    let mut slack = b.reward_slack(out.tokens_burnt);
    for intruder in [&f.router, &operator, &stranger] {
        let out = call_json(b, intruder, &proxy, "cancel_move", json!({ "from_pool": from }), 1, 30 * TGAS).await;
        assert!(!out.ok && out.failure.unwrap_or_default().contains("Only the owner"), "{intruder} cancelled the move");
    }

    let keeper = b.create_account("keeper-m", 10 * ONE_NEAR).await;
    b.advance_epochs(3).await;
    let early = call_json(b, &keeper, &proxy, "finish_move", json!({ "from_pool": from }), 0, 300 * TGAS).await;
    assert!(
        !early.ok && early.failure.unwrap_or_default().contains("finish the move then"),
        "finished one epoch early"
    );
    b.advance_epochs(1).await;
    let mut moved = Vec::new();
    let mut keeper_calls = 0;
    for _ in 0..2 {
        keeper_calls += 1;
        // A second call only if the pool's transfer reached the proxy after its callback.
        let out = call_json(b, &keeper, &proxy, "finish_move", json!({ "from_pool": from }), 0, 300 * TGAS).await;
        assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
        slack += b.reward_slack(out.tokens_burnt);
        moved = out.events_named("stake_moved");
        if !moved.is_empty() {
            break;
        }
    }
    assert_eq!(moved.len(), 1, "the move finished");
    let amount = u128_of(&moved[0]["amount"]);
    println!(
        "[{}] {user} moved {} from {from} to {to} in {keeper_calls} keeper call(s)",
        b.name(),
        router_core::format_near(amount)
    );
    assert_eq!(pool_total(b, &from, &proxy).await, 0, "nothing left in pool A");
    let in_b = pool_total(b, &to, &proxy).await;
    assert!(
        in_b.abs_diff(in_a) <= 2 && amount.abs_diff(in_a) <= 2,
        "pool A held {in_a}, pool B holds {in_b}, moved {amount}"
    );
    let pools = b.view(&proxy, "get_pools", json!({})).await.unwrap();
    assert_eq!(pools.as_array().unwrap().len(), 1, "{pools}");
    assert_eq!(pools[0]["pool_id"], to.as_str());
    assert_eq!(u128_of(&pools[0]["principal"]), amount);

    let owner_after = b.balance(&user).await.unwrap();
    assert_eq!(owner_before - owner_after, owner_paid, "the owner paid only the move_stake transaction");
    let proxy_after = b.balance(&proxy).await.unwrap();
    assert!(
        proxy_after >= proxy_before && proxy_after - proxy_before <= slack + 1,
        "proxy {proxy_before} -> {proxy_after}"
    );
}
