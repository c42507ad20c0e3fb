//! The receipts of `internal_restake` and of the `on_stake_action` callback: which methods
//! restake, the order of the promises, and the callback's static gas.

use near_sdk::json_types::U128;
use near_sdk::PromiseResult;

use super::*;
use crate::ON_STAKE_ACTION_GAS;

/// Asserts that the current call created exactly `before` then the real restake of the pool's
/// total staked balance, its callback waiting on the `Stake` receipt with 20 TGas, weight 0,
/// no deposit and no arguments.
fn assert_restaked(sim: &Sim, before: Vec<Created>) {
    let total = sim.pool.get_total_staked_balance().0;
    let mut expected = before;
    expected.extend(restake_of(total));
    assert_eq!(created(), expected);
    let all = calls();
    assert_eq!(all.len(), 1, "one function call: {all:?}");
    let callback = &all[0];
    // Receipts are numbered by their place in the action log: 2 slots per one-action receipt.
    let stake_receipt = 2 * (expected.len() as u64 - 2);
    assert_eq!(callback.after, vec![stake_receipt], "the callback waits for the stake");
    assert_eq!(callback.gas, ON_STAKE_ACTION_GAS.as_gas());
    assert_eq!(ON_STAKE_ACTION_GAS.as_gas(), 20_000_000_000_000, "the real ON_STAKE_ACTION_GAS");
    assert_eq!((callback.weight, callback.deposit), (0, 0), "static gas only, as in the real pool");
    assert_eq!(callback.receiver, pool());
    assert!(callback.args.is_empty() || callback.args == b"{}", "{:?}", String::from_utf8_lossy(&callback.args));
}

#[test]
fn every_stake_and_unstake_restakes_the_new_total() {
    let mut sim = Sim::new();
    sim.call(&alice(), 5 * ONE_NEAR, |c| c.deposit_and_stake());
    assert_restaked(&sim, vec![]);
    assert_eq!(sim.locked, OWN_STAKE + 5 * ONE_NEAR, "the deposit is staked");

    sim.call(&bob(), 3 * ONE_NEAR, |c| c.deposit());
    assert_eq!(created(), vec![], "a deposit in the same epoch does not restake");
    sim.call(&bob(), 0, |c| c.stake(U128(ONE_NEAR)));
    assert_restaked(&sim, vec![]);
    sim.call(&bob(), 0, |c| c.stake_all());
    assert_restaked(&sim, vec![]);
    assert_eq!(sim.locked, OWN_STAKE + 8 * ONE_NEAR);

    sim.call(&alice(), 0, |c| c.unstake(U128(2 * ONE_NEAR)));
    assert_restaked(&sim, vec![]);
    sim.call(&bob(), 0, |c| c.unstake_all());
    assert_restaked(&sim, vec![]);
    assert_eq!(sim.locked, OWN_STAKE + 3 * ONE_NEAR, "the unstaked NEAR left the stake");
    assert_eq!(sim.balance, STAKE_SHARE_PRICE_GUARANTEE_FUND + 5 * ONE_NEAR, "the 5 NEAR unstaked");
}

#[test]
fn deposit_withdraw_and_ping_restake_only_in_a_new_epoch() {
    let mut sim = Sim::new();
    sim.call(&alice(), 2 * ONE_NEAR, |c| c.deposit());
    sim.call(&alice(), 0, |c| c.ping());
    assert_eq!(created(), vec![]);
    sim.call(&alice(), 0, |c| c.withdraw(U128(ONE_NEAR)));
    assert_eq!(created(), vec![Created::Transfer { receiver: alice(), amount: ONE_NEAR }]);

    sim.next_epochs(1);
    sim.call(&alice(), 0, |c| c.withdraw_all());
    assert_restaked(&sim, vec![Created::Transfer { receiver: alice(), amount: ONE_NEAR }]);
    sim.call(&alice(), 0, |c| c.ping());
    assert_eq!(created(), vec![], "one ping per epoch");

    sim.next_epochs(1);
    sim.call(&bob(), ONE_NEAR, |c| c.deposit());
    assert_restaked(&sim, vec![]);
    sim.next_epochs(1);
    sim.call(&bob(), 0, |c| c.ping());
    assert_restaked(&sim, vec![]);
    sim.next_epochs(1);
    sim.call(&bob(), 0, |c| c.withdraw(U128(ONE_NEAR)));
    assert_restaked(&sim, vec![Created::Transfer { receiver: bob(), amount: ONE_NEAR }]);
}

#[test]
fn the_callback_unstakes_everything_after_a_failed_stake_with_a_locked_balance() {
    let sim = Sim::new();
    let results = vec![PromiseResult::Failed];
    test_support::testing_env!(
        test_support::context(&pool(), &pool(), 0, sim.balance)
            .account_locked_balance(NearToken::from_yoctonear(sim.locked))
            .build(),
        results
    );
    let mut sim = sim;
    sim.pool.on_stake_action();
    assert_eq!(created(), vec![Created::Stake { receiver: pool(), stake: 0, key: KEY.to_string() }]);
    assert!(calls().is_empty(), "no callback after the unstake");
}

#[test]
fn the_callback_does_nothing_after_a_success_or_with_nothing_locked() {
    let mut sim = Sim::new();
    let cases = [(PromiseResult::Successful(vec![]), sim.locked), (PromiseResult::Failed, 0)];
    for (result, locked) in cases {
        test_support::testing_env!(
            test_support::context(&pool(), &pool(), 0, sim.balance)
                .account_locked_balance(NearToken::from_yoctonear(locked))
                .build(),
            vec![result]
        );
        sim.pool.on_stake_action();
        assert_eq!(created(), vec![]);
    }
}

#[test]
fn the_callback_is_only_a_callback() {
    let mut sim = Sim::new();
    set_context(&alice(), 0, sim.balance, sim.locked, sim.epoch);
    let message = panic_message(|| sim.pool.on_stake_action());
    assert!(message.contains("Can be called only as a callback"), "{message}");
    set_context(&pool(), 0, sim.balance, sim.locked, sim.epoch);
    let message = panic_message(|| sim.pool.on_stake_action());
    assert!(message.contains("Contract expected a result on the callback"), "{message}");
}

#[test]
fn a_paused_pool_does_not_restake() {
    let mut sim = Sim::new();
    sim.call(&owner(), 0, |c| c.pause_staking());
    sim.call(&alice(), 4 * ONE_NEAR, |c| c.deposit_and_stake());
    assert_eq!(created(), vec![]);
    sim.next_epochs(1);
    sim.call(&alice(), 0, |c| c.unstake(U128(ONE_NEAR)));
    assert_eq!(created(), vec![]);
    assert_eq!(sim.locked, 0, "paused: nothing staked");
    sim.call(&owner(), 0, |c| c.resume_staking());
    assert_restaked(&sim, vec![]);
    assert_eq!(sim.locked, OWN_STAKE + 3 * ONE_NEAR);
}
