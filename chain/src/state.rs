//! The chain's state: accounts, contract data, code, the validator sets and the clock.

use crate::account::{Account, ContractRef};
use crate::epoch::Epochs;
use crate::storage::ContractData;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance};
use near_vm_runner::ContractCode;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Where the chain is in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockInfo {
    /// Current block height.
    pub height: u64,
    /// Current block timestamp, nanoseconds since the Unix epoch.
    pub timestamp_ns: u64,
    /// Current epoch height.
    pub epoch_height: u64,
}

/// All state the receipts read and write.
#[derive(Default)]
pub(crate) struct State {
    pub accounts: BTreeMap<AccountId, Account>,
    pub data: HashMap<AccountId, ContractData>,
    /// Accounts' own code, by hash.
    pub codes: HashMap<CryptoHash, Arc<ContractCode>>,
    /// Global contracts, by hash.
    pub globals: HashMap<CryptoHash, Arc<ContractCode>>,
    /// Validator sets by epoch, proposals, uptime settings.
    pub epochs: Epochs,
    /// Every `Stake` action that succeeded: (account, stake), in order.
    pub stake_proposals: Vec<(AccountId, Balance)>,
}

impl State {
    /// The code `contract` refers to, if present.
    pub fn code(&self, contract: &ContractRef) -> Option<Arc<ContractCode>> {
        match contract {
            ContractRef::None => None,
            ContractRef::Local(hash) => self.codes.get(hash).cloned(),
            ContractRef::Global(hash) => self.globals.get(hash).cloned(),
        }
    }

    /// Stores `code` under its hash and returns the hash.
    pub fn store_code(&mut self, code: &[u8]) -> CryptoHash {
        let code = ContractCode::new(code.to_vec(), None);
        let hash = *code.hash();
        self.codes.entry(hash).or_insert_with(|| Arc::new(code));
        hash
    }

    /// Publishes `code` as a global contract and returns its hash.
    pub fn store_global(&mut self, code: &[u8]) -> CryptoHash {
        let code = ContractCode::new(code.to_vec(), None);
        let hash = *code.hash();
        self.globals.entry(hash).or_insert_with(|| Arc::new(code));
        hash
    }
}
