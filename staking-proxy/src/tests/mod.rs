//! Unit tests of the staking proxy on near-sdk's mocked blockchain, one file per concern;
//! this file holds the fixtures they share (helpers shared across crates come from
//! `test-support`). The real-VM checks live under `tests/` at the repository root.

mod errors;
mod events;
mod exits;
mod finish_move;
mod init;
mod moves;
mod refunds;
mod stake;
mod stake_callbacks;
mod storage;
mod unstake;
mod views;
mod withdraw;

use near_sdk::test_utils::VMContextBuilder;
use near_sdk::{AccountId, Gas};

pub(crate) use test_support::testing_env;
pub use test_support::{calls, panic_message, transfers, Call, ONE_NEAR};

use near_sdk::json_types::U128;

pub(crate) use crate::errors::*;
pub(crate) use crate::exits::*;
pub(crate) use crate::withdraw::ViewBytes;
pub(crate) use crate::{PendingMove, PoolLeg, StakingProxy};

/// Storage the mocked proxy account uses in most tests (bytes): what its creation prepaid, which
/// the proxy never pays out.
pub const STORAGE_USAGE: u64 = router_core::costs::PROXY_STORAGE_BYTES;
/// yoctoNEAR locked for [`STORAGE_USAGE`].
pub const STORAGE_COST: u128 = STORAGE_USAGE as u128 * 10_000_000_000_000_000_000;

/// The router.
pub fn router() -> AccountId {
    test_support::id(test_support::ROUTER)
}

/// The proxy's owner.
pub fn owner() -> AccountId {
    test_support::id(test_support::OWNER)
}

/// The proxy account: `<24 hex>.<router>`.
pub fn proxy() -> AccountId {
    "0123456789abcdef01234567.router.near".parse().unwrap()
}

/// A depositor.
pub fn alice() -> AccountId {
    test_support::id(test_support::ALICE)
}

/// Another depositor.
pub fn bob() -> AccountId {
    test_support::id(test_support::BOB)
}

/// Validator pool number `i`.
pub fn pool(i: usize) -> AccountId {
    format!("pool{i}.poolv1.near").parse().unwrap()
}

/// A mocked call on the proxy: `predecessor` attaches `deposit`; the proxy holds `balance`
/// (after the deposit) and uses [`STORAGE_USAGE`] bytes; 300 TGas prepaid.
pub fn context(predecessor: &AccountId, deposit: u128, balance: u128) -> VMContextBuilder {
    let mut builder = test_support::context(&proxy(), predecessor, deposit, balance);
    builder.storage_usage(STORAGE_USAGE).prepaid_gas(Gas::from_tgas(300));
    builder
}

/// `predecessor` calls the proxy with `deposit`; the proxy has 1 NEAR free besides it.
pub fn set_context(predecessor: &AccountId, deposit: u128) {
    testing_env!(context(predecessor, deposit, STORAGE_COST + ONE_NEAR + deposit).build());
}

/// `predecessor` calls `current` (for init checks on other accounts).
pub fn set_context_on(current: &AccountId, predecessor: &AccountId, deposit: u128) {
    testing_env!(context(predecessor, deposit, STORAGE_COST + ONE_NEAR + deposit)
        .current_account_id(current.clone())
        .build());
}

/// A callback on the proxy while its free balance (beyond storage) is `free` yoctoNEAR.
pub fn set_callback_context(free: u128) {
    testing_env!(context(&proxy(), 0, STORAGE_COST + free).build());
}

/// The owner calls the proxy with exactly 1 yoctoNEAR at epoch `epoch` (1 NEAR free besides).
pub fn set_owner_context(epoch: u64) {
    testing_env!(context(&owner(), 1, STORAGE_COST + ONE_NEAR + 1).epoch_height(epoch).build());
}

/// A callback on the proxy at epoch `epoch` while its free balance is `free` yoctoNEAR.
pub fn set_callback_context_at(free: u128, epoch: u64) {
    testing_env!(context(&proxy(), 0, STORAGE_COST + free).epoch_height(epoch).build());
}

