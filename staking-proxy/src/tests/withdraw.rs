//! Unit tests of `withdraw`, `on_unstaked_balance` and `on_pool_withdrawn`.

use super::testing_env;
use near_sdk::json_types::U128;
use near_sdk::serde_json::json;
use near_sdk::test_utils::get_logs;
use near_sdk::{Gas, PromiseError, PromiseOrValue};

use super::*;
use crate::withdraw::*;
use crate::PoolRecord;
use near_sdk::AccountId;

/// `on_pool_withdrawn`'s borsh arguments: (pool_id, amount, unlock_epoch).
type WithdrawnArgs = (AccountId, U128, Option<u64>);

/// 5 NEAR staked in pool 1, of which 2 NEAR were unstaked at epoch 10 (unlock at 14) and the
/// pool confirmed it.
fn unstaking() -> StakingProxy {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    set_owner_context(10);
    drop(proxy.unstake(pool(1), Some(U128(2 * ONE_NEAR)), None));
    set_callback_context_at(0, 10);
    assert!(done(proxy.on_unstaked(pool(1), U128(2 * ONE_NEAR), U128(2 * ONE_NEAR), None, 14, Ok(()))));
    proxy
}

/// A view result as the pool returns it: a JSON `U128`.
fn reported(amount: u128) -> Result<ViewBytes, PromiseError> {
    Ok(ViewBytes(format!("\"{amount}\"").into_bytes()))
}

/// Runs `on_unstaked_balance` at epoch 14 with `balance` and returns its outcome, as a
/// `Some(promise created)` / `None` (value) pair with the value.
fn balance_read(proxy: &mut StakingProxy, seen: Option<u64>, balance: Result<ViewBytes, PromiseError>) -> Option<bool> {
    set_callback_context_at(0, 14);
    match proxy.on_unstaked_balance(pool(1), seen, balance) {
        PromiseOrValue::Promise(promise) => {
            drop(promise);
            None
        }
        PromiseOrValue::Value(value) => Some(value),
    }
}

fn refused_withdraw(proxy: &mut StakingProxy) -> String {
    panic_message(|| drop(proxy.withdraw(pool(1))))
}

const WITHDRAWN_2_NEAR: &str = r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdrawn","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"2000000000000000000000000"}}"#;

#[test]
fn withdraw_before_the_unlock_epoch_is_refused_naming_it() {
    let mut proxy = unstaking();
    for epoch in [10, 13] {
        set_owner_context(epoch);
        let message = refused_withdraw(&mut proxy);
        assert_eq!(message, crate::errors::err_not_unlocked(14, epoch));
        assert!(message.contains("available at epoch 14"));
        assert!(calls().is_empty());
    }
}

#[test]
fn router_strangers_and_missing_yocto_are_refused() {
    let mut proxy = unstaking();
    for caller in [router(), alice(), super::proxy()] {
        testing_env!(context(&caller, 1, ONE_NEAR).epoch_height(14).build());
        assert_eq!(refused_withdraw(&mut proxy), ERR_ONLY_OWNER);
    }
    for deposit in [0, 2] {
        testing_env!(context(&owner(), deposit, ONE_NEAR).epoch_height(14).build());
        assert_eq!(refused_withdraw(&mut proxy), "Requires attached deposit of exactly 1 yoctoNEAR");
    }
    assert!(calls().is_empty());
}

#[test]
fn too_little_gas_is_refused() {
    let mut proxy = unstaking();
    testing_env!(context(&owner(), 1, ONE_NEAR).epoch_height(14).prepaid_gas(Gas::from_gas(WITHDRAW_GAS - 1)).build());
    assert_eq!(refused_withdraw(&mut proxy), ERR_WITHDRAW_GAS);
    assert!(calls().is_empty());
}

