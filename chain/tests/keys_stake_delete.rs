//! Access keys in storage, staking and account deletion.

mod common;

use common::{balance, setup};
use near_chain::{test_public_key, Action, ActionErrorKind, Balance};

fn near(n: u128) -> Balance {
    Balance::from_near(n)
}

#[test]
fn keys_count_in_storage_and_only_the_owner_manages_them() {
    let mut chain = setup();
    let usage = chain.account("alice.near").unwrap().storage_usage;
    assert_eq!(usage, 100 + 33 + 9 + 40, "record + one full-access key");
    let key = test_public_key("second");
    let out = chain.batch("alice.near", "alice.near", vec![Action::add_full_access_key(key.clone())]).unwrap();
    assert!(out.is_success());
    assert_eq!(chain.account("alice.near").unwrap().storage_usage, usage + 82);
    let again = chain.batch("alice.near", "alice.near", vec![Action::add_full_access_key(key.clone())]).unwrap();
    assert!(matches!(again.failure().unwrap().kind, ActionErrorKind::AddKeyAlreadyExists(_)));
    let foreign =
        chain.batch("callee.near", "alice.near", vec![Action::DeleteKey { public_key: key.clone() }]).unwrap();
    assert!(matches!(foreign.failure().unwrap().kind, ActionErrorKind::ActorNoPermission { .. }));
    let out = chain.batch("alice.near", "alice.near", vec![Action::DeleteKey { public_key: key }]).unwrap();
    assert!(out.is_success());
    assert_eq!(chain.account("alice.near").unwrap().storage_usage, usage);
}

#[test]
fn stake_locks_balance_and_is_recorded() {
    let mut chain = setup();
    let before = balance(&chain, "alice.near");
    let stake = Action::Stake { stake: near(100), public_key: test_public_key("validator") };
    let out = chain.batch("alice.near", "alice.near", vec![stake]).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    let alice = chain.account("alice.near").unwrap();
    assert_eq!(alice.locked, near(100));
    assert_eq!(before.checked_sub(alice.balance).unwrap(), near(100).checked_add(out.total_tokens_burnt).unwrap());
    assert_eq!(chain.stake_proposals(), &[("alice.near".parse().unwrap(), near(100))]);
    let too_much = Action::Stake { stake: near(10_000), public_key: test_public_key("validator") };
    let out = chain.batch("alice.near", "alice.near", vec![too_much]).unwrap();
    assert!(matches!(out.failure().unwrap().kind, ActionErrorKind::TriesToStake { .. }));
}

#[test]
fn delete_account_pays_the_beneficiary() {
    let mut chain = setup();
    chain.create_account("temp.near", near(10));
    let before = balance(&chain, "alice.near");
    let actions = vec![Action::DeleteAccount { beneficiary: "alice.near".parse().unwrap() }];
    let out = chain.batch("temp.near", "temp.near", actions).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    assert!(chain.account("temp.near").is_none());
    // The beneficiary gets what was left after temp bought the transaction's gas; temp's own
    // gas refund then finds no account and is burnt.
    let bought = out.receipt_gas_price.checked_mul(u128::from(out.gas_bought.as_gas())).unwrap();
    let left = near(10).checked_sub(out.conversion_tokens_burnt).unwrap().checked_sub(bought).unwrap();
    assert_eq!(balance(&chain, "alice.near").checked_sub(before).unwrap(), left);
    let last = out.receipts.last().unwrap();
    assert!(last.is_refund() && last.is_failure(), "the gas refund to temp.near is burnt");
}
