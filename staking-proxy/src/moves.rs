//! Moving stake from one pool to another: the owner's `move_stake` and `cancel_move`, the
//! gas figures and helpers of a move. Anyone's `finish_move` and its callbacks are in
//! `finish_move.rs`.
//!
//! A pool cannot hand stake to another pool: it must be unstaked, wait out the pool's unlock
//! delay (4 epochs), be withdrawn to the proxy and be deposited in the other pool. So a move is:
//!
//! 1. `move_stake(from_pool, to_pool, amount?)` (owner, 1 yoctoNEAR): an unstake in
//!    `from_pool` with the same records and timer-reset rule as `unstake`, plus a
//!    [`PendingMove`] kept with `from_pool`'s record. `to_pool` is the owner's own choice: the
//!    proxy cannot read the router's allow-list synchronously, and the stake is the owner's.
//! 2. From the unlock epoch on, `finish_move(from_pool)` (anyone: a keeper, the owner) reads
//!    `from_pool`'s unstaked balance of the proxy, withdraws exactly that, and deposits and
//!    stakes it in `to_pool` (view -> `on_move_balance` -> pool `withdraw` ->
//!    `on_move_withdrawn` -> `deposit_and_stake` -> `on_move_staked`).
//!
//! Bounded work per call: one pool per call, at most three pool calls. Any failure keeps the
//! NEAR recorded and the move retryable: NEAR withdrawn but not staked (the pool's transfer had
//! not arrived, `to_pool` refused, too little gas was left) waits in the proxy as the move's
//! `idle` NEAR, which `finish_move` stakes again and `cancel_move` pays to the owner; refunds
//! and payouts never use it. At most [`MAX_PENDING_MOVES`] moves are pending at once (the
//! proxy's prepaid storage).
//!
//! Gas: `move_stake` needs `MOVE_STAKE_GAS` (68 TGas, as `unstake`), `finish_move` needs
//! `FINISH_MOVE_GAS` (130 TGas) whichever step it starts from.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, Gas, Promise, PromiseError, PromiseOrValue};

use crate::errors::*;
use crate::events::ProxyEvent;
use crate::exits::*;
use crate::unstake::pool_unstake_call;
use crate::{PendingMove, StakingProxy, StakingProxyExt};

/// The most moves pending at once: each keeps a destination pool id (up to 64 bytes) and an
/// amount with a pool record, and the proxy's storage is prepaid for this many.
pub const MAX_PENDING_MOVES: usize = 2;
/// The longest view result `on_move_balance` reads (as `withdraw`'s).
pub const MOVE_VIEW_MAX_BYTES: usize = crate::withdraw::VIEW_RESULT_MAX_BYTES;

#[near]
impl StakingProxy {
    /// Starts moving stake from `from_pool` to `to_pool` (owner only, exactly 1 yoctoNEAR):
    /// unstakes `amount` (everything if omitted) in `from_pool` exactly as `unstake` does and
    /// records the move. `to_pool` is any pool the owner names: the owner's choice.
    ///
    /// Refused, before anything changes: the same pool twice; less than `MOVE_STAKE_GAS`;
    /// a pending move out of `from_pool` to another pool; [`MAX_PENDING_MOVES`] moves pending
    /// already; and `unstake`'s refusals (0 amount, too many pools counting `to_pool`, an
    /// unconfirmed timer reset: an earlier unstake or move from `from_pool` not finished
    /// needs `confirm_timer_reset: true`, and then all of the unstaked NEAR moves). Emits
    /// `move_requested`; the promise resolves to whether `from_pool` unstaked.
    #[payable]
    pub fn move_stake(
        &mut self,
        from_pool: AccountId,
        to_pool: AccountId,
        amount: Option<U128>,
        confirm_timer_reset: Option<bool>,
    ) -> Promise {
        self.assert_owner_one_yocto();
        require!(from_pool != to_pool, ERR_MOVE_SAME_POOL);
        require!(env::prepaid_gas().as_gas() >= MOVE_STAKE_GAS, ERR_MOVE_GAS);
        let pending = self.pending_move(&from_pool);
        match &pending {
            Some(pending) => require!(pending.to_pool == to_pool, ERR_MOVE_OTHER_TARGET),
            None => require!(self.moves_pending() < MAX_PENDING_MOVES, ERR_TOO_MANY_MOVES),
        }
        let extra_pools = usize::from(!self.pools.contains_key(&to_pool));
        let plan = self.record_unstake(&from_pool, amount, confirm_timer_reset, extra_pools);
        let new_move = pending.is_none();
        if new_move {
            let pending = PendingMove { to_pool: to_pool.clone(), idle: 0 };
            self.set_pending_move(&from_pool, Some(pending));
        }
        let proxy = env::current_account_id();
        ProxyEvent::MoveRequested {
            proxy: &proxy,
            owner_id: &self.owner_id,
            from_pool: &from_pool,
            to_pool: &to_pool,
            amount: U128(plan.amount),
            unlock_epoch: plan.unlock_epoch,
        }
        .emit();
        pool_unstake_call(&from_pool, amount).then(
            Self::ext(proxy)
                .with_static_gas(Gas::from_gas(ON_MOVE_UNSTAKED_GAS))
                .with_unused_gas_weight(1)
                .on_move_unstaked(
                    from_pool,
                    to_pool,
                    U128(plan.amount),
                    U128(plan.principal_taken),
                    plan.previous_unlock_epoch,
                    plan.unlock_epoch,
                    new_move,
                ),
        )
    }

