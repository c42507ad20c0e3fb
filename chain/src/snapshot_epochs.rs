//! The epoch part of a saved chain (snapshot version 2): the reward figures, the epoch infos
//! kept, the current epoch's proposals and the uptime settings. Version 1 snapshots had only
//! a validator set; they load with that set as the current and next epoch's.

use crate::epoch::{EpochInfo, Epochs, Kickout, Uptime};
use crate::rewards::{Ratio, RewardConfig, Work};
use borsh::{BorshDeserialize, BorshSerialize};
use near_primitives_core::types::{AccountId, Balance};
use std::collections::BTreeMap;

type Stakes = Vec<(String, u128)>;

#[derive(BorshSerialize, BorshDeserialize)]
struct RewardConfigV2 {
    max_inflation_rate: (u32, u32),
    protocol_reward_rate: (u32, u32),
    protocol_treasury_account: String,
    online_min_threshold: (u32, u32),
    online_max_threshold: (u32, u32),
    endorsement_cutoff_percent: u8,
    num_seconds_per_year: u64,
}

#[derive(BorshSerialize, BorshDeserialize)]
struct EpochInfoV2 {
    epoch_height: u64,
    validators: Stakes,
    stake_change: Stakes,
    validator_reward: Stakes,
    minted: u128,
    /// Accounts kicked out for unstaking.
    unstaked: Vec<String>,
}

#[derive(BorshSerialize, BorshDeserialize)]
pub(crate) struct EpochsV2 {
    rewards: RewardConfigV2,
    current: u64,
    infos: Vec<EpochInfoV2>,
    proposals: Stakes,
    block_proposals_height: u64,
    block_proposals: Stakes,
    /// (account, [blocks, chunks, endorsements] as (produced, expected)).
    uptime: Vec<(String, [(u64, u64); 3])>,
}

fn id(s: &str) -> Result<AccountId, String> {
    s.parse().map_err(|e| format!("invalid account id {s:?} in snapshot: {e}"))
}

fn save_stakes(m: &BTreeMap<AccountId, Balance>) -> Stakes {
    m.iter().map(|(k, v)| (k.to_string(), v.as_yoctonear())).collect()
}

fn load_stakes(v: Stakes) -> Result<BTreeMap<AccountId, Balance>, String> {
    v.into_iter().map(|(k, b)| Ok((id(&k)?, Balance::from_yoctonear(b)))).collect()
}

fn ratio(r: (u32, u32)) -> Result<Ratio, String> {
    if r.1 == 0 {
        return Err("corrupt near-chain snapshot: a reward ratio with denominator 0".into());
    }
    Ok(Ratio::new(r.0, r.1))
}

impl RewardConfigV2 {
    fn save(c: &RewardConfig) -> Self {
        let r = |x: Ratio| (x.numer, x.denom);
        RewardConfigV2 {
            max_inflation_rate: r(c.max_inflation_rate),
            protocol_reward_rate: r(c.protocol_reward_rate),
            protocol_treasury_account: c.protocol_treasury_account.to_string(),
            online_min_threshold: r(c.online_min_threshold),
            online_max_threshold: r(c.online_max_threshold),
            endorsement_cutoff_percent: c.endorsement_cutoff_percent,
            num_seconds_per_year: c.num_seconds_per_year,
        }
    }

    fn load(self) -> Result<RewardConfig, String> {
        Ok(RewardConfig {
            max_inflation_rate: ratio(self.max_inflation_rate)?,
            protocol_reward_rate: ratio(self.protocol_reward_rate)?,
            protocol_treasury_account: id(&self.protocol_treasury_account)?,
            online_min_threshold: ratio(self.online_min_threshold)?,
            online_max_threshold: ratio(self.online_max_threshold)?,
            endorsement_cutoff_percent: self.endorsement_cutoff_percent,
            num_seconds_per_year: self.num_seconds_per_year,
        })
    }
}

impl EpochsV2 {
    pub fn save(e: &Epochs, rewards: &RewardConfig) -> Self {
        let w = |w: Work| (w.produced, w.expected);
        EpochsV2 {
            rewards: RewardConfigV2::save(rewards),
            current: e.current,
            infos: e
                .infos
                .iter()
                .map(|(height, i)| EpochInfoV2 {
                    epoch_height: *height,
                    validators: save_stakes(&i.validators),
                    stake_change: save_stakes(&i.stake_change),
                    validator_reward: save_stakes(&i.validator_reward),
                    minted: i.minted.as_yoctonear(),
                    unstaked: i.kickout.keys().map(ToString::to_string).collect(),
                })
                .collect(),
            proposals: save_stakes(&e.proposals),
            block_proposals_height: e.block_proposals.0,
            block_proposals: save_stakes(&e.block_proposals.1),
            uptime: e
                .uptime
                .iter()
                .map(|(k, u)| (k.to_string(), [w(u.blocks), w(u.chunks), w(u.endorsements)]))
                .collect(),
        }
    }

    /// The reward figures and the epochs; an error if the current or next epoch's info is
    /// missing.
    pub fn load(self) -> Result<(RewardConfig, Epochs), String> {
        let rewards = self.rewards.load()?;
        let mut infos = BTreeMap::new();
        for i in self.infos {
            let kickout = i.unstaked.iter().map(|k| Ok((id(k)?, Kickout::Unstaked))).collect::<Result<_, String>>()?;
            let info = EpochInfo {
                validators: load_stakes(i.validators)?,
                stake_change: load_stakes(i.stake_change)?,
                validator_reward: load_stakes(i.validator_reward)?,
                minted: Balance::from_yoctonear(i.minted),
                kickout,
            };
            infos.insert(i.epoch_height, info);
        }
        if !infos.contains_key(&self.current) || !infos.contains_key(&(self.current + 1)) {
            return Err("corrupt near-chain snapshot: the current or next epoch's validators are missing".into());
        }
        let w = |(produced, expected): (u64, u64)| Work { produced, expected };
        let uptime = self
            .uptime
            .into_iter()
            .map(|(k, [b, c, e])| Ok((id(&k)?, Uptime { blocks: w(b), chunks: w(c), endorsements: w(e) })))
            .collect::<Result<_, String>>()?;
        let epochs = Epochs {
            current: self.current,
            infos,
            proposals: load_stakes(self.proposals)?,
            block_proposals: (self.block_proposals_height, load_stakes(self.block_proposals)?),
            uptime,
        };
        Ok((rewards, epochs))
    }
}

/// Epochs from a version 1 snapshot's validator set: the set of the current and next epoch.
pub(crate) fn from_v1(current: u64, validators: Stakes) -> Result<Epochs, String> {
    let mut epochs = Epochs::new(current);
    for (k, stake) in validators {
        epochs.set_stake(&id(&k)?, Balance::from_yoctonear(stake));
    }
    Ok(epochs)
}
