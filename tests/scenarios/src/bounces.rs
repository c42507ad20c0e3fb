//! Payouts to accounts that do not exist (any more): a transfer to such an account fails and
//! its NEAR comes back to the sender. Every payout of the router and the proxy is tracked by a
//! callback, so the NEAR is recorded as owed to that account, not left on the contract with no
//! record of whose it is; once the account exists again, anyone's `release_refund` pays it.
//!
//! The "vanishing" accounts run the chain's test contract: its `call_and_vanish` calls the
//! router or the proxy and deletes itself in the same receipt, so the call's callbacks find
//! their caller gone.

use harness::backend::{call_json, Backend, Outcome};
use harness::fixture::{u128_of, Fixture};
use router_core::gas::TGAS;
use router_core::{AccountId, ONE_NEAR};
use serde_json::{json, Value};

async fn owed<B: Backend>(b: &B, contract: &AccountId, account: &AccountId) -> u128 {
    u128_of(&b.view(contract, "get_owed_refund", json!({ "account_id": account })).await.unwrap())
}

/// Anyone (`keeper`) releases what `contract` owes `account`; returns the outcome.
async fn release<B: Backend>(b: &mut B, keeper: &AccountId, contract: &AccountId, account: &AccountId) -> Outcome {
    call_json(b, keeper, contract, "release_refund", json!({ "account_id": account }), 0, 50 * TGAS).await
}

/// Releases while `account` still does not exist: the transfer bounces and the debt is back.
async fn release_bounces<B: Backend>(b: &mut B, keeper: &AccountId, contract: &AccountId, account: &AccountId) {
    let debt = owed(b, contract, account).await;
    let out = release(b, keeper, contract, account).await;
    assert!(out.ok, "{:?}", out.failure);
    assert_eq!(out.json(), json!(false), "the release promise reports the bounce");
    assert_eq!(owed(b, contract, account).await, debt, "owed again, to the yocto");
}

/// Recreates `name` and releases what `contract` owes it: it receives exactly the debt.
async fn recreate_and_release<B: Backend>(
    b: &mut B,
    keeper: &AccountId,
    contract: &AccountId,
    name: &str,
    account: &AccountId,
) {
    let debt = owed(b, contract, account).await;
    assert!(debt > 0);
    if b.balance(account).await.is_none() {
        assert_eq!(&b.create_account(name, ONE_NEAR).await, account);
    }
    let before = b.balance(account).await.unwrap();
    let out = release(b, keeper, contract, account).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    assert_eq!(out.json(), json!(true));
    assert_eq!(b.balance(account).await.unwrap() - before, debt, "the keeper paid the gas, the account gets it all");
    assert_eq!(owed(b, contract, account).await, 0);
}

/// The fee's treasury account does not exist: the fee comes back to the router and is owed to
/// the treasury; a release before the account exists bounces again; after, it pays exactly.
pub async fn fee_to_a_missing_treasury<B: Backend>(b: &mut B, f: &Fixture) {
    let keeper = b.create_account("bounce-keeper", 10 * ONE_NEAR).await;
    let treasury: AccountId = format!("missing-treasury.{}", root_of(&keeper)).parse().unwrap();
    assert!(b.balance(&treasury).await.is_none());
    let args = json!({ "fee_bps": 100, "treasury_id": treasury });
    let out = call_json(b, &f.owner, &f.router, "set_deposit_fee", args, 1, 30 * TGAS).await;
    assert!(out.ok, "{:?}", out.failure);

    let user = b.create_account("user-bounce-fee", 1_000 * ONE_NEAR).await;
    let amount = 100 * ONE_NEAR + 7;
    let plan = preview(b, f, &user, amount, json!({ "profile": "balanced" })).await;
    let fee = u128_of(&plan["costs"]["deposit_fee"]);
    assert_eq!(fee, amount / 100);
    let gas = plan["gas_required"].as_u64().unwrap();
    let out = f.deposit(b, &user, amount, json!({ "profile": "balanced" }), gas).await;
    assert!(out.ok, "{:?}", out.failure);
    assert_eq!(out.events_named("deposit_fee_charged").len(), 1);
    let owed_events = out.events_named("refund_owed");
    assert_eq!(owed_events.len(), 1, "{:?}", out.logs);
    assert_eq!(
        (owed_events[0]["account"].as_str(), u128_of(&owed_events[0]["amount"])),
        (Some(treasury.as_str()), fee)
    );
    assert_eq!(owed(b, &f.router, &treasury).await, fee);

    release_bounces(b, &keeper, &f.router, &treasury).await;
    recreate_and_release(b, &keeper, &f.router, "missing-treasury", &treasury).await;
    println!("[{}] fee {fee} yocto to a missing treasury: owed, bounced again, paid once created", b.name());
    let out = call_json(b, &f.owner, &f.router, "set_deposit_fee", json!({ "fee_bps": 0 }), 1, 30 * TGAS).await;
    assert!(out.ok, "{:?}", out.failure);
}

