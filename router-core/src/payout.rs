//! Tracked payouts: the pure part both contracts share.
//!
//! **Vocabulary** (docs and code of both contracts):
//! - a *payout* is any NEAR transfer a contract makes (a refund, an unused reserve, the deposit
//!   fee, an owner's withdrawal): the transfer, then a private callback that learns whether it
//!   arrived (`on_refund_released` on the router, `on_payout` on the proxy);
//! - NEAR is *owed* to an account when a payout could not be funded at that moment, or
//!   bounced (the account did not exist); anyone's `release_refund(account)` pays it later.
//!
//! The events keep their published names: the router emits `refunded` / `refund_owed`, the
//! proxy `payout_delivered` / `payout_bounced`.
//!
//! What lives here: the owed ledger's arithmetic ([`OwedBook`]: record, take for release,
//! totals that saturate), what a contract may spend ([`spendable`]) and the callback's gas
//! ([`PAYOUT_CALLBACK`], [`GasSchedule::payout`](crate::GasSchedule::payout)). Each contract
//! keeps only its near-sdk glue: the promise, the `#[private]` callback (which never panics)
//! and its storage.

use crate::AccountId;

pub use crate::gas::PAYOUT_CALLBACK;

/// NEAR owed per account and its total, as a contract stores them. A contract implements the
/// four accessors over its storage; the provided methods are the one arithmetic both use.
pub trait OwedBook {
    /// What is owed to `account` (`None`: nothing recorded).
    fn owed(&self, account: &AccountId) -> Option<u128>;
    /// Records `amount` as owed to `account`, or with `None` removes the record.
    fn set_owed(&mut self, account: &AccountId, amount: Option<u128>);
    /// The sum of every record.
    fn owed_total(&self) -> u128;
    /// Sets the sum of every record.
    fn set_owed_total(&mut self, total: u128);

    /// Adds `amount` to what is owed to `account` and to the total (saturating).
    fn record_owed(&mut self, account: &AccountId, amount: u128) {
        let owed = self.owed(account).unwrap_or(0).saturating_add(amount);
        self.set_owed(account, Some(owed));
        let total = self.owed_total().saturating_add(amount);
        self.set_owed_total(total);
    }

    /// Removes what is owed to `account` for a release and returns it (`None`: nothing owed).
    /// If the release's transfer bounces, its callback records it again ([`Self::record_owed`]).
    fn take_owed(&mut self, account: &AccountId) -> Option<u128> {
        let amount = self.owed(account)?;
        self.set_owed(account, None);
        let total = self.owed_total().saturating_sub(amount);
        self.set_owed_total(total);
        Some(amount)
    }
}

/// yoctoNEAR locked for `bytes` of storage at `byte_cost` (saturating).
pub fn storage_cost(bytes: u64, byte_cost: u128) -> u128 {
    u128::from(bytes).saturating_mul(byte_cost)
}

/// What a contract may pay out now: its `balance` less its storage cost, the NEAR it `held` for
/// something else (the proxy's moves) and what it already `owed` (each saturating at 0).
pub fn spendable(balance: u128, storage: u128, held: u128, owed: u128) -> u128 {
    balance.saturating_sub(storage).saturating_sub(held).saturating_sub(owed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct Book(BTreeMap<AccountId, u128>, u128);

    impl OwedBook for Book {
        fn owed(&self, account: &AccountId) -> Option<u128> {
            self.0.get(account).copied()
        }
        fn set_owed(&mut self, account: &AccountId, amount: Option<u128>) {
            match amount {
                Some(a) => self.0.insert(account.clone(), a),
                None => self.0.remove(account),
            };
        }
        fn owed_total(&self) -> u128 {
            self.1
        }
        fn set_owed_total(&mut self, total: u128) {
            self.1 = total;
        }
    }

    #[test]
    fn record_take_and_record_again_keep_the_total() {
        let (a, b): (AccountId, AccountId) = ("a.near".parse().unwrap(), "b.near".parse().unwrap());
        let mut book = Book::default();
        book.record_owed(&a, 5);
        book.record_owed(&a, 2);
        book.record_owed(&b, 1);
        assert_eq!((book.owed(&a), book.owed_total()), (Some(7), 8));
        assert_eq!(book.take_owed(&a), Some(7));
        assert_eq!((book.owed(&a), book.owed_total()), (None, 1));
        assert_eq!(book.take_owed(&a), None, "nothing owed");
        book.record_owed(&a, 7); // the release bounced
        assert_eq!(book.owed_total(), 8);
        book.record_owed(&b, u128::MAX);
        assert_eq!((book.owed(&b), book.owed_total()), (Some(u128::MAX), u128::MAX), "saturates");
    }

    #[test]
    fn spendable_saturates_at_zero() {
        assert_eq!(spendable(100, 10, 20, 30), 40);
        assert_eq!(spendable(100, 10, 0, 95), 0);
        assert_eq!(spendable(5, 10, 0, 0), 0);
        assert_eq!(storage_cost(u64::MAX, u128::MAX), u128::MAX);
        assert_eq!(storage_cost(3, 10), 30);
    }
}
