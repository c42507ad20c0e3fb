//! Cross-contract calls: callbacks see each promise's result, failures roll the callee back and
//! return its deposit to the caller, returned promises forward their result, joint promises
//! deliver all results in order, and unused gas goes to the callback by weight.

mod common;

use common::{balance, setup, value, NEAR, TGAS30};
use near_chain::{Balance, ExecutionStatus, Gas};
use serde_json::json;

fn results(chain: &near_chain::Chain) -> Vec<String> {
    chain.view_json("caller.near", "get_results", json!({})).unwrap()
}

fn call_then(target: &str, method: &str, args: serde_json::Value, deposit: Balance) -> String {
    call_then_with_gas(target, method, args, deposit, 20)
}

fn call_then_with_gas(target: &str, method: &str, args: serde_json::Value, deposit: Balance, tgas: u64) -> String {
    json!({
        "target": target,
        "method": method,
        "args": args.to_string(),
        "deposit": deposit.as_yoctonear().to_string(),
        "gas_tgas": tgas,
    })
    .to_string()
}

#[test]
fn callback_gets_the_return_bytes_of_a_successful_call() {
    let mut chain = setup();
    let alice_before = balance(&chain, "alice.near");
    let args = call_then("callee.near", "get_value", json!({}), Balance::ZERO);
    let gas = Gas::from_teragas(100);
    let out = chain.call("alice.near", "caller.near", "call_then", args, Balance::ZERO, gas).unwrap();
    // Every receipt's unused gas comes back to the signer: alice pays exactly what was burnt.
    let spent = alice_before.checked_sub(balance(&chain, "alice.near")).unwrap();
    assert_eq!(spent, out.total_tokens_burnt);
    let refunds = out.receipts.iter().filter(|r| r.is_refund()).count();
    assert_eq!(refunds, 3, "one gas refund per receipt");
    // The callback returns what it saw; the transaction's result is the callback's.
    assert_eq!(out.json::<String>(), r#"ok:"clean""#);
    assert_eq!(results(&chain), vec![r#"ok:"clean""#.to_string()]);
    assert_eq!(out.receipts[0].status, ExecutionStatus::SuccessReceiptId(out.receipts[0].receipt_ids[1]));
    // call_then, get_value, on_results (the gas refunds follow).
    let order: Vec<&str> = out.receipts.iter().filter(|r| !r.is_refund()).map(|r| r.methods[0].as_str()).collect();
    assert_eq!(order, ["call_then", "get_value", "on_results"]);
    // Each hop runs one block after the one that created it.
    let heights: Vec<u64> = out.receipts.iter().filter(|r| !r.is_refund()).map(|r| r.block_height).collect();
    assert_eq!(heights[1], heights[0] + 1);
    assert_eq!(heights[2], heights[1] + 1, "the callback runs when the data receipt arrives");
}

#[test]
fn a_failed_callee_reaches_the_callback_as_failed_rolls_back_and_refunds_the_caller() {
    let mut chain = setup();
    let caller_before = balance(&chain, "caller.near");
    let callee_before = balance(&chain, "callee.near");
    let args = call_then("callee.near", "set_and_fail", json!({"value": "dirty", "msg": "boom"}), NEAR);
    let out =
        chain.call("alice.near", "caller.near", "call_then", args, Balance::ZERO, Gas::from_teragas(100)).unwrap();

    assert!(out.is_success(), "the callback settles the failure: {:?}", out.failure_message());
    assert_eq!(out.json::<String>(), "failed");
    assert_eq!(results(&chain), vec!["failed".to_string()]);
    let failed = out.failed_receipts();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].executor.as_str(), "callee.near");
    assert_eq!(failed[0].failure_message().unwrap(), "Smart contract panicked: boom");
    assert_eq!(value(&chain, "callee.near"), "clean");
    assert_eq!(balance(&chain, "callee.near"), callee_before);
    // The 1 NEAR the caller attached comes back to the caller (the predecessor), not to alice.
    let refund = out.receipts.iter().find(|r| r.is_refund() && r.executor.as_str() == "caller.near");
    assert!(refund.is_some(), "a deposit refund to caller.near");
    assert_eq!(balance(&chain, "caller.near"), caller_before);
}

#[test]
fn a_returned_promise_forwards_its_result() {
    let mut chain = setup();
    let args = json!({"target": "callee.near", "method": "get_value", "args": "{}"}).to_string();
    let out = chain
        .call("alice.near", "caller.near", "forward", args, Balance::ZERO, TGAS30.checked_mul(2).unwrap())
        .unwrap();
    assert_eq!(out.json::<String>(), "clean");
    assert!(matches!(out.receipts[0].status, ExecutionStatus::SuccessReceiptId(_)));

    // A callback waiting on a method that returned a promise gets that promise's result.
    let inner = json!({"target": "callee.near", "method": "get_value", "args": "{}"});
    // forward itself attaches 20 TGas to its call, so it needs more than that.
    let args = call_then_with_gas("caller.near", "forward", inner, Balance::ZERO, 20);
    let out =
        chain.call("alice.near", "caller.near", "call_then", args, Balance::ZERO, Gas::from_teragas(150)).unwrap();
    assert_eq!(out.json::<String>(), "failed", "20 TGas cannot attach 20 TGas");
    let message = out.failed_receipts()[0].failure_message().unwrap();
    assert_eq!(message, "Exceeded the prepaid gas.");
    let inner = json!({"target": "callee.near", "method": "get_value", "args": "{}"});
    let args = call_then_with_gas("caller.near", "forward", inner, Balance::ZERO, 40);
    let out =
        chain.call("alice.near", "caller.near", "call_then", args, Balance::ZERO, Gas::from_teragas(150)).unwrap();
    assert_eq!(out.json::<String>(), r#"ok:"clean""#);

    // A forwarded failure is the transaction's failure.
    let args = json!({"target": "callee.near", "method": "fail", "args": r#"{"msg":"deep"}"#}).to_string();
    let out = chain
        .call("alice.near", "caller.near", "forward", args, Balance::ZERO, TGAS30.checked_mul(2).unwrap())
        .unwrap();
    assert_eq!(out.failure_message().as_deref(), Some("Smart contract panicked: deep"));
}

#[test]
fn a_joint_promise_delivers_every_result_in_order() {
    let mut chain = setup();
    chain.create_account("empty.near", NEAR);
    let args = json!({"targets": ["callee.near", "empty.near", "caller.near"], "method": "get_value", "args": "{}"});
    let out = chain
        .call("alice.near", "caller.near", "call_all", args.to_string(), Balance::ZERO, Gas::from_teragas(100))
        .unwrap();
    assert_eq!(out.json::<String>(), r#"ok:"clean"|failed|ok:"clean""#);
    assert_eq!(results(&chain).len(), 3);
    let failed = out.failed_receipts();
    assert_eq!(failed.len(), 1);
    let message = failed[0].failure_message().unwrap();
    assert!(message.contains("cannot find contract code"), "{message}");
}

#[test]
fn unused_gas_goes_to_the_weighted_callback() {
    let mut chain = setup();
    let args = call_then("callee.near", "get_value", json!({}), Balance::ZERO);
    let out =
        chain.call("alice.near", "caller.near", "call_then", args, Balance::ZERO, Gas::from_teragas(300)).unwrap();
    let callback = out.receipts_calling("on_results")[0];
    let prepaid: u64 = callback.logs[0].strip_prefix("prepaid_gas=").unwrap().parse().unwrap();
    // near-sdk attaches 10 TGas statically plus weight 1: the callback gets what call_then left,
    // i.e. 300 TGas minus the 20 TGas call, the new receipts' fees and call_then's own burn.
    assert!(prepaid > Gas::from_teragas(260).as_gas(), "callback prepaid {prepaid}");
    assert!(prepaid < Gas::from_teragas(280).as_gas(), "callback prepaid {prepaid}");
}
