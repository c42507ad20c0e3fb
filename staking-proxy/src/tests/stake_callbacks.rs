//! Unit tests of `on_pools_staked`: one leg at a time (`SettleOneLeg`), then legs together.

use near_sdk::json_types::U128;
use near_sdk::test_utils::get_logs;
use near_sdk::{PromiseError, PromiseResult};

use super::*;
use crate::{PoolRecord, StakingProxy};

/// A proxy with `amount` in flight to pool 1.
fn proxy_with_leg_in_flight(amount: u128) -> StakingProxy {
    let mut proxy = new_proxy();
    router_stakes(&mut proxy, vec![leg(1, amount)]);
    proxy
}

#[test]
fn success_adds_the_principal_and_logs_the_exact_event() {
    let mut proxy = proxy_with_leg_in_flight(5 * ONE_NEAR);
    set_callback_context(0);
    assert!(proxy.on_pool_staked(pool(1), U128(5 * ONE_NEAR), alice(), Ok(())));
    assert_eq!(proxy.pool_record(&pool(1)), PoolRecord { principal: 5 * ONE_NEAR, in_flight: 0, ..Default::default() });
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"direct_leg_staked","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"5000000000000000000000000"}}"#
        ]
    );
    assert!(transfers().is_empty());

    // A second leg to the same pool adds up.
    router_stakes(&mut proxy, vec![leg(1, ONE_NEAR)]);
    set_callback_context(0);
    proxy.on_pool_staked(pool(1), U128(ONE_NEAR), alice(), Ok(()));
    assert_eq!(proxy.pool_record(&pool(1)), PoolRecord { principal: 6 * ONE_NEAR, in_flight: 0, ..Default::default() });
}

#[test]
fn a_pool_that_returns_data_has_still_staked() {
    let mut proxy = proxy_with_leg_in_flight(ONE_NEAR);
    set_callback_context(0);
    assert!(proxy.on_pool_staked(pool(1), U128(ONE_NEAR), alice(), Err(PromiseError::TooLong(4))));
    assert_eq!(proxy.pool_record(&pool(1)).principal, ONE_NEAR);
    assert!(transfers().is_empty());
}

#[test]
fn failure_with_the_refund_already_in_refunds_at_once() {
    let mut proxy = proxy_with_leg_in_flight(2 * ONE_NEAR);
    set_callback_context(2 * ONE_NEAR);
    assert!(!proxy.on_pool_staked(pool(1), U128(2 * ONE_NEAR), alice(), Err(PromiseError::Failed)));
    assert_eq!(transfers(), vec![(alice(), 2 * ONE_NEAR)]);
    assert!(proxy.pools.is_empty(), "an empty record is forgotten");
    assert_eq!(proxy.get_owed_refund(alice()), U128(0));
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"direct_leg_failed","data":{"proxy":"0123456789abcdef01234567.router.near","pool_id":"pool1.poolv1.near","amount":"2000000000000000000000000","refund_to":"alice.near","refunded":true}}"#
        ]
    );
}

#[test]
fn failure_before_the_refund_arrived_records_it_as_owed() {
    let mut proxy = proxy_with_leg_in_flight(2 * ONE_NEAR);
    set_callback_context(2 * ONE_NEAR - 1);
    assert!(!proxy.on_pool_staked(pool(1), U128(2 * ONE_NEAR), alice(), Err(PromiseError::Failed)));
    assert!(transfers().is_empty());
    assert_eq!(proxy.get_owed_refund(alice()), U128(2 * ONE_NEAR));
    assert_eq!(proxy.get_owed_total(), U128(2 * ONE_NEAR));
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"direct_leg_failed","data":{"proxy":"0123456789abcdef01234567.router.near","pool_id":"pool1.poolv1.near","amount":"2000000000000000000000000","refund_to":"alice.near","refunded":false}}"#
        ]
    );
}

#[test]
fn failure_keeps_the_principal_of_earlier_legs() {
    let mut proxy = proxy_with_leg_in_flight(ONE_NEAR);
    set_callback_context(0);
    proxy.on_pool_staked(pool(1), U128(ONE_NEAR), alice(), Ok(()));
    router_stakes(&mut proxy, vec![leg(1, 3)]);
    set_callback_context(3);
    proxy.on_pool_staked(pool(1), U128(3), bob(), Err(PromiseError::Failed));
    assert_eq!(proxy.pool_record(&pool(1)), PoolRecord { principal: ONE_NEAR, in_flight: 0, ..Default::default() });
    assert_eq!(transfers(), vec![(bob(), 3)]);
}

#[test]
fn owed_refunds_to_one_account_add_up() {
    let mut proxy = new_proxy();
    router_stakes(&mut proxy, vec![leg(1, 4), leg(2, 6)]);
    set_callback_context(0);
    proxy.on_pool_staked(pool(1), U128(4), alice(), Err(PromiseError::Failed));
    proxy.on_pool_staked(pool(2), U128(6), alice(), Err(PromiseError::Failed));
    assert_eq!(proxy.get_owed_refund(alice()), U128(10));
    assert_eq!(proxy.get_owed_total(), U128(10));
    assert!(proxy.pools.is_empty());
}

#[test]
fn legs_settle_together_and_refused_ones_are_refunded_in_one_payout() {
    let mut p = new_proxy();
    router_stakes(&mut p, vec![leg(1, 4), leg(2, ONE_NEAR), leg(3, 6)]);
    // Pools 1 and 3 refuse (their refunds are in), pool 2 stakes.
    testing_env!(
        context(&proxy(), 0, STORAGE_COST + 10).build(),
        vec![PromiseResult::Failed, PromiseResult::Successful(vec![]), PromiseResult::Failed]
    );
    let legs = vec![leg(1, 4), leg(2, ONE_NEAR), leg(3, 6)];
    assert_eq!(p.on_pools_staked(legs, alice()), 1);
    assert_eq!(transfers(), vec![(alice(), 10)], "one payout for both refused legs");
    assert_eq!(p.pool_record(&pool(2)), PoolRecord { principal: ONE_NEAR, in_flight: 0, ..Default::default() });
    assert_eq!(p.get_pools().len(), 1, "the refused pools' empty records are forgotten");
    let events: Vec<String> = get_logs();
    assert_eq!(events.len(), 3);
    assert!(events[0].contains(r#""event":"direct_leg_staked""#));
    for (e, amount) in events[1..].iter().zip(["4", "6"]) {
        assert!(e.contains(r#""event":"direct_leg_failed""#) && e.contains(&format!(r#""amount":"{amount}""#)));
        assert!(e.ends_with(r#""refunded":true}}"#));
    }
}
