//! The devnet's settings.

use near_chain::{AccountId, Balance};
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
    /// The root account's balance at genesis.
    pub root_balance: Balance,
    /// Blocks per epoch.
    pub epoch_length: u64,
    /// The chain id reported by `status` and the genesis config.
    pub chain_id: String,
    /// `--state FILE`: loaded at start when it exists (then its chain, root account and key
    /// win over the settings above), saved after every state-changing request and on
    /// shutdown (`persist.rs`).
    pub state: Option<PathBuf>,
    /// The validator set at genesis: `(account, stake)` (`--validator ACCOUNT=STAKE`). Contracts
    /// read it with `env::validator_stake` / `env::validator_total_stake`; RPC `validators`
    /// answers it. Ignored when a state file is loaded (its set wins).
    pub validators: Vec<(AccountId, Balance)>,
}

impl Default for DevnetConfig {
    fn default() -> Self {
        DevnetConfig {
            port: 0,
            home: None,
            root_account: "test.near".parse().expect("valid account id"),
            // nearcore's sandbox gives test.near 10^33 yoctoNEAR (1e9 NEAR).
            root_balance: Balance::from_near(1_000_000_000),
            epoch_length: DEFAULT_EPOCH_LENGTH,
            chain_id: "localnet".to_string(),
            state: None,
            validators: Vec::new(),
        }
    }
}
