//! Share accounting: one-for-one bootstrap, rounding down on stake, rounding up on unstake.

use near_sdk::json_types::U128;
use near_sdk::serde_json;

use super::*;

/// Alice stakes 10 NEAR, then the owner adds a 1 NEAR reward: share price 1.1.
fn pool_with_price_1_1() -> MockStakingPool {
    let mut contract = new_pool();
    set_context(&alice(), 10 * ONE_NEAR, 10);
    contract.deposit_and_stake();
    set_context(&owner(), ONE_NEAR, 10);
    contract.add_reward(U128(ONE_NEAR));
    contract
}

#[test]
fn first_stake_mints_shares_one_for_one() {
    let mut contract = new_pool();
    set_context(&alice(), 10 * ONE_NEAR, 10);
    contract.deposit_and_stake();
    assert_eq!(contract.total_stake_shares, 10 * ONE_NEAR);
    assert_eq!(contract.get_total_staked_balance(), U128(10 * ONE_NEAR));
    assert_eq!(contract.get_account_staked_balance(alice()), U128(10 * ONE_NEAR));
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(0));
    assert_eq!(contract.get_number_of_accounts(), 1);
}

#[test]
fn reward_raises_the_share_price_for_stakers() {
    let contract = pool_with_price_1_1();
    assert_eq!(contract.get_total_staked_balance(), U128(11 * ONE_NEAR));
    assert_eq!(contract.total_stake_shares, 10 * ONE_NEAR);
    assert_eq!(contract.get_account_staked_balance(alice()), U128(11 * ONE_NEAR));
}

#[test]
fn stake_rounds_shares_down_and_leaves_the_remainder_unstaked() {
    let mut contract = pool_with_price_1_1();
    set_context(&bob(), ONE_NEAR, 10);
    contract.deposit_and_stake();

    // 1e24 * 10e24 / 11e24 = 909_090_909_090_909_090_909_090.9.. shares, rounded down.
    let bob_shares = 909_090_909_090_909_090_909_090;
    assert_eq!(contract.accounts.get(&bob()).unwrap().stake_shares, bob_shares);
    // Charged the rounded-down value of those shares; 1 yocto stays unstaked.
    assert_eq!(contract.get_account_unstaked_balance(bob()), U128(1));
    assert_eq!(contract.get_account_staked_balance(bob()), U128(ONE_NEAR - 1));
    assert_eq!(contract.get_account_total_balance(bob()), U128(ONE_NEAR));
    assert_eq!(contract.total_stake_shares, 10 * ONE_NEAR + bob_shares);
    assert_eq!(contract.get_total_staked_balance(), U128(12 * ONE_NEAR - 1));
    // Alice keeps her whole reward.
    assert_eq!(contract.get_account_staked_balance(alice()), U128(11 * ONE_NEAR));
}

#[test]
fn unstake_burns_shares_rounded_up() {
    let mut contract = pool_with_price_1_1();
    set_context(&bob(), ONE_NEAR, 10);
    contract.deposit_and_stake();
    let shares_before = contract.accounts.get(&bob()).unwrap().stake_shares;

    set_context(&bob(), 0, 10);
    contract.unstake(U128(ONE_NEAR / 2));

    // Exact would be 454_545_454_545_454_545_454_545.45.. shares: one more is burned.
    let burned = 454_545_454_545_454_545_454_546;
    let account = contract.accounts.get(&bob()).unwrap().clone();
    assert_eq!(account.stake_shares, shares_before - burned);
    // Bob receives the rounded-up value of the burned shares (plus his 1 yocto remainder).
    assert_eq!(contract.get_account_unstaked_balance(bob()), U128(ONE_NEAR / 2 + 1 + 1));
    // The pool total only drops by the rounded-down value.
    assert_eq!(contract.get_total_staked_balance(), U128(12 * ONE_NEAR - 1 - ONE_NEAR / 2));
    // The share price never decreases: Alice still has her 11 NEAR.
    assert_eq!(contract.get_account_staked_balance(alice()), U128(11 * ONE_NEAR));
}

#[test]
fn deposit_stake_all_unstake_all_withdraw_all_round_trip() {
    let mut contract = new_pool();
    set_context(&alice(), 5 * ONE_NEAR, 10);
    contract.deposit();
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(5 * ONE_NEAR));
    assert!(contract.is_account_unstaked_balance_available(alice()));

    set_context(&alice(), 0, 10);
    contract.stake_all();
    assert_eq!(contract.get_account_staked_balance(alice()), U128(5 * ONE_NEAR));

    set_context(&owner(), ONE_NEAR, 11);
    contract.add_reward(U128(ONE_NEAR));

    set_context(&alice(), 0, 11);
    contract.unstake_all();
    assert_eq!(contract.get_account_staked_balance(alice()), U128(0));
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(6 * ONE_NEAR));
    assert_eq!(contract.get_total_staked_balance(), U128(0));
    assert_eq!(contract.total_stake_shares, 0);

    set_context(&alice(), 0, 15);
    contract.withdraw_all();
    assert_eq!(transfers(), vec![(alice(), 6 * ONE_NEAR)]);
    assert_eq!(contract.get_number_of_accounts(), 0);
    assert_eq!(contract.get_accounts(0, 10), vec![]);
}

#[test]
fn balance_checks_use_the_real_messages() {
    let mut contract = new_pool();
    set_context(&alice(), ONE_NEAR, 10);
    contract.deposit();
    set_context(&alice(), 0, 10);
    let cases: Vec<(&str, Call)> = vec![
        ("Staking amount should be positive", Box::new(|c| c.stake(U128(0)))),
        ("Not enough unstaked balance to stake", Box::new(|c| c.stake(U128(2 * ONE_NEAR)))),
        ("Unstaking amount should be positive", Box::new(|c| c.unstake(U128(0)))),
        ("The contract doesn't have staked balance", Box::new(|c| c.unstake(U128(1)))),
        ("Withdrawal amount should be positive", Box::new(|c| c.withdraw(U128(0)))),
        ("Not enough unstaked balance to withdraw", Box::new(|c| c.withdraw(U128(2 * ONE_NEAR)))),
    ];
    for (expected, call) in cases {
        let message = panic_message(|| call(&mut contract));
        assert!(message.contains(expected), "expected {expected:?}, got {message:?}");
    }
    contract.stake(U128(ONE_NEAR / 2));
    let message = panic_message(|| contract.unstake(U128(ONE_NEAR)));
    assert!(message.contains("Not enough staked balance to unstake"), "{message}");
}

#[test]
fn views_have_the_real_json_shapes() {
    let contract = pool_with_price_1_1();
    set_context(&alice(), 0, 10);
    let account = serde_json::to_value(contract.get_account(alice())).unwrap();
    assert_eq!(
        account,
        serde_json::json!({
            "account_id": "alice.near",
            "unstaked_balance": "0",
            "staked_balance": "11000000000000000000000000",
            "can_withdraw": true
        })
    );
    let fee = serde_json::to_value(contract.get_reward_fee_fraction()).unwrap();
    assert_eq!(fee, serde_json::json!({ "numerator": 0, "denominator": 1 }));
    assert_eq!(contract.get_owner_id(), owner());
    assert!(!contract.is_staking_paused());
    assert_eq!(contract.get_accounts(0, 10).len(), 1);
    assert_eq!(contract.get_accounts(1, 10).len(), 0);
    // Unknown accounts read as zeros.
    assert_eq!(contract.get_account_total_balance(bob()), U128(0));
}
