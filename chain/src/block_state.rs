//! [`BlockState`]: a read-only view of the chain's state at the end of one block, the head's or
//! a kept past block's (`history.rs`). `Chain`'s own reads (`account`, `view`, `validators`,
//! ...) are the head's `BlockState`.

use crate::account::Accounts;
use crate::account::{Account, ContractRef};
use crate::chain::{Chain, IntoAccountId};
use crate::config::ChainConfig;
use crate::epoch::{self, EpochInfo, Epochs, Uptime};
use crate::error::ViewError;
use crate::external::ChainExt;
use crate::history::HistoryError;
use crate::rewards::ValidatorStats;
use crate::state::{code_of, BlockInfo, DataMap, Globals};
use crate::storage::{ContractData, DataAccess};
use crate::vm::{self, Call, CallEnv};
use near_crypto::{KeyType, PublicKey};
use near_primitives_core::account::AccessKey;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance};
use std::collections::BTreeMap;

/// The state at the end of one block, read-only: from [`Chain::at`] (any kept block) or
/// [`Chain::head`].
#[derive(Clone, Copy)]
pub struct BlockState<'a> {
    chain: &'a Chain,
    block: BlockInfo,
    prev: Option<u64>,
    accounts: &'a Accounts,
    data: &'a DataMap,
    globals: &'a Globals,
    epochs: &'a Epochs,
}

static EMPTY: std::sync::LazyLock<ContractData> = std::sync::LazyLock::new(ContractData::new);

impl Chain {
    /// The head's state.
    pub fn head(&self) -> BlockState<'_> {
        let s = &self.state;
        BlockState {
            chain: self,
            block: self.block,
            prev: self.history.last,
            accounts: &s.accounts,
            data: &s.data,
            globals: &s.globals,
            epochs: &s.epochs,
        }
    }

    /// The state at the end of block `height`: the head's, or a past block's inside the kept
    /// window (`ChainConfig::history_epochs`). Errors: `Unknown` above the head,
    /// `GarbageCollected` below the window, `NoBlock` for a height a jump skipped.
    pub fn at(&self, height: u64) -> Result<BlockState<'_>, HistoryError> {
        Ok(match self.version_at(height)? {
            None => self.head(),
            Some(v) => BlockState {
                chain: self,
                block: v.block,
                prev: v.prev,
                accounts: &v.accounts,
                data: &v.data,
                globals: &v.globals,
                epochs: &v.epochs,
            },
        })
    }

    /// `id`'s account record at the end of block `height` (see [`Chain::at`]).
    pub fn account_at(&self, height: u64, id: impl IntoAccountId) -> Result<Option<&Account>, HistoryError> {
        Ok(self.at(height)?.account(id))
    }

    /// [`Chain::view`] on the state at the end of block `height`; a block whose state is not
    /// kept is `ViewError::History`.
    pub fn view_at(
        &self,
        height: u64,
        id: impl IntoAccountId,
        method: &str,
        args: impl AsRef<[u8]>,
    ) -> Result<Vec<u8>, ViewError> {
        self.at(height).map_err(ViewError::History)?.view(id, method, args)
    }
}

impl<'a> BlockState<'a> {
    /// The block: height, timestamp, epoch.
    pub fn block(&self) -> BlockInfo {
        self.block
    }

