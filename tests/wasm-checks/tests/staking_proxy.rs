//! The built staking proxy (`res/staking_proxy.wasm`) on the real VM: only its router may
//! initialise it, and only on one of the router's direct sub-accounts.

use serde_json::json;
use wasm_checks::{load_wasm, ContractAccount};

const PROXY: &str = "0123456789abcdef01234567.router.near";
const ROUTER: &str = "router.near";
const OWNER: &str = "owner.near";

/// `staking-proxy/src/errors.rs`.
const ERR_INIT_NOT_ROUTER: &str = "only the router named in `router_id` may initialise this proxy";
const ERR_NOT_SUB_ACCOUNT: &str = "a staking proxy must be a direct sub-account of its router";

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
