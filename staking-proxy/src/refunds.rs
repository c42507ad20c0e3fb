//! Payouts: refunds of legs a pool refused, the owner's withdrawals, and NEAR owed: the
//! proxy's near-sdk glue around `router_core::payout` (the vocabulary, the owed ledger's
//! arithmetic and the spendable balance, shared with the router).
//!
//! Every transfer the proxy makes is a *tracked payout* ([`StakingProxy::pay_or_owe`]): the
//! transfer, then `on_payout`, which records the amount as owed again if the transfer bounced
//! (the account was deleted meanwhile). Without the callback the NEAR would be back on the
//! proxy with no record of whose it is. The owner (or a depositor) can recreate the account
//! and anyone may then call `release_refund` for it.
//!
//! A refused `deposit_and_stake` sends the attached NEAR back to the proxy in a refund
//! receipt, which may be processed before or after the leg's callback. The callback pays the
//! depositor at once when the proxy's free balance already covers the amount; otherwise the
//! amount is recorded as owed and anyone may later call `release_refund` to pay it. A
//! withdrawal the owner made (`withdraw.rs`) is settled the same way.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, Gas, NearToken, Promise, PromiseError};
use router_core::gas::TGAS;
use router_core::payout::{self, OwedBook, PAYOUT_CALLBACK};

use crate::errors::*;
use crate::events::ProxyEvent;
use crate::{StakingProxy, StakingProxyExt};

/// The least prepaid gas `release_refund` accepts (its own work, the transfer, the callback).
pub const RELEASE_REFUND_GAS: u64 = 15 * TGAS;

/// yoctoNEAR on the proxy beyond its storage: what a refund can be paid from. The storage
/// counted is the larger of what the proxy uses and what its creation prepaid
/// (`PROXY_STORAGE_BYTES`), so the prepaid room for its records is never paid out: a callback
/// can always write the record it must write.
pub fn free_balance() -> u128 {
    let bytes = env::storage_usage().max(router_core::costs::PROXY_STORAGE_BYTES);
    let storage = payout::storage_cost(bytes, env::storage_byte_cost().as_yoctonear());
    payout::spendable(env::account_balance().as_yoctonear(), storage, 0, 0)
}

#[near]
impl StakingProxy {
    /// Pays the refund owed to `account_id` (anyone may call; the NEAR only ever goes to
    /// `account_id`). Panics if nothing is owed or if the pool's refund has not reached the
    /// proxy yet. The record is removed before the transfer and restored by `on_payout` if
    /// the transfer bounces, so a refund is never paid twice. NEAR held for a move
    /// (`PendingMove::idle`) is never used to pay it. The returned promise resolves to `true`
    /// when the NEAR was delivered.
    pub fn release_refund(&mut self, account_id: AccountId) -> Promise {
        require!(env::prepaid_gas().as_gas() >= RELEASE_REFUND_GAS, ERR_RELEASE_GAS);
        let owed = self.owed(&account_id);
        require!(owed.is_some(), ERR_NO_OWED_REFUND);
        let amount = owed.unwrap_or(0);
        // Paid only from NEAR beyond every other claim (what others are owed, moves' NEAR,
        // legs in flight): never from another account's refund.
        let held = self.idle_total().saturating_add(self.in_flight_total());
        let others = self.owed_total.saturating_sub(amount);
        require!(payout::spendable(free_balance(), 0, held, others) >= amount, ERR_REFUND_NOT_ARRIVED);
        self.take_owed(&account_id);
        tracked_transfer(account_id, amount)
    }

    /// Pays the owner everything the proxy holds beyond every claim on it (owner only,
    /// exactly 1 yoctoNEAR): NEAR a pool reported paying out for a `withdraw` that reached the
    /// proxy after its callback (`owner_payout_held` said how much). Returns the promise of
    /// the payout (`true` once delivered); panics if there is nothing to collect.
    #[payable]
    pub fn collect(&mut self) -> Promise {
        self.assert_owner_one_yocto();
        require!(env::prepaid_gas().as_gas() >= RELEASE_REFUND_GAS, ERR_RELEASE_GAS);
        let amount = self.unclaimed();
        require!(amount > 0, ERR_NOTHING_TO_COLLECT);
        tracked_transfer(self.owner_id.clone(), amount)
    }

    /// The outcome of a payout's transfer (private; never panics). Delivered:
    /// `payout_delivered`. Failed (the account does not exist): the NEAR came back to the
    /// proxy and is owed to `account_id` again (`payout_bounced`). Returns whether the NEAR
    /// was delivered.
    #[private]
    pub fn on_payout(
        &mut self,
        #[serializer(borsh)] account_id: AccountId,
        #[serializer(borsh)] amount: U128,
        #[callback_result(max_bytes = 0)] result: Result<(), PromiseError>,
    ) -> bool {
        let proxy = env::current_account_id();
        if matches!(result, Err(PromiseError::Failed)) {
            self.owe(&account_id, amount.0);
            ProxyEvent::PayoutBounced { proxy: &proxy, account_id: &account_id, amount }.emit();
            false
        } else {
            ProxyEvent::PayoutDelivered { proxy: &proxy, account_id: &account_id, amount }.emit();
            true
        }
    }
}

impl StakingProxy {
    /// Sends `amount` to `account_id` as a tracked payout if the proxy holds it beyond what it
    /// already owes and holds for moves (returns `true`), otherwise records it as owed
    /// (`false`). Never panics. The caller must have `GasSchedule::payout` gas to spare.
    pub(crate) fn pay_or_owe(&mut self, account_id: &AccountId, amount: u128) -> bool {
        if amount == 0 {
            return true;
        }
        if self.unclaimed() >= amount {
            tracked_transfer(account_id.clone(), amount).detach();
            true
        } else {
            self.owe(account_id, amount);
            false
        }
    }

    /// Pays the owner `reported` yoctoNEAR a pool says it sent (a withdrawal, a move's NEAR
    /// after a cancel) as a tracked payout, but never more than the proxy holds beyond every
    /// claim on it ([`StakingProxy::unclaimed`]): a pool's word is not NEAR. What is short
    /// stays with the proxy for `collect` once it arrives (`owner_payout_held`); nothing is
    /// recorded as owed, so no debt exists without the NEAR behind it. Returns what was paid.
    pub(crate) fn pay_owner(&mut self, reported: u128) -> u128 {
        let paid = reported.min(self.unclaimed());
        let owner_id = self.owner_id.clone();
        if paid > 0 {
            tracked_transfer(owner_id.clone(), paid).detach();
        }
        if paid < reported {
            let proxy = env::current_account_id();
            let (reported, paid) = (U128(reported), U128(paid));
            ProxyEvent::OwnerPayoutHeld { proxy: &proxy, owner_id: &owner_id, reported, paid }.emit();
        }
        paid
    }

    /// Adds `amount` to what the proxy owes `account_id`.
    pub(crate) fn owe(&mut self, account_id: &AccountId, amount: u128) {
        self.record_owed(account_id, amount);
    }
}

/// `amount` to `account_id`, then `on_payout` with `PAYOUT_CALLBACK` gas (no share of unused
/// gas: the paying method keeps its margin).
fn tracked_transfer(account_id: AccountId, amount: u128) -> Promise {
    Promise::new(account_id.clone()).transfer(NearToken::from_yoctonear(amount)).then(
        StakingProxy::ext(env::current_account_id())
            .with_static_gas(Gas::from_gas(PAYOUT_CALLBACK))
            .with_unused_gas_weight(0)
            .on_payout(account_id, U128(amount)),
    )
}

impl OwedBook for StakingProxy {
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
