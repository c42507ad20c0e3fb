//! Owner-only switches: fail, add_reward, pause / resume.

use near_sdk::json_types::U128;

use super::*;
use crate::{ERR_MOCK_FAILING, ERR_NOT_OWNER};

#[test]
fn fail_switch_makes_every_delegator_call_panic() {
    let mut contract = new_pool();
    set_context(&alice(), 2 * ONE_NEAR, 10);
    contract.deposit_and_stake();
    set_context(&owner(), 0, 10);
    contract.set_fail(true);
    assert!(contract.is_mock_failing());

    set_context(&alice(), ONE_NEAR, 10);
    let calls: Vec<Call> = vec![
        Box::new(|c| c.ping()),
        Box::new(|c| c.deposit()),
        Box::new(|c| c.deposit_and_stake()),
        Box::new(|c| c.stake(U128(1))),
        Box::new(|c| c.stake_all()),
        Box::new(|c| c.unstake(U128(1))),
        Box::new(|c| c.unstake_all()),
        Box::new(|c| c.withdraw(U128(1))),
        Box::new(|c| c.withdraw_all()),
    ];
    for call in calls {
        let message = panic_message(|| call(&mut contract));
        assert!(message.contains(ERR_MOCK_FAILING), "{message}");
    }
    // Views keep working and nothing changed.
    assert_eq!(contract.get_account_staked_balance(alice()), U128(2 * ONE_NEAR));

    set_context(&owner(), 0, 10);
    contract.set_fail(false);
    set_context(&alice(), 0, 10);
    contract.unstake(U128(ONE_NEAR));
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(ONE_NEAR));
}

#[test]
fn owner_switches_are_refused_for_strangers() {
    let mut contract = new_pool();
    set_context(&alice(), ONE_NEAR, 10);
    contract.deposit_and_stake();

    set_context(&alice(), ONE_NEAR, 10);
    let message = panic_message(|| contract.add_reward(U128(ONE_NEAR)));
    assert!(message.contains(ERR_NOT_OWNER), "{message}");

    set_context(&alice(), 0, 10);
    let calls: Vec<Call> =
        vec![Box::new(|c| c.set_fail(true)), Box::new(|c| c.pause_staking()), Box::new(|c| c.resume_staking())];
    for call in calls {
        let message = panic_message(|| call(&mut contract));
        assert!(message.contains(ERR_NOT_OWNER), "{message}");
    }
    assert!(!contract.is_mock_failing());
    assert!(!contract.is_staking_paused());
    assert_eq!(contract.get_total_staked_balance(), U128(ONE_NEAR));
}

#[test]
fn add_reward_needs_the_exact_deposit_and_some_stake() {
    let mut contract = new_pool();
    set_context(&owner(), ONE_NEAR, 10);
    let message = panic_message(|| contract.add_reward(U128(ONE_NEAR)));
    assert!(message.contains("cannot add a reward while nothing is staked"), "{message}");

    set_context(&alice(), ONE_NEAR, 10);
    contract.deposit_and_stake();

    set_context(&owner(), ONE_NEAR - 1, 10);
    let message = panic_message(|| contract.add_reward(U128(ONE_NEAR)));
    assert!(message.contains("must equal the reward amount"), "{message}");
    set_context(&owner(), 0, 10);
    let message = panic_message(|| contract.add_reward(U128(0)));
    assert!(message.contains("should be positive"), "{message}");

    set_context(&owner(), 3, 10);
    contract.add_reward(U128(3));
    assert_eq!(contract.get_total_staked_balance(), U128(ONE_NEAR + 3));
    assert_eq!(contract.get_account_staked_balance(alice()), U128(ONE_NEAR + 3));
}

#[test]
fn pause_only_flips_the_flag_and_deposits_still_work() {
    let mut contract = new_pool();
    set_context(&owner(), 0, 10);
    contract.pause_staking();
    assert!(contract.is_staking_paused());
    let message = panic_message(|| contract.pause_staking());
    assert!(message.contains("The staking is already paused"), "{message}");

    set_context(&alice(), 2 * ONE_NEAR, 10);
    contract.deposit();
    set_context(&alice(), ONE_NEAR, 10);
    contract.deposit_and_stake();
    assert_eq!(contract.get_account_total_balance(alice()), U128(3 * ONE_NEAR));

    set_context(&owner(), 0, 10);
    contract.resume_staking();
    assert!(!contract.is_staking_paused());
    let message = panic_message(|| contract.resume_staking());
    assert!(message.contains("The staking is not paused"), "{message}");
}
