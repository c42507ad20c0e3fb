//! Paying NEAR back without ever failing a callback.
//!
//! A callback that refunds a failed leg may run before the failed call's own refund receipt has
//! reached the router, so it pays only from NEAR the router can spare (its balance less its
//! storage and the refunds it already owes). What it cannot fund yet is recorded as owed, and
//! anyone may release it later with `release_refund`. Nothing is ever dropped.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, Gas, NearToken, Promise, PromiseError};

/// Gas for the callback after a released refund.
const GAS_ON_REFUND_RELEASED: Gas = Gas::from_tgas(5);

#[near]
impl Router {
    /// Pays out a refund that was recorded as owed. Anyone may call it for any account; the
    /// NEAR goes only to that account.
    pub fn release_refund(&mut self, account_id: AccountId) -> Promise {
        let amount = self.owed_refunds.remove(&account_id).unwrap_or_else(|| env::panic_str(ERR_NO_REFUND));
        self.owed_total -= amount;
        require!(self.spendable() >= amount, ERR_REFUND_NOT_FUNDED);
        RouterEvent::Refunded { account: &account_id, amount: U128(amount), reason: "owed refund released" }.emit();
        Promise::new(account_id.clone()).transfer(NearToken::from_yoctonear(amount)).then(
            Self::ext(env::current_account_id())
                .with_static_gas(GAS_ON_REFUND_RELEASED)
                .on_refund_released(account_id, U128(amount)),
        )
    }

    /// Restores an owed refund whose transfer failed (for example, a deleted account).
    /// Private; never panics.
    #[private]
    pub fn on_refund_released(
        &mut self,
        account_id: AccountId,
        amount: U128,
        #[callback_result] result: Result<(), PromiseError>,
    ) {
        if result.is_err() {
            self.owe(&account_id, amount.0, "refund transfer failed");
        }
    }
}

impl Router {
    /// NEAR the router can spend now: its balance less the storage it must keep and the
    /// refunds it already owes.
    pub(crate) fn spendable(&self) -> u128 {
        let storage = u128::from(env::storage_usage()) * env::storage_byte_cost().as_yoctonear();
        env::account_balance().as_yoctonear().saturating_sub(storage).saturating_sub(self.owed_total)
    }

    /// Sends `amount` to `account` if the router can fund it now, otherwise records it as owed.
    pub(crate) fn pay_or_owe(&mut self, account: &AccountId, amount: u128, reason: &str) {
        if amount == 0 {
            return;
        }
        if self.spendable() >= amount {
            RouterEvent::Refunded { account, amount: U128(amount), reason }.emit();
            Promise::new(account.clone()).transfer(NearToken::from_yoctonear(amount)).detach();
        } else {
            self.owe(account, amount, reason);
        }
    }

    fn owe(&mut self, account: &AccountId, amount: u128, reason: &str) {
        let owed = self.owed_refunds.get(account).copied().unwrap_or(0) + amount;
        self.owed_refunds.insert(account.clone(), owed);
        self.owed_total += amount;
        RouterEvent::RefundOwed { account, amount: U128(amount), reason }.emit();
    }
}