/// A contract deposits for someone else and deletes itself in the same receipt. The pool leg
/// is refused, so the proxy refunds the depositor; the liquid leg's unused reserve goes back to
/// the depositor too. Both transfers bounce: the proxy and the router each record exactly what
/// they owe it, and pay it once the account exists again.
pub async fn refunds_to_a_vanished_depositor<B: Backend>(b: &mut B, f: &Fixture) {
    let keeper = b.create_account("bounce-keeper-2", 10 * ONE_NEAR).await;
    let sink = b.create_account("bounce-sink", ONE_NEAR).await;
    let depositor = b.create_account("vanishing-depositor", 100 * ONE_NEAR).await;
    b.deploy(&depositor, &harness::contracts::load_wasm("near_chain_test_contract")).await;
    let beneficiary = b.create_account("user-bounce-beneficiary", ONE_NEAR).await;
    let (pool, token) = (f.pools[1].clone(), f.lsts[0].clone());
    f.switch(b, &pool, "set_fail", json!({ "fail": true })).await;

    let policy = json!({ "legs": [{ "target": pool, "bps": 5_000 }, { "target": token, "bps": 5_000 }] });
    let args = json!({ "policy": policy, "beneficiary_id": beneficiary });
    let amount = 20 * ONE_NEAR;
    let plan = preview(b, f, &depositor, amount, args.clone()).await;
    let pool_leg = plan["legs"].as_array().unwrap().iter().find(|l| l["target"] == pool.as_str()).unwrap();
    let pool_amount = u128_of(&pool_leg["amount"]);
    let out = vanish_calling(b, &depositor, &f.router, "deposit", &args, amount, &plan, &sink).await;
    assert!(b.balance(&depositor).await.is_none(), "the depositor deleted itself");
    f.switch(b, &pool, "set_fail", json!({ "fail": false })).await;

    let (proxy, exists) = f.proxy_of(b, &beneficiary).await;
    assert!(exists, "the proxy was created for the beneficiary");
    let bounced = out.events_named("payout_bounced");
    assert_eq!(bounced.len(), 1, "the proxy's refund bounced: {:?}", out.logs);
    assert_eq!(u128_of(&bounced[0]["amount"]), pool_amount);
    assert_eq!(owed(b, &proxy, &depositor).await, pool_amount);
    let router_owes = owed(b, &f.router, &depositor).await;
    let reserve =
        u128_of(&plan["legs"].as_array().unwrap().iter().find(|l| l["target"] == token.as_str()).unwrap()["reserve"]);
    assert!(router_owes > 0 && router_owes < reserve, "the unused part of the reserve: {router_owes} of {reserve}");
    assert_eq!(out.events_named("tokens_delivered").len(), 1, "the liquid leg itself went through");

    release_bounces(b, &keeper, &proxy, &depositor).await;
    recreate_and_release(b, &keeper, &proxy, "vanishing-depositor", &depositor).await;
    recreate_and_release(b, &keeper, &f.router, "vanishing-depositor", &depositor).await;
    println!(
        "[{}] vanished depositor: proxy owed {pool_amount}, router owed {router_owes} yocto; both paid once recreated",
        b.name()
    );
}