#[test]
fn at_unlock_the_view_then_the_pool_withdrawal_then_the_owner_is_paid() {
    let mut proxy = unstaking();
    let before = proxy.pool_record(&pool(1));

    // 1. `withdraw` reads the pool's unstaked balance of the proxy.
    set_owner_context(14);
    drop(proxy.withdraw(pool(1)));
    let calls1 = calls();
    assert_eq!(calls1.len(), 2);
    let (view, callback) = (&calls1[0], &calls1[1]);
    assert_eq!(view.receiver, pool(1));
    assert_eq!(view.method, "get_account_unstaked_balance");
    assert_eq!(args(view), json!({"account_id": "0123456789abcdef01234567.router.near"}));
    assert_eq!((view.deposit, view.gas, view.weight), (0, POOL_VIEW_GAS, 0));
    assert_eq!(callback.receiver, super::proxy());
    assert_eq!(callback.method, "on_unstaked_balance");
    assert_eq!(callback.borsh::<(AccountId, Option<u64>)>(), (pool(1), Some(14)));
    assert_eq!((callback.deposit, callback.gas, callback.weight), (0, ON_UNSTAKED_BALANCE_GAS, 1));
    assert_eq!(callback.after, vec![view.receipt as u64]);
    assert_eq!(proxy.pool_record(&pool(1)), before, "nothing recorded yet");
    assert!(get_logs().is_empty());

    // 2. The pool reports 2 NEAR: the proxy withdraws exactly that.
    assert_eq!(balance_read(&mut proxy, Some(14), reported(2 * ONE_NEAR)), None);
    let calls2 = calls();
    assert_eq!(calls2.len(), 2);
    let (pool_call, callback) = (&calls2[0], &calls2[1]);
    assert_eq!(pool_call.receiver, pool(1));
    assert_eq!(pool_call.method, "withdraw");
    assert_eq!(args(pool_call), json!({"amount": (2 * ONE_NEAR).to_string()}));
    assert_eq!((pool_call.deposit, pool_call.gas, pool_call.weight), (0, POOL_WITHDRAW_GAS, 1));
    assert_eq!(callback.method, "on_pool_withdrawn");
    assert_eq!(callback.borsh::<WithdrawnArgs>(), (pool(1), U128(2 * ONE_NEAR), Some(14)));
    assert_eq!((callback.deposit, callback.gas, callback.weight), (0, ON_POOL_WITHDRAWN_GAS, 1));
    assert_eq!(callback.after, vec![pool_call.receipt as u64]);
    assert!(transfers().is_empty());
    assert_eq!(proxy.pool_record(&pool(1)), before, "nothing recorded yet");

    // 3. The pool paid and its transfer has arrived: the owner gets it, the record is cleared.
    set_callback_context_at(2 * ONE_NEAR, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Ok(()))));
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR)]);
    assert_eq!(proxy.pool_record(&pool(1)), PoolRecord { principal: 3 * ONE_NEAR, ..Default::default() });
    assert_eq!(get_logs(), vec![WITHDRAWN_2_NEAR]);
    assert_eq!(proxy.get_owed_total(), U128(0));

    // Nothing left to confirm: the owner can unstake again without `confirm_timer_reset`.
    set_owner_context(14);
    drop(proxy.unstake(pool(1), None, None));
}

#[test]
fn withdrawing_is_accepted_at_or_after_the_unlock_epoch() {
    let mut proxy = unstaking();
    for epoch in [14, 40] {
        set_owner_context(epoch);
        drop(proxy.withdraw(pool(1)));
        assert_eq!(calls()[0].method, "get_account_unstaked_balance");
    }
}

#[test]
fn the_pools_figure_is_used_when_it_drifted_up() {
    // The pool rounded up on unstake (or rewards): 1 yocto more than recorded.
    let mut proxy = unstaking();
    let amount = 2 * ONE_NEAR + 1;
    assert_eq!(balance_read(&mut proxy, Some(14), reported(amount)), None);
    assert_eq!(args(&calls()[0]), json!({"amount": amount.to_string()}));
    assert_eq!(calls()[1].borsh::<WithdrawnArgs>().1, U128(amount));
    set_callback_context_at(amount, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(amount), Some(14), Ok(()))));
    assert_eq!(transfers(), vec![(owner(), amount)]);
    let record = proxy.pool_record(&pool(1));
    assert_eq!((record.unstaked_pending, record.unlock_epoch), (0, None));
}

