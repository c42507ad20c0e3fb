//! Share accounting and rounding: down on stake, up on unstake, the pool's favour each time.

use near_sdk::json_types::U128;
use near_sdk::serde_json;

use super::*;

/// Alice stakes 10 NEAR beside the pool's own 10, then a 2 NEAR reward arrives (a transfer
/// and a new epoch): share price 1.1.
fn pool_with_price_1_1() -> Sim {
    let mut sim = Sim::new();
    sim.call(&alice(), 10 * ONE_NEAR, |c| c.deposit_and_stake());
    sim.transfer_in(2 * ONE_NEAR);
    sim.next_epochs(1);
    sim.call(&alice(), 0, |c| c.ping());
    sim
}

#[test]
fn shares_start_at_price_one() {
    let mut sim = Sim::new();
    sim.call(&alice(), 10 * ONE_NEAR, |c| c.deposit_and_stake());
    assert_eq!(sim.pool.accounts.get(&alice()).unwrap().stake_shares, 10 * ONE_NEAR);
    assert_eq!(sim.pool.total_stake_shares, OWN_STAKE + 10 * ONE_NEAR);
    assert_eq!(sim.pool.get_total_staked_balance(), U128(OWN_STAKE + 10 * ONE_NEAR));
    assert_eq!(sim.staked(alice()), 10 * ONE_NEAR);
    assert_eq!(sim.unstaked(alice()), 0);
    assert_eq!(sim.pool.get_number_of_accounts(), 1);
}

#[test]
fn reward_raises_the_share_price_for_stakers() {
    let sim = pool_with_price_1_1();
    assert_eq!(sim.pool.get_total_staked_balance(), U128(22 * ONE_NEAR));
    assert_eq!(sim.pool.total_stake_shares, 20 * ONE_NEAR);
    assert_eq!(sim.staked(alice()), 11 * ONE_NEAR);
}

#[test]
fn stake_rounds_shares_down_and_leaves_the_remainder_unstaked() {
    let mut sim = pool_with_price_1_1();
    sim.call(&bob(), ONE_NEAR, |c| c.deposit_and_stake());
    let contract = &sim.pool;

    // 1e24 * 20e24 / 22e24 = 909_090_909_090_909_090_909_090.9.. shares, rounded down.
    let bob_shares = 909_090_909_090_909_090_909_090;
    assert_eq!(contract.accounts.get(&bob()).unwrap().stake_shares, bob_shares);
    // Charged the rounded-down value of those shares; 1 yocto stays unstaked.
    assert_eq!(contract.get_account_unstaked_balance(bob()), U128(1));
    assert_eq!(contract.get_account_staked_balance(bob()), U128(ONE_NEAR - 1));
    assert_eq!(contract.get_account_total_balance(bob()), U128(ONE_NEAR));
    assert_eq!(contract.total_stake_shares, 20 * ONE_NEAR + bob_shares);
    // The total grows by the rounded-up value: the guarantee fund pays the yoctoNEAR.
    assert_eq!(contract.get_total_staked_balance(), U128(23 * ONE_NEAR - 1));
    // Alice keeps her whole reward.
    assert_eq!(contract.get_account_staked_balance(alice()), U128(11 * ONE_NEAR));
}

#[test]
fn unstake_burns_shares_rounded_up() {
    let mut sim = pool_with_price_1_1();
    sim.call(&bob(), ONE_NEAR, |c| c.deposit_and_stake());
    let shares_before = sim.pool.accounts.get(&bob()).unwrap().stake_shares;

    sim.call(&bob(), 0, |c| c.unstake(U128(ONE_NEAR / 2)));
    let contract = &sim.pool;

    // Exact would be 454_545_454_545_454_545_454_545.45.. shares: one more is burned.
    let burned = 454_545_454_545_454_545_454_546;
    let account = contract.accounts.get(&bob()).unwrap().clone();
    assert_eq!(account.stake_shares, shares_before - burned);
    // Bob receives the rounded-up value of the burned shares (plus his 1 yocto remainder).
    assert_eq!(contract.get_account_unstaked_balance(bob()), U128(ONE_NEAR / 2 + 1 + 1));
    // The pool total only drops by the rounded-down value.
    assert_eq!(contract.get_total_staked_balance(), U128(23 * ONE_NEAR - 1 - ONE_NEAR / 2));
    // The share price never decreases: Alice still has her 11 NEAR.
    assert_eq!(contract.get_account_staked_balance(alice()), U128(11 * ONE_NEAR));
}

