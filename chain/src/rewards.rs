//! Epoch rewards as nearcore's epoch manager computes them.
//!
//! Followed: `near/nearcore:chain/epoch-manager/src/reward_calculator.rs` (`RewardCalculator::calculate_reward`)
//! and `near/nearcore:chain/epoch-manager/src/validator_stats.rs` (`get_validator_online_ratio`, with the
//! endorsement cut-off `finalize_epoch` passes: `chunk_validator_only_kickout_threshold`).
//! The figures are integers all the way, with nearcore's 256- and 512-bit intermediates, so a
//! reward here equals nearcore's to the yoctoNEAR for the same inputs.

use primitive_types::{U256, U512};
use std::collections::BTreeMap;

use near_primitives_core::types::{AccountId, Balance};

/// Nanoseconds in a second.
const NS_PER_SECOND: u64 = 1_000_000_000;

/// A fraction `numer / denom` (nearcore's `Rational32` config values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    /// Numerator.
    pub numer: u32,
    /// Denominator (never 0).
    pub denom: u32,
}

impl Ratio {
    /// `numer / denom`.
    pub const fn new(numer: u32, denom: u32) -> Self {
        Ratio { numer, denom }
    }
}

/// The protocol figures the reward calculator reads (nearcore's epoch config and genesis).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RewardConfig {
    /// Yearly inflation at full uptime (mainnet since protocol 81: 1/40, `epoch_configs/mainnet`).
    pub max_inflation_rate: Ratio,
    /// Share of each epoch's inflation that goes to the treasury (mainnet: 1/10).
    pub protocol_reward_rate: Ratio,
    /// The account the treasury's share is paid to (mainnet: `treasury.near`; here
    /// `protocol-treasury`). If it does not exist, its share is not paid.
    pub protocol_treasury_account: AccountId,
    /// Below this online ratio a validator earns nothing (mainnet: 90/100).
    pub online_min_threshold: Ratio,
    /// At or above this online ratio a validator earns its full share (mainnet: 99/100).
    pub online_max_threshold: Ratio,
    /// Endorsement ratio, in percent, below which endorsements count as 0 and otherwise as 1
    /// (`chunk_validator_only_kickout_threshold`; mainnet: 70).
    pub endorsement_cutoff_percent: u8,
    /// Seconds in a year (nearcore's `NUM_SECONDS_IN_A_YEAR`: 365 days).
    pub num_seconds_per_year: u64,
}

impl Default for RewardConfig {
    fn default() -> Self {
        RewardConfig {
            max_inflation_rate: Ratio::new(1, 40),
            protocol_reward_rate: Ratio::new(1, 10),
            protocol_treasury_account: "protocol-treasury".parse().expect("valid account id"),
            online_min_threshold: Ratio::new(90, 100),
            online_max_threshold: Ratio::new(99, 100),
            endorsement_cutoff_percent: 70,
            num_seconds_per_year: 24 * 60 * 60 * 365,
        }
    }
}

/// Produced and expected counts of one kind of work (nearcore's `ValidatorStats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// How many were produced.
    pub produced: u64,
    /// How many were expected.
    pub expected: u64,
}

impl Work {
    /// `produced * 100 < percent * expected` (nearcore's `ValidatorStats::less_than`).
    fn less_than(&self, percent: u8) -> bool {
        u128::from(self.produced) * 100 < u128::from(percent) * u128::from(self.expected)
    }
}

/// A validator's work in an epoch (nearcore's `BlockChunkValidatorStats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ValidatorStats {
    /// Blocks produced / expected.
    pub blocks: Work,
    /// Chunks produced / expected.
    pub chunks: Work,
    /// Chunk endorsements produced / expected.
    pub endorsements: Work,
}