#[test]
fn the_pools_figure_is_used_when_it_drifted_down_and_no_phantom_is_left() {
    let mut proxy = unstaking();
    let amount = 2 * ONE_NEAR - 1;
    assert_eq!(balance_read(&mut proxy, Some(14), reported(amount)), None);
    assert_eq!(args(&calls()[0]), json!({"amount": amount.to_string()}));
    set_callback_context_at(amount, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(amount), Some(14), Ok(()))));
    assert_eq!(transfers(), vec![(owner(), amount)]);
    let record = proxy.pool_record(&pool(1));
    assert_eq!((record.unstaked_pending, record.unlock_epoch), (0, None));
}

#[test]
fn a_full_exit_forgets_the_pool() {
    let mut proxy = proxy_staked_in(&[1], 5 * ONE_NEAR);
    set_owner_context(10);
    drop(proxy.unstake(pool(1), None, None));
    set_callback_context_at(0, 10);
    assert!(done(proxy.on_unstaked(pool(1), U128(5 * ONE_NEAR), U128(5 * ONE_NEAR), None, 14, Ok(()))));
    // Rewards: the pool's unstaked balance is larger than the principal.
    let amount = 5 * ONE_NEAR + 123;
    balance_read(&mut proxy, Some(14), reported(amount));
    set_callback_context_at(amount, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(amount), Some(14), Ok(()))));
    assert_eq!(transfers(), vec![(owner(), amount)]);
    assert!(proxy.get_pools().is_empty());
}

#[test]
fn zero_reported_clears_the_record_without_calling_the_pool() {
    let mut proxy = unstaking();
    assert_eq!(balance_read(&mut proxy, Some(14), reported(0)), Some(true));
    assert!(calls().is_empty());
    assert!(transfers().is_empty());
    assert_eq!(proxy.pool_record(&pool(1)), PoolRecord { principal: 3 * ONE_NEAR, ..Default::default() });
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdrawn","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"0"}}"#
        ]
    );
}

#[test]
fn an_unreadable_balance_changes_nothing_and_logs_withdraw_failed() {
    let bad = [
        Err(PromiseError::Failed),
        Err(PromiseError::TooLong(65)),
        Ok(ViewBytes(b"{not json".to_vec())),
        Ok(ViewBytes(b"12".to_vec())),
        Ok(ViewBytes(b"\"-1\"".to_vec())),
        Ok(ViewBytes(Vec::new())),
    ];
    for balance in bad {
        let mut proxy = unstaking();
        let before = proxy.pool_record(&pool(1));
        set_callback_context_at(0, 14);
        let outcome = proxy.on_unstaked_balance(pool(1), Some(14), balance);
        assert_eq!(failure_reason(outcome), err_balance_unreadable(pool(1).as_str()));
        assert!(calls().iter().all(|c| c.method == "exit_failed"), "the pool is not called");
        assert_eq!(proxy.pool_record(&pool(1)), before);
        assert_eq!(
            get_logs(),
            vec![
                r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdraw_failed","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":null}}"#
            ]
        );
    }
}

#[test]
fn too_little_gas_left_in_the_balance_callback_fails_without_calling_the_pool() {
    let mut proxy = unstaking();
    testing_env!(context(&super::proxy(), 0, STORAGE_COST)
        .epoch_height(14)
        .prepaid_gas(Gas::from_gas(WITHDRAW_CALL_GAS - 1))
        .build());
    let outcome = proxy.on_unstaked_balance(pool(1), Some(14), reported(2 * ONE_NEAR));
    assert_eq!(failure_reason(outcome), err_balance_unreadable(pool(1).as_str()));
    assert!(calls().iter().all(|c| c.method == "exit_failed"), "the pool is not called");
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdraw_failed","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"2000000000000000000000000"}}"#
        ]
    );
}

