//! The Meta Pool shape of the delayed exit: rounding down, the 0.001 rule, the unlock epoch
//! reset by every unstake, `withdraw_unstaked`, Meta Pool's messages.

use near_sdk::test_utils::get_logs;
use test_support::transfers;

use super::*;
use crate::meta_pool::ERR_UNSTAKE_SHARES;

/// Alice holds 10 tokens bought for 12 NEAR on a Meta Pool-shaped token.
fn alice_holds_ten() -> MockLst {
    let mut contract = new_lst_of(Protocol::MetaPool);
    assert_eq!(deposit(&mut contract, &alice(), 12 * ONE_NEAR), 10 * ONE_TOKEN);
    contract
}

#[test]
fn unstake_rounds_tokens_and_near_down() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 10);
    contract.unstake(U128(ONE_NEAR));
    let burnt = 833_333_333_333_333_333_333_333;
    assert_eq!(contract.ft_balance_of(alice()), U128(10 * ONE_TOKEN - burnt));
    let info = contract.get_account_info(alice());
    assert_eq!(info.unstaked, U128(ONE_NEAR - 1));
    assert_eq!(info.unstaked_requested_unlock_epoch.0, 14);
    assert_eq!(info.unstake_full_epochs_wait_left, 4);
    assert!(!info.can_withdraw);
    assert_eq!(info.st_near, U128(10 * ONE_TOKEN - burnt));
    let burn = get_logs().into_iter().find(|l| l.contains("ft_burn")).expect("an ft_burn event");
    assert!(burn.contains("833333333333333333333333"), "{burn}");
}

#[test]
fn an_amount_within_a_milli_near_of_the_balance_unstakes_everything() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 1);
    // 11.9995 NEAR is 9.99958.. tokens: within 0.001 of the 10 held.
    contract.unstake(U128(119_995 * ONE_NEAR / 10_000));
    assert_eq!(contract.ft_balance_of(alice()), U128(0));
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(12 * ONE_NEAR));
}

#[test]
fn a_new_unstake_resets_the_wait_of_the_whole_bucket() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 10);
    contract.unstake(U128(6 * ONE_NEAR));
    at_epoch(&alice(), 14);
    assert!(contract.get_account(alice()).can_withdraw);
    contract.unstake(U128(3 * ONE_NEAR));
    assert_panics_with(
        "The unstaked balance is not yet available due to unstaking delay. You need to wait at least 4 epochs",
        || contract.withdraw_unstaked(),
    );
    at_epoch(&alice(), 17);
    assert_panics_with("You need to wait at least 1 epochs", || contract.withdraw(U128(ONE_NEAR)));
    at_epoch(&alice(), 18);
    contract.withdraw_unstaked();
    assert_eq!(transfers(), vec![(alice(), 9 * ONE_NEAR)]);
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(0));
}

#[test]
fn unstake_all_burns_every_token_without_an_event() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 2);
    contract.unstake_all();
    assert_eq!(contract.ft_balance_of(alice()), U128(0));
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(12 * ONE_NEAR));
    assert!(get_logs().iter().all(|l| !l.contains("ft_burn")));
}

#[test]
fn exits_are_refused_with_meta_pool_messages() {
    let mut contract = alice_holds_ten();
    at_epoch(&bob(), 1);
    assert_panics_with(ERR_UNSTAKE_SHARES, || contract.unstake(U128(ONE_NEAR)));
    assert_panics_with(ERR_UNSTAKE_SHARES, || contract.unstake_all());
    at_epoch(&alice(), 1);
    assert_panics_with(ERR_UNSTAKE_SHARES, || contract.unstake(U128(13 * ONE_NEAR)));
    contract.unstake(U128(ONE_NEAR));
    at_epoch(&alice(), 5);
    assert_panics_with("Not enough unstaked balance 999999999999999999999999", || contract.withdraw(U128(ONE_NEAR)));
    contract.withdraw(U128(ONE_NEAR / 2));
    assert_eq!(transfers(), vec![(alice(), ONE_NEAR / 2)]);
}

#[test]
fn linear_methods_are_not_on_a_meta_pool_token() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 1);
    assert_panics_with("Mock LST: epoch_stake is not a method of the MetaPool shape", || {
        contract.epoch_stake();
    });
    assert_panics_with("get_account_details is not a method", || {
        contract.get_account_details(alice());
    });
}
