//! The staking-pool whitelist on the real contracts: with a whitelist configured, a pool that
//! is not on it cannot be added as a validator target (the call fails with the reason and the
//! allow-list is unchanged), a whitelisted pool is added, and a deposit then reaches it.

use harness::backend::{call_json, Backend, Outcome};
use harness::contracts::load_wasm;
use harness::fixture::Fixture;
use router_core::gas::TGAS;
use router_core::ONE_NEAR;
use serde_json::{json, Value};

fn ok(out: &Outcome, what: &str) {
    assert!(out.ok && out.failed_receipts.is_empty(), "{what}: {:?} {:?}", out.failure, out.failed_receipts);
}

fn caps() -> Value {
    json!({ "max_share_bps": 10_000, "max_total_routed": null, "min_leg": ONE_NEAR.to_string() })
}

/// See the module's documentation.
pub async fn validator_targets_pass_the_pool_whitelist<B: Backend>(b: &mut B, f: &Fixture) {
    let owner = f.owner.clone();
    let whitelist = b.create_account("whitelist", 10 * ONE_NEAR).await;
    b.deploy(&whitelist, &load_wasm("mock_whitelist")).await;
    let init = json!({ "foundation_account_id": owner });
    ok(&call_json(b, &owner, &whitelist, "new", init, 0, 30 * TGAS).await, "whitelist new");
    let set = json!({ "whitelist_id": whitelist });
    ok(&call_json(b, &owner, &f.router, "set_pool_whitelist", set, 1, 30 * TGAS).await, "set_pool_whitelist");
    assert_eq!(f.view(b, "get_config", json!({})).await["pool_whitelist_id"], json!(whitelist));

    let listed = harness::fixture::deploy_pool(b, &owner, "listed-pool").await;
    let unlisted = harness::fixture::deploy_pool(b, &owner, "unlisted-pool").await;
    let add_pool = json!({ "staking_pool_account_id": listed });
    ok(&call_json(b, &owner, &whitelist, "add_staking_pool", add_pool, 0, 30 * TGAS).await, "whitelist a pool");

    let add =
        |pool: &router_core::AccountId| json!({ "account_id": pool, "kind": { "type": "validator" }, "caps": caps() });
    let out = call_json(b, &owner, &f.router, "add_target", add(&unlisted), 1, 100 * TGAS).await;
    let failure = out.failure.clone().unwrap_or_default();
    assert!(!out.ok && failure.contains("is not on the staking-pool whitelist"), "refused for its caller: {failure}");
    assert_eq!(out.events_named("target_refused").len(), 1);
    let targets = f.view(b, "get_targets", json!({})).await.to_string();
    assert!(!targets.contains(unlisted.as_str()), "the allow-list is unchanged");

    let out = call_json(b, &owner, &f.router, "add_target", add(&listed), 1, 100 * TGAS).await;
    ok(&out, "add the whitelisted pool");
    assert_eq!(out.events_named("target_set").len(), 1);

    // A deposit reaches the whitelisted pool through the depositor's proxy.
    let alice = b.create_account("alice-wl", 50 * ONE_NEAR).await;
    let policy = json!({ "policy": { "legs": [{ "target": listed, "bps": 10_000 }] } });
    let out = call_json(b, &alice, &f.router, "deposit", policy, 10 * ONE_NEAR, 300 * TGAS).await;
    ok(&out, "deposit to the whitelisted pool");
    assert_eq!(out.events_named("direct_forwarded").len(), 1);
}
