//! Paying NEAR out without ever failing a callback or losing track of it: the router's
//! near-sdk glue around `router_core::payout` (the vocabulary, the owed ledger's arithmetic
//! and the spendable balance, shared with the staking proxy).
//!
//! Every transfer the router makes is a *tracked payout*: the transfer, then
//! `on_refund_released`, which records the amount as owed again if the transfer bounced (the
//! account was deleted meanwhile, or never existed). Without the callback that NEAR would be
//! back on the router with no record of whose it is. The gas it needs is
//! `GasSchedule::payout`, budgeted in every callback that pays.
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
use router_core::payout::{self, OwedBook, PAYOUT_CALLBACK};

#[near]
impl Router {
    /// Pays out a refund that was recorded as owed. Anyone may call it for any account; the
    /// NEAR goes only to that account. If the transfer bounces, the refund is owed again.
    pub fn release_refund(&mut self, account_id: AccountId) -> Promise {
        let amount = self.take_owed(&account_id).unwrap_or_else(|| env::panic_str(ERR_NO_REFUND));
        require!(self.spendable() >= amount, ERR_REFUND_NOT_FUNDED);
        RouterEvent::Refunded { account: &account_id, amount: U128(amount), reason: "owed refund released" }.emit();
        self.tracked_transfer(account_id, amount)
    }

    /// The outcome of a payout's transfer. If it failed (the account does not exist), the NEAR
    /// came back to the router and is recorded as owed to `account_id` again. Private; never
    /// panics. Returns whether the NEAR was delivered.
    #[private]
    pub fn on_refund_released(
        &mut self,
        #[serializer(borsh)] account_id: AccountId,
        #[serializer(borsh)] amount: U128,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> bool {
        if matches!(result, Err(PromiseError::Failed)) {
            self.owe(&account_id, amount.0, "transfer bounced");
            false
        } else {
            true
        }
    }
}

impl Router {
    /// NEAR the router can spend now: its balance less the storage it must keep, the reserves
    /// of liquid legs still settling (`reserves.rs`) and the refunds it already owes.
    pub(crate) fn spendable(&self) -> u128 {
        let storage = payout::storage_cost(env::storage_usage(), env::storage_byte_cost().as_yoctonear());
        payout::spendable(env::account_balance().as_yoctonear(), storage, crate::reserves::in_flight(), self.owed_total)
    }

    /// Sends `amount` to `account` if the router can fund it now, otherwise records it as owed.
    /// Either way a `refunded` or `refund_owed` event says which.
    pub(crate) fn pay_or_owe(&mut self, account: &AccountId, amount: u128, reason: &str) {
        if amount == 0 {
            return;
        }
        if self.spendable() >= amount {
            RouterEvent::Refunded { account, amount: U128(amount), reason }.emit();
            self.tracked_transfer(account.clone(), amount).detach();
        } else {
            self.owe(account, amount, reason);
        }
    }

    /// `amount` to `account`, then `on_refund_released` with `PAYOUT_CALLBACK` gas (no share
    /// of unused gas: the paying method keeps its margin).
    pub(crate) fn tracked_transfer(&self, account: AccountId, amount: u128) -> Promise {
        Promise::new(account.clone()).transfer(NearToken::from_yoctonear(amount)).then(
            Self::ext(env::current_account_id())
                .with_static_gas(Gas::from_gas(PAYOUT_CALLBACK))
                .with_unused_gas_weight(0)
                .on_refund_released(account, U128(amount)),
        )
    }

    /// Adds `amount` to what the router owes `account` (`refund_owed`).
    fn owe(&mut self, account: &AccountId, amount: u128, reason: &str) {
        self.record_owed(account, amount);
        RouterEvent::RefundOwed { account, amount: U128(amount), reason }.emit();
    }
}

impl OwedBook for Router {
    fn owed(&self, account: &AccountId) -> Option<u128> {
        self.owed_refunds.get(account).copied()
    }

    fn set_owed(&mut self, account: &AccountId, amount: Option<u128>) {
        match amount {
            Some(amount) => self.owed_refunds.insert(account.clone(), amount),
            None => self.owed_refunds.remove(account),
        };
    }

    fn owed_total(&self) -> u128 {
        self.owed_total
    }

    fn set_owed_total(&mut self, total: u128) {
        self.owed_total = total;
    }
}

/// What one settling callback sends back, summed per account so that it makes one payout per
/// account (in practice one: every part of a deposit has the same depositor).
#[derive(Default)]
pub(crate) struct Refunds(Vec<(AccountId, u128, &'static str)>);

impl Refunds {
    /// Adds `amount` for `account`; the first reason given for an account names the payout.
    pub(crate) fn add(&mut self, account: &AccountId, amount: u128, reason: &'static str) {
        if amount == 0 {
            return;
        }
        match self.0.iter_mut().find(|(a, ..)| a == account) {
            // Parts of one deposit: their sum fits; saturating in a callback.
            Some(entry) => entry.1 = entry.1.saturating_add(amount),
            None => self.0.push((account.clone(), amount, reason)),
        }
    }

    /// Pays (or records as owed) every sum.
    pub(crate) fn pay(self, router: &mut Router) {
        for (account, amount, reason) in self.0 {
            router.pay_or_owe(&account, amount, reason);
        }
    }
}
