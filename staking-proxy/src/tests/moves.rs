//! Unit tests of `move_stake`, `on_move_unstaked`, `cancel_move` and the views of a move.
//! The keeper's `finish_move` chain is in `finish_move.rs`.

use near_sdk::json_types::U128;
use near_sdk::serde_json::{json, to_value};
use near_sdk::test_utils::get_logs;
use near_sdk::{Gas, PromiseError};

use super::*;
use crate::moves::*;
use crate::PoolRecord;
use near_sdk::AccountId;

/// The full NEP-297 line of a proxy event with `data` (compact JSON, fields in order).
pub(crate) fn event(name: &str, data: &str) -> String {
    format!(r#"EVENT_JSON:{{"standard":"stake-router","version":"1.0.0","event":"{name}","data":{data}}}"#)
}

/// The proxy account (the receiver of its own callbacks).
pub(crate) fn me() -> AccountId {
    super::proxy()
}

/// 5 NEAR staked in pool 1; the owner moves `amount` (all if `None`) to pool 2 at epoch 10 and
/// pool 1 confirms (unlock at 14).
pub(crate) fn moving(amount: Option<u128>) -> StakingProxy {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    set_owner_context(10);
    drop(proxy.move_stake(pool(1), pool(2), amount.map(U128), None));
    let recorded = amount.unwrap_or(5 * ONE_NEAR);
    set_callback_context_at(0, 10);
    assert!(done(proxy.on_move_unstaked(pool(1), pool(2), U128(recorded), U128(recorded), None, 14, true, Ok(()))));
    proxy
}

fn refused_move(proxy: &mut StakingProxy, to: usize, confirm: Option<bool>) -> String {
    panic_message(|| drop(proxy.move_stake(pool(1), pool(to), Some(U128(ONE_NEAR)), confirm)))
}

#[test]
fn owner_move_unstakes_from_the_pool_then_calls_back_and_records_first() {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    set_owner_context(10);
    drop(proxy.move_stake(pool(1), pool(2), Some(U128(2 * ONE_NEAR)), None));
    let calls = calls();
    assert_eq!(calls.len(), 2);
    let (pool_call, callback) = (&calls[0], &calls[1]);
    assert_eq!((pool_call.receiver.clone(), pool_call.method.as_str()), (pool(1), "unstake"));
    assert_eq!(args(pool_call), json!({"amount": (2 * ONE_NEAR).to_string()}));
    assert_eq!((pool_call.deposit, pool_call.gas, pool_call.weight), (0, POOL_UNSTAKE_GAS, 1));
    assert_eq!((callback.receiver.clone(), callback.method.as_str()), (me(), "on_move_unstaked"));
    // (from_pool, to_pool, amount, principal_taken, previous_unlock_epoch, unlock_epoch, new_move)
    assert_eq!(
        callback.borsh::<(AccountId, AccountId, U128, U128, Option<u64>, u64, bool)>(),
        (pool(1), pool(2), U128(2 * ONE_NEAR), U128(2 * ONE_NEAR), None, 14, true)
    );
    assert_eq!((callback.gas, callback.weight), (ON_MOVE_UNSTAKED_GAS, 1));
    assert_eq!(callback.after, vec![pool_call.receipt as u64]);
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 3 * ONE_NEAR, in_flight: 0, unstaked_pending: 2 * ONE_NEAR, unlock_epoch: Some(14) }
    );
    assert_eq!(proxy.pending_move(&pool(1)), Some(PendingMove { to_pool: pool(2), idle: 0 }));
    assert_eq!(proxy.pool_record(&pool(2)), PoolRecord::default(), "nothing in pool 2 yet");
    assert_eq!(
        get_logs(),
        vec![event(
            "move_requested",
            r#"{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","from_pool":"pool1.poolv1.near","to_pool":"pool2.poolv1.near","amount":"2000000000000000000000000","unlock_epoch":14}"#
        )]
    );
}

#[test]
fn a_move_of_everything_calls_unstake_all() {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    set_owner_context(10);
    drop(proxy.move_stake(pool(1), pool(2), None, None));
    assert_eq!(calls()[0].method, "unstake_all");
    assert_eq!(proxy.pool_record(&pool(1)).principal, 0);
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 5 * ONE_NEAR);
}

#[test]
fn router_strangers_and_missing_yocto_are_refused() {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    for caller in [router(), alice(), me()] {
        testing_env!(context(&caller, 1, ONE_NEAR).build());
        assert_eq!(refused_move(&mut proxy, 2, None), ERR_ONLY_OWNER);
    }
    for deposit in [0, 2] {
        testing_env!(context(&owner(), deposit, ONE_NEAR).build());
        assert_eq!(refused_move(&mut proxy, 2, None), "Requires attached deposit of exactly 1 yoctoNEAR");
    }
    assert!(calls().is_empty());
    assert_eq!(proxy.pending_move(&pool(1)), None);
}