#[test]
fn a_refused_pool_withdrawal_leaves_everything_as_it_was() {
    let mut proxy = unstaking();
    let before = proxy.pool_record(&pool(1));
    balance_read(&mut proxy, Some(14), reported(2 * ONE_NEAR));
    set_callback_context_at(ONE_NEAR, 14);
    let outcome = proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Err(PromiseError::Failed));
    assert_eq!(failure_reason(outcome), err_withdraw_refused(pool(1).as_str()));
    assert!(transfers().is_empty());
    assert_eq!(proxy.pool_record(&pool(1)), before);
    assert_eq!(proxy.get_owed_total(), U128(0));
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdraw_failed","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"2000000000000000000000000"}}"#
        ]
    );
    // The owner can try again.
    set_owner_context(14);
    drop(proxy.withdraw(pool(1)));
    assert_eq!(calls().len(), 2);
}

#[test]
fn a_pool_that_returns_data_has_still_paid() {
    let mut proxy = unstaking();
    set_callback_context_at(2 * ONE_NEAR, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Err(PromiseError::TooLong(3)))));
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR)]);
}

#[test]
fn before_the_pools_transfer_arrives_the_owner_is_paid_what_arrived_and_collects_the_rest() {
    let mut proxy = unstaking();
    set_callback_context_at(2 * ONE_NEAR - 1, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Ok(()))));
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR - 1)], "what the proxy holds");
    assert_eq!(proxy.get_owed_total(), U128(0), "a pool's word is no debt");
    let logs = get_logs();
    assert_eq!(logs[0], WITHDRAWN_2_NEAR);
    assert!(
        logs[1].contains(r#""event":"owner_payout_held""#) && logs[1].contains(r#""paid":"1999999999999999999999999""#)
    );
    let record = proxy.pool_record(&pool(1));
    assert_eq!((record.unstaked_pending, record.unlock_epoch), (0, None));

    // The last yocto arrives later: only the owner may collect it (1 yocto attached, which
    // the VM adds to the balance given, and which comes back with it).
    testing_env!(context(&bob(), 1, STORAGE_COST + 1).build());
    assert_eq!(panic_message(|| drop(proxy.collect())), ERR_ONLY_OWNER);
    testing_env!(context(&owner(), 1, STORAGE_COST + 1).build());
    drop(proxy.collect());
    assert_eq!(transfers(), vec![(owner(), 2)], "the yocto that arrived and the one attached");
    testing_env!(context(&owner(), 1, STORAGE_COST - 1).build());
    assert_eq!(panic_message(|| drop(proxy.collect())), ERR_NOTHING_TO_COLLECT);
}

#[test]
fn near_owed_to_depositors_is_not_used_to_pay_the_owner() {
    // The free balance covers the amount, but 1 yocto of it is owed to alice: the owner gets
    // the rest and no debt is recorded for the yocto that is alice's.
    let mut proxy = unstaking();
    proxy.owe(&alice(), 1);
    set_callback_context_at(2 * ONE_NEAR, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Ok(()))));
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR - 1)]);
    assert_eq!(proxy.get_owed_refund(owner()), U128(0));
    assert_eq!(proxy.get_owed_refund(alice()), U128(1));
    assert_eq!(proxy.get_owed_total(), U128(1));

    // With alice's yocto there as well, the owner is paid in full.
    let mut proxy = unstaking();
    proxy.owe(&alice(), 1);
    set_callback_context_at(2 * ONE_NEAR + 1, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Ok(()))));
    assert_eq!(transfers(), vec![(owner(), 2 * ONE_NEAR)]);
    assert_eq!(proxy.get_owed_refund(owner()), U128(0));
}

