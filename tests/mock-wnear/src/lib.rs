//! Mock wrapped NEAR in the shape of wrap.near (near/core-contracts `w-near/src/lib.rs`,
//! `w-near/src/w_near.rs`): `near_deposit` mints wNEAR one for one against attached NEAR,
//! `near_withdraw` burns it and sends the NEAR back; the token is near-contract-standards'
//! NEP-141 / NEP-145 `FungibleToken`, as in w-near. See `tests/MOCKS.md`.
//!
//! Files: `lib.rs` (state, init, wrap and unwrap), `token.rs` (NEP-141 / NEP-145 / NEP-148).

use near_contract_standards::fungible_token::FungibleToken;
use near_contract_standards::storage_management::StorageManagement;
use near_sdk::json_types::U128;
use near_sdk::{assert_one_yocto, env, near, require, BorshStorageKey, NearToken, PanicOnDefault, Promise};

mod token;

#[cfg(test)]
mod tests;

/// w-near's message for a `near_deposit` without NEAR.
pub const ERR_NO_DEPOSIT: &str = "Requires positive attached deposit";

/// w-near's message when an unregistered account deposits less than the registration.
pub const ERR_DEPOSIT_TOO_SMALL: &str = "ERR_DEPOSIT_TOO_SMALL";

/// Storage prefixes of the contract's collections.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// Token balances of `FungibleToken`.
    Accounts,
}

/// Contract state of the mock wNEAR.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockWnear {
    /// NEP-141 balances, total supply and NEP-145 registrations.
    pub(crate) ft: FungibleToken,
}

#[near]
impl MockWnear {
    /// Initializes the token (w-near's `new()`, no arguments).
    #[init]
    pub fn new() -> Self {
        Self { ft: FungibleToken::new(StorageKey::Accounts) }
    }

    /// Mints wNEAR for the attached NEAR to the predecessor. An unregistered predecessor is
    /// registered first, the registration (`storage_balance_bounds().min`) taken out of the
    /// deposit ("ERR_DEPOSIT_TOO_SMALL" below it). "Requires positive attached deposit" for 0.
    #[payable]
    pub fn near_deposit(&mut self) {
        let mut amount = env::attached_deposit().as_yoctonear();
        require!(amount > 0, ERR_NO_DEPOSIT);
        let account_id = env::predecessor_account_id();
        if !self.ft.accounts.contains_key(&account_id) {
            let registration = self.ft.storage_balance_bounds().min.as_yoctonear();
            require!(amount >= registration, ERR_DEPOSIT_TOO_SMALL);
            self.ft.internal_register_account(&account_id);
            amount -= registration;
        }
        self.ft.internal_deposit(&account_id, amount);
        env::log_str(&format!("Deposit {amount} NEAR to {account_id}"));
    }

    /// Burns `amount` wNEAR of the predecessor and transfers `amount` NEAR plus the attached
    /// yoctoNEAR back (exactly 1 yoctoNEAR must be attached). The standard's messages when
    /// unregistered or short.
    #[payable]
    pub fn near_withdraw(&mut self, amount: U128) -> Promise {
        assert_one_yocto();
        let account_id = env::predecessor_account_id();
        self.ft.internal_withdraw(&account_id, amount.0);
        env::log_str(&format!("Withdraw {} yoctoNEAR from {account_id}", amount.0));
        Promise::new(account_id).transfer(NearToken::from_yoctonear(amount.0 + 1))
    }

    /// w-near's legacy view: the registration deposit.
    pub fn storage_minimum_balance(&self) -> U128 {
        U128(self.ft.storage_balance_bounds().min.as_yoctonear())
    }
}