    /// The chain's settings.
    pub fn config(&self) -> &'a ChainConfig {
        &self.chain.config
    }

    /// The height of the block before this one, if known: a jump's skipped heights have no
    /// block; a loaded chain does not know the block before its head.
    pub fn prev_height(&self) -> Option<u64> {
        self.prev
    }

    /// `id`'s account record.
    pub fn account(&self, id: impl IntoAccountId) -> Option<&'a Account> {
        self.accounts.get(&id.into_account_id()).map(|a| &**a)
    }

    /// `id`'s liquid balance.
    pub fn balance(&self, id: impl IntoAccountId) -> Option<Balance> {
        self.account(id).map(|a| a.balance)
    }

    /// Every account, in id order.
    pub fn accounts(&self) -> impl Iterator<Item = (&'a AccountId, &'a Account)> {
        self.accounts.iter().map(|(id, a)| (&**id, &**a))
    }

    /// `id`'s contract storage (`None` if it has none).
    pub fn contract_data(&self, id: impl IntoAccountId) -> Option<&'a ContractData> {
        self.data.get(&id.into_account_id())
    }

    /// One value of `id`'s contract storage.
    pub fn storage_get(&self, id: impl IntoAccountId, key: &[u8]) -> Option<&'a [u8]> {
        self.contract_data(id)?.get(key).map(|v| &**v)
    }

    /// `id`'s access key `public_key`, if both exist.
    pub fn access_key(&self, id: impl IntoAccountId, public_key: &PublicKey) -> Option<&'a AccessKey> {
        self.account(id)?.access_keys.get(public_key)
    }

    /// The wasm bytes `contract` names (own code or a global contract published by then).
    pub fn code(&self, contract: &ContractRef) -> Option<Vec<u8>> {
        code_of(&self.chain.state.codes, self.globals, contract).map(|c| c.code().to_vec())
    }

    /// Whether a global contract with this hash was published by then.
    pub fn has_global_contract(&self, code_hash: &CryptoHash) -> bool {
        self.globals.contains_key(code_hash)
    }

    /// Calls view method `method` of `id` with raw `args` on this block's state (the VM sees
    /// this block's height, timestamp, epoch and validators); returns the raw result.
    pub fn view(&self, id: impl IntoAccountId, method: &str, args: impl AsRef<[u8]>) -> Result<Vec<u8>, ViewError> {
        let id = id.into_account_id();
        let account = self.account(&id).ok_or_else(|| ViewError::AccountDoesNotExist(id.clone()))?;
        let data = self.contract_data(&id).unwrap_or(&EMPTY);
        let config = &self.chain.config;
        let mut ext =
            ChainExt::new(DataAccess::Read(data), self.epochs.validators(), &config.chain_id, CryptoHash::default());
        let key = PublicKey::empty(KeyType::ED25519);
        let env = CallEnv {
            account_id: &id,
            account,
            signer: &id,
            signer_key: &key,
            predecessor: &id,
            refund_to: &id,
            block: self.block,
            random_seed: CryptoHash::hash_borsh(self.block.height),
            view: Some(config.max_view_gas),
            output_data_receivers: vec![],
            promise_results: Vec::new().into(),
        };
        let call = Call { method, args: args.as_ref(), deposit: Balance::ZERO, gas: config.max_view_gas };
        let code = code_of(&self.chain.state.codes, self.globals, &account.contract);
        let outcome = vm::run(&self.chain.runtime, code, env, call, &mut ext);
        match outcome.aborted {
            Some(err) => Err(ViewError::FunctionCall(err.to_string())),
            None => Ok(outcome.return_data.as_value().unwrap_or_default()),
        }
    }

    /// [`BlockState::view`] with JSON arguments, parsing the JSON result.
    pub fn view_json<T: serde::de::DeserializeOwned>(
        &self,
        id: impl IntoAccountId,
        method: &str,
        args: serde_json::Value,
    ) -> Result<T, ViewError> {
        let bytes = self.view(id, method, args.to_string())?;
        serde_json::from_slice(&bytes).map_err(|e| ViewError::Json(format!("{e}: {}", String::from_utf8_lossy(&bytes))))
    }

    /// The validators of this block's epoch and their stakes (what `validator_stake` reads).
    pub fn validators(&self) -> &'a BTreeMap<AccountId, Balance> {
        self.epochs.validators()
    }

    /// Total stake of this block's epoch's validators.
    pub fn validator_total_stake(&self) -> Balance {
        epoch::total(self.epochs.validators())
    }

    /// The info of epoch `epoch_height` as known at this block (a few epochs back to the next).
    pub fn epoch_info(&self, epoch_height: u64) -> Option<&'a EpochInfo> {
        self.epochs.infos.get(&epoch_height)
    }

    /// This block's epoch's proposals so far: the latest stake each account proposed.
    pub fn epoch_proposals(&self) -> &'a BTreeMap<AccountId, Balance> {
        &self.epochs.proposals
    }

    /// `id`'s uptime setting at this block.
    pub fn validator_uptime(&self, id: impl IntoAccountId) -> Uptime {
        self.epochs.uptime.get(&id.into_account_id()).copied().unwrap_or(Uptime::FULL)
    }

    /// What each validator of this block's epoch had produced and was expected to, from the
    /// epoch's first block to this one.
    pub fn validator_stats(&self) -> BTreeMap<AccountId, ValidatorStats> {
        let first = self.chain.config.first_block_of(self.block.epoch_height);
        self.epochs.stats(self.block.height + 1 - first.min(self.block.height))
    }

    /// What each validator of epoch `epoch_height` did: this block's epoch so far
    /// ([`BlockState::validator_stats`]), a kept earlier epoch over all its blocks (by today's
    /// uptime settings). `None` for an epoch not kept.
    pub fn epoch_stats(&self, epoch_height: u64) -> Option<BTreeMap<AccountId, ValidatorStats>> {
        if epoch_height == self.block.epoch_height {
            return Some(self.validator_stats());
        }
        let info = self.epochs.infos.get(&epoch_height)?;
        Some(self.epochs.stats_of(&info.validators, self.chain.config.epoch_length))
    }

    /// The total supply at this block: every account's liquid and locked balance.
    pub fn total_supply(&self) -> Balance {
        epoch::total_supply(self.accounts)
    }
}
