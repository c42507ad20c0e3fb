//! The chain's own settings (the protocol's come from near-parameters).

use crate::rewards::RewardConfig;
use crate::state::BlockInfo;
use near_parameters::{RuntimeConfig, RuntimeConfigStore};
use near_primitives_core::types::{AccountId, Balance, Gas, ProtocolVersion};
use near_primitives_core::version::PROTOCOL_VERSION;

/// Epochs of blocks a chain keeps by default: a non-archival nearcore node's
/// `gc_num_epochs_to_keep`.
pub const DEFAULT_HISTORY_EPOCHS: u64 = 5;

/// Settings of an in-process chain.
#[derive(Clone, Debug)]
pub struct ChainConfig {
    /// Protocol version whose runtime config (fees, limits, VM) the chain uses.
    pub protocol_version: ProtocolVersion,
    /// Blocks per epoch (mainnet: 43,200).
    pub epoch_length: u64,
    /// Height of the first block.
    pub genesis_height: u64,
    /// Epoch height of the first block.
    pub genesis_epoch_height: u64,
    /// Timestamp of the first block, nanoseconds since the Unix epoch.
    pub genesis_timestamp_ns: u64,
    /// Time between blocks, nanoseconds.
    pub block_time_ns: u64,
    /// Block gas price (mainnet's minimum: 1e8 yoctoNEAR per gas, 0.0001 NEAR per TGas).
    pub gas_price: Balance,
    /// What the `chain_id` host function answers.
    pub chain_id: String,
    /// The only account that may create short top-level accounts with `CreateAccount`.
    pub registrar: AccountId,
    /// Gas a view call may burn (nearcore's default `max_gas_burnt_view`, 300 TGas).
    pub max_view_gas: Gas,
    /// The figures epoch rewards are computed from (mainnet's by default).
    pub rewards: RewardConfig,
    /// Epochs of past blocks whose state is kept for views at an older height, the head's epoch
    /// included (nearcore's `gc_num_epochs_to_keep`: 5; at least 1). Older blocks are forgotten.
    pub history_epochs: u64,
}

impl Default for ChainConfig {
    fn default() -> Self {
        ChainConfig {
            protocol_version: PROTOCOL_VERSION,
            epoch_length: 43_200,
            genesis_height: 1,
            genesis_epoch_height: 1,
            genesis_timestamp_ns: 1_750_000_000_000_000_000,
            block_time_ns: 1_000_000_000,
            gas_price: Balance::from_yoctonear(100_000_000),
            chain_id: "near-chain".to_string(),
            registrar: "registrar".parse().expect("valid account id"),
            max_view_gas: Gas::from_teragas(300),
            rewards: RewardConfig::default(),
            history_epochs: DEFAULT_HISTORY_EPOCHS,
        }
    }
}

impl ChainConfig {
    /// The protocol's runtime config for `protocol_version`, as nearcore loads it.
    pub fn runtime_config(&self) -> RuntimeConfig {
        let store = RuntimeConfigStore::new(None);
        RuntimeConfig::clone(store.get_config(self.protocol_version))
    }

    /// Epoch height of block `height`.
    pub fn epoch_of(&self, height: u64) -> u64 {
        self.genesis_epoch_height + height.saturating_sub(self.genesis_height) / self.epoch_length
    }

    /// Height of the first block of epoch `epoch_height`.
    pub fn first_block_of(&self, epoch_height: u64) -> u64 {
        self.genesis_height + epoch_height.saturating_sub(self.genesis_epoch_height) * self.epoch_length
    }

    /// Timestamp of block `height`.
    pub fn timestamp_of(&self, height: u64) -> u64 {
        self.genesis_timestamp_ns + height.saturating_sub(self.genesis_height) * self.block_time_ns
    }

    /// Block `height`'s height, timestamp and epoch.
    pub fn block_info(&self, height: u64) -> BlockInfo {
        BlockInfo { height, timestamp_ns: self.timestamp_of(height), epoch_height: self.epoch_of(height) }
    }
}