#[test]
fn deposit_stake_all_unstake_all_withdraw_all_round_trip() {
    let mut sim = Sim::new();
    sim.call(&alice(), 5 * ONE_NEAR, |c| c.deposit());
    assert_eq!(sim.unstaked(alice()), 5 * ONE_NEAR);
    assert!(sim.pool.is_account_unstaked_balance_available(alice()));

    sim.call(&alice(), 0, |c| c.stake_all());
    assert_eq!(sim.staked(alice()), 5 * ONE_NEAR);

    // 3 NEAR over 15 staked: Alice's 5 become 6.
    sim.transfer_in(3 * ONE_NEAR);
    sim.next_epochs(1);
    sim.call(&alice(), 0, |c| c.unstake_all());
    assert_eq!(sim.staked(alice()), 0);
    assert_eq!(sim.unstaked(alice()), 6 * ONE_NEAR);
    assert_eq!(sim.pool.get_total_staked_balance(), U128(12 * ONE_NEAR), "the pool's own 10 and its 2 of reward");
    assert_eq!(sim.pool.total_stake_shares, OWN_STAKE);

    sim.next_epochs(4);
    sim.call(&alice(), 0, |c| c.withdraw_all());
    assert_eq!(transfers(), vec![(alice(), 6 * ONE_NEAR)]);
    assert_eq!(sim.pool.get_number_of_accounts(), 0);
    assert_eq!(sim.pool.get_accounts(0, 10), vec![]);
    assert_eq!((sim.locked, sim.balance), (12 * ONE_NEAR, STAKE_SHARE_PRICE_GUARANTEE_FUND));
}

#[test]
fn balance_checks_use_the_real_messages() {
    let mut sim = Sim::new();
    sim.call(&alice(), ONE_NEAR, |c| c.deposit());
    let cases: Vec<(&str, Call)> = vec![
        ("Staking amount should be positive", Box::new(|c| c.stake(U128(0)))),
        ("Not enough unstaked balance to stake", Box::new(|c| c.stake(U128(2 * ONE_NEAR)))),
        ("Unstaking amount should be positive", Box::new(|c| c.unstake(U128(0)))),
        ("Not enough staked balance to unstake", Box::new(|c| c.unstake(U128(1)))),
        ("Withdrawal amount should be positive", Box::new(|c| c.withdraw(U128(0)))),
        ("Not enough unstaked balance to withdraw", Box::new(|c| c.withdraw(U128(2 * ONE_NEAR)))),
    ];
    for (expected, call) in cases {
        let message = sim.refused(&alice(), 0, call);
        assert!(message.contains(expected), "expected {expected:?}, got {message:?}");
    }
    sim.call(&alice(), 0, |c| c.stake(U128(ONE_NEAR / 2)));
    let message = sim.refused(&alice(), 0, |c| c.unstake(U128(ONE_NEAR)));
    assert!(message.contains("Not enough staked balance to unstake"), "{message}");
}

#[test]
fn views_have_the_real_json_shapes() {
    let sim = pool_with_price_1_1();
    sim.context(&alice(), 0);
    let contract = &sim.pool;
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
    let key = serde_json::to_value(contract.get_staking_key()).unwrap();
    assert_eq!(key, serde_json::json!(KEY));
    assert_eq!(contract.get_owner_id(), owner());
    assert!(!contract.is_staking_paused());
    assert_eq!(contract.get_accounts(0, 10).len(), 1);
    assert_eq!(contract.get_accounts(1, 10).len(), 0);
    // Unknown accounts read as zeros.
    assert_eq!(contract.get_account_total_balance(bob()), U128(0));
}
