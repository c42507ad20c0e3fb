//! Unit tests of the keeper's `finish_move` and its callbacks `on_move_balance`,
//! `on_move_withdrawn` and `on_move_staked`.

use near_sdk::json_types::U128;
use near_sdk::serde_json::json;
use near_sdk::test_utils::get_logs;
use near_sdk::{Gas, PromiseError, PromiseOrValue};

use super::moves::{event, me, moving};
use super::*;
use crate::PoolRecord;
use near_sdk::AccountId;

const MOVE: &str = r#""proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","from_pool":"pool1.poolv1.near","to_pool":"pool2.poolv1.near""#;

/// A stranger (a keeper) calls the proxy at `epoch` while it holds `free` yoctoNEAR.
fn keeper_context(epoch: u64, free: u128) {
    testing_env!(context(&alice(), 0, STORAGE_COST + free).epoch_height(epoch).build());
}

/// A view result as the pool returns it.
fn reported(amount: u128) -> Result<ViewBytes, PromiseError> {
    Ok(ViewBytes(format!("\"{amount}\"").into_bytes()))
}

/// `Some(value)` of a callback that returned a value, `None` when it returned a promise.
fn value(outcome: PromiseOrValue<bool>) -> Option<bool> {
    match outcome {
        PromiseOrValue::Promise(promise) => {
            drop(promise);
            None
        }
        PromiseOrValue::Value(value) => Some(value),
    }
}

/// 2 NEAR moving from pool 1 to pool 2; pool 1 paid it (it has arrived) but too little gas
/// was left to restake at once: it waits as idle NEAR.
fn idle() -> StakingProxy {
    let mut p = moving(Some(2 * ONE_NEAR));
    testing_env!(context(&proxy(), 0, STORAGE_COST + 2 * ONE_NEAR)
        .epoch_height(14)
        .prepaid_gas(Gas::from_gas(RESTAKE_CALL_GAS / 2))
        .build());
    let out = p.on_move_withdrawn(pool(1), pool(2), U128(2 * ONE_NEAR), Some(14), Ok(()));
    assert_eq!(value(out), Some(true));
    p
}

#[test]
fn finish_before_the_unlock_is_refused_naming_the_epoch() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    keeper_context(13, 0);
    let message = panic_message(|| drop(proxy.finish_move(pool(1))));
    assert_eq!(message, err_move_not_unlocked(14, 13));
    assert!(message.contains("available at epoch 14"));
    assert!(calls().is_empty());
}

#[test]
fn finish_without_a_move_or_with_too_little_gas_is_refused() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    keeper_context(14, 0);
    assert_eq!(panic_message(|| drop(proxy.finish_move(pool(3)))), ERR_NO_MOVE);
    testing_env!(context(&alice(), 0, STORAGE_COST)
        .epoch_height(14)
        .prepaid_gas(Gas::from_gas(FINISH_MOVE_GAS - 1))
        .build());
    assert_eq!(panic_message(|| drop(proxy.finish_move(pool(1)))), ERR_FINISH_MOVE_GAS);
}