/// A validator's online ratio, unreduced (`get_validator_online_ratio`): the average of the
/// kinds of work it was expected to do; endorsements count 0 or 1 by the cut-off.
pub fn online_ratio(stats: &ValidatorStats, endorsement_cutoff_percent: u8) -> (U256, U256) {
    let (bp, be) = (stats.blocks.produced, stats.blocks.expected);
    let (cp, ce) = (stats.chunks.produced, stats.chunks.expected);
    let (ep, ee) = match stats.endorsements.expected {
        0 => (0, 0),
        _ if stats.endorsements.less_than(endorsement_cutoff_percent) => (0, 1),
        _ => (1, 1),
    };
    let u = |x: u64| U256::from(x);
    match (be, ce, ee) {
        (0, 0, 0) => (u(0), u(1)),
        (0, 0, ee) => (u(ep), u(ee)),
        (0, ce, 0) => (u(cp), u(ce)),
        (be, 0, 0) => (u(bp), u(be)),
        (be, ce, 0) => (u(bp) * u(ce) + u(cp) * u(be), u(2) * u(ce) * u(be)),
        (0, ce, ee) => (u(ep) * u(ce) + u(cp) * u(ee), u(2) * u(ce) * u(ee)),
        (be, 0, ee) => (u(ep) * u(be) + u(bp) * u(ee), u(2) * u(be) * u(ee)),
        (be, ce, ee) => {
            (u(bp) * u(ce) * u(ee) + u(cp) * u(be) * u(ee) + u(ep) * u(be) * u(ce), u(3) * u(ce) * u(be) * u(ee))
        }
    }
}

/// What one epoch pays: per account (validators and the treasury) and the total minted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochReward {
    /// Reward per validator (0 for one below the online threshold) and the treasury's share.
    pub rewards: BTreeMap<AccountId, Balance>,
    /// Everything minted: the treasury's share plus every validator's reward.
    pub minted: Balance,
}

/// The rewards of an epoch that lasted `epoch_duration_ns`, for validators with `stats` and
/// `stake` (the epoch's validator set), out of a `total_supply` (`calculate_reward`).
pub fn calculate_reward(
    config: &RewardConfig,
    stats: &BTreeMap<AccountId, ValidatorStats>,
    stake: &BTreeMap<AccountId, Balance>,
    total_supply: Balance,
    epoch_duration_ns: u64,
) -> EpochReward {
    let inflation = config.max_inflation_rate;
    let epoch_total =
        (U256::from(inflation.numer) * U256::from(total_supply.as_yoctonear()) * U256::from(epoch_duration_ns)
            / (U256::from(config.num_seconds_per_year) * U256::from(inflation.denom) * U256::from(NS_PER_SECOND)))
        .as_u128();
    let rate = config.protocol_reward_rate;
    let treasury = (U256::from(epoch_total) * U256::from(rate.numer) / U256::from(rate.denom)).as_u128();
    let mut out = EpochReward::default();
    out.rewards.insert(config.protocol_treasury_account.clone(), Balance::from_yoctonear(treasury));
    if stats.is_empty() {
        return out;
    }
    let validators_share = epoch_total - treasury;
    let total_stake: u128 = stake.values().map(|s| s.as_yoctonear()).sum();
    let (min, max) = (config.online_min_threshold, config.online_max_threshold);
    let (min_n, min_d, max_n, max_d) =
        (U256::from(min.numer), U256::from(min.denom), U256::from(max.numer), U256::from(max.denom));
    let mut minted = treasury;
    for (account, s) in stats {
        let (ratio_n, ratio_d) = online_ratio(s, config.endorsement_cutoff_percent);
        let idle = s.blocks.expected == 0 && s.chunks.expected == 0 && s.endorsements.expected == 0;
        let validator_stake = stake.get(account).map_or(0, |b| b.as_yoctonear());
        let reward = if ratio_n * min_d < min_n * ratio_d || idle || total_stake == 0 {
            0
        } else {
            // min(1, (ratio - min) / (max - min)), as a fraction.
            let span = max_n * min_d - min_n * max_d;
            let mut up_n = (ratio_n * min_d - min_n * ratio_d) * max_d;
            let up_d = span * ratio_d;
            if up_n > up_d {
                up_n = up_d;
            }
            (U512::from(validators_share) * u256_to_u512(up_n) * U512::from(validator_stake)
                / u256_to_u512(up_d)
                / U512::from(total_stake))
            .as_u128()
        };
        out.rewards.insert(account.clone(), Balance::from_yoctonear(reward));
        minted += reward;
    }
    out.minted = Balance::from_yoctonear(minted);
    out
}

