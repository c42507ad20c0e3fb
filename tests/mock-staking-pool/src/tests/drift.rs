//! The `set_balance_delta` switch: drift and decreases of the total staked balance.

use near_sdk::json_types::U128;

use super::*;
use crate::ERR_NOT_OWNER;

/// Alice stakes 2 NEAR and Bob 1 NEAR; Bob also holds 1 NEAR unstaked.
fn two_stakers() -> MockStakingPool {
    let mut contract = new_pool();
    set_context(&alice(), 2 * ONE_NEAR, 10);
    contract.deposit_and_stake();
    set_context(&bob(), ONE_NEAR, 10);
    contract.deposit_and_stake();
    set_context(&bob(), ONE_NEAR, 10);
    contract.deposit();
    contract
}

fn delta(contract: &mut MockStakingPool, d: i128, attached: u128) {
    set_context(&owner(), attached, 10);
    contract.set_balance_delta(d.to_string());
}

#[test]
fn a_decrease_moves_no_near_and_leaves_it_unowned() {
    let mut contract = two_stakers();
    delta(&mut contract, -(3 * ONE_NEAR as i128) / 1000, 0);
    assert!(transfers().is_empty(), "a decrease moves no NEAR");
    assert_eq!(contract.get_total_staked_balance(), U128(3 * ONE_NEAR - 3 * ONE_NEAR / 1000));
    assert_eq!(contract.get_mock_unowned_balance(), U128(3 * ONE_NEAR / 1000));
    // Every staker loses 0.1% of the staked part; unstaked balances are untouched.
    assert_eq!(contract.get_account_staked_balance(alice()), U128(2 * ONE_NEAR - 2 * ONE_NEAR / 1000));
    assert_eq!(contract.get_account_staked_balance(bob()), U128(ONE_NEAR - ONE_NEAR / 1000));
    assert_eq!(contract.get_account_unstaked_balance(bob()), U128(ONE_NEAR));
    // The staked balances plus the unowned amount still add up to what was staked.
    let staked: u128 = [alice(), bob()].into_iter().map(|a| contract.get_account_staked_balance(a).0).sum();
    assert_eq!(staked + contract.get_mock_unowned_balance().0, 3 * ONE_NEAR);
}

#[test]
fn everything_can_be_unstaked_and_withdrawn_after_a_decrease() {
    let mut contract = two_stakers();
    delta(&mut contract, -7, 0);
    delta(&mut contract, -(ONE_NEAR as i128) / 1000, 0);
    set_context(&alice(), 0, 10);
    let reported = contract.get_account_staked_balance(alice()).0;
    // Unstaking the recorded 2 NEAR is now too much: the pool holds less.
    let message = panic_message(|| contract.unstake(U128(2 * ONE_NEAR)));
    assert!(message.contains("Not enough staked balance to unstake"), "{message}");
    contract.unstake_all();
    let unstaked = contract.get_account_unstaked_balance(alice()).0;
    assert!(unstaked >= reported && unstaked <= reported + 1, "{unstaked} vs {reported}");
    set_context(&alice(), 0, 14);
    contract.withdraw_all();
    assert_eq!(transfers(), vec![(alice(), unstaked)]);
    assert_eq!(contract.get_account_total_balance(alice()), U128(0));
}

#[test]
fn drift_up_is_paid_and_drift_down_is_a_loss() {
    let mut contract = two_stakers();
    let before = contract.get_account_staked_balance(alice()).0;
    delta(&mut contract, 3, 3);
    assert_eq!(contract.get_total_staked_balance(), U128(3 * ONE_NEAR + 3));
    assert_eq!(contract.get_mock_unowned_balance(), U128(0));
    assert_eq!(contract.get_account_staked_balance(alice()).0, before + 2);
    delta(&mut contract, -5, 0);
    assert_eq!(contract.get_total_staked_balance(), U128(3 * ONE_NEAR - 2));
    assert_eq!(contract.get_mock_unowned_balance(), U128(5));
    assert!(contract.get_account_staked_balance(alice()).0 < before);
}

#[test]
fn set_balance_delta_refuses_bad_calls() {
    let mut contract = new_pool();
    set_context(&owner(), 0, 10);
    let message = panic_message(|| contract.set_balance_delta("-1".into()));
    assert!(message.contains("while nothing is staked"), "{message}");
    let mut contract = two_stakers();
    let cases: Vec<(&str, u128, &str)> = vec![
        ("0", 0, "should not be zero"),
        ("abc", 0, "decimal i128"),
        ("5", 4, "must equal a positive delta"),
        ("5", 0, "must equal a positive delta"),
        ("-5", 1, "attach nothing"),
        ("-3000000000000000000000000", 0, "leave a positive total"),
    ];
    for (d, attached, expected) in cases {
        set_context(&owner(), attached, 10);
        let message = panic_message(|| contract.set_balance_delta(d.into()));
        assert!(message.contains(expected), "{d}: {message}");
    }
    set_context(&alice(), 0, 10);
    let message = panic_message(|| contract.set_balance_delta("-1".into()));
    assert!(message.contains(ERR_NOT_OWNER), "{message}");
    assert_eq!(contract.get_total_staked_balance(), U128(3 * ONE_NEAR));
    assert_eq!(contract.get_mock_unowned_balance(), U128(0));
}
