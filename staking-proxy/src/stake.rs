//! The router's `stake` and the callback of each pool leg.

use std::collections::BTreeSet;

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, Gas, NearToken, Promise, PromiseError};
use router_core::gas::GasSchedule;
use router_core::MAX_PROXY_POOLS;

use crate::errors::*;
use crate::events::ProxyEvent;
use crate::{StakingProxy, StakingProxyExt};

/// The staking pool method each leg calls (it takes no arguments and returns nothing).
pub const POOL_DEPOSIT_AND_STAKE: &str = "deposit_and_stake";

/// One pool of a `stake` call: the router builds it from the same definition
/// (`router_core::proxy_api`), so the two cannot drift apart.
pub use router_core::proxy_api::PoolLeg;

#[near]
impl StakingProxy {
    /// Stakes the attached NEAR in the given pools (router only). Returns the number of legs.
    ///
    /// Every check happens before any promise exists, so a refused call panics whole and the
    /// runtime sends the attached NEAR back to the router, which refunds the depositor: 1 to
    /// `MAX_PROXY_POOLS` legs, no pool twice, no empty leg, a deposit equal to the sum of the
    /// legs, at most `MAX_PROXY_POOLS` pools held afterwards (pools with a leg in flight count)
    /// and enough prepaid gas for everything attached.
    ///
    /// Each leg is `pool.deposit_and_stake()` (exactly `pool_deposit_and_stake` gas, no share
    /// of unused gas) then `self.on_pool_staked(..)` (`proxy_pool_callback_attached` gas plus an equal
    /// share of what this call leaves unused, as margin for a callback that must not fail).
    ///
    /// The leg promises are deliberately *not* returned. Once `stake` has accepted the NEAR,
    /// the proxy alone is responsible for it: a pool that refuses a leg refunds the proxy, and
    /// `on_pool_staked` pays `refund_to` (or records the debt). The router's callback must only
    /// learn whether `stake` itself was accepted (if it panicked, the NEAR is back with the
    /// router). Returning the chain would make the router see the *last callback's* outcome
    /// instead: a failing leg (already refunded by the proxy) or a failing callback would look
    /// like a refused `stake`, and the router would refund the same NEAR a second time.
    #[payable]
    pub fn stake(&mut self, legs: Vec<PoolLeg>, refund_to: AccountId) -> u32 {
        require!(env::predecessor_account_id() == self.router_id, ERR_ONLY_ROUTER);
        self.check_legs(&legs);

        let schedule = GasSchedule::DEFAULT;
        let proxy = env::current_account_id();
        let count = legs.len() as u32;
        for PoolLeg { pool_id, amount } in legs {
            let mut record = self.pool_record(&pool_id);
            record.in_flight = record.in_flight.saturating_add(amount.0);
            self.set_pool_record(&pool_id, record);

            Promise::new(pool_id.clone())
                .function_call_weight(
                    POOL_DEPOSIT_AND_STAKE,
                    b"{}".to_vec(),
                    NearToken::from_yoctonear(amount.0),
                    Gas::from_gas(schedule.pool_deposit_and_stake),
                    near_sdk::GasWeight(0),
                )
                .then(
                    Self::ext(proxy.clone())
                        .with_static_gas(Gas::from_gas(schedule.proxy_pool_callback_attached()))
                        .with_unused_gas_weight(1)
                        .on_pool_staked(pool_id, U128(amount.0), refund_to.clone()),
                )
                .detach();
        }
        count
    }

    /// The outcome of one leg (private: only the proxy's own `stake` schedules it). It never
    /// panics, so the leg is always accounted for.
    ///
    /// Success: the pool holds `amount` more of the owner's stake; the principal grows and
    /// `direct_leg_staked` is emitted. Failure: the pool refunds `amount` to the proxy, which
    /// passes it on to `refund_to` at once if its free balance already covers it (the pool's
    /// refund receipt may arrive after this callback), and otherwise records it as owed, to be
    /// paid by `release_refund`; `direct_leg_failed` says which.
    ///
    /// The pool's result is read with `max_bytes = 0`: `deposit_and_stake` returns nothing, and
    /// a pool that does return data has still staked (it is reported as `TooLong` instead of
    /// being deserialised, which could panic). Returns whether the leg was staked.
    #[private]
    pub fn on_pool_staked(
        &mut self,
        pool_id: AccountId,
        amount: U128,
        refund_to: AccountId,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> bool {
        let staked = !matches!(result, Err(PromiseError::Failed));
        let mut record = self.pool_record(&pool_id);
        record.in_flight = record.in_flight.saturating_sub(amount.0);
        let proxy = env::current_account_id();
        if staked {
            record.principal = record.principal.saturating_add(amount.0);
            self.set_pool_record(&pool_id, record);
            ProxyEvent::DirectLegStaked { proxy: &proxy, owner_id: &self.owner_id, pool_id: &pool_id, amount }.emit();
        } else {
            self.set_pool_record(&pool_id, record);
            let refunded = self.pay_or_owe(&refund_to, amount.0);
            ProxyEvent::DirectLegFailed { proxy: &proxy, pool_id: &pool_id, amount, refund_to: &refund_to, refunded }
                .emit();
        }
        staked
    }
}

impl StakingProxy {
    /// Panics unless `legs` can be staked as they are with the attached deposit and gas.
    fn check_legs(&self, legs: &[PoolLeg]) {
        require!(!legs.is_empty(), ERR_NO_LEGS);
        require!(legs.len() <= MAX_PROXY_POOLS, ERR_TOO_MANY_LEGS);
        let mut seen = BTreeSet::new();
        let mut total: Option<u128> = Some(0);
        let mut new_pools = 0usize;
        for leg in legs {
            require!(seen.insert(&leg.pool_id), ERR_DUPLICATE_POOL);
            require!(leg.amount.0 > 0, ERR_ZERO_AMOUNT);
            total = total.and_then(|t| t.checked_add(leg.amount.0));
            if !self.pools.contains_key(&leg.pool_id) {
                new_pools += 1;
            }
        }
        require!(total == Some(env::attached_deposit().as_yoctonear()), ERR_DEPOSIT_MISMATCH);
        require!(self.pools.len() + new_pools <= MAX_PROXY_POOLS, ERR_TOO_MANY_POOLS);
        let needed = GasSchedule::DEFAULT.proxy_stake_attached(legs.len() as u64);
        require!(env::prepaid_gas().as_gas() >= needed, ERR_NOT_ENOUGH_GAS);
    }
}
