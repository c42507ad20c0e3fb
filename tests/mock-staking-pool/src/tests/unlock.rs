//! Unstaking delay: one bucket per account, unlocked at `epoch + NUM_EPOCHS_TO_UNLOCK`.

use near_sdk::json_types::U128;

use super::*;

const DELAY_MESSAGE: &str = "The unstaked balance is not yet available due to unstaking delay";

/// Alice stakes 10 NEAR at epoch 10 and unstakes 4 NEAR at epoch `unstake_epoch`.
fn pool_with_unstake_at(unstake_epoch: EpochHeight) -> MockStakingPool {
    let mut contract = new_pool();
    set_context(&alice(), 10 * ONE_NEAR, 10);
    contract.deposit_and_stake();
    set_context(&alice(), 0, unstake_epoch);
    contract.unstake(U128(4 * ONE_NEAR));
    contract
}

#[test]
fn unstaked_balance_unlocks_exactly_four_epochs_later() {
    let mut contract = pool_with_unstake_at(20);
    assert_eq!(contract.accounts.get(&alice()).unwrap().unstaked_available_epoch_height, 24);

    set_context(&alice(), 0, 23);
    assert!(!contract.is_account_unstaked_balance_available(alice()));
    assert!(!contract.get_account(alice()).can_withdraw);
    let message = panic_message(|| contract.withdraw(U128(ONE_NEAR)));
    assert!(message.contains(DELAY_MESSAGE), "{message}");

    set_context(&alice(), 0, 24);
    assert!(contract.is_account_unstaked_balance_available(alice()));
    contract.withdraw(U128(ONE_NEAR));
    assert_eq!(transfers(), vec![(alice(), ONE_NEAR)]);
    assert_eq!(contract.get_account_unstaked_balance(alice()), U128(3 * ONE_NEAR));
}

#[test]
#[should_panic(expected = "The unstaked balance is not yet available due to unstaking delay")]
fn withdraw_three_epochs_after_unstake_is_refused() {
    let mut contract = pool_with_unstake_at(20);
    set_context(&alice(), 0, 23);
    contract.withdraw_all();
}

#[test]
fn a_second_unstake_restarts_the_timer_of_the_whole_bucket() {
    let mut contract = pool_with_unstake_at(20);
    set_context(&alice(), 0, 22);
    contract.unstake(U128(ONE_NEAR));
    assert_eq!(contract.accounts.get(&alice()).unwrap().unstaked_available_epoch_height, 26);

    // The first 4 NEAR would have unlocked at 24, but the bucket is now locked until 26.
    set_context(&alice(), 0, 24);
    let message = panic_message(|| contract.withdraw(U128(ONE_NEAR)));
    assert!(message.contains(DELAY_MESSAGE), "{message}");
    set_context(&alice(), 0, 25);
    let message = panic_message(|| contract.withdraw(U128(ONE_NEAR)));
    assert!(message.contains(DELAY_MESSAGE), "{message}");

    set_context(&alice(), 0, 26);
    contract.withdraw_all();
    assert_eq!(transfers(), vec![(alice(), 5 * ONE_NEAR)]);
}

#[test]
fn a_plain_deposit_is_withdrawable_at_once() {
    let mut contract = new_pool();
    set_context(&bob(), 3 * ONE_NEAR, 10);
    contract.deposit();
    set_context(&bob(), 0, 10);
    contract.withdraw(U128(2 * ONE_NEAR));
    assert_eq!(transfers(), vec![(bob(), 2 * ONE_NEAR)]);
    assert_eq!(contract.get_account_unstaked_balance(bob()), U128(ONE_NEAR));
}

#[test]
fn a_deposit_joins_a_locked_bucket() {
    // Same as the real pool: deposits land in the single unstaked bucket, whose timer is
    // still running after an unstake.
    let mut contract = pool_with_unstake_at(20);
    set_context(&alice(), ONE_NEAR, 21);
    contract.deposit();
    set_context(&alice(), 0, 21);
    let message = panic_message(|| contract.withdraw(U128(ONE_NEAR)));
    assert!(message.contains(DELAY_MESSAGE), "{message}");
}