/// A proxy that owes a vanished depositor their refund (a pool refused the leg and the refund
/// bounced) holds that NEAR for them. Its owner names a *lying pool* in `withdraw` (the chain's
/// test contract: it reports the owed amount as the proxy's unstaked balance and "withdraws"
/// without sending anything): the owner is paid nothing of it, no debt to the owner appears,
/// `collect` finds nothing, and the depositor, once back, is paid in full.
pub async fn a_lying_pool_moves_no_one_elses_near<B: Backend>(b: &mut B, f: &Fixture) {
    let keeper = b.create_account("liar-keeper", 10 * ONE_NEAR).await;
    let sink = b.create_account("liar-sink", ONE_NEAR).await;
    let depositor = b.create_account("liar-depositor", 100 * ONE_NEAR).await;
    b.deploy(&depositor, &harness::contracts::load_wasm("near_chain_test_contract")).await;
    let owner = b.create_account("liar-owner", 10 * ONE_NEAR).await;
    let pool = f.pools[1].clone();
    f.switch(b, &pool, "set_fail", json!({ "fail": true })).await;
    let args = json!({ "policy": { "legs": [{ "target": pool, "bps": 10_000 }] }, "beneficiary_id": owner });
    let amount = 20 * ONE_NEAR;
    let plan = preview(b, f, &depositor, amount, args.clone()).await;
    vanish_calling(b, &depositor, &f.router, "deposit", &args, amount, &plan, &sink).await;
    f.switch(b, &pool, "set_fail", json!({ "fail": false })).await;
    let (proxy, _) = f.proxy_of(b, &owner).await;
    let debt = owed(b, &proxy, &depositor).await;
    assert!(debt > 0, "the proxy owes the vanished depositor their refund");

    let liar = b.create_account("lying-pool", 5 * ONE_NEAR).await;
    b.deploy(&liar, &harness::contracts::load_wasm("near_chain_test_contract")).await;
    let out = call_json(b, &liar, &liar, "set_value", json!({ "value": debt.to_string() }), 0, 30 * TGAS).await;
    assert!(out.ok, "{:?}", out.failure);
    let (proxy_before, owner_before) = (b.balance(&proxy).await.unwrap(), b.balance(&owner).await.unwrap());
    let gas = router_core::exit_gas::WITHDRAW_GAS;
    let out = call_json(b, &owner, &proxy, "withdraw", json!({ "pool_id": liar }), 1, gas).await;
    assert!(out.ok, "{:?}", out.failure);
    assert_eq!(out.events_named("owner_payout_held").len(), 1, "{:?}", out.logs);
    // At most dust moved: the attached yoctoNEAR and the proxy's own gas rewards, which are
    // the owner's (nothing of the depositor's NEAR).
    let dust = ONE_NEAR / 1_000;
    let (proxy_after, owner_after) = (b.balance(&proxy).await.unwrap(), b.balance(&owner).await.unwrap());
    assert!(proxy_after + dust > proxy_before, "the proxy kept the depositor's NEAR: {proxy_before} -> {proxy_after}");
    assert!(owner_after < owner_before + dust, "the owner got none of it: {owner_before} -> {owner_after}");
    assert_eq!(owed(b, &proxy, &owner).await, 0, "no debt without the NEAR behind it");
    assert_eq!(owed(b, &proxy, &depositor).await, debt);
    // `collect` pays the owner only what the proxy holds beyond every claim (at most its gas
    // rewards and the attached yocto): the depositor, once back, is still paid in full.
    let before = b.balance(&proxy).await.unwrap();
    let collect = call_json(b, &owner, &proxy, "collect", json!({}), 1, 30 * TGAS).await;
    let took = before.saturating_sub(b.balance(&proxy).await.unwrap());
    assert!(took < dust, "collect took {took}: {:?}", collect.failure);
    recreate_and_release(b, &keeper, &proxy, "liar-depositor", &depositor).await;
}

