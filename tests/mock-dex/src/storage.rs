//! NEP-145 registration (`ref-exchange/src/storage_impl.rs`, `account_deposit.rs`): an
//! account pays for its storage at Ref's sizes, 102 bytes to register and 84 more per token
//! it holds a deposit of.

use near_contract_standards::storage_management::{StorageBalance, StorageBalanceBounds, StorageManagement};
use near_sdk::{assert_one_yocto, env, near, require, AccountId, NearToken, Promise};

use crate::errors::*;
use crate::{DexAccount, MockDex, MockDexExt};

/// Ref's `INIT_ACCOUNT_STORAGE`: bytes a registered account takes.
pub const INIT_ACCOUNT_STORAGE: u64 = 102;
/// Bytes each deposited token adds (Ref's `ACC_ID_AS_KEY_STORAGE + U128_STORAGE`).
pub const TOKEN_STORAGE: u64 = 84;

impl DexAccount {
    /// NEAR this account's storage needs (Ref's `storage_usage`).
    pub fn storage_needed(&self) -> u128 {
        let bytes = INIT_ACCOUNT_STORAGE + TOKEN_STORAGE * self.tokens.len() as u64;
        u128::from(bytes) * env::storage_byte_cost().as_yoctonear()
    }

    /// Its storage deposit above what its storage needs.
    pub fn storage_available(&self) -> u128 {
        self.near_amount.saturating_sub(self.storage_needed())
    }
}

fn balance_of(account: &DexAccount) -> StorageBalance {
    StorageBalance {
        total: NearToken::from_yoctonear(account.near_amount),
        available: NearToken::from_yoctonear(account.storage_available()),
    }
}

#[near]
impl StorageManagement for MockDex {
    /// Registers `account_id` (default: the caller) or adds to its storage deposit. A new
    /// account must attach at least the minimum ("E17: deposit less than min storage");
    /// `registration_only` keeps the minimum and refunds the rest (all of it when already
    /// registered).
    #[payable]
    fn storage_deposit(&mut self, account_id: Option<AccountId>, registration_only: Option<bool>) -> StorageBalance {
        let amount = env::attached_deposit().as_yoctonear();
        let account_id = account_id.unwrap_or_else(env::predecessor_account_id);
        let min = self.storage_balance_bounds().min.as_yoctonear();
        let existing = self.accounts.get(&account_id).cloned();
        require!(amount >= min || existing.is_some(), ERR17_DEPOSIT_LESS_THAN_MIN_STORAGE);
        let mut account = existing.clone().unwrap_or_default();
        let refund = if registration_only.unwrap_or(false) {
            if existing.is_some() {
                env::log_str("ERR_ACC_REGISTERED");
                amount
            } else {
                account.near_amount = min;
                amount - min
            }
        } else {
            account.near_amount += amount;
            0
        };
        if refund > 0 {
            Promise::new(env::predecessor_account_id()).transfer(NearToken::from_yoctonear(refund)).detach();
        }
        self.accounts.insert(account_id, account.clone());
        balance_of(&account)
    }

    /// Withdraws `amount` (all that is available when `None` or 0) of the caller's storage
    /// deposit above its needs ("E15: no storage can withdraw", "E16: storage withdraw too
    /// much"). Exactly 1 yoctoNEAR attached.
    #[payable]
    fn storage_withdraw(&mut self, amount: Option<NearToken>) -> StorageBalance {
        assert_one_yocto();
        let account_id = env::predecessor_account_id();
        let mut account =
            self.accounts.get(&account_id).cloned().unwrap_or_else(|| env::panic_str(ERR10_ACC_NOT_REGISTERED));
        let available = account.storage_available();
        require!(available > 0, "E15: no storage can withdraw");
        let amount = amount.map(|a| a.as_yoctonear()).filter(|a| *a > 0).unwrap_or(available);
        require!(amount <= available, "E16: storage withdraw too much");
        account.near_amount -= amount;
        self.accounts.insert(account_id.clone(), account.clone());
        Promise::new(account_id).transfer(NearToken::from_yoctonear(amount)).detach();
        balance_of(&account)
    }

    /// Unregisters the caller, refunding its storage deposit; refused while it holds deposits
    /// ("E18: storage unregister tokens not empty"). `force` is ignored, as by Ref.
    #[payable]
    fn storage_unregister(&mut self, force: Option<bool>) -> bool {
        let _ = force;
        assert_one_yocto();
        let account_id = env::predecessor_account_id();
        match self.accounts.get(&account_id).cloned() {
            Some(account) => {
                require!(account.tokens.is_empty(), "E18: storage unregister tokens not empty");
                self.accounts.remove(&account_id);
                Promise::new(account_id).transfer(NearToken::from_yoctonear(account.near_amount)).detach();
                true
            }
            None => false,
        }
    }

    /// Ref's bounds: the minimum is 102 bytes of storage, no maximum.
    fn storage_balance_bounds(&self) -> StorageBalanceBounds {
        let min = u128::from(INIT_ACCOUNT_STORAGE) * env::storage_byte_cost().as_yoctonear();
        StorageBalanceBounds { min: NearToken::from_yoctonear(min), max: None }
    }

    /// The storage deposit of `account_id` and what of it is available.
    fn storage_balance_of(&self, account_id: AccountId) -> Option<StorageBalance> {
        self.accounts.get(&account_id).map(balance_of)
    }
}
