//! The router's `stake` and the one callback that settles its pool legs.

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
    /// Each leg is `pool.deposit_and_stake()` (`pool_deposit_and_stake` gas plus a share of
    /// what this call leaves unused); all legs are joined (`promise_and`) into **one**
    /// `on_pools_staked` (`GasSchedule::proxy_pools_callback_attached`), which settles every
    /// leg and refunds the refused ones in one payout: one callback receipt and at most one
    /// payout per deposit rather than per leg.
    ///
    /// The leg promises are deliberately *not* returned. Once `stake` has accepted the NEAR,
    /// the proxy alone is responsible for it: a pool that refuses a leg refunds the proxy, and
    /// `on_pools_staked` pays `refund_to` (or records the debt). The router's callback must
    /// only learn whether `stake` itself was accepted (if it panicked, the NEAR is back with
    /// the router). Returning the chain would make the router see the callback's outcome
    /// instead: a failing leg (already refunded by the proxy) would look like a refused
    /// `stake`, and the router would refund the same NEAR a second time.
    #[payable]
    pub fn stake(&mut self, legs: Vec<PoolLeg>, refund_to: AccountId) -> u32 {
        require!(env::predecessor_account_id() == self.router_id, ERR_ONLY_ROUTER);
        self.check_legs(&legs);

        let schedule = GasSchedule::DEFAULT;
        let count = legs.len() as u32;
        let mut joint: Option<Promise> = None;
        for PoolLeg { pool_id, amount } in &legs {
            let mut record = self.pool_record(pool_id);
            record.in_flight = record.in_flight.saturating_add(amount.0);
            self.set_pool_record(pool_id, record);

            let call = Promise::new(pool_id.clone()).function_call_weight(
                POOL_DEPOSIT_AND_STAKE,
                b"{}".to_vec(),
                NearToken::from_yoctonear(amount.0),
                Gas::from_gas(schedule.pool_deposit_and_stake),
                near_sdk::GasWeight(1),
            );
            joint = Some(match joint {
                None => call,
                Some(joint) => joint.and(call),
            });
        }
        let joint = joint.expect("check_legs refuses an empty list");
        joint
            .then(
                Self::ext(env::current_account_id())
                    .with_static_gas(Gas::from_gas(schedule.proxy_pools_callback_attached(u64::from(count))))
                    .with_unused_gas_weight(1)
                    .on_pools_staked(legs, refund_to),
            )
            .detach();
        count
    }

    /// The outcome of every leg of one `stake` (private: only the proxy's own `stake`
    /// schedules it): leg `i` is promise result `i`. It never panics, so every leg is
    /// accounted for.
    ///
    /// A staked leg: the pool holds `amount` more of the owner's stake; the principal grows
    /// and `direct_leg_staked` is emitted. A refused leg: the pool refunds `amount` to the
    /// proxy. The refused legs are refunded to `refund_to` in one payout, at once if the
    /// proxy's free balance already covers them (the pools' refund receipts may arrive after
    /// this callback), and otherwise recorded as owed, to be paid by `release_refund`; each
    /// refused leg's `direct_leg_failed` says which.
    ///
    /// A pool's result is read with `max_bytes = 0`: `deposit_and_stake` returns nothing, and
    /// a pool that does return data has still staked (it is reported as too long instead of
    /// being deserialised, which could panic). Returns how many legs were staked.
    #[private]
    pub fn on_pools_staked(
        &mut self,
        #[serializer(borsh)] legs: Vec<PoolLeg>,
        #[serializer(borsh)] refund_to: AccountId,
    ) -> u32 {
        let proxy = env::current_account_id();
        let mut staked_legs = 0;
        let mut failed = Vec::new();
        for (i, PoolLeg { pool_id, amount }) in legs.into_iter().enumerate() {
            let staked = !matches!(env::promise_result_checked(i as u64, 0), Err(PromiseError::Failed));
            let mut record = self.pool_record(&pool_id);
            record.in_flight = record.in_flight.saturating_sub(amount.0);
            if staked {
                record.principal = record.principal.saturating_add(amount.0);
                self.set_pool_record(&pool_id, record);
                let amount = U128(amount.0);
                ProxyEvent::DirectLegStaked { proxy: &proxy, owner_id: &self.owner_id, pool_id: &pool_id, amount }
                    .emit();
                staked_legs += 1;
            } else {
                self.set_pool_record(&pool_id, record);
                failed.push((pool_id, amount.0));
            }
        }
        // Parts of one attached deposit: their sum fits; saturating in a callback.
        let refund = failed.iter().fold(0u128, |sum, (_, amount)| sum.saturating_add(*amount));
        let refunded = self.pay_or_owe(&refund_to, refund);
        for (pool_id, amount) in failed {
            let amount = U128(amount);
            ProxyEvent::DirectLegFailed { proxy: &proxy, pool_id: &pool_id, amount, refund_to: &refund_to, refunded }
                .emit();
        }
        staked_legs
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
