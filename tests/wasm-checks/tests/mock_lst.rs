//! The built mock LST (`res/mock_lst.wasm`) on the real VM: its malformed-return switch really
//! makes `deposit_and_stake` return bytes that are not JSON (what the router's
//! "unverified mint" path must survive).

use near_vm_runner::logic::ReturnData;
use serde_json::json;
use wasm_checks::{load_wasm, ContractAccount, ONE_NEAR};

const LST: &str = "lst.near";
const OWNER: &str = "owner.near";
const ROUTER: &str = "router.near";

/// `tests/mock-lst/src/lib.rs`: `ERR_NOT_OWNER` (LiNEAR's message).
const ERR_NOT_OWNER: &str = "Only owner can perform this action";

/// A mock LST with a minimum deposit of 1 NEAR and a price of 1 NEAR per token.
fn lst() -> ContractAccount {
    let mut lst = ContractAccount::deploy(LST, load_wasm("mock_lst"));
    let args = json!({
        "owner_id": OWNER,
        "min_deposit": ONE_NEAR.to_string(),
        "price": ONE_NEAR.to_string(),
    });
    let out = lst.call("new", args, OWNER, 0);
    out.assert_ok();
    println!("{}", out.gas_line("mock LST init"));
    lst
}

#[test]
fn deposit_and_stake_returns_the_minted_amount_as_json() {
    let mut lst = lst();
    let out = lst.call("deposit_and_stake", json!({}), ROUTER, 10 * ONE_NEAR);
    out.assert_ok();
    assert_eq!(out.return_json(), json!((10 * ONE_NEAR).to_string()));
    println!("{}", out.gas_line("deposit_and_stake (10 NEAR, first mint)"));
}

#[test]
fn malformed_return_switch_returns_raw_non_json_bytes() {
    let mut lst = lst();
    let out = lst.call("set_malformed_return", json!({ "on": true }), OWNER, 0);
    out.assert_ok();
    println!("{}", out.gas_line("set_malformed_return"));

    let out = lst.call("deposit_and_stake", json!({}), ROUTER, 10 * ONE_NEAR);
    out.assert_ok();
    assert_eq!(out.return_data, ReturnData::Value(b"{not json".to_vec()));
    assert!(serde_json::from_slice::<serde_json::Value>(out.return_value().unwrap()).is_err());
    println!("{}", out.gas_line("deposit_and_stake with a malformed return"));

    // It still minted: the router's tokens are real, only the answer is unreadable.
    let out = lst.call("ft_balance_of", json!({ "account_id": ROUTER }), ROUTER, 0);
    out.assert_ok();
    assert_eq!(out.return_json(), json!((10 * ONE_NEAR).to_string()));
}

#[test]
fn switches_refuse_a_stranger() {
    let mut lst = lst();
    let out = lst.call("set_malformed_return", json!({ "on": true }), "attacker.near", 0);
    out.assert_panic_contains(ERR_NOT_OWNER);
    println!("{}", out.gas_line("set_malformed_return by a stranger (refused)"));
}
