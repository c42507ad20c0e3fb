//! `internal_ping`: once per epoch, the growth of the account's liquid + locked balance is the
//! reward; the owner's fee is minted as shares, rounded down.

use near_sdk::json_types::U128;

use super::*;

/// A pool with `fraction` where Alice staked 10 NEAR beside the pool's own 10 NEAR.
fn alice_staked(fraction: RewardFeeFraction) -> Sim {
    let mut sim = Sim::with_fee(fraction);
    sim.call(&alice(), 10 * ONE_NEAR, |c| c.deposit_and_stake());
    sim
}

#[test]
fn a_transfer_to_the_pool_is_a_reward_at_the_next_epoch() {
    let mut sim = alice_staked(fee(0, 1));
    sim.transfer_in(2 * ONE_NEAR);
    sim.call(&bob(), 0, |c| c.ping());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(20 * ONE_NEAR), "not in the same epoch");

    sim.next_epochs(1);
    sim.call(&bob(), 0, |c| c.ping());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(22 * ONE_NEAR));
    assert_eq!(sim.staked(alice()), 11 * ONE_NEAR, "half the reward: half the stake");
    assert_eq!(sim.pool.total_stake_shares, 20 * ONE_NEAR, "no fee, no new shares");
    assert_eq!(sim.locked, 22 * ONE_NEAR, "the ping restaked the reward");
}

#[test]
fn the_chains_epoch_reward_in_the_locked_balance_counts_the_same() {
    let mut sim = alice_staked(fee(0, 1));
    sim.next_epochs(1);
    sim.epoch_reward(ONE_NEAR);
    sim.call(&bob(), 0, |c| c.ping());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(21 * ONE_NEAR));
    assert_eq!(sim.staked(alice()), 10 * ONE_NEAR + ONE_NEAR / 2);
}

#[test]
fn the_owner_takes_the_fee_in_shares_rounded_down() {
    let mut sim = alice_staked(fee(10, 100));
    sim.transfer_in(2 * ONE_NEAR);
    sim.next_epochs(1);
    sim.call(&bob(), 0, |c| c.ping());

    // Fee 0.2 NEAR buys floor(0.2 * 20 / 21.8) NEAR of shares at the price after the rest.
    let owner_shares = 183_486_238_532_110_091_743_119;
    assert_eq!(sim.pool.accounts.get(&owner()).unwrap().stake_shares, owner_shares);
    assert_eq!(sim.pool.total_stake_shares, 20 * ONE_NEAR + owner_shares);
    // The total grows by the whole reward, fee included.
    assert_eq!(sim.pool.get_total_staked_balance(), U128(22 * ONE_NEAR));
    // Alice gets her half of the 1.8 NEAR after the fee; the owner's shares are worth the
    // fee less a yoctoNEAR of rounding.
    assert_eq!(sim.staked(alice()), 10 * ONE_NEAR + 9 * ONE_NEAR / 10);
    assert_eq!(sim.staked(owner()), 2 * ONE_NEAR / 10 - 1);
    assert_eq!(sim.pool.get_number_of_accounts(), 2, "the owner became a delegator");
    assert_eq!(sim.pool.get_reward_fee_fraction(), fee(10, 100));
}

#[test]
fn a_fee_worth_less_than_a_share_buys_none_and_the_total_still_grows() {
    let mut sim = alice_staked(fee(1, 2));
    // 3 yocto: fee 1, rest 2; 1 yocto buys floor(20e24 / (20e24 + 2)) = 0 shares.
    sim.transfer_in(3);
    sim.next_epochs(1);
    sim.call(&bob(), 0, |c| c.ping());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(20 * ONE_NEAR + 3));
    assert_eq!(sim.pool.total_stake_shares, 20 * ONE_NEAR);
    assert_eq!(sim.pool.get_account_total_balance(owner()), U128(0));
    assert_eq!(sim.staked(alice()), 10 * ONE_NEAR + 1, "floor(10e24 * (20e24 + 3) / 20e24)");
}

#[test]
fn the_deposit_of_the_pinging_call_is_not_a_reward() {
    let mut sim = alice_staked(fee(0, 1));
    sim.transfer_in(ONE_NEAR);
    sim.next_epochs(1);
    sim.call(&bob(), 5 * ONE_NEAR, |c| c.deposit_and_stake());
    assert_eq!(sim.pool.get_total_staked_balance(), U128(26 * ONE_NEAR));
    assert_eq!(sim.staked(alice()), 10 * ONE_NEAR + ONE_NEAR / 2, "only the transfer was a reward");
    assert_eq!(sim.pool.get_account_total_balance(bob()), U128(5 * ONE_NEAR));
}

#[test]
fn a_fee_change_pays_the_pending_reward_at_the_old_fee() {
    let mut sim = alice_staked(fee(0, 1));
    sim.transfer_in(2 * ONE_NEAR);
    sim.next_epochs(1);
    sim.call(&owner(), 0, |c| c.update_reward_fee_fraction(fee(1, 2)));
    assert_eq!(created(), restake_of(22 * ONE_NEAR), "a new epoch: restaked");
    assert_eq!(sim.staked(alice()), 11 * ONE_NEAR);
    assert_eq!(sim.pool.get_account_total_balance(owner()), U128(0), "no fee on the earlier reward");

    sim.transfer_in(2 * ONE_NEAR);
    sim.next_epochs(1);
    sim.call(&alice(), 0, |c| c.ping());
    assert_eq!(sim.staked(alice()), 11 * ONE_NEAR + ONE_NEAR / 2, "half of the 1 NEAR after the fee");
    assert_eq!(sim.staked(owner()), ONE_NEAR - 2, "the 1 NEAR fee, less the rounding of shares and value");

    let message = sim.refused(&owner(), 0, |c| c.update_reward_fee_fraction(fee(3, 2)));
    assert!(message.contains("The reward fee must be less or equal to 1"), "{message}");
    let message = sim.refused(&alice(), 0, |c| c.update_reward_fee_fraction(fee(0, 1)));
    assert!(message.contains(crate::ERR_NOT_OWNER), "{message}");
}

#[test]
fn a_shrinking_balance_is_refused_as_in_the_real_pool() {
    let mut sim = alice_staked(fee(0, 1));
    sim.balance -= 1;
    sim.next_epochs(1);
    let message = sim.refused(&bob(), 0, |c| c.ping());
    assert!(message.contains("The new total balance should not be less than the old total balance"), "{message}");
}
