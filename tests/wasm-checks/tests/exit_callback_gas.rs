//! The proxy's exit callbacks on the real VM with **exactly** the static gas their exits
//! attach (`router_core::exit_gas`), on every path: the pool answered, refused or was
//! unreadable. A path whose exit did not happen must still complete: it settles its records,
//! logs its event and returns the `exit_failed` call that fails the caller's transaction, which
//! needs gas of its own. `exit_failed` itself fails with its reason within the gas it gets.

use near_primitives_core::types::{Balance, Gas};
use near_vm_runner::logic::mocks::mock_external::MockAction;
use near_vm_runner::logic::types::PromiseResult;
use router_core::exit_gas::*;
use serde_json::{json, Value};
use wasm_checks::{load_wasm, CallOptions, CallOutcome, ContractAccount, ONE_NEAR};

const ROUTER: &str = "router.near";
const OWNER: &str = "owner.near";
const PROXY: &str = "0123456789abcdef01234567.router.near";
const POOL: &str = "pool0.near";
const TO_POOL: &str = "pool1.near";

fn ok(bytes: &[u8]) -> PromiseResult {
    PromiseResult::Successful(bytes.to_vec().into())
}

/// A fresh proxy of [`OWNER`] holding `balance`.
fn proxy(balance: u128) -> ContractAccount {
    let mut proxy = ContractAccount::deploy(PROXY, load_wasm("staking_proxy"));
    proxy.call("new", json!({ "owner_id": OWNER, "router_id": ROUTER }), ROUTER, 0).assert_ok();
    proxy.balance = Balance::from_yoctonear(balance);
    proxy
}

/// Runs `method` as the proxy itself with exactly `gas` and `result`; asserts it completed and
/// returns the outcome.
fn run_exactly(proxy: &mut ContractAccount, method: &str, args: Value, gas: u64, result: PromiseResult) -> CallOutcome {
    let options = CallOptions::new(PROXY, args).gas(Gas::from_gas(gas)).promise_results(vec![result]);
    let out = proxy.call_with(method, options);
    assert!(out.aborted.is_none(), "{method} with exactly {gas} gas: {:?}", out.aborted);
    out
}

/// Whether the callback created a call to the proxy's own `exit_failed`.
fn reports_failure(out: &CallOutcome) -> bool {
    out.actions
        .iter()
        .any(|a| matches!(a, MockAction::FunctionCallWeight { method_name, .. } if method_name == b"exit_failed"))
}

#[test]
fn every_exit_callback_completes_with_its_static_gas_and_fails_its_caller_when_the_pool_did() {
    let unstake = json!({ "pool_id": POOL, "amount": "5", "principal_taken": "5", "previous_unlock_epoch": null, "unlock_epoch": 14 });
    let mut moved = unstake.clone();
    moved["from_pool"] = json!(POOL);
    moved["to_pool"] = json!(TO_POOL);
    moved["new_move"] = json!(true);
    moved.as_object_mut().unwrap().remove("pool_id");
    let withdrawn = json!({ "pool_id": POOL, "amount": "5", "unlock_epoch": 14 });
    let move_step = json!({ "from_pool": POOL, "to_pool": TO_POOL, "unlock_epoch": 14 });
    let mut move_withdrawn = move_step.clone();
    move_withdrawn["amount"] = json!("5");
    let move_staked = json!({ "from_pool": POOL, "to_pool": TO_POOL, "amount": "5" });
    // (callback, args, static gas, pool's answer, whether the exit failed)
    let cases: Vec<(&str, &Value, u64, PromiseResult, bool)> = vec![
        ("on_unstaked", &unstake, ON_UNSTAKED_GAS, ok(b""), false),
        ("on_unstaked", &unstake, ON_UNSTAKED_GAS, PromiseResult::Failed, true),
        ("on_move_unstaked", &moved, ON_MOVE_UNSTAKED_GAS, ok(b""), false),
        ("on_move_unstaked", &moved, ON_MOVE_UNSTAKED_GAS, PromiseResult::Failed, true),
        ("on_unstaked_balance", &withdrawn, ON_UNSTAKED_BALANCE_GAS, ok(b"\"5\""), false),
        ("on_unstaked_balance", &withdrawn, ON_UNSTAKED_BALANCE_GAS, ok(b"not json"), true),
        ("on_pool_withdrawn", &withdrawn, ON_POOL_WITHDRAWN_GAS, ok(b""), false),
        ("on_pool_withdrawn", &withdrawn, ON_POOL_WITHDRAWN_GAS, PromiseResult::Failed, true),
        ("on_move_balance", &move_step, ON_MOVE_BALANCE_GAS, ok(b"\"0\""), true),
        ("on_move_withdrawn", &move_withdrawn, ON_MOVE_WITHDRAWN_GAS, PromiseResult::Failed, true),
        ("on_move_staked", &move_staked, ON_MOVE_STAKED_GAS, PromiseResult::Failed, true),
        ("on_move_staked", &move_staked, ON_MOVE_STAKED_GAS, ok(b""), false),
    ];
    for (method, args, gas, result, fails) in cases {
        let mut args = args.clone();
        if method == "on_unstaked_balance" {
            args.as_object_mut().unwrap().remove("amount");
        }
        let mut p = proxy(10 * ONE_NEAR);
        let out = run_exactly(&mut p, method, args, gas, result);
        assert_eq!(reports_failure(&out), fails, "{method}: {:?}", out.logs);
        println!("{}", out.gas_line(&format!("{method}, failed: {fails}, given {:.1} TGas", gas as f64 / 1e12)));
    }
}

#[test]
fn exit_failed_fails_with_its_reason_within_its_gas() {
    let mut p = proxy(ONE_NEAR);
    let reason = "The pool pool0.near refused the withdrawal; nothing moved and the unstaked NEAR is still there";
    let options = CallOptions::new(PROXY, json!({ "reason": reason })).gas(Gas::from_gas(EXIT_FAILED_GAS));
    let out = p.call_with("exit_failed", options);
    let aborted = format!("{:?}", out.aborted);
    assert!(aborted.contains(reason), "{aborted}");
    assert!(!aborted.contains("GasExceeded"), "{aborted}");
    println!("{}", out.gas_line("exit_failed"));
    let other = CallOptions::new(OWNER, json!({ "reason": "x" })).gas(Gas::from_gas(EXIT_FAILED_GAS));
    let refused = format!("{:?}", p.call_with("exit_failed", other).aborted);
    assert!(refused.contains("Method exit_failed is private"), "{refused}");
}
