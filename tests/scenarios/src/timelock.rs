//! Timelocked powers on the real contract: with a delay, adding a target only announces it
//! (the allow-list is unchanged and a deposit cannot reach it), executing early is refused,
//! anyone executes it once the delay has passed (epochs advanced), the owner cancels another
//! announcement (an account that is no guardian cannot), and router code that was not
//! announced cannot be deployed.

use harness::backend::{call_json, Backend, Outcome};
use harness::fixture::Fixture;
use router_core::gas::TGAS;
use router_core::ONE_NEAR;
use serde_json::{json, Value};

/// The delay the scenario sets: ten minutes (the chains make one block a second).
const DELAY_SECONDS: u64 = 600;

async fn call<B: Backend>(
    b: &mut B,
    who: &router_core::AccountId,
    f: &Fixture,
    method: &str,
    args: Value,
    deposit: u128,
) -> Outcome {
    call_json(b, who, &f.router, method, args, deposit, 100 * TGAS).await
}

fn ok(out: &Outcome, what: &str) {
    assert!(out.ok && out.failed_receipts.is_empty(), "{what}: {:?} {:?}", out.failure, out.failed_receipts);
}

fn refused(out: &Outcome, message: &str) {
    let failure = out.failure.clone().unwrap_or_default();
    assert!(!out.ok && failure.contains(message), "expected {message:?}, got {failure:?}");
}

/// See the module's documentation.
pub async fn timelocked_changes_wait_and_can_be_cancelled<B: Backend>(b: &mut B, f: &Fixture) {
    let owner = f.owner.clone();
    // No delay yet (the fixture's set-up): setting one applies at once.
    ok(&call(b, &owner, f, "set_timelock", json!({ "seconds": DELAY_SECONDS }), 1).await, "set_timelock");
    assert_eq!(f.view(b, "get_timelock", json!({})).await, json!(DELAY_SECONDS));

    let pool = harness::fixture::deploy_pool(b, &owner, "late-pool").await;
    let caps = json!({ "max_share_bps": 10_000, "max_total_routed": null, "min_leg": ONE_NEAR.to_string() });
    let add = json!({ "account_id": pool, "kind": { "type": "validator" }, "caps": caps });
    let out = call(b, &owner, f, "add_target", add, 1).await;
    ok(&out, "announce add_target");
    let announced = &out.events_named("change_announced")[0]["pending"];
    let id = announced["id"].as_u64().unwrap();
    assert_eq!(announced["change"]["change"], "add_target");
    let targets = f.view(b, "get_targets", json!({})).await;
    assert!(!targets.to_string().contains(pool.as_str()), "not on the allow-list yet");

    let keeper = b.create_account("keeper", 10 * ONE_NEAR).await;
    refused(&call(b, &keeper, f, "execute_change", json!({ "id": id }), 0).await, "This change becomes executable at");

    // A second announcement, cancelled before its time.
    let stranger = b.create_account("stranger", 10 * ONE_NEAR).await;
    let fee = call(b, &owner, f, "set_deposit_fee", json!({ "fee_bps": 100, "treasury_id": owner }), 1).await;
    ok(&fee, "announce the fee");
    let fee_id = fee.events_named("change_announced")[0]["pending"]["id"].as_u64().unwrap();
    refused(&call(b, &stranger, f, "cancel_change", json!({ "id": fee_id }), 1).await, "Only the owner or a guardian");
    ok(&call(b, &owner, f, "cancel_change", json!({ "id": fee_id }), 1).await, "the owner cancels");

    // Router code that was not announced cannot be deployed, even by the owner.
    let code = harness::contracts::load_wasm("router_contract");
    let upgrade = b.call(&owner, &f.router, "upgrade", code, 1, 300 * TGAS).await;
    refused(&upgrade, "This code was not announced");

    // Ten minutes later (two epochs of 500 one-second blocks), anyone executes the target.
    b.advance_epochs(2).await;
    let out = call(b, &keeper, f, "execute_change", json!({ "id": id }), 0).await;
    ok(&out, "execute");
    assert_eq!(out.events_named("target_set").len(), 1);
    let targets = f.view(b, "get_targets", json!({})).await;
    assert!(targets.to_string().contains(pool.as_str()), "on the allow-list now");
    assert_eq!(f.view(b, "get_pending_changes", json!({})).await, json!([]));
    assert_eq!(f.view(b, "get_config", json!({})).await["deposit_fee_bps"], json!(0), "the fee was cancelled");
}
