//! Unstaking delay: one bucket per account, unlocked at `epoch + NUM_EPOCHS_TO_UNLOCK`.

use near_sdk::json_types::U128;

use super::*;

const DELAY_MESSAGE: &str = "The unstaked balance is not yet available due to unstaking delay";

/// Alice stakes 10 NEAR at epoch 10 and unstakes 4 NEAR at epoch `unstake_epoch`.
fn pool_with_unstake_at(unstake_epoch: EpochHeight) -> Sim {
    let mut sim = Sim::new();
    sim.call(&alice(), 10 * ONE_NEAR, |c| c.deposit_and_stake());
    sim.epoch = unstake_epoch;
    sim.call(&alice(), 0, |c| c.unstake(U128(4 * ONE_NEAR)));
    sim
}

#[test]
fn unstaked_balance_unlocks_exactly_four_epochs_later() {
    let mut sim = pool_with_unstake_at(20);
    assert_eq!(sim.pool.accounts.get(&alice()).unwrap().unstaked_available_epoch_height, 24);

    sim.epoch = 23;
    sim.context(&alice(), 0);
    assert!(!sim.pool.is_account_unstaked_balance_available(alice()));
    assert!(!sim.pool.get_account(alice()).can_withdraw);
    let message = sim.refused(&alice(), 0, |c| c.withdraw(U128(ONE_NEAR)));
    assert!(message.contains(DELAY_MESSAGE), "{message}");

    sim.epoch = 24;
    sim.context(&alice(), 0);
    assert!(sim.pool.is_account_unstaked_balance_available(alice()));
    sim.call(&alice(), 0, |c| c.withdraw(U128(ONE_NEAR)));
    assert_eq!(transfers(), vec![(alice(), ONE_NEAR)]);
    assert_eq!(sim.unstaked(alice()), 3 * ONE_NEAR);
}

#[test]
#[should_panic(expected = "The unstaked balance is not yet available due to unstaking delay")]
fn withdraw_three_epochs_after_unstake_is_refused() {
    let mut sim = pool_with_unstake_at(20);
    sim.epoch = 23;
    sim.call(&alice(), 0, |c| c.withdraw_all());
}

#[test]
fn a_second_unstake_restarts_the_timer_of_the_whole_bucket() {
    let mut sim = pool_with_unstake_at(20);
    sim.epoch = 22;
    sim.call(&alice(), 0, |c| c.unstake(U128(ONE_NEAR)));
    assert_eq!(sim.pool.accounts.get(&alice()).unwrap().unstaked_available_epoch_height, 26);

    // The first 4 NEAR would have unlocked at 24, but the bucket is now locked until 26.
    for epoch in [24, 25] {
        sim.epoch = epoch;
        let message = sim.refused(&alice(), 0, |c| c.withdraw(U128(ONE_NEAR)));
        assert!(message.contains(DELAY_MESSAGE), "{message}");
    }

    sim.epoch = 26;
    sim.call(&alice(), 0, |c| c.withdraw_all());
    assert_eq!(transfers(), vec![(alice(), 5 * ONE_NEAR)]);
}

#[test]
fn a_plain_deposit_is_withdrawable_at_once() {
    let mut sim = Sim::new();
    sim.call(&bob(), 3 * ONE_NEAR, |c| c.deposit());
    sim.call(&bob(), 0, |c| c.withdraw(U128(2 * ONE_NEAR)));
    assert_eq!(transfers(), vec![(bob(), 2 * ONE_NEAR)]);
    assert_eq!(sim.unstaked(bob()), ONE_NEAR);
}

#[test]
fn a_deposit_joins_a_locked_bucket() {
    // Same as the real pool: deposits land in the single unstaked bucket, whose timer is
    // still running after an unstake.
    let mut sim = pool_with_unstake_at(20);
    sim.epoch = 21;
    sim.call(&alice(), ONE_NEAR, |c| c.deposit());
    let message = sim.refused(&alice(), 0, |c| c.withdraw(U128(ONE_NEAR)));
    assert!(message.contains(DELAY_MESSAGE), "{message}");
}
