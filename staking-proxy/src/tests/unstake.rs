//! Unit tests of `unstake` and `on_unstaked`.

use super::testing_env;
use near_sdk::json_types::U128;
use near_sdk::serde_json::json;
use near_sdk::test_utils::get_logs;
use near_sdk::{Gas, PromiseError};
use router_core::MAX_PROXY_POOLS;

use super::*;
use crate::PoolRecord;
use near_sdk::AccountId;

/// `on_unstaked`'s borsh arguments: (pool_id, amount, principal_taken, previous_unlock_epoch,
/// unlock_epoch).
type UnstakedArgs = (AccountId, U128, U128, Option<u64>, u64);

/// 5 NEAR staked in pool 1.
fn staked() -> StakingProxy {
    proxy_staked_in(&[1], 5 * ONE_NEAR)
}

/// The owner unstakes `amount` from pool `i` at `epoch`, confirming a timer reset if `confirm`.
fn owner_unstakes(proxy: &mut StakingProxy, i: usize, amount: Option<u128>, confirm: Option<bool>, epoch: u64) {
    set_owner_context(epoch);
    drop(proxy.unstake(pool(i), amount.map(U128), confirm));
}

fn refused_unstake(proxy: &mut StakingProxy, amount: Option<u128>, confirm: Option<bool>) -> String {
    panic_message(|| drop(proxy.unstake(pool(1), amount.map(U128), confirm)))
}

#[test]
fn owner_unstake_calls_the_pool_then_the_callback_and_records_first() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(2 * ONE_NEAR), None, 10);

    let calls = calls();
    assert_eq!(calls.len(), 2);
    let (pool_call, callback) = (&calls[0], &calls[1]);
    assert_eq!(pool_call.receiver, pool(1));
    assert_eq!(pool_call.method, "unstake");
    assert_eq!(args(pool_call), json!({"amount": (2 * ONE_NEAR).to_string()}));
    assert_eq!(pool_call.deposit, 0);
    assert_eq!(pool_call.gas, POOL_UNSTAKE_GAS);
    assert_eq!(pool_call.weight, 1);
    assert!(pool_call.after.is_empty());

    assert_eq!(callback.receiver, proxy_account());
    assert_eq!(callback.method, "on_unstaked");
    // (pool_id, amount, principal_taken, previous_unlock_epoch, unlock_epoch)
    assert_eq!(callback.borsh::<UnstakedArgs>(), (pool(1), U128(2 * ONE_NEAR), U128(2 * ONE_NEAR), None, 14));
    assert_eq!(callback.deposit, 0);
    assert_eq!(callback.gas, ON_UNSTAKED_GAS);
    assert_eq!(callback.weight, 1);
    assert_eq!(callback.after, vec![pool_call.receipt as u64]);
    assert!(transfers().is_empty());

    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 3 * ONE_NEAR, in_flight: 0, unstaked_pending: 2 * ONE_NEAR, unlock_epoch: Some(14) }
    );
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"unstake_requested","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"2000000000000000000000000","unlock_epoch":14}}"#
        ]
    );

    // The pool unstaked: the records stay.
    set_callback_context_at(0, 10);
    assert!(done(proxy.on_unstaked(pool(1), U128(2 * ONE_NEAR), U128(2 * ONE_NEAR), None, 14, Ok(()))));
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 2 * ONE_NEAR);
    assert_eq!(proxy.pool_record(&pool(1)).unlock_epoch, Some(14));
    assert!(get_logs().is_empty());
}

fn proxy_account() -> near_sdk::AccountId {
    super::proxy()
}

#[test]
fn unstake_without_an_amount_calls_unstake_all_and_moves_the_whole_principal() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, None, None, 3);
    let calls = calls();
    assert_eq!(calls[0].method, "unstake_all");
    assert_eq!(calls[0].args, b"{}");
    assert_eq!(calls[1].method, "on_unstaked");
    assert_eq!(calls[1].borsh::<UnstakedArgs>().2, U128(5 * ONE_NEAR));
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 0, in_flight: 0, unstaked_pending: 5 * ONE_NEAR, unlock_epoch: Some(7) }
    );
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"unstake_requested","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"5000000000000000000000000","unlock_epoch":7}}"#
        ]
    );
}

#[test]
fn unstaking_more_than_the_principal_sets_it_to_zero() {
    // Rewards: the pool holds more than the principal.
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(6 * ONE_NEAR), None, 0);
    assert_eq!(calls()[1].borsh::<UnstakedArgs>().2, U128(5 * ONE_NEAR));
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 0, in_flight: 0, unstaked_pending: 6 * ONE_NEAR, unlock_epoch: Some(4) }
    );
}

