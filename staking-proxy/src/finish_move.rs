//! The keeper's side of a move (see `moves.rs`): `finish_move` and its callbacks
//! `on_move_balance`, `on_move_withdrawn` and `on_move_staked`.
//!
//! `finish_move(from_pool)` (anyone) either stakes NEAR already held for the move in `to_pool`,
//! or, from the unlock epoch on, reads `from_pool`'s unstaked balance of the proxy, withdraws
//! exactly that and stakes it in `to_pool` (view -> `on_move_balance` -> pool `withdraw` ->
//! `on_move_withdrawn` -> `deposit_and_stake` -> `on_move_staked`). Every callback never
//! panics; a failed step leaves the NEAR recorded and the move retryable.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, Gas, GasWeight, NearToken, Promise, PromiseError, PromiseOrValue};
use router_core::MAX_PROXY_POOLS;

use crate::errors::*;
use crate::events::ProxyEvent;
use crate::exits::*;
use crate::refunds::free_balance;
use crate::stake::POOL_DEPOSIT_AND_STAKE;
use crate::withdraw::{pool_withdraw, read_unstaked_balance, ViewBytes};
use crate::{PendingMove, StakingProxy, StakingProxyExt};

#[near]
impl StakingProxy {
    /// Advances the move out of `from_pool` (anyone may call; the NEAR only ever goes to the
    /// owner's chosen `to_pool`, or stays in the proxy). Needs `FINISH_MOVE_GAS` (130 TGas).
    ///
    /// - NEAR already withdrawn and held for the move (`idle`): deposits and stakes it in
    ///   `to_pool` (refused while the pool's transfer has not reached the proxy, or while
    ///   `to_pool` would be a pool too many).
    /// - Otherwise, from the recorded unlock epoch on (before it: refused, naming the epoch),
    ///   reads `from_pool`'s unstaked balance of the proxy and continues in `on_move_balance`.
    pub fn finish_move(&mut self, from_pool: AccountId) -> Promise {
        require!(env::prepaid_gas().as_gas() >= FINISH_MOVE_GAS, ERR_FINISH_MOVE_GAS);
        let pending = self.pending_move(&from_pool);
        require!(pending.is_some(), ERR_NO_MOVE);
        let pending = pending.unwrap_or_else(|| env::abort());
        if pending.idle > 0 {
            require!(self.idle_arrived(), ERR_MOVE_NOT_ARRIVED);
            require!(self.fits(&pending.to_pool), ERR_MOVE_TOO_MANY_POOLS);
            return self.restake(&from_pool, pending);
        }
        let record = self.pool_record(&from_pool);
        let now = env::epoch_height();
        let unlock_epoch = record.unlock_epoch.unwrap_or(0);
        require!(now >= unlock_epoch, err_move_not_unlocked(unlock_epoch, now));
        let proxy = env::current_account_id();
        read_unstaked_balance(&from_pool, &proxy).then(
            Self::ext(proxy)
                .with_static_gas(Gas::from_gas(ON_MOVE_BALANCE_GAS))
                .with_unused_gas_weight(1)
                .on_move_balance(from_pool, pending.to_pool, record.unlock_epoch),
        )
    }

