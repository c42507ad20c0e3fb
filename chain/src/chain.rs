//! The chain: setup (genesis-style state patches), views and the clock. Validators and epoch
//! boundaries are in `validators.rs`, transactions in `transaction.rs`, receipt execution in
//! `runtime.rs`.

use crate::account::{full_access_key, Account, ContractRef};
use crate::action::test_public_key;
use crate::config::ChainConfig;
use crate::epoch::Epochs;
use crate::error::ViewError;
use crate::history::History;
use crate::receipt::{InFlight, Pipeline, TxId};
use crate::state::{BlockInfo, State};
use crate::storage::ContractData;
use crate::vm;
use near_parameters::RuntimeConfig;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance, Gas};
use std::collections::HashMap;
use std::sync::Arc;

/// Something that names an account: `&str`, `String`, `AccountId`. Panics if invalid.
pub trait IntoAccountId {
    /// The account id; panics with the offending string if it is not a valid account id.
    fn into_account_id(self) -> AccountId;
}

impl IntoAccountId for &str {
    fn into_account_id(self) -> AccountId {
        self.parse().unwrap_or_else(|e| panic!("invalid account id {self:?}: {e}"))
    }
}

impl IntoAccountId for String {
    fn into_account_id(self) -> AccountId {
        self.as_str().into_account_id()
    }
}

impl IntoAccountId for &String {
    fn into_account_id(self) -> AccountId {
        self.as_str().into_account_id()
    }
}

impl IntoAccountId for AccountId {
    fn into_account_id(self) -> AccountId {
        self
    }
}

impl IntoAccountId for &AccountId {
    fn into_account_id(self) -> AccountId {
        self.clone()
    }
}

/// An in-process NEAR chain running contracts on near-vm-runner.
pub struct Chain {
    pub(crate) config: ChainConfig,
    pub(crate) runtime: Arc<RuntimeConfig>,
    pub(crate) state: State,
    pub(crate) block: BlockInfo,
    pub(crate) pipeline: Pipeline,
    pub(crate) next_receipt: u64,
    pub(crate) history: History,
    pub(crate) in_flight: HashMap<TxId, InFlight>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A chain at the latest protocol version with the default [`ChainConfig`].
    pub fn new() -> Self {
        Self::with_config(ChainConfig::default())
    }

    /// A chain with `config`.
    pub fn with_config(config: ChainConfig) -> Self {
        let runtime = Arc::new(config.runtime_config());
        let height = config.genesis_height;
        let block = config.block_info(height);
        let state = State { epochs: Arc::new(Epochs::new(block.epoch_height)), ..State::default() };
        let history = History::starting_at(height);
        Chain {
            config,
            runtime,
            state,
            block,
            pipeline: Pipeline::default(),
            next_receipt: 0,
            history,
            in_flight: HashMap::new(),
        }
    }

    /// The chain's settings.
    pub fn config(&self) -> &ChainConfig {
        &self.config
    }

    /// The protocol's runtime config in use (fees, limits, VM config).
    pub fn runtime_config(&self) -> &RuntimeConfig {
        &self.runtime
    }

    /// Replaces the runtime config (e.g. to test a different refund penalty).
    pub fn set_runtime_config(&mut self, runtime: RuntimeConfig) {
        self.runtime = Arc::new(runtime);
    }

    /// Creates `id` with `balance` and one full-access key (`test_public_key(id)`), as a
    /// genesis record: no transaction, no fees, any name. Returns the id.
    ///
    /// # Panics
    /// If `id` is invalid or already exists.
    pub fn create_account(&mut self, id: impl IntoAccountId, balance: Balance) -> AccountId {
        let id = id.into_account_id();
        assert!(!self.state.accounts.contains_key(&id), "account {id} already exists");
        let mut account = Account::new_empty(&self.runtime);
        account.balance = balance;
        account.add_key(&self.runtime, test_public_key(id.as_str()), full_access_key());
        self.state.put_account(id.clone(), account);
        id
    }

    /// Sets `id`'s balance directly (a state patch).
    ///
    /// # Panics
    /// If the account does not exist.
    pub fn set_balance(&mut self, id: impl IntoAccountId, balance: Balance) {
        self.account_mut(id).balance = balance;
    }

