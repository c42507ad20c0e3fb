//! Owner methods and the fail switch: set_fail, pause / resume, staking key, vote.

use near_sdk::json_types::U128;

use super::*;
use crate::{ERR_MOCK_FAILING, ERR_NOT_OWNER, VOTE_GAS};

#[test]
fn fail_switch_makes_every_delegator_call_panic() {
    let mut sim = Sim::new();
    sim.call(&alice(), 2 * ONE_NEAR, |c| c.deposit_and_stake());
    sim.call(&owner(), 0, |c| c.set_fail(true));
    assert!(sim.pool.is_mock_failing());

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
        let message = sim.refused(&alice(), ONE_NEAR, call);
        assert!(message.contains(ERR_MOCK_FAILING), "{message}");
    }
    // Views keep working and nothing changed.
    assert_eq!(sim.staked(alice()), 2 * ONE_NEAR);

    sim.call(&owner(), 0, |c| c.set_fail(false));
    sim.call(&alice(), 0, |c| c.unstake(U128(ONE_NEAR)));
    assert_eq!(sim.unstaked(alice()), ONE_NEAR);
}

#[test]
fn owner_methods_are_refused_for_strangers() {
    let mut sim = Sim::new();
    sim.call(&alice(), ONE_NEAR, |c| c.deposit_and_stake());
    let calls: Vec<Call> = vec![
        Box::new(|c| c.set_fail(true)),
        Box::new(|c| c.pause_staking()),
        Box::new(|c| c.resume_staking()),
        Box::new(|c| c.update_staking_key(key())),
        Box::new(|c| c.update_reward_fee_fraction(fee(1, 2))),
        Box::new(|c| {
            let _ = c.vote(bob(), true);
        }),
    ];
    for call in calls {
        let message = sim.refused(&alice(), 0, call);
        assert!(message.contains(ERR_NOT_OWNER), "{message}");
    }
    assert!(!sim.pool.is_mock_failing());
    assert!(!sim.pool.is_staking_paused());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(OWN_STAKE + ONE_NEAR));
}

#[test]
fn pause_unstakes_everything_and_resume_restakes() {
    let mut sim = Sim::new();
    sim.call(&alice(), 3 * ONE_NEAR, |c| c.deposit_and_stake());
    sim.call(&owner(), 0, |c| c.pause_staking());
    assert!(sim.pool.is_staking_paused());
    assert_eq!(created(), vec![Created::Stake { receiver: pool(), stake: 0, key: KEY.to_string() }]);
    assert!(calls().is_empty(), "the real pause sends no callback");
    assert_eq!(sim.locked, 0);
    let message = sim.refused(&owner(), 0, |c| c.pause_staking());
    assert!(message.contains("The staking is already paused"), "{message}");

    // The books keep working while paused.
    sim.call(&alice(), 2 * ONE_NEAR, |c| c.deposit());
    sim.call(&alice(), ONE_NEAR, |c| c.deposit_and_stake());
    assert_eq!(sim.pool.get_account_total_balance(alice()), U128(6 * ONE_NEAR));

    sim.call(&owner(), 0, |c| c.resume_staking());
    assert!(!sim.pool.is_staking_paused());
    assert_eq!(created(), restake_of(OWN_STAKE + 4 * ONE_NEAR));
    assert_eq!(sim.locked, OWN_STAKE + 4 * ONE_NEAR);
    let message = sim.refused(&owner(), 0, |c| c.resume_staking());
    assert!(message.contains("The staking is not paused"), "{message}");
}

#[test]
fn a_new_staking_key_restakes_with_it() {
    let mut sim = Sim::new();
    let other: near_sdk::PublicKey = "ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp".parse().unwrap();
    sim.call(&owner(), 0, |c| c.update_staking_key(other.clone()));
    assert_eq!(sim.pool.get_staking_key(), other);
    assert_eq!(created()[0], Created::Stake { receiver: pool(), stake: OWN_STAKE, key: other.to_string() });
    assert_eq!(calls()[0].method, "on_stake_action");
}

#[test]
fn vote_calls_the_voting_contract_with_the_real_gas() {
    let mut sim = Sim::new();
    let voting: AccountId = "vote.test.near".parse().unwrap();
    sim.call(&owner(), 0, |c| c.vote(voting.clone(), true).detach());
    let call = calls().pop().unwrap();
    assert_eq!((&call.receiver, call.method.as_str()), (&voting, "vote"));
    assert_eq!(call.json(), near_sdk::serde_json::json!({ "is_vote": true }));
    assert_eq!((call.gas, call.deposit), (VOTE_GAS.as_gas(), 0));
    assert_eq!(VOTE_GAS.as_gas(), 100_000_000_000_000, "the real VOTE_GAS");
}