#[test]
fn the_same_pool_too_little_gas_and_a_zero_amount_are_refused() {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    set_owner_context(10);
    assert_eq!(refused_move(&mut proxy, 1, None), ERR_MOVE_SAME_POOL);
    testing_env!(context(&owner(), 1, ONE_NEAR).prepaid_gas(Gas::from_gas(MOVE_STAKE_GAS - 1)).build());
    assert_eq!(refused_move(&mut proxy, 2, None), ERR_MOVE_GAS);
    set_owner_context(10);
    let zero = panic_message(|| drop(proxy.move_stake(pool(1), pool(2), Some(U128(0)), None)));
    assert_eq!(zero, ERR_ZERO_UNSTAKE);
    assert!(calls().is_empty());
    assert_eq!(proxy.pending_move(&pool(1)), None);
}

#[test]
fn a_second_move_needs_the_same_target_a_confirmed_timer_reset_and_a_free_slot() {
    let mut proxy = moving(Some(ONE_NEAR));
    set_owner_context(11);
    assert_eq!(refused_move(&mut proxy, 3, Some(true)), ERR_MOVE_OTHER_TARGET);
    assert_eq!(refused_move(&mut proxy, 2, None), err_timer_reset(Some(14), 15));
    drop(proxy.move_stake(pool(1), pool(2), Some(U128(ONE_NEAR)), Some(true)));
    assert!(!calls()[1].borsh::<(AccountId, AccountId, U128, U128, Option<u64>, u64, bool)>().6, "not a new move");
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 2 * ONE_NEAR);
    assert_eq!(proxy.pool_record(&pool(1)).unlock_epoch, Some(15));

    // Two moves pending: a third pool's move is refused.
    let mut proxy = proxy_staked_in(&[1, 3, 5], ONE_NEAR);
    set_owner_context(10);
    drop(proxy.move_stake(pool(1), pool(2), None, None));
    drop(proxy.move_stake(pool(3), pool(4), None, None));
    let third = panic_message(|| drop(proxy.move_stake(pool(5), pool(6), None, None)));
    assert_eq!(third, ERR_TOO_MANY_MOVES);
    assert_eq!(proxy.moves_pending(), MAX_PENDING_MOVES);
}

#[test]
fn a_move_counts_its_destination_in_the_pool_limit() {
    let mut proxy = proxy_staked_in(&[1, 2, 3, 4, 5, 6, 7, 8], ONE_NEAR);
    set_owner_context(10);
    let full = panic_message(|| drop(proxy.move_stake(pool(1), pool(9), None, None)));
    assert_eq!(full, ERR_EXIT_TOO_MANY_POOLS);
    drop(proxy.move_stake(pool(1), pool(2), None, None));
    assert!(proxy.pending_move(&pool(1)).is_some(), "a tracked destination fits");
}

#[test]
fn a_refused_unstake_restores_the_records_and_drops_the_new_move() {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    let before = proxy.pool_record(&pool(1));
    set_owner_context(10);
    drop(proxy.move_stake(pool(1), pool(2), Some(U128(2 * ONE_NEAR)), None));
    set_callback_context_at(0, 10);
    let failed = Err(PromiseError::Failed);
    let two = U128(2 * ONE_NEAR);
    let reason = failure_reason(proxy.on_move_unstaked(pool(1), pool(2), two, two, None, 14, true, failed));
    assert_eq!(
        reason,
        format!(
            "Moving stake from {} to {} failed: the pool {} refused the unstake; nothing changed",
            pool(1),
            pool(2),
            pool(1)
        )
    );
    assert_eq!(proxy.pool_record(&pool(1)), before);
    assert_eq!(proxy.pending_move(&pool(1)), None);
    assert_eq!(
        get_logs(),
        vec![event(
            "move_failed",
            r#"{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","from_pool":"pool1.poolv1.near","to_pool":"pool2.poolv1.near","step":"unstake","amount":"2000000000000000000000000"}"#
        )]
    );
}

#[test]
fn a_refused_second_unstake_keeps_the_earlier_move() {
    let mut proxy = moving(Some(ONE_NEAR));
    set_owner_context(11);
    drop(proxy.move_stake(pool(1), pool(2), Some(U128(ONE_NEAR)), Some(true)));
    set_callback_context_at(0, 11);
    let one = U128(ONE_NEAR);
    let failed = Err(PromiseError::Failed);
    let reason = failure_reason(proxy.on_move_unstaked(pool(1), pool(2), one, one, Some(14), 15, false, failed));
    assert_eq!(reason, err_move_step(pool(1).as_str(), pool(2).as_str(), "unstake"));
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, ONE_NEAR);
    assert_eq!(proxy.pool_record(&pool(1)).unlock_epoch, Some(14));
    assert_eq!(proxy.pending_move(&pool(1)).unwrap().to_pool, pool(2));
}

