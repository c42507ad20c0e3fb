//! Unit tests of the mock wNEAR (near-sdk mocked blockchain): wrapping, unwrapping, refusals.

use near_contract_standards::fungible_token::FungibleTokenCore;
use near_contract_standards::storage_management::StorageManagement;
use near_sdk::json_types::U128;
use near_sdk::AccountId;
use test_support::{id, panic_message, testing_env, transfers, ALICE, BOB, ONE_NEAR};

use crate::{MockWnear, ERR_DEPOSIT_TOO_SMALL, ERR_NO_DEPOSIT};

fn wnear() -> AccountId {
    id("wrap.near")
}

fn call(caller: &str, deposit: u128) {
    testing_env!(test_support::context(&wnear(), &id(caller), deposit, 1_000 * ONE_NEAR).build());
}

fn assert_panics_with<F: FnOnce()>(expected: &str, f: F) {
    let message = panic_message(f);
    assert!(message.contains(expected), "expected {expected:?}, got {message:?}");
}

#[test]
fn first_deposit_pays_the_registration_then_deposits_mint_one_for_one() {
    call(ALICE, 0);
    let mut contract = MockWnear::new();
    let registration = contract.storage_minimum_balance().0;
    assert_eq!(registration, contract.storage_balance_bounds().min.as_yoctonear());
    assert!(registration > 0);
    call(ALICE, 5 * ONE_NEAR);
    contract.near_deposit();
    assert_eq!(contract.ft_balance_of(id(ALICE)), U128(5 * ONE_NEAR - registration));
    call(ALICE, 2 * ONE_NEAR);
    contract.near_deposit();
    assert_eq!(contract.ft_balance_of(id(ALICE)), U128(7 * ONE_NEAR - registration));
    assert_eq!(contract.ft_total_supply(), U128(7 * ONE_NEAR - registration));
}

#[test]
fn near_withdraw_burns_and_sends_the_near_and_the_yocto_back() {
    call(ALICE, 0);
    let mut contract = MockWnear::new();
    let registration = contract.storage_minimum_balance().0;
    call(ALICE, 3 * ONE_NEAR + registration);
    contract.near_deposit();
    call(ALICE, 1);
    let _ = contract.near_withdraw(U128(ONE_NEAR));
    assert_eq!(transfers(), vec![(id(ALICE), ONE_NEAR + 1)]);
    assert_eq!(contract.ft_balance_of(id(ALICE)), U128(2 * ONE_NEAR));
    assert_eq!(contract.ft_total_supply(), U128(2 * ONE_NEAR));
}

#[test]
fn refusals_have_w_near_messages() {
    call(ALICE, 0);
    let mut contract = MockWnear::new();
    call(ALICE, 0);
    assert_panics_with(ERR_NO_DEPOSIT, || contract.near_deposit());
    call(ALICE, 1000);
    assert_panics_with(ERR_DEPOSIT_TOO_SMALL, || contract.near_deposit());
    call(ALICE, ONE_NEAR);
    contract.near_deposit();
    call(ALICE, 0);
    assert_panics_with("Requires attached deposit of exactly 1 yoctoNEAR", || {
        let _ = contract.near_withdraw(U128(1));
    });
    call(ALICE, 1);
    assert_panics_with("The account doesn't have enough balance", || {
        let _ = contract.near_withdraw(U128(ONE_NEAR));
    });
    call(BOB, 1);
    assert_panics_with("is not registered", || {
        let _ = contract.near_withdraw(U128(1));
    });
}