fn u256_to_u512(x: U256) -> U512 {
    let mut bytes = [0u8; 32];
    x.to_little_endian(&mut bytes);
    U512::from_little_endian(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> AccountId {
        s.parse().unwrap()
    }

    fn both(produced: u64, expected: u64) -> ValidatorStats {
        let w = Work { produced, expected };
        ValidatorStats { blocks: w, chunks: w, endorsements: Work::default() }
    }

    /// nearcore's `test_reward_validator_different_online` inputs and figures: 1% a year over
    /// a 1,000-second epoch of a 1,000-second year, three equal stakes, 0.9..0.99 thresholds.
    #[test]
    fn rewards_follow_uptime_between_the_thresholds() {
        let config = RewardConfig {
            max_inflation_rate: Ratio::new(1, 100),
            protocol_reward_rate: Ratio::new(0, 10),
            protocol_treasury_account: id("near"),
            online_min_threshold: Ratio::new(9, 10),
            online_max_threshold: Ratio::new(99, 100),
            endorsement_cutoff_percent: 70,
            num_seconds_per_year: 1000,
        };
        let stats = BTreeMap::from([
            (id("test1"), both(945, 1000)),
            (id("test2"), both(999, 1000)),
            (id("test3"), both(850, 1000)),
        ]);
        let stake = stats.keys().map(|a| (a.clone(), Balance::from_yoctonear(500_000))).collect();
        let r = calculate_reward(&config, &stats, &stake, Balance::from_yoctonear(1_000_000_000), 1000 * NS_PER_SECOND);
        let y = Balance::from_yoctonear;
        assert_eq!(r.rewards[&id("test1")], y(1_666_666), "94.5% online: half of the full share");
        assert_eq!(r.rewards[&id("test2")], y(3_333_333), "above 99%: the full share");
        assert_eq!(r.rewards[&id("test3")], y(0), "below 90%: nothing");
        assert_eq!(r.rewards[&id("near")], y(0));
        assert_eq!(r.minted, y(4_999_999));
    }

    #[test]
    fn the_treasury_gets_its_share_and_an_idle_validator_nothing() {
        let config = RewardConfig::default();
        let stats = BTreeMap::from([(id("busy"), both(100, 100)), (id("idle"), ValidatorStats::default())]);
        let stake = BTreeMap::from([(id("busy"), Balance::from_near(100)), (id("idle"), Balance::from_near(100))]);
        let year_ns = config.num_seconds_per_year * NS_PER_SECOND;
        let r = calculate_reward(&config, &stats, &stake, Balance::from_near(4_000), year_ns);
        // 2.5% of 4,000 NEAR over a year: 100 NEAR; 10 to the treasury, 90 shared by stake.
        assert_eq!(r.rewards[&config.protocol_treasury_account], Balance::from_near(10));
        assert_eq!(r.rewards[&id("busy")], Balance::from_near(45));
        assert_eq!(r.rewards[&id("idle")], Balance::ZERO);
        assert_eq!(r.minted, Balance::from_near(55));
    }

    #[test]
    fn endorsements_count_zero_or_one_by_the_cut_off() {
        let mut s = both(98, 100);
        s.chunks = Work { produced: 76, expected: 100 };
        s.endorsements = Work { produced: 42, expected: 100 };
        let (n, d) = online_ratio(&s, 30);
        // (0.98 + 0.76 + 1) / 3
        assert_eq!(n * U256::from(300), d * U256::from(274));
        let (n, d) = online_ratio(&s, 50);
        assert_eq!(n * U256::from(300), d * U256::from(174));
    }
}
