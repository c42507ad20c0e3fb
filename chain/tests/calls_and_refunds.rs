//! Plain calls: state, views, panics rolling state back, deposits coming back, and the money
//! adding up to the yoctoNEAR.

mod common;

use common::{balance, setup, value, NEAR, TGAS30};
use near_chain::{ActionErrorKind, Balance, ExecutionStatus, ViewError};

#[test]
fn set_and_get_a_value() {
    let mut chain = setup();
    let out =
        chain.call("alice.near", "callee.near", "set_value", r#"{"value":"hello"}"#, Balance::ZERO, TGAS30).unwrap();
    assert_eq!(out.unwrap(), b"");
    assert_eq!(value(&chain, "callee.near"), "hello");
    // The contract's own key holds the borsh state: a string then an empty vector.
    let state = chain.storage_get("callee.near", b"STATE").unwrap();
    assert_eq!(state, [&5u32.to_le_bytes()[..], b"hello", &0u32.to_le_bytes()[..]].concat());
}

#[test]
fn a_panic_fails_the_receipt_rolls_back_and_refunds_the_deposit() {
    let mut chain = setup();
    let before = balance(&chain, "alice.near");
    let callee_before = balance(&chain, "callee.near");
    let args = r#"{"value":"dirty","msg":"boom"}"#;
    let out = chain.call("alice.near", "callee.near", "set_and_fail", args, Balance::from_near(2), TGAS30).unwrap();

    assert_eq!(out.failure_message().as_deref(), Some("Smart contract panicked: boom"));
    assert!(matches!(out.failure().unwrap().kind, ActionErrorKind::FunctionCallError(_)));
    assert_eq!(out.failure().unwrap().index, Some(0));
    assert_eq!(value(&chain, "callee.near"), "clean", "the write before the panic is rolled back");
    assert_eq!(balance(&chain, "callee.near"), callee_before, "the callee keeps nothing");

    // Receipts: the call, the deposit refund to the predecessor, then the gas refund.
    assert_eq!(out.receipts.len(), 3);
    let deposit_refund = &out.receipts[1];
    assert!(deposit_refund.is_refund());
    assert_eq!(deposit_refund.executor.as_str(), "alice.near");
    assert_eq!(out.receipts[2].executor.as_str(), "alice.near");
    // Alice paid exactly the burnt tokens: the 2 NEAR and the unused gas came back.
    let spent = before.checked_sub(balance(&chain, "alice.near")).unwrap();
    assert_eq!(spent, out.total_tokens_burnt);
    assert!(spent < Balance::from_millinear(1), "a failed 30 TGas call costs under 0.001 NEAR: {spent}");
}

#[test]
fn tokens_burnt_are_the_gas_burnt_at_the_block_price() {
    let mut chain = setup();
    let before = balance(&chain, "alice.near");
    let out = chain.call("alice.near", "callee.near", "get_value", "{}", Balance::ZERO, TGAS30).unwrap();
    assert_eq!(out.json::<String>(), "clean");

    let receipts_gas: u64 = out.receipts.iter().map(|r| r.gas_burnt.as_gas()).sum();
    assert_eq!(out.total_gas_burnt.as_gas(), out.conversion_gas_burnt.as_gas() + receipts_gas);
    let price = chain.gas_price().as_yoctonear();
    assert_eq!(out.total_tokens_burnt.as_yoctonear(), u128::from(out.total_gas_burnt.as_gas()) * price);
    assert_eq!(before.checked_sub(balance(&chain, "alice.near")).unwrap(), out.total_tokens_burnt);
    // Gas is bought at min_gas_purchase_price (10x the block price) and the surplus refunded.
    assert_eq!(out.receipt_gas_price, chain.runtime_config().min_gas_purchase_price);
    assert!(out.gas_bought.as_gas() > TGAS30.as_gas());
    // A call's conversion burns the receipt and function-call send fees: ~0.31 TGas.
    let fees = &chain.runtime_config().fees;
    let expected_send = fees.fee(near_parameters::ActionCosts::new_action_receipt).send_fee(false).gas.as_gas()
        + fees.fee(near_parameters::ActionCosts::function_call_base).send_fee(false).gas.as_gas()
        + fees.fee(near_parameters::ActionCosts::function_call_byte).send_fee(false).gas.as_gas() * 11;
    assert_eq!(out.conversion_gas_burnt.as_gas(), expected_send);
}

#[test]
fn attached_deposit_reaches_the_contract() {
    let mut chain = setup();
    let callee_before = balance(&chain, "callee.near");
    let out = chain.call("alice.near", "callee.near", "balances", "{}", NEAR, TGAS30).unwrap();
    let seen: Vec<String> = out.json();
    // The VM adds the deposit to the balance it reports.
    assert_eq!(seen[0], callee_before.checked_add(NEAR).unwrap().as_yoctonear().to_string());
    assert_eq!(seen[1], NEAR.as_yoctonear().to_string());
    assert_eq!(balance(&chain, "callee.near"), callee_before.checked_add(NEAR).unwrap());
}

#[test]
fn views_read_state_and_refuse_writes() {
    let chain = setup();
    assert_eq!(chain.view("callee.near", "get_value", "{}").unwrap(), br#""clean""#);
    let write = chain.view("callee.near", "set_value", r#"{"value":"x"}"#).unwrap_err();
    assert_eq!(write, ViewError::FunctionCall("storage_write is not allowed in view calls".into()));
    let panic = chain.view("callee.near", "fail", r#"{"msg":"nope"}"#).unwrap_err();
    assert_eq!(panic, ViewError::FunctionCall("Smart contract panicked: nope".into()));
    let missing = chain.view("nobody.near", "get_value", "{}").unwrap_err();
    assert_eq!(missing, ViewError::AccountDoesNotExist("nobody.near".parse().unwrap()));
    let no_code = chain.view("alice.near", "get_value", "{}").unwrap_err();
    assert!(matches!(&no_code, ViewError::FunctionCall(m) if m.contains("alice.near")), "{no_code}");
}

#[test]
fn a_missing_method_fails_with_the_vm_error() {
    let mut chain = setup();
    let out = chain.call("alice.near", "callee.near", "no_such_method", "{}", Balance::ZERO, TGAS30).unwrap();
    assert!(matches!(&out.receipts[0].status, ExecutionStatus::Failure(_)));
    assert!(out.failure_message().unwrap().contains("MethodNotFound"), "{:?}", out.failure_message());
}
