//! The chain's state: accounts, contract data, code, the validator sets and the clock. The
//! parts a past block's state needs (accounts, data, global contracts, epochs) are persistent
//! maps or shared pointers, so [`State::version`] is an O(1) clone that shares every unchanged
//! node with the head (`history.rs` keeps them).

use crate::account::{Account, Accounts, ContractRef};
use crate::epoch::Epochs;
use crate::storage::ContractData;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance};
use near_vm_runner::ContractCode;
use std::collections::HashMap;
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

/// Contract storage by account.
pub(crate) type DataMap = imbl::OrdMap<Arc<AccountId>, ContractData>;
/// Global contracts by hash.
pub(crate) type Globals = imbl::OrdMap<CryptoHash, Arc<ContractCode>>;

/// All state the receipts read and write.
#[derive(Default)]
pub(crate) struct State {
    pub accounts: Accounts,
    pub data: DataMap,
    /// Accounts' own code, by hash (content-addressed, never removed: shared by every block).
    pub codes: HashMap<CryptoHash, Arc<ContractCode>>,
    /// Global contracts, by hash.
    pub globals: Globals,
    /// Validator sets by epoch, proposals, uptime settings.
    pub epochs: Arc<Epochs>,
    /// Every `Stake` action that succeeded: (account, stake), in order.
    pub stake_proposals: Vec<(AccountId, Balance)>,
}

/// The state at the end of one block: what a view of that block reads.
#[derive(Clone)]
pub(crate) struct Version {
    pub block: BlockInfo,
    /// The block before it, if known.
    pub prev: Option<u64>,
    pub accounts: Accounts,
    pub data: DataMap,
    pub globals: Globals,
    pub epochs: Arc<Epochs>,
}

impl State {
    /// The code `contract` refers to, if present.
    pub fn code(&self, contract: &ContractRef) -> Option<Arc<ContractCode>> {
        code_of(&self.codes, &self.globals, contract)
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

    /// `id`'s record, to change (copied first if a past block still shares it).
    pub fn account_mut(&mut self, id: &AccountId) -> Option<&mut Account> {
        self.accounts.get_mut(id).map(Arc::make_mut)
    }

    /// Stores `account` as `id`'s record.
    pub fn put_account(&mut self, id: AccountId, account: Account) {
        match self.accounts.get_mut(&id) {
            Some(record) => *record = Arc::new(account),
            None => {
                self.accounts.insert(Arc::new(id), Arc::new(account));
            }
        }
    }

    /// The epochs, to change (copied first if a past block still shares them).
    pub fn epochs_mut(&mut self) -> &mut Epochs {
        Arc::make_mut(&mut self.epochs)
    }

    /// The state a view of the block `block` reads: O(1), shared with the head.
    pub fn version(&self, block: BlockInfo, prev: Option<u64>) -> Version {
        Version {
            block,
            prev,
            accounts: self.accounts.clone(),
            data: self.data.clone(),
            globals: self.globals.clone(),
            epochs: Arc::clone(&self.epochs),
        }
    }
}

/// `id`'s contract storage in `data`, to change (created empty if it has none).
pub(crate) fn data_mut<'a>(data: &'a mut DataMap, id: &AccountId) -> &'a mut ContractData {
    if !data.contains_key(id) {
        data.insert(Arc::new(id.clone()), ContractData::new());
    }
    data.get_mut(id).expect("just inserted")
}

/// The code `contract` refers to, among `codes` and `globals`.
pub(crate) fn code_of(
    codes: &HashMap<CryptoHash, Arc<ContractCode>>,
    globals: &Globals,
    contract: &ContractRef,
) -> Option<Arc<ContractCode>> {
    match contract {
        ContractRef::None => None,
        ContractRef::Local(hash) => codes.get(hash).cloned(),
        ContractRef::Global(hash) => globals.get(hash).cloned(),
    }
}
