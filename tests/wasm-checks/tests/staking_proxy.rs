//! The built staking proxy (`res/staking_proxy.wasm`) on the real VM: only its router may
//! initialise it, and only on one of the router's direct sub-accounts; its callbacks refuse
//! everyone but the proxy itself.

use near_vm_runner::logic::types::PromiseResult;
use serde_json::{json, Value};
use wasm_checks::{load_wasm, CallOptions, ContractAccount};

const PROXY: &str = "0123456789abcdef01234567.router.near";
const ROUTER: &str = "router.near";
const OWNER: &str = "owner.near";

/// `staking-proxy/src/errors.rs`.
const ERR_INIT_NOT_ROUTER: &str = "Only the router named in `router_id` may initialise this proxy";
const ERR_NOT_SUB_ACCOUNT: &str = "A staking proxy must be a direct sub-account of its router";

fn proxy() -> ContractAccount {
    ContractAccount::deploy(PROXY, load_wasm("staking_proxy"))
}

#[test]
fn new_refuses_a_caller_other_than_its_router() {
    let mut proxy = proxy();
    let args = json!({ "owner_id": OWNER, "router_id": ROUTER });
    for caller in ["attacker.near", OWNER, PROXY] {
        let out = proxy.call("new", args.clone(), caller, 0);
        out.assert_panic_contains(ERR_INIT_NOT_ROUTER);
        assert!(proxy.ext.fake_trie.is_empty(), "a refused init writes no state");
        println!("{}", out.gas_line(&format!("proxy new by {caller} (refused)")));
    }
}

#[test]
fn new_refuses_a_router_id_that_is_not_the_parent_account() {
    // The owner names itself as the router: the caller check passes, the account check does not.
    let mut proxy = proxy();
    let out = proxy.call("new", json!({ "owner_id": OWNER, "router_id": OWNER }), OWNER, 0);
    out.assert_panic_contains(ERR_NOT_SUB_ACCOUNT);
    println!("{}", out.gas_line("proxy new naming another router (refused)"));
}

#[test]
fn new_by_its_router_works_once() {
    let mut proxy = proxy();
    let args = json!({ "owner_id": OWNER, "router_id": ROUTER });
    let out = proxy.call("new", args.clone(), ROUTER, 0);
    out.assert_ok();
    assert!(out.logs.iter().any(|l| l.contains("proxy_initialized")), "logs: {:?}", out.logs);
    println!("{}", out.gas_line("proxy new by its router"));

    let out = proxy.call("new", args, ROUTER, 0);
    out.assert_panic_contains("The contract has already been initialized");
}

/// Every `#[private]` callback of the proxy with well-formed arguments.
fn private_callbacks() -> Vec<(&'static str, Value)> {
    let pool = "pool.near";
    vec![
        ("on_pools_staked", json!({ "legs": [{ "pool_id": pool, "amount": "1" }], "refund_to": OWNER })),
        ("on_payout", json!({ "account_id": OWNER, "amount": "1" })),
        (
            "on_unstaked",
            json!({ "pool_id": pool, "amount": "1", "principal_taken": "1", "previous_unlock_epoch": null, "unlock_epoch": 4 }),
        ),
        ("on_unstaked_balance", json!({ "pool_id": pool, "unlock_epoch": null })),
        ("on_pool_withdrawn", json!({ "pool_id": pool, "amount": "1", "unlock_epoch": null })),
        (
            "on_move_unstaked",
            json!({ "from_pool": pool, "to_pool": "other.near", "amount": "1", "principal_taken": "1",
                    "previous_unlock_epoch": null, "unlock_epoch": 4, "new_move": true }),
        ),
        ("on_move_balance", json!({ "from_pool": pool, "to_pool": "other.near", "unlock_epoch": null })),
        (
            "on_move_withdrawn",
            json!({ "from_pool": pool, "to_pool": "other.near", "amount": "1", "unlock_epoch": null }),
        ),
        ("on_move_staked", json!({ "from_pool": pool, "to_pool": "other.near", "amount": "1" })),
    ]
}

#[test]
fn private_callbacks_refuse_everyone_but_the_proxy() {
    let mut proxy = proxy();
    proxy.call("new", json!({ "owner_id": OWNER, "router_id": ROUTER }), ROUTER, 0).assert_ok();
    for (method, args) in private_callbacks() {
        for caller in [ROUTER, OWNER, "attacker.near"] {
            let before = proxy.ext.fake_trie.clone();
            let out = proxy
                .call_with(method, CallOptions::new(caller, args.clone()).promise_results(vec![PromiseResult::Failed]));
            out.assert_panic_contains(&format!("Method {method} is private"));
            assert!(out.actions.is_empty());
            assert_eq!(proxy.ext.fake_trie, before, "{method} by {caller}: a refused call changes nothing");
        }
    }
}

#[test]
fn a_bounced_payout_is_recorded_by_the_proxy_itself() {
    // Control for the test above, and the bounce path on the real VM: the proxy's own
    // `on_payout` with a failed transfer records the amount as owed and logs `payout_bounced`.
    let mut proxy = proxy();
    proxy.call("new", json!({ "owner_id": OWNER, "router_id": ROUTER }), ROUTER, 0).assert_ok();
    let out = proxy.call_with(
        "on_payout",
        CallOptions::new(PROXY, json!({ "account_id": OWNER, "amount": "5" }))
            .promise_results(vec![PromiseResult::Failed]),
    );
    out.assert_ok();
    assert!(out.logs.iter().any(|l| l.contains(r#""event":"payout_bounced""#)), "logs: {:?}", out.logs);
    println!("{}", out.gas_line("on_payout, transfer bounced (records the debt)"));
    let owed = proxy.call("get_owed_refund", json!({ "account_id": OWNER }), OWNER, 0);
    owed.assert_ok();
    assert_eq!(owed.return_json(), json!("5"));
}

#[test]
fn the_readme_names_this_builds_proxy_code_hash() {
    // The global contract hash is the sha256 of the code; NEAR tools show it in base58.
    let wasm = load_wasm("staking_proxy");
    let hash = near_primitives_core::hash::hash(&wasm);
    let readme = std::fs::read_to_string(wasm_checks::res_dir().join("../README.md")).expect("README.md");
    let base58 = hash.to_string();
    let hex: String = hash.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    assert!(readme.contains(&format!("**`{base58}`**")), "README.md must name the proxy code hash {base58}");
    assert!(readme.contains(&hex), "README.md must name the proxy code hash (hex) {hex}");
}
