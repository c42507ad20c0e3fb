//! Unverified mints on the real VM: a protocol whose `deposit_and_stake` answer is unreadable
//! (the mock LST's malformed-return switch) leaves its tokens in the router under a record.
//! The owner cannot credit more than the router holds of the token beyond another user's
//! claimable (the call fails and the record stays); the honest figure is credited; a second
//! record is released by its beneficiary at the protocol's price without the owner; and every
//! user then claims exactly their tokens, which the router really holds.

use crate::scenarios::{deposit, ft_balance};
use harness::backend::{call_json, Backend, Outcome};
use harness::fixture::{u128_of, Fixture};
use router_core::gas::TGAS;
use router_core::unverified::unverified_required;
use router_core::{AccountId, GasSchedule, ONE_NEAR};
use serde_json::{json, Value};

/// A deposit of `amount` wholly into `token` whose answer is unreadable: the record's id and
/// the NEAR its leg staked.
async fn unreadable<B: Backend>(
    b: &mut B,
    f: &Fixture,
    user: &AccountId,
    token: &AccountId,
    amount: u128,
) -> (u64, u128) {
    let policy = json!({ "legs": [{ "target": token, "bps": 10_000 }] });
    let d = deposit(b, f, user, amount, json!({ "policy": policy }), 0).await;
    let recorded = d.outcome.events_named("liquid_mint_unverified");
    assert_eq!(recorded.len(), 1, "{:?}", d.outcome.logs);
    (recorded[0]["id"].as_u64().unwrap(), u128_of(&recorded[0]["near_amount"]))
}

async fn release<B: Backend>(b: &mut B, f: &Fixture, who: &AccountId, method: &str, args: Value) -> Outcome {
    let gas = unverified_required(&GasSchedule::DEFAULT) + 5 * TGAS;
    let out = call_json(b, who, &f.router, method, args, 1, gas).await;
    println!("[{}] {method}: ok={} gas {:.1} TGas {:?}", b.name(), out.ok, out.gas_burnt as f64 / 1e12, out.failure);
    out
}

async fn claimable<B: Backend>(b: &B, f: &Fixture, who: &AccountId, token: &AccountId) -> u128 {
    let c = f.view(b, "get_claimables", json!({ "account_id": who })).await;
    c.get(token.as_str()).map_or(0, u128_of)
}

