//! `validators`: an epoch's validators in nearcore's `EpochValidatorInfo` shape, from the
//! chain's epochs (the set contracts read with `env::validator_stake` and
//! `env::validator_total_stake`, so `current_validators`' stakes sum to what
//! `validator_total_stake` returns, as in nearcore): produced and expected blocks, chunks and
//! endorsements (so far in the current epoch), the next epoch's set, this epoch's proposals,
//! kickouts, and the rewards paid at the start of the previous epoch.
//!
//! Params as nearcore takes them: `[null]` / `[]` / `null` (the latest epoch), `[block_id]`,
//! `{"block_id": ..}`, `{"epoch_id": ..}`, `"latest"`. A `block_id` answers from that block's
//! state (nearcore answers only an epoch's last block). Blocks outside the kept window, heights
//! with no block, epochs the chain no longer keeps (more than 6 back), unknown blocks and
//! unknown epochs are `UNKNOWN_EPOCH`. The set follows
//! `Stake` actions from epoch to epoch; `--validator` sets the genesis validators.

use crate::node::{epoch_id_of, Node};
use near_chain::Kickout;
use near_crypto::{KeyType, SecretKey};
use near_jsonrpc_primitives::errors::RpcError;
use near_jsonrpc_primitives::types::validator::{RpcValidatorError, RpcValidatorRequest, RpcValidatorResponse};
use near_primitives::types::ValidatorKickoutReason;
use near_primitives::types::{BlockId, BlockReference, EpochReference};
use near_primitives::views::validator_stake_view::ValidatorStakeView;
use near_primitives::views::{
    CurrentEpochValidatorInfo, EpochValidatorInfo, NextEpochValidatorInfo, ValidatorKickoutView, ValidatorStakeViewV1,
};
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

/// The validators of the epoch `reference` names, as known at a block: the head for `Latest`
/// and the head's epoch; that block's state for a `block_id` (its epoch, the work so far and
/// the proposals up to it); a past epoch's last block for its `epoch_id` (the whole epoch).
pub fn validators(node: &Node, reference: EpochReference) -> Result<RpcValidatorResponse, RpcError> {
    let config = node.chain.config().clone();
    let head_epoch = config.epoch_of(node.height());
    let chain = &node.chain;
    let (state, epoch) = match reference {
        EpochReference::Latest => (chain.head(), head_epoch),
        EpochReference::BlockId(id) => {
            let height = node.resolve(&BlockReference::BlockId(id)).map_err(|_| RpcValidatorError::UnknownEpoch)?;
            let state = chain.at(height).map_err(|_| RpcValidatorError::UnknownEpoch)?;
            (state, state.block().epoch_height)
        }
        EpochReference::EpochId(id) => {
            let epoch = (config.epoch_of(config.genesis_height)..=head_epoch)
                .find(|e| epoch_id_of(*e) == id.0)
                .ok_or(RpcValidatorError::UnknownEpoch)?;
            // A past epoch as its last block saw it, if kept; else from the head's epoch infos.
            let last = config.first_block_of(epoch + 1) - 1;
            (chain.at(last.min(node.height())).unwrap_or_else(|_| chain.head()), epoch)
        }
    };
    let info = state.epoch_info(epoch).ok_or(RpcValidatorError::UnknownEpoch)?;
    let next = state.epoch_info(epoch + 1).ok_or(RpcValidatorError::UnknownEpoch)?;
    // The block's own epoch so far; a past epoch whole, with the block's uptime settings.
    let own = epoch == state.block().epoch_height;
    let stats = state.epoch_stats(epoch).ok_or(RpcValidatorError::UnknownEpoch)?;
    let current_validators = info
        .validators
        .iter()
        .map(|(account_id, stake)| {
            let s = stats.get(account_id).copied().unwrap_or_default();
            CurrentEpochValidatorInfo {
                account_id: account_id.clone(),
                public_key: validator_key(account_id),
                is_slashed: false,
                stake: *stake,
                shards_produced: vec![0.into()],
                num_produced_blocks: s.blocks.produced,
                num_expected_blocks: s.blocks.expected,
                num_produced_chunks: s.chunks.produced,
                num_expected_chunks: s.chunks.expected,
                num_produced_chunks_per_shard: vec![s.chunks.produced],
                num_expected_chunks_per_shard: vec![s.chunks.expected],
                num_produced_endorsements: s.endorsements.produced,
                num_expected_endorsements: s.endorsements.expected,
                num_produced_endorsements_per_shard: vec![s.endorsements.produced],
                num_expected_endorsements_per_shard: vec![s.endorsements.expected],
                shards_endorsed: vec![0.into()],
            }
        })
        .collect();
    let next_validators = next
        .validators
        .iter()
        .map(|(account_id, stake)| NextEpochValidatorInfo {
            account_id: account_id.clone(),
            public_key: validator_key(account_id),
            stake: *stake,
            shards: vec![0.into()],
        })
        .collect();
    let current_proposals = if own {
        state
            .epoch_proposals()
            .iter()
            .map(|(account_id, stake)| {
                ValidatorStakeView::V1(ValidatorStakeViewV1 {
                    account_id: account_id.clone(),
                    public_key: validator_key(account_id),
                    stake: *stake,
                })
            })
            .collect()
    } else {
        vec![]
    };
    let prev_epoch_kickout = next
        .kickout
        .iter()
        .map(|(account_id, why)| ValidatorKickoutView {
            account_id: account_id.clone(),
            reason: match why {
                Kickout::Unstaked => ValidatorKickoutReason::Unstaked,
            },
        })
        .collect();
    let validator_info = EpochValidatorInfo {
        current_validators,
        next_validators,
        current_fishermen: vec![],
        next_fishermen: vec![],
        current_proposals,
        prev_epoch_kickout,
        epoch_start_height: config.first_block_of(epoch),
        epoch_height: epoch,
        validator_reward_paid_prev_epoch: info.validator_reward.iter().map(|(k, v)| (k.clone(), *v)).collect(),
    };
    Ok(RpcValidatorResponse { validator_info })
}

/// A validator's staking key: deterministic from its account id (the devnet runs no
/// consensus, so no one signs with it).
fn validator_key(account_id: &near_primitives::types::AccountId) -> near_crypto::PublicKey {
    SecretKey::from_seed(KeyType::ED25519, account_id.as_str()).public_key()
}
