//! `new`: the real signature and checks, and the stake of the account's own balance.

use near_sdk::json_types::U128;
use near_sdk::serde_json;

use super::*;
use crate::{MockStakingPool, ON_STAKE_ACTION_GAS};

/// Runs `new` on an account holding `balance` and `locked`; returns the panic message.
fn refused_new(balance: u128, locked: u128, fraction: RewardFeeFraction) -> String {
    set_context(&owner(), 0, balance, locked, FIRST_EPOCH);
    panic_message(|| {
        MockStakingPool::new(owner(), key(), fraction);
    })
}

#[test]
fn new_stakes_the_balance_less_the_guarantee_fund() {
    let sim = Sim::new();
    assert_eq!(sim.pool.get_total_staked_balance(), U128(OWN_STAKE));
    assert_eq!(sim.pool.total_stake_shares, OWN_STAKE, "one share per yoctoNEAR: price 1");
    assert_eq!(sim.pool.last_total_balance, OWN_STAKE + STAKE_SHARE_PRICE_GUARANTEE_FUND);
    assert_eq!(sim.pool.last_epoch_height, FIRST_EPOCH);
    // Nobody owns the first shares.
    assert_eq!(sim.pool.get_number_of_accounts(), 0);
    assert_eq!(sim.pool.get_account_total_balance(owner()), U128(0));
    // The stake action locked the stake; the fund stays liquid.
    assert_eq!((sim.locked, sim.balance), (OWN_STAKE, STAKE_SHARE_PRICE_GUARANTEE_FUND));
}

#[test]
fn new_sends_the_real_restake() {
    set_context(&owner(), 0, 30 * ONE_NEAR, 0, FIRST_EPOCH);
    MockStakingPool::new(owner(), key(), fee(1, 10));
    assert_eq!(created(), restake_of(30 * ONE_NEAR - STAKE_SHARE_PRICE_GUARANTEE_FUND));
    let callback = calls().pop().unwrap();
    assert_eq!((callback.gas, callback.weight, callback.deposit), (ON_STAKE_ACTION_GAS.as_gas(), 0, 0));
}

#[test]
fn new_keeps_the_key_and_the_fee() {
    let sim = Sim::with_fee(fee(7, 100));
    assert_eq!(sim.pool.get_staking_key(), key());
    assert_eq!(sim.pool.get_reward_fee_fraction(), fee(7, 100));
    assert_eq!(sim.pool.get_owner_id(), owner());
    assert!(!sim.pool.is_staking_paused());
    let json = serde_json::to_value(sim.pool.get_staking_key()).unwrap();
    assert_eq!(json, serde_json::json!(KEY));
}

#[test]
fn new_refuses_what_the_real_pool_refuses() {
    let balance = 30 * ONE_NEAR;
    let cases = [
        (refused_new(balance, 0, fee(1, 0)), "Denominator must be a positive number"),
        (refused_new(balance, 0, fee(2, 1)), "The reward fee must be less or equal to 1"),
        (refused_new(balance, ONE_NEAR, fee(0, 1)), "The staking pool shouldn't be staking at the initialization"),
        (refused_new(STAKE_SHARE_PRICE_GUARANTEE_FUND - 1, 0, fee(0, 1)), "STAKE_SHARE_PRICE_GUARANTEE_FUND"),
    ];
    for (message, expected) in cases {
        assert!(message.contains(expected), "expected {expected:?}, got {message:?}");
    }
    // A full fee is allowed.
    set_context(&owner(), 0, balance, 0, FIRST_EPOCH);
    MockStakingPool::new(owner(), key(), fee(1, 1));
}

#[test]
fn new_takes_the_real_json_arguments() {
    let args = serde_json::json!({
        "owner_id": "owner.near",
        "stake_public_key": KEY,
        "reward_fee_fraction": { "numerator": 10, "denominator": 100 },
    });
    let fraction: RewardFeeFraction = serde_json::from_value(args["reward_fee_fraction"].clone()).unwrap();
    let parsed: near_sdk::PublicKey = serde_json::from_value(args["stake_public_key"].clone()).unwrap();
    assert_eq!((fraction, parsed), (fee(10, 100), key()));
    // A key without its curve prefix is an ED25519 key, as in the real pool.
    let bare: near_sdk::PublicKey = serde_json::from_value(serde_json::json!(&KEY[8..])).unwrap();
    assert_eq!(bare, key());
}
