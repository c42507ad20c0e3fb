//! The LiNEAR shape of the exits: rounding, the unlock epoch and its settlement rule,
//! LiNEAR's messages, the transfer that pays a withdrawal.

use test_support::transfers;

use super::*;
use crate::linear::*;
use crate::ERR_PAUSED;

/// Alice holds 10 tokens bought for 12 NEAR on a LiNEAR-shaped token.
fn alice_holds_ten() -> MockLst {
    let mut contract = new_lst_of(Protocol::Linear);
    assert_eq!(deposit(&mut contract, &alice(), 12 * ONE_NEAR), 10 * ONE_TOKEN);
    contract
}

#[test]
fn unstake_burns_tokens_rounded_up_and_credits_their_value_rounded_up() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 10);
    contract.unstake(U128(ONE_NEAR));
    // ceil(1e24 / 1.2) tokens burnt; their value ceil(833..334 * 1.2) credited.
    let burnt = 833_333_333_333_333_333_333_334;
    assert_eq!(contract.ft_balance_of(alice()), U128(10 * ONE_TOKEN - burnt));
    assert_eq!(contract.ft_total_supply(), U128(10 * ONE_TOKEN - burnt));
    let account = contract.get_account(alice());
    assert_eq!(account.unstaked_balance, U128(ONE_NEAR + 1));
    assert!(!account.can_withdraw);
    assert_eq!(contract.get_account_details(alice()).unstaked_available_epoch_height, 14);
    // The total staked shrinks by the value rounded down.
    assert_eq!(contract.get_total_staked_balance(), U128(11 * ONE_NEAR));
}

#[test]
fn unstake_all_burns_every_token_and_credits_the_value_rounded_up() {
    let mut contract = new_lst_of(Protocol::Linear);
    let minted = deposit(&mut contract, &alice(), ONE_NEAR);
    assert_eq!(minted, 833_333_333_333_333_333_333_333);
    at_epoch(&alice(), 3);
    contract.unstake_all();
    assert_eq!(contract.ft_balance_of(alice()), U128(0));
    // floor(minted * 1.2) = 1e24 - 1 asked; ceil(that / 1.2) = minted burnt; ceil(minted * 1.2) paid.
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(ONE_NEAR));
}

#[test]
fn withdraw_is_refused_before_the_unlock_epoch_and_pays_at_it() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 10);
    contract.unstake(U128(3 * ONE_NEAR));
    at_epoch(&alice(), 13);
    assert_panics_with(ERR_UNSTAKED_BALANCE_NOT_AVAILABLE, || contract.withdraw(U128(ONE_NEAR)));
    assert!(!contract.is_account_unstaked_balance_available(alice()));

    at_epoch(&alice(), 14);
    assert!(contract.is_account_unstaked_balance_available(alice()));
    contract.withdraw(U128(ONE_NEAR));
    assert_eq!(transfers(), vec![(alice(), ONE_NEAR)]);
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(2 * ONE_NEAR));
    at_epoch(&alice(), 14);
    contract.withdraw_all();
    assert_eq!(transfers(), vec![(alice(), 2 * ONE_NEAR)]);
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(0));
}

#[test]
fn an_unstake_after_the_epoch_settlement_waits_one_epoch_more() {
    let mut contract = alice_holds_ten();
    at_epoch(&bob(), 20);
    assert!(!contract.epoch_stake());
    at_epoch(&alice(), 20);
    contract.unstake(U128(ONE_NEAR));
    assert_eq!(contract.get_account_details(alice()).unstaked_available_epoch_height, 25);
    // The next epoch is not settled yet: back to 4, for the whole bucket.
    at_epoch(&alice(), 21);
    contract.unstake(U128(ONE_NEAR));
    assert_eq!(contract.get_account_details(alice()).unstaked_available_epoch_height, 25);
    at_epoch(&alice(), 22);
    assert!(!contract.epoch_unstake());
    contract.unstake(U128(ONE_NEAR));
    assert_eq!(contract.get_account_details(alice()).unstaked_available_epoch_height, 27);
}

#[test]
fn exits_are_refused_with_linear_messages() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 1);
    assert_panics_with(ERR_NON_POSITIVE_UNSTAKING_AMOUNT, || contract.unstake(U128(0)));
    assert_panics_with(ERR_NO_ENOUGH_STAKED_BALANCE, || contract.unstake(U128(12 * ONE_NEAR + 1)));
    assert_panics_with(ERR_NO_ENOUGH_STAKED_BALANCE, || {
        at_epoch(&bob(), 1);
        contract.unstake(U128(1));
    });
    at_epoch(&alice(), 1);
    assert_panics_with(ERR_NON_POSITIVE_WITHDRAWAL_AMOUNT, || contract.withdraw_all());
    contract.unstake(U128(2 * ONE_NEAR));
    // ceil(2e24 / 1.2) tokens are worth 2e24 + 0.4, paid rounded up.
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(2 * ONE_NEAR + 1));
    at_epoch(&alice(), 5);
    assert_panics_with(ERR_NO_ENOUGH_UNSTAKED_BALANCE_TO_WITHDRAW, || contract.withdraw(U128(2 * ONE_NEAR + 2)));
    // The contract keeps 1 NEAR: with 2.5 NEAR it cannot pay 2.
    set_context_at(&alice(), 0, 5, 5 * ONE_NEAR / 2);
    assert_panics_with(ERR_NO_ENOUGH_CONTRACT_BALANCE, || contract.withdraw(U128(2 * ONE_NEAR)));
    set_context_at(&alice(), 0, 5, 3 * ONE_NEAR);
    contract.withdraw(U128(2 * ONE_NEAR));
}

#[test]
fn exits_are_refused_while_paused() {
    let mut contract = alice_holds_ten();
    set_context(&owner(), 0);
    contract.set_paused(true);
    at_epoch(&alice(), 1);
    assert_panics_with(ERR_PAUSED, || contract.unstake(U128(ONE_NEAR)));
    assert_panics_with(ERR_PAUSED, || contract.withdraw(U128(ONE_NEAR)));
    assert_panics_with(ERR_PAUSED, || {
        contract.epoch_stake();
    });
}

#[test]
fn meta_pool_methods_are_not_on_a_linear_token() {
    let mut contract = alice_holds_ten();
    at_epoch(&alice(), 1);
    let message = "Mock LST: liquid_unstake is not a method of the Linear shape";
    assert_panics_with(message, || {
        contract.liquid_unstake(U128(ONE_TOKEN), U128(0));
    });
    assert_panics_with("withdraw_unstaked is not a method", || contract.withdraw_unstaked());
    assert_panics_with("get_account_info is not a method", || {
        contract.get_account_info(alice());
    });
}