/// See the module's documentation.
pub async fn resolve_unverified_is_bounded_by_what_the_router_holds<B: Backend>(b: &mut B, f: &Fixture) {
    let token = f.lsts[0].clone();
    // Bob's delivery fails: his tokens stay in the router as his claimable.
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": true })).await;
    let bob = b.create_account("bob-claimable", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": token, "bps": 10_000 }] });
    deposit(b, f, &bob, 20 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": false })).await;
    let bobs = claimable(b, f, &bob, &token).await;
    assert!(bobs > 0);

    // Alice's and Carol's mints are unreadable: their tokens are in the router, unrecorded.
    f.switch(b, &token, "set_malformed_return", json!({ "on": true })).await;
    let alice = b.create_account("alice-unverified", 1_000 * ONE_NEAR).await;
    let carol = b.create_account("carol-unverified", 1_000 * ONE_NEAR).await;
    let held_before = ft_balance(b, &token, &f.router).await;
    let (alice_id, _) = unreadable(b, f, &alice, &token, 10 * ONE_NEAR).await;
    let alices = ft_balance(b, &token, &f.router).await - held_before;
    let (carol_id, carol_near) = unreadable(b, f, &carol, &token, 10 * ONE_NEAR).await;
    f.switch(b, &token, "set_malformed_return", json!({ "on": false })).await;
    let carols = ft_balance(b, &token, &f.router).await - held_before - alices;
    assert_eq!(ft_balance(b, &token, &f.router).await, bobs + alices + carols);

    // The owner names Alice's and Carol's tokens and Bob's too: refused, nothing changes.
    let greedy = json!({ "id": alice_id, "minted": (alices + carols + 1).to_string() });
    let out = release(b, f, &f.owner, "resolve_unverified", greedy).await;
    assert!(!out.ok, "a resolution beyond the surplus fails for the owner");
    assert!(out.failure.as_deref().unwrap_or("").contains("beyond what it owes others"), "{:?}", out.failure);
    assert_eq!(out.events_named("unverified_refused").len(), 1);
    let mints = f.view(b, "get_unverified_mints", json!({})).await;
    assert_eq!(mints.as_array().unwrap().len(), 2, "the record is kept: {mints}");
    assert_eq!((claimable(b, f, &alice, &token).await, claimable(b, f, &bob, &token).await), (0, bobs));

    // The honest figure is credited.
    let out =
        release(b, f, &f.owner, "resolve_unverified", json!({ "id": alice_id, "minted": alices.to_string() })).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    assert_eq!(out.events_named("unverified_resolved")[0]["by"], "owner");
    assert_eq!(claimable(b, f, &alice, &token).await, alices);

    // Carol does not wait for the owner: her leg's NEAR at the protocol's price now.
    let stranger = release(b, f, &bob, "claim_unverified", json!({ "id": carol_id })).await;
    assert!(!stranger.ok, "only the beneficiary");
    let out = release(b, f, &carol, "claim_unverified", json!({ "id": carol_id })).await;
    assert!(out.ok && out.failed_receipts.is_empty(), "{:?} {:?}", out.failure, out.failed_receipts);
    let price = u128_of(&b.view(&token, "ft_price", json!({})).await.unwrap());
    let staked = u128_of(&out.events_named("unverified_resolved")[0]["amount"]);
    assert_eq!(staked, router_core::unverified::priced_tokens(carol_near, price).unwrap());
    assert!(staked > 0 && staked <= carols, "never more than the protocol minted for her: {staked} > {carols}");
    assert_eq!(f.view(b, "get_unverified_mints", json!({})).await, json!([]));

    // Every claim is paid from tokens the router really holds.
    for (who, amount) in [(&bob, bobs), (&alice, alices), (&carol, staked)] {
        assert!(f.register(b, &token, who).await.ok);
        let out = call_json(b, who, &f.router, "claim", json!({ "token_id": token }), 1, 100 * TGAS).await;
        assert_eq!(out.events_named("claimed").len(), 1, "{who}: {:?}", out.logs);
        assert_eq!(ft_balance(b, &token, who).await, amount, "{who}");
    }
    assert_eq!(ft_balance(b, &token, &f.router).await, carols - staked, "what the price left over stays");
}

/// A target that reports more than it minted: with a depeg band on the token, the mint is held
/// for review instead of being delivered from tokens the router holds for another user.
pub async fn a_target_reporting_more_than_it_minted_pays_out_no_one_elses_tokens<B: Backend>(b: &mut B, f: &Fixture) {
    let token = f.lsts[0].clone();
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": true })).await;
    let bob = b.create_account("bob-held", 1_000 * ONE_NEAR).await;
    let policy = json!({ "legs": [{ "target": token, "bps": 10_000 }] });
    deposit(b, f, &bob, 20 * ONE_NEAR, json!({ "policy": policy.clone() }), 0).await;
    f.switch(b, &token, "set_fail_transfers", json!({ "fail": false })).await;
    let bobs = claimable(b, f, &bob, &token).await;

    // The token's band: the protocol's price view now, 1% either side.
    let price = u128_of(&b.view(&token, "ft_price", json!({})).await.unwrap());
    let band = json!({ "account_id": token, "expected_price": price.to_string(), "tolerance_bps": 100 });
    let out = call_json(b, &f.owner, &f.router, "set_depeg_band", band, 1, 30 * TGAS).await;
    assert!(out.ok, "{:?}", out.failure);

    // It now reports half as much again as it mints.
    f.switch(b, &token, "set_overreport_bps", json!({ "bps": 5_000 })).await;
    let alice = b.create_account("alice-overreported", 1_000 * ONE_NEAR).await;
    let before = ft_balance(b, &token, &f.router).await;
    let d = deposit(b, f, &alice, 10 * ONE_NEAR, json!({ "policy": policy }), 0).await;
    f.switch(b, &token, "set_overreport_bps", json!({ "bps": 0 })).await;
    let minted = ft_balance(b, &token, &f.router).await - before;
    let reported = u128_of(&d.outcome.events_named("liquid_leg_staked")[0]["minted"]);
    assert!(reported > minted, "the mock over-reported: {reported} vs {minted}");
    assert!(d.outcome.events_named("tokens_delivered").is_empty(), "nothing delivered on its word");
    let held = d.outcome.events_named("liquid_mint_unverified");
    assert_eq!(held.len(), 1, "{:?}", d.outcome.logs);
    let id = held[0]["id"].as_u64().unwrap();
    assert_eq!(ft_balance(b, &token, &alice).await, 0);

    // Bob's tokens are all still there for him.
    assert!(f.register(b, &token, &bob).await.ok);
    let out = call_json(b, &bob, &f.router, "claim", json!({ "token_id": token }), 1, 100 * TGAS).await;
    assert_eq!(out.events_named("claimed").len(), 1, "{:?}", out.logs);
    assert_eq!(ft_balance(b, &token, &bob).await, bobs);
    // The owner cannot credit Alice the reported figure, only what arrived.
    let out = release(b, f, &f.owner, "resolve_unverified", json!({ "id": id, "minted": reported.to_string() })).await;
    assert!(!out.ok);
    let out = release(b, f, &f.owner, "resolve_unverified", json!({ "id": id, "minted": minted.to_string() })).await;
    assert!(out.ok, "{:?}", out.failure);
    assert_eq!(claimable(b, f, &alice, &token).await, minted);
}