    /// `from_pool`'s unstaked balance of the proxy, for a move (private; never panics).
    ///
    /// The move was cancelled or retargeted meanwhile: `move_failed` (step `cancelled`),
    /// nothing moves. Unreadable (or too little gas left): `move_failed` (step `read`). 0: the
    /// unstake record is settled as `withdraw` does and the move, with nothing left to move,
    /// is done (`stake_moved` with 0). Otherwise the pool's `withdraw` of exactly that amount,
    /// then `on_move_withdrawn`.
    #[private]
    pub fn on_move_balance(
        &mut self,
        #[serializer(borsh)] from_pool: AccountId,
        #[serializer(borsh)] to_pool: AccountId,
        #[serializer(borsh)] unlock_epoch: Option<u64>,
        #[callback_result(max_bytes = crate::moves::MOVE_VIEW_MAX_BYTES)]
        #[serializer(borsh)]
        balance: Result<ViewBytes, PromiseError>,
    ) -> PromiseOrValue<bool> {
        let amount = balance.ok().as_ref().and_then(ViewBytes::amount);
        if !self.moving_to(&from_pool, &to_pool) {
            return self.move_failed(&from_pool, &to_pool, "cancelled", amount.map(U128));
        }
        match amount {
            Some(0) => {
                self.settle_withdrawal(&from_pool, unlock_epoch, 0);
                self.emit_stake_moved(&from_pool, &to_pool, 0);
                PromiseOrValue::Value(true)
            }
            Some(amount) if remaining_gas() >= MOVE_WITHDRAW_CALL_GAS => {
                let promise = pool_withdraw(&from_pool, amount).then(
                    Self::ext(env::current_account_id())
                        .with_static_gas(Gas::from_gas(ON_MOVE_WITHDRAWN_GAS))
                        .with_unused_gas_weight(1)
                        .on_move_withdrawn(from_pool, to_pool, U128(amount), unlock_epoch),
                );
                PromiseOrValue::Promise(promise)
            }
            _ => self.move_failed(&from_pool, &to_pool, "read", amount.map(U128)),
        }
    }

    /// The outcome of `from_pool`'s `withdraw(amount)` for a move (private; never panics).
    ///
    /// Failure: `move_failed` (step `withdraw`); nothing was recorded, nothing moved.
    /// Success: the unstake record is settled as `withdraw` does and `amount` becomes the
    /// move's idle NEAR; if the pool's transfer has already arrived, `to_pool` has room and
    /// enough gas is left, it is deposited and staked there at once (`move_withdrawn` with
    /// `restaking: true`), otherwise it waits for `finish_move` (`restaking: false`). If the
    /// move was cancelled or retargeted meanwhile, the NEAR is the owner's, paid as `withdraw`
    /// pays (`withdrawn`).
    #[private]
    pub fn on_move_withdrawn(
        &mut self,
        #[serializer(borsh)] from_pool: AccountId,
        #[serializer(borsh)] to_pool: AccountId,
        #[serializer(borsh)] amount: U128,
        #[serializer(borsh)] unlock_epoch: Option<u64>,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> PromiseOrValue<bool> {
        if matches!(result, Err(PromiseError::Failed)) {
            return self.move_failed(&from_pool, &to_pool, "withdraw", Some(amount));
        }
        let Some(mut pending) = self.pending_move(&from_pool).filter(|p| p.to_pool == to_pool) else {
            self.settle_withdrawal(&from_pool, unlock_epoch, amount.0);
            ProxyEvent::Withdrawn {
                proxy: &env::current_account_id(),
                owner_id: &self.owner_id,
                pool_id: &from_pool,
                amount,
            }
            .emit();
            self.pay_owner(amount.0);
            return PromiseOrValue::Value(true);
        };
        // Only NEAR the proxy holds beyond every other claim becomes the move's: a pool's
        // report is not NEAR (a transfer arriving later is the owner's to `collect`).
        let arrived = amount.0.min(self.unclaimed());
        if arrived < amount.0 {
            let (proxy, reported, paid) = (env::current_account_id(), amount, U128(arrived));
            ProxyEvent::OwnerPayoutHeld { proxy: &proxy, owner_id: &self.owner_id, reported, paid }.emit();
        }
        pending.idle = pending.idle.saturating_add(arrived);
        self.set_pending_move(&from_pool, Some(pending.clone()));
        self.settle_withdrawal(&from_pool, unlock_epoch, amount.0);
        let restaking =
            pending.idle > 0 && self.idle_arrived() && self.fits(&to_pool) && remaining_gas() >= RESTAKE_CALL_GAS;
        ProxyEvent::MoveWithdrawn {
            proxy: &env::current_account_id(),
            owner_id: &self.owner_id,
            from_pool: &from_pool,
            to_pool: &to_pool,
            amount,
            restaking,
        }
        .emit();
        if restaking {
            PromiseOrValue::Promise(self.restake(&from_pool, pending))
        } else {
            PromiseOrValue::Value(true)
        }
    }

