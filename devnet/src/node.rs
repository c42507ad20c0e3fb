//! The node's state: the chain, the root key, block hashes handed out, and executed
//! transactions by hash.

use crate::config::DevnetConfig;
use near_chain::{AccessKey, AccountId, Chain, ChainConfig, HistoryError};
use near_crypto::{KeyType, SecretKey};
use near_primitives::hash::{hash, CryptoHash};
use near_primitives::types::{BlockId, BlockReference, SyncCheckpoint};
use near_primitives::views::FinalExecutionOutcomeView;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// Everything the RPC methods read and change; one per devnet, behind a read-write lock
/// ([`crate::SharedNode`]).
pub struct Node {
    /// The in-process chain.
    pub chain: Chain,
    /// The root account (validator and registrar).
    pub root: AccountId,
    /// The root account's full-access key.
    pub root_key: SecretKey,
    /// The address the server listens on (for `status`), once known.
    pub rpc_addr: Option<String>,
    /// Transactions executed so far, by hash.
    pub txs: HashMap<CryptoHash, FinalExecutionOutcomeView>,
    /// Transactions accepted and converted whose receipts have not all run: the chain's id,
    /// the transaction, the height it was included at.
    pub running: HashMap<CryptoHash, (near_chain::TxId, near_primitives::transaction::SignedTransaction, u64)>,
    /// Block hashes handed out (a read may hand one out: its own lock).
    pub(crate) hashes: Mutex<HashMap<CryptoHash, u64>>,
    pub(crate) started: Instant,
    /// Where the state is saved (`--state`), if anywhere.
    pub state_file: Option<std::path::PathBuf>,
}

/// Why a block reference names no block whose state the node has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockError {
    /// A height above the head, a height with no block (skipped by a fast-forward), or a hash
    /// this node never produced (nearcore's `UNKNOWN_BLOCK`).
    Unknown,
    /// Block `height` is older than the kept window (nearcore's `GARBAGE_COLLECTED_BLOCK`).
    GarbageCollected(u64),
}

/// The hash of the devnet block at `height` (deterministic: `sha256("devnet-block-<height>")`).
pub fn block_hash_of(height: u64) -> CryptoHash {
    hash(format!("devnet-block-{height}").as_bytes())
}

/// The id of epoch `epoch_height` (`sha256("devnet-epoch-<n>")`).
pub fn epoch_id_of(epoch_height: u64) -> CryptoHash {
    hash(format!("devnet-epoch-{epoch_height}").as_bytes())
}

impl Node {
    /// A chain with the root account holding `config.root_balance` and a fresh ed25519 key.
    pub fn new(config: &DevnetConfig) -> Self {
        Self::with_key(config, SecretKey::from_random(KeyType::ED25519))
    }

    /// [`Node::new`] with a given root key.
    pub fn with_key(config: &DevnetConfig, root_key: SecretKey) -> Self {
        let chain_config = ChainConfig {
            epoch_length: config.epoch_length,
            history_epochs: config.history_epochs,
            chain_id: config.chain_id.clone(),
            registrar: config.root_account.clone(),
            ..ChainConfig::default()
        };
        let mut chain = Chain::with_config(chain_config);
        let root = chain.create_account(config.root_account.clone(), config.root_balance);
        let nonce = (chain.block_height().saturating_sub(1)) * 1_000_000;
        let key = AccessKey { nonce, permission: near_chain::AccessKeyPermission::FullAccess };
        chain.add_access_key(&root, root_key.public_key(), key);
        if !config.root_stake.is_zero() {
            chain.set_locked(&root, config.root_stake);
            chain.set_validator_stake(&root, config.root_stake);
        }
        for (id, stake) in &config.validators {
            chain.set_validator_stake(id.clone(), *stake);
        }
        for (id, uptime) in &config.uptime {
            chain.set_validator_uptime(id.clone(), *uptime);
        }
        let node = Node {
            chain,
            root,
            root_key,
            rpc_addr: None,
            txs: HashMap::new(),
            running: HashMap::new(),
            hashes: Mutex::new(HashMap::new()),
            started: Instant::now(),
            state_file: config.state.clone(),
        };
        let genesis = node.genesis_height();
        node.block_hash(genesis);
        node
    }

    /// The first block's height.
    pub fn genesis_height(&self) -> u64 {
        self.chain.config().genesis_height
    }

    /// The head's height.
    pub fn height(&self) -> u64 {
        self.chain.block_height()
    }

    /// The hash of block `height`, remembered so transactions may refer to it.
    pub fn block_hash(&self, height: u64) -> CryptoHash {
        let h = block_hash_of(height);
        self.hashes.lock().unwrap_or_else(PoisonError::into_inner).insert(h, height);
        h
    }

    /// The head's height and hash.
    pub fn head(&self) -> (u64, CryptoHash) {
        let height = self.height();
        (height, self.block_hash(height))
    }

    /// The height of a block this node produced, by hash.
    pub fn height_of(&self, hash: &CryptoHash) -> Option<u64> {
        self.hashes.lock().unwrap_or_else(PoisonError::into_inner).get(hash).copied()
    }

    /// The block a reference names, if its state is kept: the head for any finality (every
    /// block is final at once), the genesis or the earliest kept block for a sync checkpoint.
    pub fn resolve(&self, reference: &BlockReference) -> Result<u64, BlockError> {
        let height = match reference {
            BlockReference::Finality(_) => self.height(),
            BlockReference::BlockId(BlockId::Height(h)) => *h,
            BlockReference::BlockId(BlockId::Hash(hash)) => self.height_of(hash).ok_or(BlockError::Unknown)?,
            BlockReference::SyncCheckpoint(SyncCheckpoint::Genesis) => self.genesis_height(),
            BlockReference::SyncCheckpoint(SyncCheckpoint::EarliestAvailable) => self.chain.earliest_block_height(),
        };
        match self.chain.at(height) {
            Ok(_) => Ok(height),
            Err(HistoryError::GarbageCollected) => Err(BlockError::GarbageCollected(height)),
            Err(HistoryError::NoBlock | HistoryError::Unknown) => Err(BlockError::Unknown),
        }
    }

    /// The block before block `height` (kept or not): a jump's skipped heights have no block;
    /// for the head of a chain loaded from a state file, `height - 1`.
    pub fn prev_height(&self, height: u64) -> Option<u64> {
        let known = self.chain.at(height).ok().and_then(|s| s.prev_height());
        known.or_else(|| (height > self.genesis_height()).then(|| height - 1))
    }

    /// Seconds since the node started.
    pub fn uptime_sec(&self) -> i64 {
        self.started.elapsed().as_secs() as i64
    }
}
