//! The proxy's exit callbacks on the real VM with **exactly** the static gas their exits
//! attach (`router_core::exit_gas`), on every path: the pool answered, refused or was
//! unreadable. A path whose exit did not happen must still complete: it settles its records,
//! logs its event and returns the `exit_failed` call that fails the caller's transaction, which
//! needs gas of its own. `exit_failed` itself fails with its reason within the gas it gets.

use borsh::to_vec;
use near_primitives_core::types::{Balance, Gas};
use near_vm_runner::logic::mocks::mock_external::MockAction;
use near_vm_runner::logic::types::PromiseResult;
use router_core::exit_gas::*;
use router_core::{AccountId, Yocto};
use serde_json::json;
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
fn run_exactly(
    proxy: &mut ContractAccount,
    method: &str,
    args: Vec<u8>,
    gas: u64,
    result: PromiseResult,
) -> CallOutcome {
    let options = CallOptions::raw(PROXY, args).gas(Gas::from_gas(gas)).promise_results(vec![result]);
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
    let id = |s: &str| s.parse::<AccountId>().unwrap();
    let (pool, to_pool, five) = (id(POOL), id(TO_POOL), Yocto(5));
    // Each callback's borsh arguments, in signature order.
    let unstake = to_vec(&(&pool, five, five, None::<u64>, 14u64)).unwrap();
    let moved = to_vec(&(&pool, &to_pool, five, five, None::<u64>, 14u64, true)).unwrap();
    let balance = to_vec(&(&pool, Some(14u64))).unwrap();
    let withdrawn = to_vec(&(&pool, five, Some(14u64))).unwrap();
    let move_step = to_vec(&(&pool, &to_pool, Some(14u64))).unwrap();
    let move_withdrawn = to_vec(&(&pool, &to_pool, five, Some(14u64))).unwrap();
    let move_staked = to_vec(&(&pool, &to_pool, five)).unwrap();
    // (callback, args, static gas, pool's answer, whether the exit failed)
    let cases: Vec<(&str, &Vec<u8>, u64, PromiseResult, bool)> = vec![
        ("on_unstaked", &unstake, ON_UNSTAKED_GAS, ok(b""), false),
        ("on_unstaked", &unstake, ON_UNSTAKED_GAS, PromiseResult::Failed, true),
        ("on_move_unstaked", &moved, ON_MOVE_UNSTAKED_GAS, ok(b""), false),
        ("on_move_unstaked", &moved, ON_MOVE_UNSTAKED_GAS, PromiseResult::Failed, true),
        ("on_unstaked_balance", &balance, ON_UNSTAKED_BALANCE_GAS, ok(b"\"5\""), false),
        ("on_unstaked_balance", &balance, ON_UNSTAKED_BALANCE_GAS, ok(b"not json"), true),
        ("on_pool_withdrawn", &withdrawn, ON_POOL_WITHDRAWN_GAS, ok(b""), false),
        ("on_pool_withdrawn", &withdrawn, ON_POOL_WITHDRAWN_GAS, PromiseResult::Failed, true),
        ("on_move_balance", &move_step, ON_MOVE_BALANCE_GAS, ok(b"\"0\""), true),
        ("on_move_withdrawn", &move_withdrawn, ON_MOVE_WITHDRAWN_GAS, PromiseResult::Failed, true),
        ("on_move_staked", &move_staked, ON_MOVE_STAKED_GAS, PromiseResult::Failed, true),
        ("on_move_staked", &move_staked, ON_MOVE_STAKED_GAS, ok(b""), false),
    ];
    for (method, args, gas, result, fails) in cases {
        let mut p = proxy(10 * ONE_NEAR);
        let out = run_exactly(&mut p, method, args.clone(), gas, result);
        assert_eq!(reports_failure(&out), fails, "{method}: {:?}", out.logs);
        println!("{}", out.gas_line(&format!("{method}, failed: {fails}, given {:.1} TGas", gas as f64 / 1e12)));
    }
}

#[test]
fn exit_failed_fails_with_its_reason_within_its_gas() {
    let mut p = proxy(ONE_NEAR);
    let reason = "The pool pool0.near refused the withdrawal; nothing moved and the unstaked NEAR is still there";
    let options = CallOptions::raw(PROXY, to_vec(reason).unwrap()).gas(Gas::from_gas(EXIT_FAILED_GAS));
    let out = p.call_with("exit_failed", options);
    let aborted = format!("{:?}", out.aborted);
    assert!(aborted.contains(reason), "{aborted}");
    assert!(!aborted.contains("GasExceeded"), "{aborted}");
    println!("{}", out.gas_line("exit_failed"));
    let other = CallOptions::raw(OWNER, to_vec("x").unwrap()).gas(Gas::from_gas(EXIT_FAILED_GAS));
    let refused = format!("{:?}", p.call_with("exit_failed", other).aborted);
    assert!(refused.contains("Method exit_failed is private"), "{refused}");
}
