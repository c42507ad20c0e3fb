//! The owner's `unstake` and its pool callback.
//!
//! A core staking pool keeps one unstaked balance per delegator, and every unstake restarts the
//! timer of that whole balance (unlock at the current epoch + 4). So a second unstake while an
//! earlier one has not been withdrawn delays the earlier NEAR too: the proxy refuses it unless
//! the owner confirms with `confirm_timer_reset: true`.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, Gas, GasWeight, NearToken, Promise, PromiseError, PromiseOrValue};
use router_core::MAX_PROXY_POOLS;

use crate::errors::*;
use crate::events::ProxyEvent;
use crate::exits::*;
use crate::{StakingProxy, StakingProxyExt};

/// The pool method that unstakes an amount (`{"amount": "<yocto>"}`).
pub const POOL_UNSTAKE: &str = "unstake";
/// The pool method that unstakes everything staked (no arguments).
pub const POOL_UNSTAKE_ALL: &str = "unstake_all";

#[near]
impl StakingProxy {
    /// Unstakes from `pool_id` (owner only, exactly 1 yoctoNEAR): `amount` yoctoNEAR, or with
    /// `amount` omitted everything staked there (the pool's `unstake_all`, rewards included).
    /// The NEAR can be withdrawn with [`StakingProxy::withdraw`] from the returned
    /// `unlock_epoch` on (current epoch + 4).
    ///
    /// Refused, before anything changes: a pool with a pending move (`finish_move` or
    /// `cancel_move` it first); a 0 amount; less than `UNSTAKE_GAS` (68 TGas) prepaid; a
    /// pool the proxy has no record of while it already tracks `MAX_PROXY_POOLS`;
    /// and, without `confirm_timer_reset: true`, a pool where an earlier unstake has not been
    /// withdrawn yet (the pool would restart the timer of the whole amount; the message names
    /// the epoch at which everything would then unlock). Any other pool may be named: the pool
    /// itself refuses what it does not hold, and the callback undoes the records.
    ///
    /// The records change before the pool is called: the principal goes down by the amount
    /// (saturating at 0; unstaking everything sets it to 0), `unstaked_pending` goes up by it
    /// (by the principal for an unstake of everything), and `unlock_epoch` is set.
    /// `on_unstaked` restores them if the pool refuses. Emits `unstake_requested`. The returned
    /// promise resolves to whether the pool unstaked.
    #[payable]
    pub fn unstake(&mut self, pool_id: AccountId, amount: Option<U128>, confirm_timer_reset: Option<bool>) -> Promise {
        self.assert_owner_one_yocto();
        require!(self.pending_move(&pool_id).is_none(), ERR_MOVE_PENDING);
        require!(env::prepaid_gas().as_gas() >= UNSTAKE_GAS, ERR_UNSTAKE_GAS);
        let plan = self.record_unstake(&pool_id, amount, confirm_timer_reset, 0);
        let proxy = env::current_account_id();
        ProxyEvent::UnstakeRequested {
            proxy: &proxy,
            owner_id: &self.owner_id,
            pool_id: &pool_id,
            amount: U128(plan.amount),
            unlock_epoch: plan.unlock_epoch,
        }
        .emit();
        pool_unstake_call(&pool_id, amount).then(
            Self::ext(proxy).with_static_gas(Gas::from_gas(ON_UNSTAKED_GAS)).with_unused_gas_weight(1).on_unstaked(
                pool_id,
                U128(plan.amount),
                U128(plan.principal_taken),
                plan.previous_unlock_epoch,
                plan.unlock_epoch,
            ),
        )
    }

    /// The outcome of an `unstake` (private; never panics). Returns `true` when the pool
    /// unstaked; otherwise the call fails with the reason (`exit_failed`).
    ///
    /// Success: the records stay as `unstake` wrote them; `unlock_epoch` is raised to this
    /// unstake's if an overlapping one that failed had put back an earlier epoch. Failure
    /// (`unstake_failed`): the principal gets back `principal_taken`, `unstaked_pending` loses
    /// `amount`, and `unlock_epoch` returns to `previous_unlock_epoch` unless a later unstake
    /// has set another one since. The pool's result is read with `max_bytes = 0` (it returns
    /// nothing; a pool that does return data has still unstaked).
    #[private]
    pub fn on_unstaked(
        &mut self,
        #[serializer(borsh)] pool_id: AccountId,
        #[serializer(borsh)] amount: U128,
        #[serializer(borsh)] principal_taken: U128,
        #[serializer(borsh)] previous_unlock_epoch: Option<u64>,
        #[serializer(borsh)] unlock_epoch: u64,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> PromiseOrValue<bool> {
        let unstaked = !matches!(result, Err(PromiseError::Failed));
        self.settle_unstake(&pool_id, &amount, &principal_taken, previous_unlock_epoch, unlock_epoch, unstaked);
        if !unstaked {
            ProxyEvent::UnstakeFailed {
                proxy: &env::current_account_id(),
                owner_id: &self.owner_id,
                pool_id: &pool_id,
                amount,
            }
            .emit();
            return fail_exit(err_unstake_refused(pool_id.as_str()));
        }
        PromiseOrValue::Value(true)
    }
}