    /// Sets `id`'s locked balance directly (a state patch, e.g. a genesis validator's stake).
    ///
    /// # Panics
    /// If the account does not exist.
    pub fn set_locked(&mut self, id: impl IntoAccountId, locked: Balance) {
        self.account_mut(id).locked = locked;
    }

    /// Deploys `wasm` as `id`'s own contract directly (a state patch: no fees), adjusting its
    /// storage usage like `DeployContract` does.
    ///
    /// # Panics
    /// If the account does not exist.
    pub fn deploy(&mut self, id: impl IntoAccountId, wasm: &[u8]) {
        let id = id.into_account_id();
        let hash = self.state.store_code(wasm);
        vm::precompile(&self.runtime, &self.state.codes[&hash]);
        let contract = self.account_mut(&id).contract.clone();
        let old = self.code_bytes(&contract);
        let account = self.account_mut(&id);
        account.storage_usage = account.storage_usage.saturating_sub(old) + wasm.len() as u64;
        account.contract = ContractRef::Local(hash);
    }

    /// Publishes `wasm` as a global contract directly (a state patch: nobody pays) and returns
    /// its code hash, usable by `UseGlobalContract`.
    pub fn deploy_global(&mut self, wasm: &[u8]) -> CryptoHash {
        let hash = self.state.store_global(wasm);
        vm::precompile(&self.runtime, &self.state.globals[&hash]);
        hash
    }

    /// Whether a global contract with this hash exists.
    pub fn has_global_contract(&self, code_hash: &CryptoHash) -> bool {
        self.state.globals.contains_key(code_hash)
    }

    /// `id`'s account record (at the head; [`Chain::account_at`] for a past block).
    pub fn account(&self, id: impl IntoAccountId) -> Option<&Account> {
        self.head().account(id)
    }

    /// `id`'s liquid balance.
    pub fn balance(&self, id: impl IntoAccountId) -> Option<Balance> {
        self.head().balance(id)
    }

    /// `id`'s contract storage (`None` if it never stored anything).
    pub fn contract_data(&self, id: impl IntoAccountId) -> Option<&ContractData> {
        self.head().contract_data(id)
    }

    /// One value of `id`'s contract storage.
    pub fn storage_get(&self, id: impl IntoAccountId, key: &[u8]) -> Option<&[u8]> {
        self.head().storage_get(id, key)
    }

    /// Calls view method `method` of `id` with raw `args` at the head; returns the raw result
    /// ([`Chain::view_at`] for a past block).
    pub fn view(&self, id: impl IntoAccountId, method: &str, args: impl AsRef<[u8]>) -> Result<Vec<u8>, ViewError> {
        self.head().view(id, method, args)
    }

    /// [`Chain::view`] with JSON arguments, parsing the JSON result.
    pub fn view_json<T: serde::de::DeserializeOwned>(
        &self,
        id: impl IntoAccountId,
        method: &str,
        args: serde_json::Value,
    ) -> Result<T, ViewError> {
        self.head().view_json(id, method, args)
    }

    /// The current block.
    pub fn block(&self) -> BlockInfo {
        self.block
    }

    /// Current block height.
    pub fn block_height(&self) -> u64 {
        self.block.height
    }

    /// Current block timestamp (ns).
    pub fn block_timestamp(&self) -> u64 {
        self.block.timestamp_ns
    }

    /// Current epoch height.
    pub fn epoch_height(&self) -> u64 {
        self.block.epoch_height
    }

    /// The block gas price.
    pub fn gas_price(&self) -> Balance {
        self.config.gas_price
    }

    /// Gas a view may use.
    pub fn max_view_gas(&self) -> Gas {
        self.config.max_view_gas
    }

    pub(crate) fn account_mut(&mut self, id: impl IntoAccountId) -> &mut Account {
        let id = id.into_account_id();
        self.state.account_mut(&id).unwrap_or_else(|| panic!("account {id} does not exist"))
    }

    fn code_bytes(&self, contract: &ContractRef) -> u64 {
        match contract {
            ContractRef::None => 0,
            ContractRef::Local(hash) => self.state.codes.get(hash).map_or(0, |c| c.code().len() as u64),
            ContractRef::Global(_) => 32,
        }
    }
}
