//! Saving and loading the chain's state: `Chain::save_state` / `Chain::load_state`.
//!
//! Format: the 8 bytes `NEARCHN\0`, a version byte (2), the borsh of `SnapshotV1`, then the
//! borsh of `EpochsV2` (`snapshot_epochs.rs`). Version 1 (no epoch part) still loads.
//! Saved: the config (not the runtime config, which is rebuilt from the protocol version),
//! the block, every account (balance, locked, code reference, storage usage, access keys),
//! contract data, own and global code, the validator sets by epoch, proposals, uptime settings,
//! reward figures and the receipt counter. Not saved: compiled modules (recompiled on load),
//! pending receipts (there are none between transactions), and past blocks' states (a loaded
//! chain's history starts at its head; `history_epochs` is the default, a node setting).

use crate::account::{Account, ContractRef};
use crate::chain::Chain;
use crate::config::{ChainConfig, DEFAULT_HISTORY_EPOCHS};
use crate::history::History;
use crate::rewards::RewardConfig;
use crate::snapshot_epochs::{from_v1, EpochsV2};
use crate::state::BlockInfo;
use crate::storage::{Bytes, ContractData};
use crate::vm;
use borsh::{BorshDeserialize, BorshSerialize};
use near_crypto::PublicKey;
use near_primitives_core::account::AccessKey;
use near_primitives_core::hash::CryptoHash;
use near_primitives_core::types::{AccountId, Balance, Gas};
use near_vm_runner::ContractCode;
use std::sync::Arc;

/// The first bytes of a saved chain state.
pub const SNAPSHOT_MAGIC: &[u8; 8] = b"NEARCHN\0";
/// The snapshot format version written.
pub const SNAPSHOT_VERSION: u8 = 2;

#[derive(BorshSerialize, BorshDeserialize)]
struct ConfigV1 {
    protocol_version: u32,
    epoch_length: u64,
    genesis_height: u64,
    genesis_epoch_height: u64,
    genesis_timestamp_ns: u64,
    block_time_ns: u64,
    gas_price: u128,
    chain_id: String,
    registrar: String,
    max_view_gas: u64,
}

#[derive(BorshSerialize, BorshDeserialize)]
struct AccountV1 {
    id: String,
    balance: u128,
    locked: u128,
    /// 0 none, 1 local, 2 global.
    contract_kind: u8,
    contract_hash: CryptoHash,
    storage_usage: u64,
    access_keys: Vec<(PublicKey, AccessKey)>,
}

/// One account's contract storage: (account, [(key, value)]).
type AccountData = (String, Vec<(Vec<u8>, Vec<u8>)>);

#[derive(BorshSerialize, BorshDeserialize)]
struct SnapshotV1 {
    config: ConfigV1,
    height: u64,
    timestamp_ns: u64,
    epoch_height: u64,
    next_receipt: u64,
    accounts: Vec<AccountV1>,
    data: Vec<AccountData>,
    codes: Vec<Vec<u8>>,
    globals: Vec<Vec<u8>>,
    validators: Vec<(String, u128)>,
    stake_proposals: Vec<(String, u128)>,
}

fn account_id(s: &str) -> Result<AccountId, String> {
    s.parse().map_err(|e| format!("invalid account id {s:?} in snapshot: {e}"))
}

impl Chain {
    /// The chain's state as bytes (see `snapshot.rs` for the format). Only between
    /// transactions (no pending receipts).
    pub fn save_state(&self) -> Vec<u8> {
        let c = &self.config;
        let snap = SnapshotV1 {
            config: ConfigV1 {
                protocol_version: c.protocol_version,
                epoch_length: c.epoch_length,
                genesis_height: c.genesis_height,
                genesis_epoch_height: c.genesis_epoch_height,
                genesis_timestamp_ns: c.genesis_timestamp_ns,
                block_time_ns: c.block_time_ns,
                gas_price: c.gas_price.as_yoctonear(),
                chain_id: c.chain_id.clone(),
                registrar: c.registrar.to_string(),
                max_view_gas: c.max_view_gas.as_gas(),
            },
            height: self.block.height,
            timestamp_ns: self.block.timestamp_ns,
            epoch_height: self.block.epoch_height,
            next_receipt: self.next_receipt,
            accounts: self
                .state
                .accounts
                .iter()
                .map(|(id, a)| {
                    let (kind, hash) = match &a.contract {
                        ContractRef::None => (0, CryptoHash::default()),
                        ContractRef::Local(h) => (1, *h),
                        ContractRef::Global(h) => (2, *h),
                    };
                    AccountV1 {
                        id: id.to_string(),
                        balance: a.balance.as_yoctonear(),
                        locked: a.locked.as_yoctonear(),
                        contract_kind: kind,
                        contract_hash: hash,
                        storage_usage: a.storage_usage,
                        access_keys: a.access_keys.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                    }
                })
                .collect(),
            data: {
                let mut data: Vec<_> = self
                    .state
                    .data
                    .iter()
                    .map(|(id, d)| (id.to_string(), d.iter().map(|(k, v)| (k.to_vec(), v.to_vec())).collect()))
                    .collect();
                data.sort();
                data
            },
            codes: sorted_codes(self.state.codes.values()),
            globals: sorted_codes(self.state.globals.values()),
            validators: self.validators().map(|(id, s)| (id.to_string(), s.as_yoctonear())).collect(),
            stake_proposals: self
                .state
                .stake_proposals
                .iter()
                .map(|(id, s)| (id.to_string(), s.as_yoctonear()))
                .collect(),
        };
        let mut out = SNAPSHOT_MAGIC.to_vec();
        out.push(SNAPSHOT_VERSION);
        borsh::to_writer(&mut out, &snap).expect("borsh to a Vec");
        borsh::to_writer(&mut out, &EpochsV2::save(&self.state.epochs, &self.config.rewards)).expect("borsh to a Vec");
        out
    }