/// What [`StakingProxy::record_unstake`] recorded, for the event and the callback.
pub(crate) struct UnstakePlan {
    /// yoctoNEAR recorded as unstaking (the principal held, for an unstake of everything).
    pub amount: u128,
    /// yoctoNEAR taken off the principal.
    pub principal_taken: u128,
    /// The unlock epoch recorded before this unstake.
    pub previous_unlock_epoch: Option<u64>,
    /// The epoch the pool's whole unstaked balance unlocks at after this unstake.
    pub unlock_epoch: u64,
}

impl StakingProxy {
    /// The checks and records an unstake shares with a move (`moves.rs`): refuses a 0 amount,
    /// a new pool while `MAX_PROXY_POOLS` (less `extra_pools` the caller will add) are
    /// tracked, and an unconfirmed timer reset; then writes the records (principal down,
    /// `unstaked_pending` up, `unlock_epoch` set) before the pool is called.
    pub(crate) fn record_unstake(
        &mut self,
        pool_id: &AccountId,
        amount: Option<U128>,
        confirm_timer_reset: Option<bool>,
        extra_pools: usize,
    ) -> UnstakePlan {
        require!(amount.is_none_or(|a| a.0 > 0), ERR_ZERO_UNSTAKE);
        let held = usize::from(!self.pools.contains_key(pool_id)) + extra_pools;
        require!(self.pools.len() + held <= MAX_PROXY_POOLS, ERR_EXIT_TOO_MANY_POOLS);
        let mut record = self.pool_record(pool_id);
        let unlock_epoch = env::epoch_height().saturating_add(NUM_EPOCHS_TO_UNLOCK);
        let earlier_unstake = record.unlock_epoch.is_some() || record.unstaked_pending > 0;
        require!(
            !earlier_unstake || confirm_timer_reset == Some(true),
            err_timer_reset(record.unlock_epoch, unlock_epoch)
        );
        let (unstaking, principal_taken) = match amount {
            Some(U128(amount)) => (amount, amount.min(record.principal)),
            None => (record.principal, record.principal),
        };
        let previous_unlock_epoch = record.unlock_epoch;
        record.principal -= principal_taken;
        record.unstaked_pending = record.unstaked_pending.saturating_add(unstaking);
        record.unlock_epoch = Some(unlock_epoch);
        self.set_pool_record(pool_id, record);
        UnstakePlan { amount: unstaking, principal_taken, previous_unlock_epoch, unlock_epoch }
    }

    /// Confirms (`unstaked`) or undoes an unstake's records once the pool answered; see
    /// [`StakingProxy::on_unstaked`]. Never panics.
    pub(crate) fn settle_unstake(
        &mut self,
        pool_id: &AccountId,
        amount: &U128,
        principal_taken: &U128,
        previous_unlock_epoch: Option<u64>,
        unlock_epoch: u64,
        unstaked: bool,
    ) {
        let mut record = self.pool_record(pool_id);
        if unstaked {
            record.unlock_epoch = record.unlock_epoch.max(Some(unlock_epoch));
        } else {
            record.principal = record.principal.saturating_add(principal_taken.0);
            record.unstaked_pending = record.unstaked_pending.saturating_sub(amount.0);
            if record.unlock_epoch == Some(unlock_epoch) {
                record.unlock_epoch = previous_unlock_epoch;
            }
        }
        self.set_pool_record(pool_id, record);
    }
}

/// The pool call of an unstake: `unstake(amount)`, or `unstake_all()` without an amount.
pub(crate) fn pool_unstake_call(pool_id: &AccountId, amount: Option<U128>) -> Promise {
    let (method, args) = match amount {
        Some(amount) => (POOL_UNSTAKE, amount_args(amount.0)),
        None => (POOL_UNSTAKE_ALL, b"{}".to_vec()),
    };
    Promise::new(pool_id.clone()).function_call_weight(
        method,
        args,
        NearToken::from_yoctonear(0),
        Gas::from_gas(POOL_UNSTAKE_GAS),
        GasWeight(1),
    )
}
