//! NEP-141 (core + resolver), NEP-145 (storage management) and NEP-148 (metadata), all
//! delegated to near-contract-standards' `FungibleToken` with the standard's behaviour and
//! messages, as w-near does (`impl_fungible_token_core!`, `impl_fungible_token_storage!`).

use near_contract_standards::fungible_token::events::FtBurn;
use near_contract_standards::fungible_token::metadata::{
    FungibleTokenMetadata, FungibleTokenMetadataProvider, FT_METADATA_SPEC,
};
use near_contract_standards::fungible_token::{FungibleTokenCore, FungibleTokenResolver};
use near_contract_standards::storage_management::{StorageBalance, StorageBalanceBounds, StorageManagement};
use near_sdk::json_types::U128;
use near_sdk::{env, near, AccountId, NearToken, PromiseOrValue};

use crate::{MockWnear, MockWnearExt};

#[near]
impl FungibleTokenCore for MockWnear {
    /// NEP-141 transfer (exactly 1 yoctoNEAR attached; the receiver must be registered).
    #[payable]
    fn ft_transfer(&mut self, receiver_id: AccountId, amount: U128, memo: Option<String>) {
        self.ft.ft_transfer(receiver_id, amount, memo)
    }

    /// NEP-141 transfer-and-call (exactly 1 yoctoNEAR attached), resolved by
    /// `ft_resolve_transfer`.
    #[payable]
    fn ft_transfer_call(
        &mut self,
        receiver_id: AccountId,
        amount: U128,
        memo: Option<String>,
        msg: String,
    ) -> PromiseOrValue<U128> {
        self.ft.ft_transfer_call(receiver_id, amount, memo, msg)
    }

    /// Total token supply.
    fn ft_total_supply(&self) -> U128 {
        self.ft.ft_total_supply()
    }

    /// Token balance of `account_id` (0 when unregistered).
    fn ft_balance_of(&self, account_id: AccountId) -> U128 {
        self.ft.ft_balance_of(account_id)
    }
}

#[near]
impl FungibleTokenResolver for MockWnear {
    /// Callback of `ft_transfer_call`: refunds the unused amount; returns the used amount.
    #[private]
    fn ft_resolve_transfer(&mut self, sender_id: AccountId, receiver_id: AccountId, amount: U128) -> U128 {
        let (used, burned) = self.ft.internal_ft_resolve_transfer(&sender_id, receiver_id, amount);
        if burned > 0 {
            env::log_str(&format!("Account @{sender_id} burned {burned}"));
        }
        U128(used)
    }
}

#[near]
impl StorageManagement for MockWnear {
    /// NEP-145 registration; the standard's fixed storage cost, excess refunded.
    #[payable]
    fn storage_deposit(&mut self, account_id: Option<AccountId>, registration_only: Option<bool>) -> StorageBalance {
        self.ft.storage_deposit(account_id, registration_only)
    }

    /// NEP-145 withdraw (exactly 1 yoctoNEAR attached); nothing is ever withdrawable.
    #[payable]
    fn storage_withdraw(&mut self, amount: Option<NearToken>) -> StorageBalance {
        self.ft.storage_withdraw(amount)
    }

    /// NEP-145 unregister (exactly 1 yoctoNEAR attached). With `force`, a positive balance
    /// is burned (an NEP-141 `ft_burn` event is emitted).
    #[payable]
    fn storage_unregister(&mut self, force: Option<bool>) -> bool {
        match self.ft.internal_storage_unregister(force) {
            Some((account_id, balance)) => {
                if balance > 0 {
                    FtBurn { owner_id: &account_id, amount: U128(balance), memo: Some("unregister") }.emit();
                }
                true
            }
            None => false,
        }
    }

    /// NEP-145 bounds (min == max == storage cost of one account).
    fn storage_balance_bounds(&self) -> StorageBalanceBounds {
        self.ft.storage_balance_bounds()
    }

    /// NEP-145 storage balance of `account_id`, `None` when unregistered.
    fn storage_balance_of(&self, account_id: AccountId) -> Option<StorageBalance> {
        self.ft.storage_balance_of(account_id)
    }
}

#[near]
impl FungibleTokenMetadataProvider for MockWnear {
    /// NEP-148 metadata: "Wrapped NEAR fungible token" (`wNEAR`), w-near's, 24 decimals.
    fn ft_metadata(&self) -> FungibleTokenMetadata {
        FungibleTokenMetadata {
            spec: FT_METADATA_SPEC.to_string(),
            name: "Wrapped NEAR fungible token".to_string(),
            symbol: "wNEAR".to_string(),
            icon: None,
            reference: None,
            reference_hash: None,
            decimals: 24,
        }
    }
}