/// The proxy's owner is a contract that asks for a withdrawal and deletes itself in the same
/// receipt: the pool pays the proxy, the payout to the owner bounces, and the proxy owes the
/// owner exactly what the pool paid.
pub async fn withdrawal_to_a_vanished_owner<B: Backend>(b: &mut B, f: &Fixture) {
    let keeper = b.create_account("bounce-keeper-3", 10 * ONE_NEAR).await;
    let sink = b.create_account("bounce-sink-2", ONE_NEAR).await;
    let owner = b.create_account("vanishing-owner", 100 * ONE_NEAR).await;
    b.deploy(&owner, &harness::contracts::load_wasm("near_chain_test_contract")).await;
    let pool = f.pools[0].clone();
    let args = json!({ "policy": { "legs": [{ "target": pool, "bps": 10_000 }] } });
    let plan = preview(b, f, &owner, 20 * ONE_NEAR, args.clone()).await;
    let out = contract_call(b, &owner, &f.router, "deposit", &args, 20 * ONE_NEAR, plan_tgas(&plan)).await;
    assert_eq!(out.events_named("direct_leg_staked").len(), 1, "{:?}", out.logs);
    let (proxy, _) = f.proxy_of(b, &owner).await;
    let out = contract_call(b, &owner, &proxy, "unstake", &json!({ "pool_id": pool }), 1, 100).await;
    assert_eq!(out.events_named("unstake_requested").len(), 1, "{:?}", out.logs);
    b.advance_epochs(4).await;

    let unstaked =
        u128_of(&b.view(&pool, "get_account_unstaked_balance", json!({ "account_id": proxy })).await.unwrap());
    let gas = json!({ "gas_required": 150 * TGAS });
    let out = vanish_calling(b, &owner, &proxy, "withdraw", &json!({ "pool_id": pool }), 1, &gas, &sink).await;
    assert!(b.balance(&owner).await.is_none(), "the owner deleted itself");
    assert_eq!(out.events_named("withdrawn").len(), 1, "{:?}", out.logs);
    assert_eq!(out.events_named("payout_bounced").len(), 1, "{:?}", out.logs);
    assert_eq!(owed(b, &proxy, &owner).await, unstaked, "owed exactly what the pool paid");
    recreate_and_release(b, &keeper, &proxy, "vanishing-owner", &owner).await;
    println!("[{}] vanished owner: withdrawal of {unstaked} yocto owed, paid once recreated", b.name());
}

/// The router's preview of a deposit by `account` with `args`.
async fn preview<B: Backend>(b: &B, f: &Fixture, account: &AccountId, amount: u128, args: Value) -> Value {
    let mut preview_args = args;
    preview_args["amount"] = json!(amount.to_string());
    preview_args["account_id"] = json!(account);
    f.view(b, "preview_deposit", preview_args).await
}

fn plan_tgas(plan: &Value) -> u64 {
    plan["gas_required"].as_u64().unwrap().div_ceil(TGAS)
}

/// `caller` (the test contract) calls `target.method(args)` with `deposit` and `gas_tgas`,
/// through its `call_then` (the result lands in its own callback).
async fn contract_call<B: Backend>(
    b: &mut B,
    caller: &AccountId,
    target: &AccountId,
    method: &str,
    args: &Value,
    deposit: u128,
    gas_tgas: u64,
) -> Outcome {
    let call = forwarded_call(target, method, args, deposit, gas_tgas);
    let out = call_json(b, caller, caller, "call_then", call, 0, (gas_tgas + 30) * TGAS).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    out
}

/// `caller` (the test contract) calls `target.method(args)` attaching `deposit` and the plan's
/// gas, and deletes itself (its balance to `sink`) in the same receipt.
#[allow(clippy::too_many_arguments)]
async fn vanish_calling<B: Backend>(
    b: &mut B,
    caller: &AccountId,
    target: &AccountId,
    method: &str,
    args: &Value,
    deposit: u128,
    plan: &Value,
    sink: &AccountId,
) -> Outcome {
    let gas_tgas = plan_tgas(plan);
    let mut call = forwarded_call(target, method, args, deposit, gas_tgas);
    call["beneficiary"] = json!(sink);
    let out = call_json(b, caller, caller, "call_and_vanish", call, 0, (gas_tgas + 30) * TGAS).await;
    assert!(out.ok, "{:?}", out.failure);
    out
}

/// The test contract's arguments for a call it makes to `target.method(args)`.
fn forwarded_call(target: &AccountId, method: &str, args: &Value, deposit: u128, gas_tgas: u64) -> Value {
    json!({
        "target": target, "method": method, "args": args.to_string(),
        "deposit": deposit.to_string(), "gas_tgas": gas_tgas,
    })
}

/// The parent of a backend-created account (`name.<root>`).
fn root_of(account: &AccountId) -> String {
    account.as_str().split_once('.').map(|(_, root)| root.to_string()).unwrap()
}
