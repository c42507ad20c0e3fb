//! `validators`: the epoch's validators in nearcore's `EpochValidatorInfo` shape, from the
//! chain's validator set (the set contracts read with `env::validator_stake` and
//! `env::validator_total_stake`, so `current_validators`' stakes sum to what
//! `validator_total_stake` returns, as in nearcore).
//!
//! Params as nearcore takes them: `[null]` / `[]` / `null` (the latest epoch), `[block_id]`,
//! `{"block_id": ..}`, `{"epoch_id": ..}`, `"latest"`. The set is not versioned: any epoch
//! answers the current set, with that epoch's height and start. Unknown blocks and epochs are
//! `UNKNOWN_EPOCH`. The set changes only when someone sets it (`--validator`,
//! `DevnetConfig::validators`), never by itself.

use crate::node::{epoch_id_of, Node};
use near_crypto::{KeyType, SecretKey};
use near_jsonrpc_primitives::errors::RpcError;
use near_jsonrpc_primitives::types::validator::{RpcValidatorError, RpcValidatorRequest, RpcValidatorResponse};
use near_primitives::types::{BlockId, BlockReference, EpochReference};
use near_primitives::views::{CurrentEpochValidatorInfo, EpochValidatorInfo, NextEpochValidatorInfo};
use serde_json::Value;

/// The epoch `params` names.
pub fn epoch_reference(params: Value) -> Result<EpochReference, RpcError> {
    let parse_error = |e: serde_json::Error| RpcError::parse_error(format!("Failed parsing args: {e}"));
    match params {
        Value::Null => Ok(EpochReference::Latest),
        Value::Array(items) if items.is_empty() => Ok(EpochReference::Latest),
        Value::Array(mut items) if items.len() == 1 => match items.remove(0) {
            Value::Null => Ok(EpochReference::Latest),
            id => serde_json::from_value::<BlockId>(id).map(EpochReference::BlockId).map_err(parse_error),
        },
        Value::String(s) if s == "latest" => Ok(EpochReference::Latest),
        other => serde_json::from_value::<RpcValidatorRequest>(other).map(|r| r.epoch_reference).map_err(parse_error),
    }
}

/// The validators of the epoch `reference` names.
pub fn validators(node: &mut Node, reference: EpochReference) -> Result<RpcValidatorResponse, RpcError> {
    let config = node.chain.config().clone();
    let head_epoch = config.epoch_of(node.height());
    let epoch = match reference {
        EpochReference::Latest => head_epoch,
        EpochReference::BlockId(id) => {
            let height = node.resolve(&BlockReference::BlockId(id)).ok_or(RpcValidatorError::UnknownEpoch)?;
            config.epoch_of(height)
        }
        EpochReference::EpochId(id) => (config.epoch_of(config.genesis_height)..=head_epoch)
            .find(|e| epoch_id_of(*e) == id.0)
            .ok_or(RpcValidatorError::UnknownEpoch)?,
    };
    let set: Vec<_> = node.chain.validators().map(|(id, stake)| (id.clone(), stake)).collect();
    let current_validators = set
        .iter()
        .map(|(account_id, stake)| CurrentEpochValidatorInfo {
            account_id: account_id.clone(),
            public_key: validator_key(account_id),
            is_slashed: false,
            stake: *stake,
            shards_produced: vec![0.into()],
            num_produced_blocks: 0,
            num_expected_blocks: 0,
            num_produced_chunks: 0,
            num_expected_chunks: 0,
            num_produced_chunks_per_shard: vec![0],
            num_expected_chunks_per_shard: vec![0],
            num_produced_endorsements: 0,
            num_expected_endorsements: 0,
            num_produced_endorsements_per_shard: vec![0],
            num_expected_endorsements_per_shard: vec![0],
            shards_endorsed: vec![0.into()],
        })
        .collect();
    let next_validators = set
        .iter()
        .map(|(account_id, stake)| NextEpochValidatorInfo {
            account_id: account_id.clone(),
            public_key: validator_key(account_id),
            stake: *stake,
            shards: vec![0.into()],
        })
        .collect();
    let validator_info = EpochValidatorInfo {
        current_validators,
        next_validators,
        current_fishermen: vec![],
        next_fishermen: vec![],
        current_proposals: vec![],
        prev_epoch_kickout: vec![],
        epoch_start_height: config.first_block_of(epoch),
        epoch_height: epoch,
        validator_reward_paid_prev_epoch: Default::default(),
    };
    Ok(RpcValidatorResponse { validator_info })
}

/// A validator's staking key: deterministic from its account id (the devnet runs no
/// consensus, so no one signs with it).
fn validator_key(account_id: &near_primitives::types::AccountId) -> near_crypto::PublicKey {
    SecretKey::from_seed(KeyType::ED25519, account_id.as_str()).public_key()
}