#[test]
fn a_fake_pool_cannot_turn_a_depositors_refund_into_the_owners_payout() {
    // The proxy holds alice's 3 NEAR refund. A "pool" the owner named reports a 3 NEAR
    // withdrawal and sends nothing: the owner is paid nothing, no debt is recorded, and
    // alice's refund stays releasable to alice alone.
    let mut proxy = unstaking();
    proxy.owe(&alice(), 3 * ONE_NEAR);
    set_callback_context_at(3 * ONE_NEAR, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(3 * ONE_NEAR), Some(14), Ok(()))));
    assert!(transfers().is_empty());
    assert_eq!(proxy.get_owed_total(), U128(3 * ONE_NEAR));
    testing_env!(context(&owner(), 1, STORAGE_COST + 3 * ONE_NEAR - 1).build());
    assert_eq!(panic_message(|| drop(proxy.collect())), ERR_NOTHING_TO_COLLECT);
    assert_eq!(panic_message(|| drop(proxy.release_refund(owner()))), ERR_NO_OWED_REFUND);
    testing_env!(context(&bob(), 0, STORAGE_COST + 3 * ONE_NEAR).build());
    drop(proxy.release_refund(alice()));
    assert_eq!(transfers(), vec![(alice(), 3 * ONE_NEAR)]);
}

#[test]
fn an_unstake_made_while_withdrawing_stays_recorded() {
    let mut proxy = unstaking();
    set_owner_context(14);
    drop(proxy.withdraw(pool(1)));
    // Meanwhile the owner unstakes 1 NEAR more (confirmed): unlock 18.
    set_owner_context(14);
    drop(proxy.unstake(pool(1), Some(U128(ONE_NEAR)), Some(true)));
    // The pool reported and paid the first 2 NEAR.
    balance_read(&mut proxy, Some(14), reported(2 * ONE_NEAR));
    set_callback_context_at(2 * ONE_NEAR, 14);
    assert!(done(proxy.on_pool_withdrawn(pool(1), U128(2 * ONE_NEAR), Some(14), Ok(()))));
    assert_eq!(
        proxy.pool_record(&pool(1)),
        PoolRecord { principal: 2 * ONE_NEAR, in_flight: 0, unstaked_pending: ONE_NEAR, unlock_epoch: Some(18) }
    );
    // A zero report in that state does not clear the newer unstake either.
    assert_eq!(balance_read(&mut proxy, Some(14), reported(0)), Some(true));
    assert_eq!(proxy.pool_record(&pool(1)).unlock_epoch, Some(18));
}

#[test]
fn a_pool_without_a_record_can_be_withdrawn_from_and_gets_no_record() {
    // E.g. the remainder of a deposit that bought no whole share stays unstaked in the pool.
    let mut proxy = proxy_staked_in(&[1], ONE_NEAR);
    set_owner_context(0);
    let pool_id = pool(5);
    drop(proxy.withdraw(pool_id.clone()));
    assert_eq!(calls()[0].receiver, pool_id);
    assert_eq!(calls()[1].borsh::<(AccountId, Option<u64>)>(), (pool_id.clone(), None), "on_unstaked_balance");
    set_callback_context_at(0, 0);
    drop(proxy.on_unstaked_balance(pool_id.clone(), None, reported(1)));
    set_callback_context_at(1, 0);
    assert!(done(proxy.on_pool_withdrawn(pool_id.clone(), U128(1), None, Ok(()))));
    assert_eq!(transfers(), vec![(owner(), 1)]);
    assert!(!proxy.pools.contains_key(&pool_id));
}

#[test]
fn view_bytes_take_the_whole_result_and_parse_only_json_amounts() {
    let bytes = b"\"42\"".to_vec();
    let parsed: ViewBytes = near_sdk::borsh::from_slice(&bytes).unwrap();
    assert_eq!(parsed, ViewBytes(bytes));
    assert_eq!(parsed.amount(), Some(42));
    let garbage: ViewBytes = near_sdk::borsh::from_slice(b"{not json").unwrap();
    assert_eq!(garbage.amount(), None);
    let empty: ViewBytes = near_sdk::borsh::from_slice(b"").unwrap();
    assert_eq!(empty.amount(), None);
    assert_eq!(ViewBytes(format!("\"{}\"", u128::MAX).into_bytes()).amount(), Some(u128::MAX));
    assert!(format!("\"{}\"", u128::MAX).len() <= VIEW_RESULT_MAX_BYTES);
}
