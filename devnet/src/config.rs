//! The devnet's settings.

use near_chain::{AccountId, Balance, Uptime};
use std::path::PathBuf;

/// Blocks per epoch by default: nearcore's sandbox genesis (what near-workspaces'
/// `fast_forward` users assume).
pub const DEFAULT_EPOCH_LENGTH: u64 = 500;

/// How to start a devnet.
#[derive(Clone, Debug)]
pub struct DevnetConfig {
    /// TCP port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Where to write `validator_key.json` (the root account's key); `None` writes nothing.
    pub home: Option<PathBuf>,
    /// The root account (also the registrar, so it may create top-level accounts).
    pub root_account: AccountId,
    /// The root account's liquid balance at genesis.
    pub root_balance: Balance,
    /// What the root account stakes at genesis (locked, beside `root_balance`): the validator
    /// that holds most of the network's stake, so that total stake is half the supply as on
    /// mainnet and epoch rewards come out at mainnet's rate (about 4.5% a year). 0: none.
    pub root_stake: Balance,
    /// Blocks per epoch.
    pub epoch_length: u64,
    /// The chain id reported by `status` and the genesis config.
    pub chain_id: String,
    /// `--state FILE`: loaded at start when it exists (then its chain, root account and key
    /// win over the settings above), saved after every state-changing request and on
    /// shutdown (`persist.rs`).
    pub state: Option<PathBuf>,
    /// The validator set at genesis: `(account, stake)` (`--validator ACCOUNT=STAKE`); a missing
    /// account is created holding its stake locked. From the epoch after next the set follows
    /// `Stake` actions. Contracts read it with `env::validator_stake` /
    /// `env::validator_total_stake`; RPC `validators` answers it. Ignored when a state file is
    /// loaded (its set wins).
    pub validators: Vec<(AccountId, Balance)>,
    /// Uptime settings of validators (`--validator ACCOUNT=STAKE,95%`); others do all their work.
    pub uptime: Vec<(AccountId, Uptime)>,
    /// Epochs of blocks whose state `query`, `block` and `validators` answer at a `block_id`,
    /// the head's epoch included (`--history-epochs`; nearcore's non-archival
    /// `gc_num_epochs_to_keep`, 5). Older blocks are `GARBAGE_COLLECTED_BLOCK`.
    pub history_epochs: u64,
}

impl Default for DevnetConfig {
    fn default() -> Self {
        DevnetConfig {
            port: 0,
            home: None,
            root_account: "test.near".parse().expect("valid account id"),
            // nearcore's sandbox gives test.near 10^33 yoctoNEAR (1e9 NEAR).
            root_balance: Balance::from_near(1_000_000_000),
            root_stake: Balance::from_near(1_000_000_000),
            epoch_length: DEFAULT_EPOCH_LENGTH,
            chain_id: "localnet".to_string(),
            state: None,
            validators: Vec::new(),
            uptime: Vec::new(),
            history_epochs: near_chain::DEFAULT_HISTORY_EPOCHS,
        }
    }
}