#[test]
fn a_keeper_finishes_view_then_withdraw_then_stake_in_the_destination() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    let before = proxy.pool_record(&pool(1));

    keeper_context(14, 0);
    drop(proxy.finish_move(pool(1)));
    let c = calls();
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].receiver.clone(), c[0].method.as_str()), (pool(1), "get_account_unstaked_balance"));
    assert_eq!(args(&c[0]), json!({"account_id": me().to_string()}));
    assert_eq!((c[0].deposit, c[0].gas, c[0].weight), (0, POOL_VIEW_GAS, 0));
    assert_eq!((c[1].receiver.clone(), c[1].method.as_str()), (me(), "on_move_balance"));
    assert_eq!(c[1].borsh::<(AccountId, AccountId, Option<u64>)>(), (pool(1), pool(2), Some(14)));
    assert_eq!((c[1].gas, c[1].weight, c[1].after.clone()), (ON_MOVE_BALANCE_GAS, 1, vec![c[0].receipt as u64]));
    assert_eq!(proxy.pool_record(&pool(1)), before, "nothing recorded yet");

    // The pool reports 2 NEAR and 1 yocto of rounding: exactly that is withdrawn.
    set_callback_context_at(0, 14);
    let amount = 2 * ONE_NEAR + 1;
    assert_eq!(value(proxy.on_move_balance(pool(1), pool(2), Some(14), reported(amount))), None);
    let c = calls();
    assert_eq!((c[0].receiver.clone(), c[0].method.as_str()), (pool(1), "withdraw"));
    assert_eq!(args(&c[0]), json!({"amount": amount.to_string()}));
    assert_eq!((c[0].gas, c[0].weight), (POOL_WITHDRAW_GAS, 1));
    assert_eq!(c[1].method, "on_move_withdrawn");
    assert_eq!(c[1].borsh::<(AccountId, AccountId, U128, Option<u64>)>(), (pool(1), pool(2), U128(amount), Some(14)));
    assert_eq!(c[1].gas, ON_MOVE_WITHDRAWN_GAS);

    // The pool paid and its transfer is in: straight on to pool 2.
    set_callback_context_at(amount, 14);
    let out = proxy.on_move_withdrawn(pool(1), pool(2), U128(amount), Some(14), Ok(()));
    assert_eq!(value(out), None);
    let c = calls();
    assert_eq!((c[0].receiver.clone(), c[0].method.as_str()), (pool(2), "deposit_and_stake"));
    assert_eq!((c[0].deposit, c[0].gas, c[0].weight), (amount, POOL_DEPOSIT_GAS, 0));
    assert_eq!(c[1].method, "on_move_staked");
    assert_eq!(c[1].borsh::<(AccountId, AccountId, U128)>(), (pool(1), pool(2), U128(amount)));
    assert_eq!(c[1].gas, ON_MOVE_STAKED_GAS);
    assert_eq!(
        get_logs(),
        vec![event("move_withdrawn", &format!(r#"{{{MOVE},"amount":"{amount}","restaking":true}}"#))]
    );
    let from = proxy.pool_record(&pool(1));
    assert_eq!((from.unstaked_pending, from.unlock_epoch), (0, None));
    assert_eq!(proxy.pending_move(&pool(1)).unwrap().idle, 0);
    assert_eq!(proxy.pool_record(&pool(2)).in_flight, amount);

    // Pool 2 staked it: the move is done.
    set_callback_context_at(0, 14);
    assert!(done(proxy.on_move_staked(pool(1), pool(2), U128(amount), Ok(()))));
    assert_eq!(proxy.pending_move(&pool(1)), None);
    assert_eq!(proxy.pool_record(&pool(1)).principal, 3 * ONE_NEAR);
    assert_eq!(proxy.pool_record(&pool(2)), PoolRecord { principal: amount, ..Default::default() });
    assert_eq!(get_logs(), vec![event("stake_moved", &format!(r#"{{{MOVE},"amount":"{amount}"}}"#))]);
}

#[test]
fn a_move_of_everything_leaves_no_record_of_the_pool_it_left() {
    let mut proxy = moving(None);
    set_callback_context_at(5 * ONE_NEAR, 14);
    let five = U128(5 * ONE_NEAR);
    drop(proxy.on_move_withdrawn(pool(1), pool(2), five, Some(14), Ok(())));
    set_callback_context_at(0, 14);
    assert!(done(proxy.on_move_staked(pool(1), pool(2), five, Ok(()))));
    assert_eq!(proxy.get_pools().len(), 1);
    assert_eq!(proxy.get_pools()[0].pool_id, pool(2));
}

#[test]
fn unreadable_balance_or_too_little_gas_fails_the_read_and_changes_nothing() {
    for (balance, gas) in
        [(Err(PromiseError::Failed), 300), (Ok(ViewBytes(b"not json".to_vec())), 300), (reported(ONE_NEAR), 100)]
    {
        let mut proxy = moving(Some(2 * ONE_NEAR));
        let before = proxy.pool_record(&pool(1));
        testing_env!(context(&me(), 0, STORAGE_COST).epoch_height(14).prepaid_gas(Gas::from_tgas(gas)).build());
        let read = balance.as_ref().ok().and_then(ViewBytes::amount);
        let reason = failure_reason(proxy.on_move_balance(pool(1), pool(2), Some(14), balance));
        assert_eq!(reason, err_move_step(pool(1).as_str(), pool(2).as_str(), "read"));
        assert!(calls().iter().all(|c| c.method == "exit_failed"), "the pool is not called");
        assert_eq!(proxy.pool_record(&pool(1)), before);
        assert!(proxy.pending_move(&pool(1)).is_some());
        let amount = read.map_or("null".to_string(), |a| format!("\"{a}\""));
        assert_eq!(get_logs(), vec![event("move_failed", &format!(r#"{{{MOVE},"step":"read","amount":{amount}}}"#))]);
    }
}

#[test]
fn a_pool_with_nothing_unstaked_ends_the_move_with_nothing_moved() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    set_callback_context_at(0, 14);
    assert_eq!(value(proxy.on_move_balance(pool(1), pool(2), Some(14), reported(0))), Some(true));
    assert!(calls().is_empty());
    assert_eq!(proxy.pending_move(&pool(1)), None);
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 0);
    assert_eq!(get_logs(), vec![event("stake_moved", &format!(r#"{{{MOVE},"amount":"0"}}"#))]);
}

#[test]
fn a_move_cancelled_meanwhile_is_not_withdrawn() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    proxy.set_pending_move(&pool(1), None);
    set_callback_context_at(0, 14);
    let out = proxy.on_move_balance(pool(1), pool(2), Some(14), reported(2 * ONE_NEAR));
    assert!(failure_reason(out).ends_with("failed: the move was cancelled or changed meanwhile; nothing moved"));
    assert!(calls().iter().all(|c| c.method == "exit_failed"), "the pool is not called");
    let data = format!(r#"{{{MOVE},"step":"cancelled","amount":"{}"}}"#, 2 * ONE_NEAR);
    assert_eq!(get_logs(), vec![event("move_failed", &data)]);
}

#[test]
fn a_refused_withdrawal_changes_nothing() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    let before = proxy.pool_record(&pool(1));
    set_callback_context_at(0, 14);
    let out = proxy.on_move_withdrawn(pool(1), pool(2), U128(ONE_NEAR), Some(14), Err(PromiseError::Failed));
    assert_eq!(failure_reason(out), err_move_step(pool(1).as_str(), pool(2).as_str(), "withdraw"));
    assert_eq!(proxy.pool_record(&pool(1)), before);
    assert_eq!(proxy.pending_move(&pool(1)).unwrap().idle, 0);
    let data = format!(r#"{{{MOVE},"step":"withdraw","amount":"{ONE_NEAR}"}}"#);
    assert_eq!(get_logs(), vec![event("move_failed", &data)]);
}

#[test]
fn withdrawn_near_that_cannot_be_restaked_at_once_waits_idle_until_a_later_finish() {
    let mut proxy = idle();
    assert!(calls().is_empty());
    assert_eq!(proxy.pending_move(&pool(1)).unwrap().idle, 2 * ONE_NEAR);
    let data = format!(r#"{{{MOVE},"amount":"{}","restaking":false}}"#, 2 * ONE_NEAR);
    assert_eq!(get_logs(), vec![event("move_withdrawn", &data)]);
    assert_eq!(proxy.get_pools()[0].move_idle, U128(2 * ONE_NEAR));

    keeper_context(15, ONE_NEAR);
    assert_eq!(panic_message(|| drop(proxy.finish_move(pool(1)))), ERR_MOVE_NOT_ARRIVED);

    keeper_context(15, 2 * ONE_NEAR);
    drop(proxy.finish_move(pool(1)));
    let c = calls();
    assert_eq!(
        (c[0].receiver.clone(), c[0].method.as_str(), c[0].deposit),
        (pool(2), "deposit_and_stake", 2 * ONE_NEAR)
    );
    assert_eq!(c[1].method, "on_move_staked");
    assert_eq!(proxy.pending_move(&pool(1)).unwrap().idle, 0);
    assert_eq!(proxy.pool_record(&pool(2)).in_flight, 2 * ONE_NEAR);
}

#[test]
fn a_destination_that_refuses_leaves_the_near_idle_for_a_retry() {
    let mut proxy = idle();
    keeper_context(15, 2 * ONE_NEAR);
    drop(proxy.finish_move(pool(1)));
    set_callback_context_at(0, 15);
    let two = U128(2 * ONE_NEAR);
    let reason = failure_reason(proxy.on_move_staked(pool(1), pool(2), two, Err(PromiseError::Failed)));
    assert_eq!(reason, err_move_step(pool(1).as_str(), pool(2).as_str(), "stake"));
    assert_eq!(proxy.pool_record(&pool(2)), PoolRecord::default());
    assert_eq!(proxy.pending_move(&pool(1)).unwrap().idle, 2 * ONE_NEAR);
    assert!(transfers().is_empty());
    let data = format!(r#"{{{MOVE},"step":"stake","amount":"{}"}}"#, 2 * ONE_NEAR);
    assert_eq!(get_logs(), vec![event("move_failed", &data)]);

    // The refund arrived: a keeper retries.
    keeper_context(16, 2 * ONE_NEAR);
    drop(proxy.finish_move(pool(1)));
    assert_eq!(calls()[0].deposit, 2 * ONE_NEAR);
}

#[test]
fn a_refused_restake_after_a_cancel_goes_to_the_owner() {
    let mut proxy = idle();
    keeper_context(15, 2 * ONE_NEAR);
    drop(proxy.finish_move(pool(1)));
    set_owner_context(15);
    proxy.cancel_move(pool(1));
    set_callback_context_at(2 * ONE_NEAR, 15);
    let two = U128(2 * ONE_NEAR);
    let reason = failure_reason(proxy.on_move_staked(pool(1), pool(2), two, Err(PromiseError::Failed)));
    assert_eq!(reason, err_move_step(pool(1).as_str(), pool(2).as_str(), "stake"));
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR)]);
    assert_eq!(proxy.pool_record(&pool(2)), PoolRecord::default());
    assert_eq!(proxy.pending_move(&pool(1)), None);
}

#[test]
fn a_withdrawal_after_a_cancel_is_paid_to_the_owner() {
    let mut proxy = moving(Some(2 * ONE_NEAR));
    set_owner_context(14);
    proxy.cancel_move(pool(1));
    set_callback_context_at(2 * ONE_NEAR, 14);
    let out = proxy.on_move_withdrawn(pool(1), pool(2), U128(2 * ONE_NEAR), Some(14), Ok(()));
    assert_eq!(value(out), Some(true));
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR)]);
    assert_eq!(proxy.get_owed_total(), U128(0), "no debt: the owner is paid from what arrived");
    assert_eq!(proxy.pool_record(&pool(1)).unstaked_pending, 0);
    assert!(get_logs()[0].contains(r#""event":"withdrawn""#));
}

#[test]
fn a_pool_reporting_a_withdrawal_it_did_not_send_moves_nothing() {
    // Pool 1 says it paid 2 NEAR for the move but sent nothing, while the proxy holds a
    // depositor's 3 NEAR refund: the move is credited only what arrived beyond that claim
    // (nothing), and the depositor's NEAR stays theirs.
    let mut proxy = moving(Some(2 * ONE_NEAR));
    proxy.owe(&alice(), 3 * ONE_NEAR);
    set_callback_context_at(3 * ONE_NEAR, 14);
    let out = proxy.on_move_withdrawn(pool(1), pool(2), U128(2 * ONE_NEAR), Some(14), Ok(()));
    assert_eq!(value(out), Some(true), "nothing to restake");
    assert!(calls().is_empty() && transfers().is_empty());
    assert_eq!(proxy.pending_move(&pool(1)), None, "the move ends with nothing idle");
    assert!(get_logs()[0].contains(r#""event":"owner_payout_held""#), "{:?}", get_logs());
    assert!(get_logs()[0].contains(r#""reported":"2000000000000000000000000","paid":"0""#));
    assert_eq!(proxy.get_owed_refund(alice()), U128(3 * ONE_NEAR));
}

#[test]
fn a_full_destination_keeps_the_near_idle() {
    let mut proxy = proxy_staked_in(&[1, 3, 4, 5, 6, 7, 8], ONE_NEAR);
    set_owner_context(10);
    drop(proxy.move_stake(pool(1), pool(2), None, None));
    proxy.set_pool_record(&pool(9), PoolRecord { principal: 1, ..Default::default() });
    set_callback_context_at(ONE_NEAR, 14);
    let out = proxy.on_move_withdrawn(pool(1), pool(2), U128(ONE_NEAR), Some(14), Ok(()));
    assert_eq!(value(out), Some(true));
    assert!(get_logs()[0].ends_with(r#""restaking":false}}"#));
    keeper_context(14, ONE_NEAR);
    assert_eq!(panic_message(|| drop(proxy.finish_move(pool(1)))), ERR_MOVE_TOO_MANY_POOLS);
}

#[test]
fn finish_gas_figures_are_the_documented_ones() {
    use router_core::gas::TGAS;
    assert_eq!(RESTAKE_CALL_GAS, 43_500 * router_core::gas::GGAS);
    assert_eq!(ON_MOVE_BALANCE_GAS, 111_500 * router_core::gas::GGAS);
    assert_eq!(FINISH_MOVE_GAS, 130 * TGAS);
    assert!(ERR_FINISH_MOVE_GAS.contains("130 TGas"));
    assert!(ERR_MOVE_GAS.contains(&format!("{} TGas", MOVE_STAKE_GAS / TGAS)));
}