#[test]
fn unstake_is_refused_while_a_move_is_pending() {
    let mut proxy = moving(Some(ONE_NEAR));
    set_owner_context(11);
    let message = panic_message(|| drop(proxy.unstake(pool(1), None, Some(true))));
    assert_eq!(message, ERR_MOVE_PENDING);
}

#[test]
fn cancel_keeps_the_unstaked_near_in_the_pool_for_withdraw() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    set_owner_context(11);
    proxy.cancel_move(pool(1));
    assert_eq!(proxy.pending_move(&pool(1)), None);
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 2 * ONE_NEAR);
    assert!(transfers().is_empty());
    assert_eq!(
        get_logs(),
        vec![event(
            "move_cancelled",
            r#"{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","from_pool":"pool1.poolv1.near","to_pool":"pool2.poolv1.near","idle":"0","paid":true}"#
        )]
    );
}

#[test]
fn cancel_pays_idle_near_to_the_owner_from_what_the_proxy_holds() {
    for (free, paid) in [(ONE_NEAR, true), (0, false)] {
        let mut proxy = moving(None);
        proxy.set_pending_move(&pool(1), Some(PendingMove { to_pool: pool(2), idle: ONE_NEAR }));
        proxy.set_pool_record(&pool(1), PoolRecord::default());
        // (The VM adds the attached yocto to the balance given.)
        testing_env!(context(&owner(), 1, STORAGE_COST + free - 1).build());
        proxy.cancel_move(pool(1));
        assert!(proxy.pools.is_empty(), "nothing left of pool 1");
        if paid {
            assert_eq!(transfers(), vec![(owner(), ONE_NEAR)]);
            assert_eq!(proxy.get_owed_total(), U128(0));
        } else {
            // Idle NEAR the proxy does not hold is no one's debt: nothing is owed.
            assert!(transfers().is_empty());
            assert_eq!(proxy.get_owed_total(), U128(0));
            assert!(get_logs()[0].contains(r#""event":"owner_payout_held""#));
        }
        assert!(get_logs().last().unwrap().ends_with(&format!(r#""idle":"{ONE_NEAR}","paid":{paid}}}}}"#)));
    }
}

#[test]
fn cancel_without_a_move_or_by_another_account_is_refused() {
    let mut proxy = moving(None);
    set_owner_context(11);
    assert_eq!(panic_message(|| proxy.cancel_move(pool(3))), ERR_NO_MOVE);
    testing_env!(context(&alice(), 1, ONE_NEAR).build());
    assert_eq!(panic_message(|| proxy.cancel_move(pool(1))), ERR_ONLY_OWNER);
    assert!(proxy.pending_move(&pool(1)).is_some());
}

#[test]
fn the_owners_withdraw_takes_the_near_and_ends_the_move() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    set_callback_context_at(ONE_NEAR * 3, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Ok(()))));
    assert_eq!(proxy.pending_move(&pool(1)), None);
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR)]);
}

#[test]
fn refunds_never_spend_near_held_for_a_move() {
    let mut proxy = moving(None);
    proxy.set_pending_move(&pool(1), Some(PendingMove { to_pool: pool(2), idle: ONE_NEAR }));
    set_callback_context(ONE_NEAR);
    assert!(!proxy.pay_or_owe(&alice(), ONE_NEAR), "the only NEAR is the move's");
    assert_eq!(proxy.get_owed_refund(alice()), U128(ONE_NEAR));
    set_callback_context(ONE_NEAR + ONE_NEAR / 2);
    let message = panic_message(|| drop(proxy.release_refund(alice())));
    assert_eq!(message, ERR_REFUND_NOT_ARRIVED);
}

#[test]
fn views_show_the_pending_move_and_its_idle_near() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    proxy.set_pending_move(&pool(1), Some(PendingMove { to_pool: pool(2), idle: 7 }));
    assert_eq!(
        to_value(proxy.get_pools()).unwrap(),
        json!([{"pool_id": "pool1.poolv1.near", "principal": (3 * ONE_NEAR).to_string(),
                "in_flight": "0", "unstaked_pending": (2 * ONE_NEAR).to_string(),
                "unlock_epoch": 14, "moving_to": "pool2.poolv1.near", "move_idle": "7"}])
    );
}

#[test]
fn a_pending_move_is_stored_as_a_v3_record_and_read_back() {
    let proxy = moving(Some(2 * ONE_NEAR));
    let stored = proxy.pools.get(&pool(1)).unwrap();
    let bytes = near_sdk::borsh::to_vec(stored).unwrap();
    assert_eq!(bytes[0], 2, "version tag of V3");
    let back: crate::VersionedPoolRecord = near_sdk::borsh::from_slice(&bytes).unwrap();
    assert_eq!(&back, stored);
    assert_eq!(back.pending_move().unwrap().to_pool, pool(2));
}
