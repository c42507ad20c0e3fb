//! Unit tests of `stake`.

use super::testing_env;
use near_sdk::Gas;
use router_core::gas::GasSchedule;
use router_core::MAX_PROXY_POOLS;

use super::*;
use crate::stake::*;
use crate::PoolRecord;

fn refused(proxy: &mut StakingProxy, legs: Vec<PoolLeg>, deposit: u128) -> String {
    set_context(&router(), deposit);
    panic_message(|| {
        proxy.stake(legs, alice());
    })
}

#[test]
fn stake_by_router_creates_a_pool_call_per_leg_and_one_callback() {
    let mut proxy = new_proxy();
    let legs = vec![leg(1, 3 * ONE_NEAR), leg(2, 2 * ONE_NEAR)];
    assert_eq!(router_stakes(&mut proxy, legs), 2);

    let g = GasSchedule::DEFAULT;
    let calls = calls();
    assert_eq!(calls.len(), 3);
    for (i, pool_call) in calls[..2].iter().enumerate() {
        assert_eq!(pool_call.receiver, pool(i + 1));
        assert_eq!(pool_call.method, "deposit_and_stake");
        assert_eq!(pool_call.args, b"{}");
        assert_eq!(pool_call.deposit, [3 * ONE_NEAR, 2 * ONE_NEAR][i]);
        assert_eq!(pool_call.gas, g.pool_deposit_and_stake);
        assert_eq!(pool_call.weight, 1, "a pool also gets a share of the unused gas");
        assert!(pool_call.after.is_empty());
    }
    let callback = &calls[2];
    assert_eq!(callback.receiver, proxy_id());
    assert_eq!(callback.method, "on_pools_staked");
    assert_eq!(
        callback.borsh::<(Vec<PoolLeg>, near_sdk::AccountId)>(),
        (vec![leg(1, 3 * ONE_NEAR), leg(2, 2 * ONE_NEAR)], "alice.near".parse().unwrap())
    );
    assert_eq!(callback.deposit, 0);
    assert_eq!(callback.gas, g.proxy_pools_callback_attached(2));
    assert_eq!(callback.weight, 1);
    let pool_receipts: Vec<u64> = calls[..2].iter().map(|c| c.receipt as u64).collect();
    assert_eq!(callback.after, pool_receipts, "the callback waits for every pool call");
    assert!(transfers().is_empty());
    assert_eq!(proxy.pool_record(&pool(1)), PoolRecord { principal: 0, in_flight: 3 * ONE_NEAR, ..Default::default() });
    assert_eq!(proxy.pool_record(&pool(2)), PoolRecord { principal: 0, in_flight: 2 * ONE_NEAR, ..Default::default() });
}

fn proxy_id() -> near_sdk::AccountId {
    super::proxy()
}

#[test]
fn stake_by_owner_or_stranger_is_refused() {
    let mut proxy = new_proxy();
    for caller in [owner(), alice(), proxy_id()] {
        set_context(&caller, ONE_NEAR);
        let message = panic_message(|| {
            proxy.stake(vec![leg(1, ONE_NEAR)], alice());
        });
        assert_eq!(message, ERR_ONLY_ROUTER);
    }
    assert!(proxy.pools.is_empty());
}

#[test]
fn deposit_must_equal_the_sum_of_the_legs() {
    let mut proxy = new_proxy();
    let legs = vec![leg(1, ONE_NEAR), leg(2, ONE_NEAR)];
    assert_eq!(refused(&mut proxy, legs.clone(), 2 * ONE_NEAR - 1), ERR_DEPOSIT_MISMATCH);
    assert_eq!(refused(&mut proxy, legs.clone(), 2 * ONE_NEAR + 1), ERR_DEPOSIT_MISMATCH);
    assert_eq!(refused(&mut proxy, vec![leg(1, u128::MAX), leg(2, 2)], 1), ERR_DEPOSIT_MISMATCH);
    assert!(proxy.pools.is_empty());
}

