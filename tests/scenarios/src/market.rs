//! Depeg judged by the market: the router's market watch of a liquid target against the mock
//! Ref-shaped exchange (`harness::venues`). The market at the protocol's rate is in band; a
//! large sale crashes the exchange's price, a keeper's `observe_market` records it out of band,
//! and a profile that skips out-of-band liquid targets leaves the token out of the next deposit
//! (`depeg_guard`) while the protocol's own rate has not moved; buying back restores the price
//! and the next observation clears it. An observation whose read fails records nothing and
//! fails for its caller.

use crate::scenarios::legs_of;
use harness::backend::{call_json, Backend, Outcome};
use harness::fixture::Fixture;
use harness::venues::deploy_exit_venues;
use router_core::gas::TGAS;
use router_core::market::OBSERVE_MARKET_GAS;
use router_core::{exit_calls, AccountId, ONE_NEAR};
use serde_json::{json, Value};

const PROFILE: &str = "balanced";

fn ok(out: &Outcome, what: &str) {
    assert!(out.ok && out.failed_receipts.is_empty(), "{what}: {:?} {:?}", out.failure, out.failed_receipts);
}

/// A keeper observes `token`'s market with exactly the least gas `observe_market` accepts.
async fn observe<B: Backend>(b: &mut B, f: &Fixture, keeper: &AccountId, token: &AccountId) -> Outcome {
    call_json(b, keeper, &f.router, "observe_market", json!({ "token": token }), 0, OBSERVE_MARKET_GAS).await
}

/// The targets of the profile's preview for 100 NEAR, and its folded legs.
async fn preview<B: Backend>(b: &B, f: &Fixture) -> (Vec<String>, Value) {
    let args = json!({ "amount": (100 * ONE_NEAR).to_string(), "profile": PROFILE, "account_id": f.owner });
    let plan = f.view(b, "preview_deposit", args).await;
    let liquid = legs_of(&plan, "liquid").iter().map(|l| l["target"].as_str().unwrap().to_string()).collect();
    (liquid, plan["folded"].clone())
}

/// The owner sells (or buys back) on the exchange: `amount` of `token_in` for `token_out`.
async fn trade<B: Backend>(
    b: &mut B,
    f: &Fixture,
    dex: &AccountId,
    pool: u64,
    token_in: &AccountId,
    token_out: &AccountId,
    amount: u128,
) {
    let call = exit_calls::swap(token_in, dex, pool, token_out, amount, 0);
    let args: Value = serde_json::from_str(&call.args).unwrap();
    let out = call_json(b, &f.owner, token_in, call.method, args, call.deposit.0, call.gas).await;
    ok(&out, "trade");
}

/// See the module's documentation.
pub async fn market_depeg_leaves_the_token_out_until_it_recovers<B: Backend>(b: &mut B, f: &Fixture) {
    let venues = deploy_exit_venues(b, f, 200 * ONE_NEAR, 0).await;
    let (token, pool) = venues.pools[0].clone();
    let owner_call = |method: &str, args: Value| (method.to_string(), args);
    for (method, args) in [
        owner_call(
            "set_market_watch",
            json!({ "token": token, "exchange": venues.dex, "pool_id": pool, "wnear": venues.wnear, "band_bps": 100 }),
        ),
        owner_call("set_profile_guards", json!({ "name": PROFILE, "options": { "skip_out_of_band_liquid": true } })),
    ] {
        ok(&call_json(b, &f.owner, &f.router, &method, args, 1, 30 * TGAS).await, &method);
    }
    let keeper = b.create_account("keeper", 10 * ONE_NEAR).await;
    let rate_before = f.view(b, "get_market_watches", json!({})).await;
    assert!(rate_before[0][1]["last"].is_null(), "nothing observed yet: {rate_before}");

    // At the rate: one token sells for the rate less the 0.3% fee and 1/200 of impact.
    let out = observe(b, f, &keeper, &token).await;
    ok(&out, "observe at the rate");
    assert_eq!(out.json(), json!(true), "in band");
    let observed = &out.events_named("market_observed")[0];
    assert_eq!(observed["discount_bps"], json!(80), "{observed}");
    assert!(preview(b, f).await.0.contains(&token.to_string()), "the token is in the split");

    // A large sale: the exchange's price falls far below the rate, which does not move.
    trade(b, f, &venues.dex, pool, &token, &venues.wnear, 100 * ONE_NEAR).await;
    let out = observe(b, f, &keeper, &token).await;
    ok(&out, "observe after the sale");
    assert_eq!(out.json(), json!(false), "out of band");
    let warning = &out.events_named("market_depeg_warning")[0];
    assert!(warning["discount_bps"].as_u64().unwrap() > 100, "{warning}");
    assert_eq!(out.events_named("market_observed")[0]["rate"], observed["rate"], "the rate is the same");
    let (liquid, folded) = preview(b, f).await;
    assert!(!liquid.contains(&token.to_string()), "left out: {liquid:?}");
    let guarded =
        folded.as_array().unwrap().iter().any(|l| l["target"] == json!(token) && l["reason"] == "depeg_guard");
    assert!(guarded, "folded by the depeg guard: {folded}");

    // Buying back restores the price: the next observation clears it.
    let wnear_back = 2 * 100 * ONE_NEAR;
    trade(b, f, &venues.dex, pool, &venues.wnear, &token, wnear_back / 2).await;
    let out = observe(b, f, &keeper, &token).await;
    ok(&out, "observe after the buy-back");
    assert_eq!(out.json(), json!(true), "{:?}", out.events_named("market_observed"));
    assert_eq!(out.events_named("market_depeg_cleared").len(), 1);
    assert!(preview(b, f).await.0.contains(&token.to_string()), "back in the split");

    // A watch naming a pool the exchange does not have: the read fails, nothing is recorded,
    // and the call fails for the keeper with the reason.
    let args = json!({ "token": token, "exchange": venues.dex, "pool_id": 99, "wnear": venues.wnear, "band_bps": 100 });
    ok(&call_json(b, &f.owner, &f.router, "set_market_watch", args, 1, 30 * TGAS).await, "a wrong pool");
    let out = observe(b, f, &keeper, &token).await;
    assert!(!out.ok, "the observation did not happen: it fails");
    let failure = out.failure.clone().unwrap_or_default();
    assert!(failure.contains("Could not observe the market"), "{failure}");
    assert_eq!(out.events_named("market_observation_failed").len(), 1, "{:?}", out.logs);
    let after = f.view(b, "get_market_watches", json!({})).await;
    assert!(after[0][1]["last"].is_null(), "nothing recorded since the watch was set: {after}");
}
