//! The built staking proxy (`res/staking_proxy.wasm`) on the real VM: only its router may
//! initialise it, and only on one of the router's direct sub-accounts; its callbacks refuse
//! everyone but the proxy itself.

use borsh::to_vec;
use near_vm_runner::logic::types::PromiseResult;
use router_core::proxy_api::PoolLeg;
use router_core::{AccountId, Yocto};
use serde_json::json;
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

/// Every `#[private]` callback of the proxy with well-formed arguments: the borsh of its
/// arguments in signature order.
fn private_callbacks() -> Vec<(&'static str, Vec<u8>)> {
    let id = |s: &str| s.parse::<AccountId>().unwrap();
    let (pool, other, owner) = (id("pool.near"), id("other.near"), id(OWNER));
    let one = Yocto(1);
    vec![
        ("on_pools_staked", to_vec(&(vec![PoolLeg { pool_id: pool.clone(), amount: one }], &owner)).unwrap()),
        ("on_payout", to_vec(&(&owner, one)).unwrap()),
        ("on_unstaked", to_vec(&(&pool, one, one, None::<u64>, 4u64)).unwrap()),
        ("on_unstaked_balance", to_vec(&(&pool, None::<u64>)).unwrap()),
        ("on_pool_withdrawn", to_vec(&(&pool, one, None::<u64>)).unwrap()),
        ("on_move_unstaked", to_vec(&(&pool, &other, one, one, None::<u64>, 4u64, true)).unwrap()),
        ("on_move_balance", to_vec(&(&pool, &other, None::<u64>)).unwrap()),
        ("on_move_withdrawn", to_vec(&(&pool, &other, one, None::<u64>)).unwrap()),
        ("on_move_staked", to_vec(&(&pool, &other, one)).unwrap()),
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
                .call_with(method, CallOptions::raw(caller, args.clone()).promise_results(vec![PromiseResult::Failed]));
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
        CallOptions::raw(PROXY, to_vec(&(OWNER.parse::<AccountId>().unwrap(), Yocto(5))).unwrap())
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