    /// A chain from [`Chain::save_state`]'s bytes; an error (never a panic) for a file that
    /// is not a snapshot, has another version, or is truncated or corrupt. Code is recompiled
    /// (or found in the module cache).
    pub fn load_state(bytes: &[u8]) -> Result<Chain, String> {
        let rest = bytes
            .strip_prefix(SNAPSHOT_MAGIC.as_slice())
            .ok_or("not a near-chain state snapshot (bad magic header)")?;
        let (&version, body) = rest.split_first().ok_or("truncated snapshot: no version byte")?;
        if version != 1 && version != SNAPSHOT_VERSION {
            return Err(format!(
                "unsupported near-chain snapshot version {version} (this build reads versions 1 and {SNAPSHOT_VERSION})"
            ));
        }
        let corrupt = |e: std::io::Error| format!("corrupt near-chain snapshot: {e}");
        let mut body = body;
        let snap = SnapshotV1::deserialize(&mut body).map_err(corrupt)?;
        let (rewards, epochs) = if version == 1 {
            if !body.is_empty() {
                return Err("corrupt near-chain snapshot: bytes after the end".into());
            }
            (RewardConfig::default(), from_v1(snap.epoch_height, snap.validators)?)
        } else {
            EpochsV2::try_from_slice(body).map_err(corrupt)?.load()?
        };
        let c = snap.config;
        let config = ChainConfig {
            protocol_version: c.protocol_version,
            epoch_length: c.epoch_length,
            genesis_height: c.genesis_height,
            genesis_epoch_height: c.genesis_epoch_height,
            genesis_timestamp_ns: c.genesis_timestamp_ns,
            block_time_ns: c.block_time_ns,
            gas_price: Balance::from_yoctonear(c.gas_price),
            chain_id: c.chain_id,
            registrar: account_id(&c.registrar)?,
            max_view_gas: Gas::from_gas(c.max_view_gas),
            rewards,
            history_epochs: DEFAULT_HISTORY_EPOCHS,
        };
        if config.epoch_length == 0 || config.block_time_ns == 0 {
            return Err("corrupt near-chain snapshot: zero epoch length or block time".into());
        }
        let mut chain = Chain::with_config(config);
        chain.block =
            BlockInfo { height: snap.height, timestamp_ns: snap.timestamp_ns, epoch_height: snap.epoch_height };
        chain.next_receipt = snap.next_receipt;
        for code in snap.codes {
            chain.state.store_code(&code);
        }
        for code in snap.globals {
            chain.state.store_global(&code);
        }
        for a in snap.accounts {
            let contract = match a.contract_kind {
                0 => ContractRef::None,
                1 => ContractRef::Local(a.contract_hash),
                2 => ContractRef::Global(a.contract_hash),
                k => return Err(format!("corrupt near-chain snapshot: contract kind {k}")),
            };
            if let Some(missing) = contract.code_hash().filter(|_| chain.state.code(&contract).is_none()) {
                return Err(format!("corrupt near-chain snapshot: account {} runs missing code {missing}", a.id));
            }
            let account = Account {
                balance: Balance::from_yoctonear(a.balance),
                locked: Balance::from_yoctonear(a.locked),
                contract,
                storage_usage: a.storage_usage,
                access_keys: a.access_keys.into_iter().collect(),
            };
            chain.state.put_account(account_id(&a.id)?, account);
        }
        for (id, records) in snap.data {
            let records: ContractData = records.into_iter().map(|(k, v)| (Bytes::from(k), Bytes::from(v))).collect();
            chain.state.data.insert(Arc::new(account_id(&id)?), records);
        }
        if epochs.current != snap.epoch_height {
            return Err("corrupt near-chain snapshot: the epochs do not match the block".into());
        }
        chain.state.epochs = Arc::new(epochs);
        chain.history = History::starting_at(snap.height);
        for (id, stake) in snap.stake_proposals {
            chain.state.stake_proposals.push((account_id(&id)?, Balance::from_yoctonear(stake)));
        }
        let codes: Vec<Arc<ContractCode>> =
            chain.state.codes.values().chain(chain.state.globals.values()).cloned().collect();
        for code in codes {
            vm::precompile(&chain.runtime, &code);
        }
        Ok(chain)
    }
}

fn sorted_codes<'a>(codes: impl Iterator<Item = &'a Arc<ContractCode>>) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = codes.map(|c| c.code().to_vec()).collect();
    out.sort();
    out
}