#[test]
fn router_and_strangers_are_refused_even_with_one_yocto() {
    let mut proxy = staked();
    for caller in [router(), alice(), proxy_account()] {
        set_context(&caller, 1);
        assert_eq!(refused_unstake(&mut proxy, None, None), ERR_ONLY_OWNER);
    }
    assert!(calls().is_empty());
    assert_eq!(proxy.pool_record(&pool(1)).principal, 5 * ONE_NEAR);
}

#[test]
fn the_owner_must_attach_exactly_one_yocto() {
    let mut proxy = staked();
    for deposit in [0, 2, ONE_NEAR] {
        set_context(&owner(), deposit);
        assert_eq!(
            refused_unstake(&mut proxy, Some(ONE_NEAR), None),
            "Requires attached deposit of exactly 1 yoctoNEAR"
        );
    }
    assert!(calls().is_empty());
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 0);
}

#[test]
fn a_zero_amount_is_refused() {
    let mut proxy = staked();
    set_owner_context(0);
    assert_eq!(refused_unstake(&mut proxy, Some(0), None), ERR_ZERO_UNSTAKE);
}

#[test]
fn too_little_gas_is_refused_before_anything_changes() {
    let mut proxy = staked();
    testing_env!(context(&owner(), 1, ONE_NEAR).prepaid_gas(Gas::from_gas(UNSTAKE_GAS - 1)).build());
    assert_eq!(refused_unstake(&mut proxy, None, None), ERR_UNSTAKE_GAS);
    assert!(calls().is_empty());
    assert_eq!(proxy.pool_record(&pool(1)).principal, 5 * ONE_NEAR);
}

#[test]
fn a_second_unstake_while_unlocking_needs_confirmation_naming_the_new_epoch() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), None, 10);
    set_callback_context_at(0, 10);
    assert!(done(proxy.on_unstaked(pool(1), U128(ONE_NEAR), U128(ONE_NEAR), None, 14, Ok(()))));
    let before = proxy.pool_record(&pool(1));

    // Two epochs later: everything would unlock at 12 + 4 = 16 instead of 14.
    for confirm in [None, Some(false)] {
        set_owner_context(12);
        let message = refused_unstake(&mut proxy, Some(ONE_NEAR), confirm);
        assert_eq!(message, crate::errors::err_timer_reset(Some(14), 16));
        assert!(message.contains("unlocking at epoch 14"));
        assert!(message.contains("would then unlock at epoch 16"));
        assert!(calls().is_empty());
        assert_eq!(proxy.pool_record(&pool(1)), before);
    }

    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), Some(true), 12);
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 3 * ONE_NEAR, in_flight: 0, unstaked_pending: 2 * ONE_NEAR, unlock_epoch: Some(16) }
    );
    let (.., previous_unlock_epoch, unlock_epoch) = calls()[1].borsh::<UnstakedArgs>();
    assert_eq!((previous_unlock_epoch, unlock_epoch), (Some(14), 16));
}

#[test]
fn an_unlocked_but_unwithdrawn_unstake_also_needs_confirmation() {
    // Unstaking again would lock the NEAR that is withdrawable now for 4 more epochs.
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), None, 10);
    set_owner_context(20);
    assert_eq!(refused_unstake(&mut proxy, Some(ONE_NEAR), None), crate::errors::err_timer_reset(Some(14), 24));
}

#[test]
fn unstakes_in_different_pools_are_independent() {
    let mut proxy = proxy_staked_in(&[1, 2], 5 * ONE_NEAR);
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), None, 10);
    owner_unstakes(&mut proxy, 2, None, None, 11);
    assert_eq!(proxy.pool_record(&pool(1)).unlock_epoch, Some(14));
    assert_eq!(proxy.pool_record(&pool(2)).unlock_epoch, Some(15));
}

#[test]
fn a_refused_unstake_restores_the_records_and_logs_unstake_failed() {
    let mut proxy = staked();
    let before = proxy.pool_record(&pool(1));
    owner_unstakes(&mut proxy, 1, Some(2 * ONE_NEAR), None, 10);
    set_callback_context_at(0, 10);
    let outcome =
        proxy.on_unstaked(pool(1), U128(2 * ONE_NEAR), U128(2 * ONE_NEAR), None, 14, Err(PromiseError::Failed));
    assert_eq!(
        failure_reason(outcome),
        format!("The pool {} refused the unstake; nothing changed and the stake is still there", pool(1))
    );
    assert_eq!(proxy.pool_record(&pool(1)), before);
    assert!(transfers().is_empty());
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"unstake_failed","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"2000000000000000000000000"}}"#
        ]
    );
    // Nothing is left to confirm: a new unstake goes through without `confirm_timer_reset`.
    owner_unstakes(&mut proxy, 1, None, None, 10);
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 5 * ONE_NEAR);
}