#[test]
fn leg_count_is_one_to_max_proxy_pools() {
    let mut proxy = new_proxy();
    assert_eq!(refused(&mut proxy, vec![], 0), ERR_NO_LEGS);
    let legs: Vec<_> = (0..=MAX_PROXY_POOLS).map(|i| leg(i, 1)).collect();
    assert_eq!(refused(&mut proxy, legs, (MAX_PROXY_POOLS + 1) as u128), ERR_TOO_MANY_LEGS);
}

#[test]
fn duplicate_pool_is_refused() {
    let mut proxy = new_proxy();
    assert_eq!(refused(&mut proxy, vec![leg(1, 1), leg(2, 1), leg(1, 1)], 3), ERR_DUPLICATE_POOL);
}

#[test]
fn zero_amount_is_refused() {
    let mut proxy = new_proxy();
    assert_eq!(refused(&mut proxy, vec![leg(1, 1), leg(2, 0)], 1), ERR_ZERO_AMOUNT);
}

#[test]
fn pools_held_plus_new_ones_are_capped() {
    let mut proxy = new_proxy();
    for i in 0..MAX_PROXY_POOLS - 1 {
        proxy.set_pool_record(&pool(i), PoolRecord { principal: 1, in_flight: 0, ..Default::default() });
    }
    // One new pool fits, two do not.
    let two_new = vec![leg(100, 1), leg(101, 1)];
    assert_eq!(refused(&mut proxy, two_new, 2), ERR_TOO_MANY_POOLS);
    router_stakes(&mut proxy, vec![leg(0, 1), leg(100, 1)]);
    assert_eq!(proxy.pools.len(), MAX_PROXY_POOLS);
    // Full: held pools still take stake, a new one is refused.
    router_stakes(&mut proxy, vec![leg(1, 1), leg(2, 1)]);
    assert_eq!(refused(&mut proxy, vec![leg(101, 1)], 1), ERR_TOO_MANY_POOLS);
}

#[test]
fn pools_with_a_leg_in_flight_count_towards_the_cap() {
    let mut proxy = new_proxy();
    let first: Vec<_> = (0..MAX_PROXY_POOLS).map(|i| leg(i, 1)).collect();
    testing_env!(context(&router(), MAX_PROXY_POOLS as u128, 10 * ONE_NEAR).prepaid_gas(Gas::from_tgas(1000)).build());
    proxy.stake(first, alice());
    // No callback has run yet; a second deposit may not add a ninth pool.
    assert_eq!(refused(&mut proxy, vec![leg(100, 1)], 1), ERR_TOO_MANY_POOLS);
}

#[test]
fn gas_below_what_the_router_attaches_is_refused_and_exactly_that_is_accepted() {
    let mut proxy = new_proxy();
    // What the router attaches to `stake`: the proxy's own work plus, per leg, the gas of the
    // pool call and of the callback and the send costs of their receipts.
    let needed = GasSchedule::DEFAULT.proxy_stake_attached(2);
    testing_env!(context(&router(), 2, 10 * ONE_NEAR).prepaid_gas(Gas::from_gas(needed - 1)).build());
    let message = panic_message(|| {
        proxy.stake(vec![leg(1, 1), leg(2, 1)], alice());
    });
    assert_eq!(message, ERR_NOT_ENOUGH_GAS);
    assert!(calls().is_empty());

    // Exactly that much is enough, even at the mock's test fees (above mainnet's): the
    // receipts' send costs fit in the schedule's allowance.
    testing_env!(context(&router(), 2, 10 * ONE_NEAR).prepaid_gas(Gas::from_gas(needed)).build());
    assert_eq!(proxy.stake(vec![leg(1, 1), leg(2, 1)], alice()), 2);
    assert!(near_sdk::env::used_gas().as_gas() <= needed);
}
