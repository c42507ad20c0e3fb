//! Account creation (who may create what, and the account-creation charge), atomic batches,
//! and storage staking.

mod common;

use common::{balance, setup, test_contract_wasm, NEAR, TGAS30};
use near_chain::{Action, ActionErrorKind, Balance};
use serde_json::json;

fn near(n: u128) -> Balance {
    Balance::from_near(n)
}

#[test]
fn creating_a_sub_account_costs_the_account_creation_charge() {
    let mut chain = setup();
    let before = balance(&chain, "alice.near");
    let actions = vec![Action::CreateAccount, Action::transfer(near(5))];
    let out = chain.batch("alice.near", "sub.alice.near", actions).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());

    let sub = chain.account("sub.alice.near").unwrap();
    assert_eq!(sub.balance, near(5));
    assert_eq!(sub.storage_usage, 100, "just the account record");
    assert!(sub.access_keys.is_empty());
    // The receipt burns its gas at the block price plus whatever tops the create-account
    // execution fee up to account_creation_charge (0.007 NEAR), taken from the gas refund.
    let config = chain.runtime_config();
    let create_exec = config.fees.fee(near_parameters::ActionCosts::create_account).exec_fee().gas.as_gas();
    let price = chain.gas_price().as_yoctonear();
    let charge = config.account_creation_charge.as_yoctonear() - price * u128::from(create_exec);
    let receipt = &out.receipts[0];
    assert_eq!(receipt.tokens_burnt.as_yoctonear(), price * u128::from(receipt.gas_burnt.as_gas()) + charge);
    assert!(out.total_tokens_burnt > Balance::from_millinear(7));
    let spent = before.checked_sub(balance(&chain, "alice.near")).unwrap();
    assert_eq!(spent, near(5).checked_add(out.total_tokens_burnt).unwrap());
}

#[test]
fn a_batch_failing_in_its_last_action_leaves_no_account_and_refunds_everything() {
    let mut chain = setup();
    let before = balance(&chain, "alice.near");
    let actions = vec![
        Action::CreateAccount,
        Action::transfer(near(5)),
        Action::function_call("init", "{}", Balance::ZERO, TGAS30),
    ];
    let out = chain.batch("alice.near", "sub.alice.near", actions).unwrap();
    let err = out.failure().unwrap();
    assert_eq!(err.index, Some(2));
    assert!(out.failure_message().unwrap().contains("cannot find contract code"));
    assert!(chain.account("sub.alice.near").is_none(), "account creation rolled back");
    // Deposit back, no account-creation charge: alice paid only the burnt gas.
    let spent = before.checked_sub(balance(&chain, "alice.near")).unwrap();
    assert_eq!(spent, out.total_tokens_burnt);
    assert_eq!(
        out.total_tokens_burnt.as_yoctonear(),
        u128::from(out.total_gas_burnt.as_gas()) * chain.gas_price().as_yoctonear()
    );
}

#[test]
fn only_the_parent_creates_a_sub_account_and_only_the_registrar_a_short_top_level_one() {
    let mut chain = setup();
    let out = chain.batch("alice.near", "sub.callee.near", vec![Action::CreateAccount]).unwrap();
    assert!(matches!(out.failure().unwrap().kind, ActionErrorKind::CreateAccountNotAllowed { .. }));
    let out = chain.batch("alice.near", "bob", vec![Action::CreateAccount]).unwrap();
    assert!(matches!(out.failure().unwrap().kind, ActionErrorKind::CreateAccountOnlyByRegistrar { .. }));
    chain.create_account("registrar", near(10));
    let out = chain.batch("registrar", "bob", vec![Action::CreateAccount, Action::transfer(NEAR)]).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    assert_eq!(chain.balance("bob"), Some(NEAR));
}

#[test]
fn a_contract_creates_and_funds_a_sub_account() {
    let mut chain = setup();
    let args = json!({"name": "kid", "amount": near(3).as_yoctonear().to_string()}).to_string();
    let out = chain.call("alice.near", "caller.near", "create_sub", args, near(3), TGAS30).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    assert_eq!(chain.balance("kid.caller.near"), Some(near(3)));
    let args = json!({"name": "kid", "amount": "1"}).to_string();
    let out = chain.call("alice.near", "caller.near", "create_sub", args, Balance::ZERO, TGAS30).unwrap();
    assert!(matches!(out.failure().unwrap().kind, ActionErrorKind::AccountAlreadyExists(_)));
}

#[test]
fn storage_staking_fails_a_receipt_that_writes_more_than_the_balance_covers() {
    let mut chain = setup();
    chain.create_account("small.near", NEAR);
    chain.deploy("small.near", test_contract_wasm());
    chain.set_balance("small.near", near(10));
    let out = chain.call("alice.near", "small.near", "set_value", r#"{"value":"v"}"#, Balance::ZERO, TGAS30).unwrap();
    assert!(out.is_success());
    let usage = chain.account("small.near").unwrap().storage_usage;
    let per_byte = chain.runtime_config().storage_amount_per_byte();
    // Room for exactly 2,000 more bytes.
    let funded = per_byte.checked_mul(u128::from(usage) + 2_000).unwrap();
    chain.set_balance("small.near", funded);

    let out = chain.call("alice.near", "small.near", "write_bytes", r#"{"len":50000}"#, Balance::ZERO, TGAS30).unwrap();
    let err = out.failure().unwrap();
    assert_eq!(err.index, None, "the storage check runs after the actions");
    let needed = per_byte.checked_mul(u128::from(usage) + 4 + 50_000 + 40).unwrap().checked_sub(funded).unwrap();
    assert_eq!(
        err.kind,
        ActionErrorKind::LackBalanceForState { account_id: "small.near".parse().unwrap(), amount: needed }
    );
    assert_eq!(chain.storage_get("small.near", b"blob"), None, "the write is rolled back");
    assert_eq!(chain.account("small.near").unwrap().storage_usage, usage);

    let out = chain.call("alice.near", "small.near", "write_bytes", r#"{"len":1900}"#, Balance::ZERO, TGAS30).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    assert_eq!(chain.account("small.near").unwrap().storage_usage, usage + 4 + 1_900 + 40);
}