#[test]
fn a_refused_unstake_of_everything_restores_the_principal() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, None, None, 10);
    set_callback_context_at(0, 10);
    drop(proxy.on_unstaked(pool(1), U128(5 * ONE_NEAR), U128(5 * ONE_NEAR), None, 14, Err(PromiseError::Failed)));
    assert_eq!(proxy.pool_record(&pool(1)), PoolRecord { principal: 5 * ONE_NEAR, ..Default::default() });
}

#[test]
fn a_refused_confirmed_unstake_puts_back_the_earlier_unlock_epoch() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), None, 10);
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), Some(true), 12);
    set_callback_context_at(0, 12);
    drop(proxy.on_unstaked(pool(1), U128(ONE_NEAR), U128(ONE_NEAR), Some(14), 16, Err(PromiseError::Failed)));
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 4 * ONE_NEAR, in_flight: 0, unstaked_pending: ONE_NEAR, unlock_epoch: Some(14) }
    );
}

#[test]
fn overlapping_unstakes_keep_the_latest_unlock_epoch() {
    // First unstake at epoch 10 (unlock 14), a confirmed one at epoch 12 (unlock 16).
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), None, 10);
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), Some(true), 12);
    // The first one fails: the later epoch stays, only its amount goes back.
    set_callback_context_at(0, 12);
    drop(proxy.on_unstaked(pool(1), U128(ONE_NEAR), U128(ONE_NEAR), None, 14, Err(PromiseError::Failed)));
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 4 * ONE_NEAR, in_flight: 0, unstaked_pending: ONE_NEAR, unlock_epoch: Some(16) }
    );
    // The second succeeds: still 16.
    assert!(done(proxy.on_unstaked(pool(1), U128(ONE_NEAR), U128(ONE_NEAR), Some(14), 16, Ok(()))));
    assert_eq!(proxy.pool_record(&pool(1)).unlock_epoch, Some(16));
}

#[test]
fn a_success_raises_an_unlock_epoch_put_back_by_an_overlapping_failure() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), None, 10);
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), Some(true), 12);
    set_callback_context_at(0, 12);
    // The later one is refused first (back to 14), then the earlier one succeeds: 14.
    drop(proxy.on_unstaked(pool(1), U128(ONE_NEAR), U128(ONE_NEAR), Some(14), 16, Err(PromiseError::Failed)));
    assert!(done(proxy.on_unstaked(pool(1), U128(ONE_NEAR), U128(ONE_NEAR), None, 14, Ok(()))));
    assert_eq!(proxy.pool_record(&pool(1)).unlock_epoch, Some(14));
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, ONE_NEAR);
}

#[test]
fn a_pool_that_returns_data_has_still_unstaked() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(ONE_NEAR), None, 10);
    set_callback_context_at(0, 10);
    assert!(done(proxy.on_unstaked(pool(1), U128(ONE_NEAR), U128(ONE_NEAR), None, 14, Err(PromiseError::TooLong(4)))));
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, ONE_NEAR);
}

#[test]
fn a_pool_without_a_record_may_be_named_while_there_is_room() {
    // E.g. rewards left staked after the principal was unstaked and withdrawn.
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 7, None, None, 10);
    assert_eq!(calls()[0].receiver, pool(7));
    assert_eq!(proxy.pool_record(&pool(7)), PoolRecord { unlock_epoch: Some(14), ..Default::default() });
    // A refusal (nothing staked there) forgets it again.
    set_callback_context_at(0, 10);
    drop(proxy.on_unstaked(pool(7), U128(0), U128(0), None, 14, Err(PromiseError::Failed)));
    assert!(!proxy.pools.contains_key(&pool(7)));
}

#[test]
fn a_new_pool_is_refused_when_the_proxy_tracks_the_most_pools() {
    let held: Vec<usize> = (0..MAX_PROXY_POOLS).collect();
    let mut proxy = proxy_staked_in(&held, ONE_NEAR);
    set_owner_context(0);
    assert_eq!(panic_message(|| drop(proxy.unstake(pool(100), None, None))), ERR_EXIT_TOO_MANY_POOLS);
    // Held pools are still fine.
    owner_unstakes(&mut proxy, 0, None, None, 0);
    assert_eq!(proxy.pool_record(&pool(0)).unstaked_pending, ONE_NEAR);
}

#[test]
fn stake_keeps_adding_principal_next_to_an_unstake() {
    let mut proxy = staked();
    owner_unstakes(&mut proxy, 1, Some(2 * ONE_NEAR), None, 10);
    router_stakes(&mut proxy, vec![leg(1, ONE_NEAR)]);
    set_callback_context(0);
    proxy.on_pool_staked(pool(1), U128(ONE_NEAR), alice(), Ok(()));
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 4 * ONE_NEAR, in_flight: 0, unstaked_pending: 2 * ONE_NEAR, unlock_epoch: Some(14) }
    );
}