    /// The outcome of `move_stake`'s unstake (private; never panics). Success: as
    /// `on_unstaked`, returns `true`. Failure: the records are restored as `on_unstaked` does,
    /// a move this call created is dropped again (unless NEAR is already held for it),
    /// `move_failed` (step `unstake`) is emitted and the call fails with the reason
    /// (`exit_failed`).
    #[private]
    #[allow(clippy::too_many_arguments)]
    pub fn on_move_unstaked(
        &mut self,
        #[serializer(borsh)] from_pool: AccountId,
        #[serializer(borsh)] to_pool: AccountId,
        #[serializer(borsh)] amount: U128,
        #[serializer(borsh)] principal_taken: U128,
        #[serializer(borsh)] previous_unlock_epoch: Option<u64>,
        #[serializer(borsh)] unlock_epoch: u64,
        #[serializer(borsh)] new_move: bool,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> PromiseOrValue<bool> {
        let unstaked = !matches!(result, Err(PromiseError::Failed));
        let previous = previous_unlock_epoch;
        self.settle_unstake(&from_pool, &amount, &principal_taken, previous, unlock_epoch, unstaked);
        if !unstaked {
            if new_move && self.pending_move(&from_pool).is_some_and(|p| p.idle == 0) {
                self.set_pending_move(&from_pool, None);
            }
            return self.move_failed(&from_pool, &to_pool, "unstake", Some(amount));
        }
        PromiseOrValue::Value(true)
    }

    /// Cancels the move out of `from_pool` (owner only, exactly 1 yoctoNEAR). NEAR held for it
    /// (`idle`) goes to the owner (`pay_owner`: what the proxy holds beyond every other claim;
    /// the rest, if any, by `collect`). NEAR still unstaked in `from_pool` stays there for
    /// `withdraw`; a restake already in flight that `to_pool` refuses is paid to the owner.
    /// Emits `move_cancelled`.
    #[payable]
    pub fn cancel_move(&mut self, from_pool: AccountId) {
        self.assert_owner_one_yocto();
        let pending = self.pending_move(&from_pool);
        require!(pending.is_some(), ERR_NO_MOVE);
        let pending = pending.unwrap_or_else(|| env::abort());
        self.set_pending_move(&from_pool, None);
        let paid = self.pay_owner(pending.idle) == pending.idle;
        ProxyEvent::MoveCancelled {
            proxy: &env::current_account_id(),
            owner_id: &self.owner_id,
            from_pool: &from_pool,
            to_pool: &pending.to_pool,
            idle: U128(pending.idle),
            paid,
        }
        .emit();
    }
}

impl StakingProxy {
    /// How many moves are pending.
    pub(crate) fn moves_pending(&self) -> usize {
        self.pools.values().filter(|r| r.pending_move().is_some()).count()
    }

    /// Whether a move out of `from_pool` to `to_pool` is pending.
    pub(crate) fn moving_to(&self, from_pool: &AccountId, to_pool: &AccountId) -> bool {
        self.pending_move(from_pool).is_some_and(|p| &p.to_pool == to_pool)
    }

    /// Emits `move_failed`.
    pub(crate) fn move_failed<T>(
        &self,
        from: &AccountId,
        to: &AccountId,
        step: &str,
        amount: Option<U128>,
    ) -> PromiseOrValue<T> {
        ProxyEvent::MoveFailed {
            proxy: &env::current_account_id(),
            owner_id: &self.owner_id,
            from_pool: from,
            to_pool: to,
            step,
            amount,
        }
        .emit();
        fail_exit(err_move_step(from.as_str(), to.as_str(), step))
    }

    /// Emits `stake_moved`.
    pub(crate) fn emit_stake_moved(&self, from: &AccountId, to: &AccountId, amount: u128) {
        ProxyEvent::StakeMoved {
            proxy: &env::current_account_id(),
            owner_id: &self.owner_id,
            from_pool: from,
            to_pool: to,
            amount: U128(amount),
        }
        .emit();
    }
}
