//! The `set_balance_delta` switch: drift and decreases of the total staked balance.

use near_sdk::json_types::U128;

use super::*;
use crate::ERR_NOT_OWNER;

/// Alice stakes 2 NEAR and Bob 1 NEAR beside the pool's own 10; Bob also holds 1 NEAR unstaked.
fn two_stakers() -> Sim {
    let mut sim = Sim::new();
    sim.call(&alice(), 2 * ONE_NEAR, |c| c.deposit_and_stake());
    sim.call(&bob(), ONE_NEAR, |c| c.deposit_and_stake());
    sim.call(&bob(), ONE_NEAR, |c| c.deposit());
    sim
}

fn delta(sim: &mut Sim, d: i128, attached: u128) {
    sim.call(&owner(), attached, |c| c.set_balance_delta(d.to_string()));
}

#[test]
fn a_decrease_moves_no_near_and_leaves_it_unowned() {
    let mut sim = two_stakers();
    let held = sim.balance + sim.locked;
    delta(&mut sim, -(13 * ONE_NEAR as i128) / 1000, 0);
    assert_eq!(created(), restake_of(13 * ONE_NEAR - 13 * ONE_NEAR / 1000), "the pool restakes its new total");
    assert_eq!(sim.balance + sim.locked, held, "a decrease moves no NEAR");
    assert_eq!(sim.pool.get_total_staked_balance(), U128(13 * ONE_NEAR - 13 * ONE_NEAR / 1000));
    assert_eq!(sim.pool.get_mock_unowned_balance(), U128(13 * ONE_NEAR / 1000));
    // Every staker (the pool's own stake too) loses 0.1% of the staked part; unstaked
    // balances are untouched.
    assert_eq!(sim.staked(alice()), 2 * ONE_NEAR - 2 * ONE_NEAR / 1000);
    assert_eq!(sim.staked(bob()), ONE_NEAR - ONE_NEAR / 1000);
    assert_eq!(sim.unstaked(bob()), ONE_NEAR);
    // The unowned NEAR is no reward at the next epoch: the account's total did not grow.
    sim.next_epochs(1);
    sim.call(&alice(), 0, |c| c.ping());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(13 * ONE_NEAR - 13 * ONE_NEAR / 1000));
}

#[test]
fn everything_can_be_unstaked_and_withdrawn_after_a_decrease() {
    let mut sim = two_stakers();
    delta(&mut sim, -7, 0);
    delta(&mut sim, -(ONE_NEAR as i128) / 1000, 0);
    let reported = sim.staked(alice());
    // Unstaking the recorded 2 NEAR is now too much: the pool holds less.
    let message = sim.refused(&alice(), 0, |c| c.unstake(U128(2 * ONE_NEAR)));
    assert!(message.contains("Not enough staked balance to unstake"), "{message}");
    sim.call(&alice(), 0, |c| c.unstake_all());
    let unstaked = sim.unstaked(alice());
    assert!(unstaked >= reported && unstaked <= reported + 1, "{unstaked} vs {reported}");
    sim.next_epochs(4);
    sim.call(&alice(), 0, |c| c.withdraw_all());
    assert_eq!(transfers(), vec![(alice(), unstaked)]);
    assert_eq!(sim.pool.get_account_total_balance(alice()), U128(0));
}

#[test]
fn drift_up_is_paid_and_drift_down_is_a_loss() {
    let mut sim = two_stakers();
    let before = sim.staked(alice());
    delta(&mut sim, 13, 13);
    assert_eq!(sim.pool.get_total_staked_balance(), U128(13 * ONE_NEAR + 13));
    assert_eq!(sim.pool.get_mock_unowned_balance(), U128(0));
    assert_eq!(sim.staked(alice()), before + 2, "2/13 of the 13 yocto");
    assert_eq!(created(), restake_of(13 * ONE_NEAR + 13), "the paid drift is staked");
    // The paid drift is no reward at the next epoch either.
    sim.next_epochs(1);
    sim.call(&alice(), 0, |c| c.ping());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(13 * ONE_NEAR + 13));

    delta(&mut sim, -26, 0);
    assert_eq!(sim.pool.get_total_staked_balance(), U128(13 * ONE_NEAR - 13));
    assert_eq!(sim.pool.get_mock_unowned_balance(), U128(26));
    assert!(sim.staked(alice()) < before);
}

#[test]
fn set_balance_delta_refuses_bad_calls() {
    let mut sim = two_stakers();
    let cases: Vec<(&str, u128, &str)> = vec![
        ("0", 0, "should not be zero"),
        ("abc", 0, "decimal i128"),
        ("5", 4, "must equal a positive delta"),
        ("5", 0, "must equal a positive delta"),
        ("-5", 1, "attach nothing"),
        ("-13000000000000000000000000", 0, "leave a positive total"),
    ];
    for (d, attached, expected) in cases {
        let message = sim.refused(&owner(), attached, |c| c.set_balance_delta(d.into()));
        assert!(message.contains(expected), "{d}: {message}");
    }
    let message = sim.refused(&alice(), 0, |c| c.set_balance_delta("-1".into()));
    assert!(message.contains(ERR_NOT_OWNER), "{message}");
    assert_eq!(sim.pool.get_total_staked_balance(), U128(13 * ONE_NEAR));
    assert_eq!(sim.pool.get_mock_unowned_balance(), U128(0));
}
