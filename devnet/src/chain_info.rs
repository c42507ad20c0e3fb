//! `status`, `block`, `gas_price`, `EXPERIMENTAL_genesis_config` and
//! `EXPERIMENTAL_protocol_config`, in nearcore's view types.

use crate::node::{epoch_id_of, Node};
use near_chain_configs::{GenesisConfig, ProtocolConfig, ProtocolConfigView};
use near_primitives::types::EpochId;
use near_primitives::version::Version;
use near_primitives::views::{BlockHeaderView, BlockView, GasPriceView, StatusResponse, StatusSyncInfo};
use num_rational::Rational32;

/// The view of block `height` (one shard, no chunks listed, the root account as author); its
/// `prev_height` is the block before it (a fast-forward skips heights); `total_supply` is the
/// chain's current supply.
pub fn block_view(node: &Node, height: u64) -> BlockView {
    let config = node.chain.config().clone();
    let epoch = config.epoch_of(height);
    let timestamp = config.timestamp_of(height);
    let hash = node.block_hash(height);
    let prev = node.prev_height(height);
    let prev_hash = prev.map(|p| node.block_hash(p)).unwrap_or_default();
    let header = BlockHeaderView {
        height,
        prev_height: prev,
        epoch_id: epoch_id_of(epoch),
        next_epoch_id: epoch_id_of(epoch + 1),
        hash,
        prev_hash,
        chunks_included: 1,
        timestamp,
        timestamp_nanosec: timestamp,
        random_value: near_primitives::hash::hash(hash.as_ref()),
        chunk_mask: vec![true],
        gas_price: config.gas_price,
        block_ordinal: Some(height - config.genesis_height + 1),
        last_final_block: hash,
        last_ds_final_block: hash,
        latest_protocol_version: config.protocol_version,
        // The current supply (epoch rewards mint, burnt gas burns); a past block reports it
        // too (not the supply as of that block: see the README).
        total_supply: node.chain.total_supply(),
        ..BlockHeaderView::default()
    };
    BlockView { author: node.root.clone(), header, chunks: vec![] }
}

/// The gas price (constant on this chain).
pub fn gas_price(node: &Node) -> GasPriceView {
    GasPriceView { gas_price: node.chain.gas_price() }
}

/// The node's status: version, chain id, protocol, head, validator (the root account).
pub fn status(node: &Node) -> StatusResponse {
    let config = node.chain.config().clone();
    let (height, hash) = node.head();
    let genesis = config.genesis_height;
    let genesis_hash = node.block_hash(genesis);
    let earliest = node.chain.earliest_block_height();
    let earliest_hash = node.block_hash(earliest);
    let time = |h: u64| {
        time::OffsetDateTime::from_unix_timestamp_nanos(config.timestamp_of(h) as i128)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    };
    let epoch = config.epoch_of(height);
    let public_key = node.root_key.public_key();
    StatusResponse {
        version: Version {
            version: env!("CARGO_PKG_VERSION").to_string(),
            build: "stake-router-devnet".to_string(),
            commit: String::new(),
            rustc_version: String::new(),
        },
        chain_id: config.chain_id.clone(),
        protocol_version: config.protocol_version,
        latest_protocol_version: config.protocol_version,
        rpc_addr: node.rpc_addr.clone(),
        validators: vec![],
        sync_info: StatusSyncInfo {
            latest_block_hash: hash,
            latest_block_height: height,
            latest_state_root: Default::default(),
            latest_block_time: time(height),
            syncing: false,
            earliest_block_hash: Some(earliest_hash),
            earliest_block_height: Some(earliest),
            earliest_block_time: Some(time(earliest)),
            epoch_id: Some(EpochId(epoch_id_of(epoch))),
            epoch_start_height: Some(config.first_block_of(epoch)),
        },
        validator_account_id: Some(node.root.clone()),
        validator_public_key: Some(public_key.clone()),
        node_public_key: public_key.clone(),
        node_key: Some(public_key),
        uptime_sec: node.uptime_sec(),
        genesis_hash,
        detailed_debug_status: None,
    }
}

/// A genesis config with this chain's id, heights, epoch length, protocol, gas price, and the
/// figures epoch rewards are computed from (inflation, treasury share and account, online
/// thresholds, the endorsement cut-off; `total_supply` is the current supply).
pub fn genesis_config(node: &Node) -> GenesisConfig {
    let config = node.chain.config();
    let r = &config.rewards;
    let ratio = |x: near_chain::Ratio| Rational32::new(x.numer as i32, x.denom as i32);
    let blocks_per_year = r.num_seconds_per_year * 1_000_000_000 / config.block_time_ns.max(1);
    GenesisConfig {
        protocol_version: config.protocol_version,
        chain_id: config.chain_id.clone(),
        genesis_height: config.genesis_height,
        epoch_length: config.epoch_length,
        min_gas_price: config.gas_price,
        max_gas_price: config.gas_price,
        max_inflation_rate: ratio(r.max_inflation_rate),
        protocol_reward_rate: ratio(r.protocol_reward_rate),
        protocol_treasury_account: r.protocol_treasury_account.clone(),
        online_min_threshold: ratio(r.online_min_threshold),
        online_max_threshold: ratio(r.online_max_threshold),
        chunk_validator_only_kickout_threshold: r.endorsement_cutoff_percent,
        num_blocks_per_year: blocks_per_year,
        total_supply: node.chain.total_supply(),
        ..GenesisConfig::default()
    }
}

/// The protocol config: the genesis config above with the runtime config in use.
pub fn protocol_config(node: &Node) -> ProtocolConfigView {
    ProtocolConfig { genesis_config: genesis_config(node), runtime_config: node.chain.runtime_config().clone() }.into()
}