/// A proxy with `principal` staked in each of the given pools (the router staked, the pools
/// accepted).
pub fn proxy_staked_in(pools: &[usize], principal: u128) -> StakingProxy {
    let mut proxy = new_proxy();
    let total = principal * pools.len() as u128;
    testing_env!(context(&router(), total, STORAGE_COST + ONE_NEAR + total).prepaid_gas(Gas::from_tgas(1_000)).build());
    proxy.stake(pools.iter().map(|&i| leg(i, principal)).collect(), alice());
    set_callback_context(0);
    for &i in pools {
        proxy.on_pool_staked(pool(i), U128(principal), alice(), Ok(()));
    }
    proxy
}

/// One pool leg settled as `on_pools_staked` settles it: the tests that follow a single leg
/// call the joint callback with just that leg, its pool's `result` and the rest of the
/// current context unchanged.
pub trait SettleOneLeg {
    /// `on_pools_staked([pool_id: amount], refund_to)` after the pool answered `result`;
    /// returns whether the leg was staked.
    fn on_pool_staked(
        &mut self,
        pool_id: AccountId,
        amount: U128,
        refund_to: AccountId,
        result: Result<(), near_sdk::PromiseError>,
    ) -> bool;
}

impl SettleOneLeg for StakingProxy {
    fn on_pool_staked(
        &mut self,
        pool_id: AccountId,
        amount: U128,
        refund_to: AccountId,
        result: Result<(), near_sdk::PromiseError>,
    ) -> bool {
        use near_sdk::{env, PromiseError, PromiseResult};
        let answer = match result {
            Ok(()) => PromiseResult::Successful(vec![]),
            Err(PromiseError::Failed) => PromiseResult::Failed,
            Err(_) => PromiseResult::Successful(b"data".to_vec()),
        };
        let ctx = VMContextBuilder::new()
            .current_account_id(env::current_account_id())
            .predecessor_account_id(env::predecessor_account_id())
            .signer_account_id(env::signer_account_id())
            .account_balance(env::account_balance())
            .attached_deposit(env::attached_deposit())
            .storage_usage(env::storage_usage())
            .epoch_height(env::epoch_height())
            .prepaid_gas(env::prepaid_gas())
            .build();
        testing_env!(ctx, vec![answer]);
        self.on_pools_staked(vec![PoolLeg { pool_id, amount: router_core::Yocto(amount.0) }], refund_to) == 1
    }
}

/// The JSON arguments of `call`, parsed.
pub fn args(call: &Call) -> near_sdk::serde_json::Value {
    near_sdk::serde_json::from_slice(&call.args).unwrap()
}

/// A proxy of `owner()` initialised by `router()`.
pub fn new_proxy() -> StakingProxy {
    set_context(&router(), 0);
    StakingProxy::new(owner(), router())
}

/// A leg of `amount` yoctoNEAR to pool `i`.
pub fn leg(i: usize, amount: u128) -> PoolLeg {
    PoolLeg { pool_id: pool(i), amount: router_core::Yocto(amount) }
}

/// The router calls `stake` with the exact deposit for `legs`.
pub fn router_stakes(proxy: &mut StakingProxy, legs: Vec<PoolLeg>) -> u32 {
    let total = legs.iter().map(|l| l.amount.0).sum();
    set_context(&router(), total);
    proxy.stake(legs, alice())
}

/// Whether an exit callback's result is the plain `true` of an exit that happened.
pub fn done(outcome: near_sdk::PromiseOrValue<bool>) -> bool {
    matches!(outcome, near_sdk::PromiseOrValue::Value(true))
}

/// The reason an exit callback's result fails the caller's transaction with. Panics unless the
/// result is a promise and the callback created exactly one call to the proxy's own
/// `exit_failed`, with the static gas it needs and no deposit.
pub fn failure_reason(outcome: near_sdk::PromiseOrValue<bool>) -> String {
    match outcome {
        // A promise is scheduled when it is dropped.
        near_sdk::PromiseOrValue::Promise(promise) => drop(promise),
        near_sdk::PromiseOrValue::Value(v) => panic!("the exit did not fail for its caller: it returned {v}"),
    }
    let reports: Vec<Call> = calls().into_iter().filter(|c| c.method == "exit_failed").collect();
    assert_eq!(reports.len(), 1, "one exit_failed call");
    let report = &reports[0];
    assert_eq!(report.receiver, near_sdk::env::current_account_id());
    assert_eq!((report.deposit, report.gas, report.weight), (0, EXIT_FAILED_GAS, 0));
    report.borsh::<String>()
}