    /// The outcome of `to_pool`'s `deposit_and_stake(amount)` for a move (private; never
    /// panics). Returns whether `to_pool` staked it.
    ///
    /// Success: `amount` joins `to_pool`'s principal; the move is done (and cleared) unless
    /// more NEAR is still unstaked or held for it; `stake_moved`. Failure: `to_pool` refunds
    /// the proxy; `amount` is the move's idle NEAR again for another `finish_move` (or, if the
    /// move was cancelled meanwhile, the owner's: sent or owed); `move_failed` (step `stake`).
    #[private]
    pub fn on_move_staked(
        &mut self,
        #[serializer(borsh)] from_pool: AccountId,
        #[serializer(borsh)] to_pool: AccountId,
        #[serializer(borsh)] amount: U128,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> PromiseOrValue<bool> {
        let staked = !matches!(result, Err(PromiseError::Failed));
        let mut record = self.pool_record(&to_pool);
        record.in_flight = record.in_flight.saturating_sub(amount.0);
        if staked {
            record.principal = record.principal.saturating_add(amount.0);
        }
        self.set_pool_record(&to_pool, record);
        let pending = self.pending_move(&from_pool).filter(|p| p.to_pool == to_pool);
        if staked {
            let left = self.pool_record(&from_pool);
            let nothing_left = left.unstaked_pending == 0 && left.unlock_epoch.is_none();
            if pending.is_some_and(|p| p.idle == 0) && nothing_left {
                self.set_pending_move(&from_pool, None);
            }
            self.emit_stake_moved(&from_pool, &to_pool, amount.0);
            PromiseOrValue::Value(true)
        } else {
            match pending {
                Some(mut pending) => {
                    pending.idle = pending.idle.saturating_add(amount.0);
                    self.set_pending_move(&from_pool, Some(pending));
                }
                None => {
                    self.pay_owner(amount.0);
                }
            }
            self.move_failed(&from_pool, &to_pool, "stake", Some(amount))
        }
    }
}

impl StakingProxy {
    /// Whether the proxy may hold stake in `pool_id` (tracked already, or room for one more).
    fn fits(&self, pool_id: &AccountId) -> bool {
        self.pools.contains_key(pool_id) || self.pools.len() < MAX_PROXY_POOLS
    }

    /// Whether the free balance covers everything owed and every move's idle NEAR, i.e. the
    /// pools' transfers for them have arrived.
    fn idle_arrived(&self) -> bool {
        let held = self.idle_total().saturating_add(self.in_flight_total());
        free_balance() >= self.owed_total.saturating_add(held)
    }

    /// Sends the idle NEAR of the move out of `from_pool` to `to_pool`'s `deposit_and_stake`:
    /// the move holds nothing idle any more and `to_pool` has it in flight until
    /// `on_move_staked`.
    fn restake(&mut self, from_pool: &AccountId, pending: PendingMove) -> Promise {
        let PendingMove { to_pool, idle } = pending;
        let cleared = PendingMove { to_pool: to_pool.clone(), idle: 0 };
        self.set_pending_move(from_pool, Some(cleared));
        let mut record = self.pool_record(&to_pool);
        record.in_flight = record.in_flight.saturating_add(idle);
        self.set_pool_record(&to_pool, record);
        Promise::new(to_pool.clone())
            .function_call_weight(
                POOL_DEPOSIT_AND_STAKE,
                b"{}".to_vec(),
                NearToken::from_yoctonear(idle),
                Gas::from_gas(POOL_DEPOSIT_GAS),
                GasWeight(0),
            )
            .then(
                Self::ext(env::current_account_id())
                    .with_static_gas(Gas::from_gas(ON_MOVE_STAKED_GAS))
                    .with_unused_gas_weight(1)
                    .on_move_staked(from_pool.clone(), to_pool, U128(idle)),
            )
    }
}
