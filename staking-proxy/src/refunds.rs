//! Refunds of legs a pool refused, and NEAR owed to the owner.
//!
//! A refused `deposit_and_stake` sends the attached NEAR back to the proxy in a refund
//! receipt, which may be processed before or after the leg's callback. The callback pays the
//! depositor at once when the proxy's free balance already covers the amount; otherwise the
//! amount is recorded as owed and anyone may later call `release_refund` to pay it.
//!
//! A withdrawal the owner made (`withdraw.rs`) is settled the same way: when the pool's
//! transfer has not reached the proxy yet, the amount is owed to the owner, and
//! `release_refund(owner)` pays it once it has.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, Gas, NearToken, Promise, PromiseError};
use router_core::gas::TGAS;

use crate::errors::*;
use crate::events::ProxyEvent;
use crate::{StakingProxy, StakingProxyExt};

/// Gas attached to `on_refund_released`.
pub const ON_REFUND_RELEASED_GAS: u64 = 5 * TGAS;
/// The least prepaid gas `release_refund` accepts (its own work, the transfer, the callback).
pub const RELEASE_REFUND_GAS: u64 = 15 * TGAS;

/// yoctoNEAR on the proxy not locked for its storage: what a refund can be paid from.
pub fn free_balance() -> u128 {
    let storage = u128::from(env::storage_usage()).saturating_mul(env::storage_byte_cost().as_yoctonear());
    env::account_balance().as_yoctonear().saturating_sub(storage)
}

#[near]
impl StakingProxy {
    /// Pays the refund owed to `account_id` (anyone may call; the NEAR only ever goes to
    /// `account_id`). Panics if nothing is owed or if the pool's refund has not reached the
    /// proxy yet. The record is removed before the transfer and restored by
    /// `on_refund_released` if the transfer fails, so a refund is never paid twice. NEAR
    /// held for a move (`PendingMove::idle`) is never used to pay it. The
    /// returned promise resolves to `true` when the NEAR was delivered.
    pub fn release_refund(&mut self, account_id: AccountId) -> Promise {
        require!(env::prepaid_gas().as_gas() >= RELEASE_REFUND_GAS, ERR_RELEASE_GAS);
        require!(self.owed_refunds.contains_key(&account_id), ERR_NO_OWED_REFUND);
        let amount = self.owed_refunds.get(&account_id).copied().unwrap_or(0);
        require!(self.payable_balance() >= amount, ERR_REFUND_NOT_ARRIVED);
        self.owed_refunds.remove(&account_id);
        self.owed_total = self.owed_total.saturating_sub(amount);
        Promise::new(account_id.clone()).transfer(NearToken::from_yoctonear(amount)).then(
            Self::ext(env::current_account_id())
                .with_static_gas(Gas::from_gas(ON_REFUND_RELEASED_GAS))
                .on_refund_released(account_id, U128(amount)),
        )
    }

    /// The outcome of a `release_refund` transfer (private; never panics). If the transfer
    /// failed (the account no longer exists), the NEAR bounces back to the proxy and the debt
    /// is recorded again. Returns whether the refund was delivered.
    #[private]
    pub fn on_refund_released(
        &mut self,
        account_id: AccountId,
        amount: U128,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> bool {
        let proxy = env::current_account_id();
        if matches!(result, Err(PromiseError::Failed)) {
            self.owe(&account_id, amount.0);
            ProxyEvent::RefundReleaseFailed { proxy: &proxy, account_id: &account_id, amount }.emit();
            false
        } else {
            ProxyEvent::RefundReleased { proxy: &proxy, account_id: &account_id, amount }.emit();
            true
        }
    }
}

impl StakingProxy {
    /// Sends `amount` to `refund_to` if the free balance (less NEAR held for moves) covers
    /// it (returns `true`), or records it as owed (returns `false`). Never panics.
    pub(crate) fn refund_or_owe(&mut self, refund_to: &AccountId, amount: u128) -> bool {
        if self.payable_balance() >= amount {
            Promise::new(refund_to.clone()).transfer(NearToken::from_yoctonear(amount)).detach();
            true
        } else {
            self.owe(refund_to, amount);
            false
        }
    }

    /// Adds `amount` to what the proxy owes `account_id`.
    pub(crate) fn owe(&mut self, account_id: &AccountId, amount: u128) {
        let owed = self.owed_refunds.entry(account_id.clone()).or_insert(0);
        *owed = owed.saturating_add(amount);
        self.owed_total = self.owed_total.saturating_add(amount);
    }
}

#[cfg(test)]
mod tests;
