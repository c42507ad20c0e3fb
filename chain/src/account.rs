//! Accounts: balance, locked balance, code, access keys and storage usage, counted as nearcore
//! counts them (`runtime/runtime/src/actions.rs`, `global_contracts.rs`, `verifier.rs`).

use near_crypto::PublicKey;
use near_parameters::RuntimeConfig;
use near_primitives_core::account::{AccessKey, AccessKeyPermission, AccountContract};
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance};
use std::sync::Arc;

/// Accounts whose storage usage is at most this many bytes need no balance for storage
/// (NEP-448 zero-balance accounts; nearcore's `ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT`).
pub const ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT: u64 = 770;

/// Most storage (without code) an account may use and still be deleted
/// (nearcore's `Account::MAX_ACCOUNT_DELETION_STORAGE_USAGE`).
pub const MAX_ACCOUNT_DELETION_STORAGE_USAGE: u64 = 10_000;

/// The code an account runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContractRef {
    /// No code.
    None,
    /// Its own code, by the code's sha256; counted in its storage usage.
    Local(CryptoHash),
    /// A global contract, by hash (NEP-591); 32 bytes of storage.
    Global(CryptoHash),
}

impl ContractRef {
    /// The code hash, if the account runs any code.
    pub fn code_hash(&self) -> Option<CryptoHash> {
        match self {
            ContractRef::None => None,
            ContractRef::Local(hash) | ContractRef::Global(hash) => Some(*hash),
        }
    }

    /// The VM's view of it.
    pub(crate) fn to_vm(&self) -> AccountContract {
        match self {
            ContractRef::None => AccountContract::None,
            ContractRef::Local(hash) => AccountContract::Local(*hash),
            ContractRef::Global(hash) => AccountContract::Global(*hash),
        }
    }
}

/// Account records by id; a record is shared until it changes. Ids and records are behind
/// `Arc`s so that copying a node of the map for a new block copies pointers only.
pub(crate) type Accounts = imbl::OrdMap<Arc<AccountId>, Arc<Account>>;

/// One account's record. Contract data lives beside it in the chain state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Liquid balance.
    pub balance: Balance,
    /// Balance locked by `Stake`.
    pub locked: Balance,
    /// The code it runs.
    pub contract: ContractRef,
    /// Bytes of state it pays storage for.
    pub storage_usage: u64,
    /// Its access keys (no signatures are checked; kept for storage accounting). A persistent
    /// map, so a record copied for a new block shares them until they change.
    pub access_keys: imbl::OrdMap<PublicKey, AccessKey>,
}

impl Account {
    /// A fresh account as `CreateAccount` makes it: no balance, no keys, no code, and the
    /// account record's own bytes (`num_bytes_account`, 100).
    pub fn new_empty(config: &RuntimeConfig) -> Self {
        Account {
            balance: Balance::ZERO,
            locked: Balance::ZERO,
            contract: ContractRef::None,
            storage_usage: config.fees.storage_usage_config.num_bytes_account,
            access_keys: imbl::OrdMap::new(),
        }
    }

    /// Adds `key` and its storage (`borsh(pk) + borsh(key) + 40`); false if it already exists.
    pub fn add_key(&mut self, config: &RuntimeConfig, pk: PublicKey, key: AccessKey) -> bool {
        if self.access_keys.contains_key(&pk) {
            return false;
        }
        self.storage_usage += key_storage(config, &pk, &key);
        self.access_keys.insert(pk, key);
        true
    }

    /// Removes `pk` and its storage; false if it was not there.
    pub fn remove_key(&mut self, config: &RuntimeConfig, pk: &PublicKey) -> bool {
        match self.access_keys.remove(pk) {
            Some(key) => {
                self.storage_usage = self.storage_usage.saturating_sub(key_storage(config, pk, &key));
                true
            }
            None => false,
        }
    }

    /// Total balance, liquid plus locked.
    pub fn total(&self) -> Balance {
        self.balance.saturating_add(self.locked)
    }
}

/// Storage bytes of one access key record.
pub fn key_storage(config: &RuntimeConfig, pk: &PublicKey, key: &AccessKey) -> u64 {
    (borsh::object_length(pk).expect("borsh length") + borsh::object_length(key).expect("borsh length")) as u64
        + config.fees.storage_usage_config.num_extra_bytes_record
}

/// Storage bytes of one contract data record.
pub fn data_storage(config: &RuntimeConfig, key: &[u8], value: &[u8]) -> u64 {
    (key.len() + value.len()) as u64 + config.fees.storage_usage_config.num_extra_bytes_record
}

/// A full-access key with nonce 0.
pub fn full_access_key() -> AccessKey {
    AccessKey { nonce: 0, permission: AccessKeyPermission::FullAccess }
}

/// How much more balance `account` needs for its storage, or `None` if it has enough
/// (nearcore's `check_storage_stake`: balance + locked must cover
/// `storage_usage * storage_amount_per_byte`, unless it is a zero-balance account).
pub fn storage_shortfall(config: &RuntimeConfig, account: &Account) -> Option<Balance> {
    let per_byte = config.fees.storage_usage_config.storage_amount_per_byte;
    let required = per_byte.saturating_mul(u128::from(account.storage_usage));
    let available = account.total();
    if available >= required || account.storage_usage <= ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT {
        None
    } else {
        Some(required.saturating_sub(available))
    }
}
