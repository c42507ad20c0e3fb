//! What a staker chooses by: each leg's yearly rate, its fee and, for a validator, its health,
//! computed from figures anyone reads over NEAR JSON-RPC (the CLI's `figures` and the widget
//! read them; this stays pure). Rates are in parts per million (1% = 10,000 ppm), integer only.
//!
//! - **Observed growth** (`annualized_ppm`): a liquid token's rate grows with its rewards, a
//!   delegation with its pool's; `(now - then) / then`, scaled from the window's seconds to a
//!   year (a simple rate: not compounded), rounded toward zero. The window is the node's
//!   history: N epochs back when it keeps them, shorter otherwise (the caller says so).
//! - **Protocol figures** (`protocol_rate_ppm`): what nearcore pays a validator a year, from
//!   `chain/epoch-manager/src/reward_calculator.rs`: the yearly inflation of the total supply,
//!   less the treasury's share, spread over the total stake; times the validator's online
//!   factor (0 below the online minimum, 1 at or above the maximum, linear between, as
//!   `validator_stats.rs` and the calculator apply it); less the pool's fee for a delegator.
//! - **Health**: uptime as nearcore's online ratio (the mean of the produced/expected ratios of
//!   blocks, chunks and endorsements that had any expected), the share of the total stake, and
//!   a status.

use crate::wide;
use serde::{Deserialize, Serialize};

/// Parts per million in one.
pub const PPM: u64 = 1_000_000;
/// Seconds in the year the rates are scaled to: nearcore's `num_seconds_per_year` (365 days).
pub const SECONDS_PER_YEAR: u64 = 365 * 24 * 60 * 60;

/// A fraction as nearcore's configs and the pools write them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fraction {
    /// Numerator.
    pub num: u64,
    /// Denominator (0 reads as 0).
    pub den: u64,
}

impl Fraction {
    /// In ppm, rounded down (0 for a zero denominator).
    pub fn ppm(&self) -> u64 {
        (u128::from(self.num) * u128::from(PPM))
            .checked_div(u128::from(self.den))
            .map_or(0, |v| v.min(u128::from(u64::MAX)) as u64)
    }
}

/// The yearly rate of growing from `then` to `now` in `seconds`, in ppm, rounded toward zero;
/// negative for a fall. `None` without a window or a starting value.
pub fn annualized_ppm(then: u128, now: u128, seconds: u64) -> Option<i64> {
    if then == 0 || seconds == 0 {
        return None;
    }
    let (diff, negative) = if now >= then { (now - then, false) } else { (then - now, true) };
    // diff / then × PPM × YEAR / seconds, in two exact 256-bit steps.
    let per_ppm = wide::mul_div_floor(diff, u128::from(PPM), then)?;
    let yearly = wide::mul_div_floor(per_ppm, u128::from(SECONDS_PER_YEAR), u128::from(seconds))?;
    let yearly = i64::try_from(yearly).ok()?;
    Some(if negative { -yearly } else { yearly })
}

/// nearcore's online factor for an online ratio (all in ppm): 0 below `min`, 1 at or above
/// `max`, linear between.
pub fn online_factor_ppm(online: u64, min: u64, max: u64) -> u64 {
    if online < min {
        0
    } else if online >= max || max <= min {
        PPM
    } else {
        (online - min) * PPM / (max - min)
    }
}

/// The protocol's reward figures, from `EXPERIMENTAL_protocol_config` and `validators`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolRewards {
    /// Yearly inflation of the total supply at full uptime (`max_inflation_rate`).
    pub max_inflation: Fraction,
    /// The treasury's share of each epoch's reward (`protocol_reward_rate`).
    pub protocol_reward_rate: Fraction,
    /// Below this online ratio a validator earns nothing (`online_min_threshold`).
    pub online_min: Fraction,
    /// At or above this it earns its full share (`online_max_threshold`).
    pub online_max: Fraction,
    /// The total supply (the config's `total_supply`), yoctoNEAR.
    pub total_supply: u128,
    /// The current validators' total stake, yoctoNEAR.
    pub total_stake: u128,
}

/// What a delegator of a validator with `online_ppm` uptime and `fee` earns a year by the
/// protocol's figures, in ppm of its stake (rounded down).
pub fn protocol_rate_ppm(r: &ProtocolRewards, online_ppm: u64, fee: Fraction) -> Option<u64> {
    if r.total_stake == 0 {
        return None;
    }
    // The validators' share of a year's inflation, per unit of stake.
    let inflation = wide::mul_div_floor(r.total_supply, u128::from(r.max_inflation.ppm()), r.total_stake)?;
    let validators = PPM.saturating_sub(r.protocol_reward_rate.ppm());
    let gross = wide::mul_div_floor(inflation, u128::from(validators), u128::from(PPM))?;
    let online = online_factor_ppm(online_ppm, r.online_min.ppm(), r.online_max.ppm());
    let earned = wide::mul_div_floor(gross, u128::from(online), u128::from(PPM))?;
    let kept = PPM.saturating_sub(fee.ppm().min(PPM));
    let net = wide::mul_div_floor(earned, u128::from(kept), u128::from(PPM))?;
    u64::try_from(net).ok()
}

/// nearcore's online ratio in ppm: the mean of the produced/expected ratios of the kinds that
/// had any expected (blocks, chunks, endorsements); `None` when none had.
pub fn online_ppm(kinds: &[(u64, u64)]) -> Option<u64> {
    let ratios: Vec<u64> = kinds
        .iter()
        .filter(|(_, expected)| *expected > 0)
        .map(|(p, e)| Fraction { num: *p, den: *e }.ppm().min(PPM))
        .collect();
    (!ratios.is_empty()).then(|| ratios.iter().sum::<u64>() / ratios.len() as u64)
}

/// Where a validator stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidatorStatus {
    /// In the current validator set.
    Active,
    /// Proposed for a coming epoch, not validating now.
    Proposed,
    /// Kicked out of the validator set (`validators`' `prev_epoch_kickout`), not validating now.
    KickedOut,
    /// Neither: it earns nothing now.
    NotValidating,
}

/// A validator's health.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatorHealth {
    /// Where it stands.
    pub status: ValidatorStatus,
    /// Its online ratio this epoch so far, in ppm (`None`: nothing expected yet).
    pub uptime_ppm: Option<u64>,
    /// Its share of the total stake, in bps, rounded up.
    pub stake_share_bps: Option<u16>,
    /// Why it was kicked out of the set last epoch, in words (an active validator listed there
    /// leaves the set at the next epoch); absent when it was not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kickout: Option<String>,
    /// Blocks, chunks and endorsements it produced of those expected this epoch so far,
    /// `(produced, expected)`; absent outside the current set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<ValidatorWork>,
}

/// A current validator's work this epoch so far, as `validators` reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatorWork {
    /// `(num_produced_blocks, num_expected_blocks)`.
    pub blocks: (u64, u64),
    /// `(num_produced_chunks, num_expected_chunks)`.
    pub chunks: (u64, u64),
    /// `(num_produced_endorsements, num_expected_endorsements)`.
    pub endorsements: (u64, u64),
}

/// A rate in ppm as a percentage with two decimals: `"9.87%"`, `"-0.50%"`.
pub fn describe_ppm(ppm: i64) -> String {
    let sign = if ppm < 0 { "-" } else { "" };
    let hundredths = ppm.unsigned_abs() / 100;
    format!("{sign}{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// The blend of per-leg rates by the legs' shares (bps), rounded toward zero; legs without a
/// rate are left out of both sums (the caller says so).
pub fn blended_ppm(legs: &[(u16, Option<i64>)]) -> Option<i64> {
    let known: Vec<(i64, i64)> = legs.iter().filter_map(|(bps, r)| r.map(|r| (i64::from(*bps), r))).collect();
    let weight: i64 = known.iter().map(|(b, _)| b).sum();
    (weight > 0).then(|| known.iter().map(|(b, r)| b * r).sum::<i64>() / weight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    #[test]
    fn growth_is_annualized_from_its_window() {
        // 0.1% in one day is 36.5% a year (simple rate).
        assert_eq!(annualized_ppm(ONE_NEAR, ONE_NEAR + ONE_NEAR / 1_000, 86_400), Some(365_000));
        assert_eq!(annualized_ppm(ONE_NEAR, ONE_NEAR - ONE_NEAR / 1_000, 86_400), Some(-365_000));
        assert_eq!(annualized_ppm(3, 4, SECONDS_PER_YEAR), Some(333_333), "rounded toward zero");
        assert_eq!(annualized_ppm(0, 4, 1), None);
        assert_eq!(annualized_ppm(4, 4, 0), None);
        assert_eq!(describe_ppm(98_765), "9.87%");
        assert_eq!(describe_ppm(-5_000), "-0.50%");
    }

    #[test]
    fn the_protocol_rate_follows_nearcores_calculator() {
        // Mainnet-like: 2.5% inflation, 10% to the treasury, 500M supply, 250M staked.
        let r = ProtocolRewards {
            max_inflation: Fraction { num: 1, den: 40 },
            protocol_reward_rate: Fraction { num: 1, den: 10 },
            online_min: Fraction { num: 90, den: 100 },
            online_max: Fraction { num: 99, den: 100 },
            total_supply: 500_000_000 * ONE_NEAR,
            total_stake: 250_000_000 * ONE_NEAR,
        };
        let no_fee = Fraction { num: 0, den: 100 };
        // 2.5% × 2 × 90% = 4.5%; a 10% fee leaves 4.05%.
        assert_eq!(protocol_rate_ppm(&r, PPM, no_fee), Some(45_000));
        assert_eq!(protocol_rate_ppm(&r, PPM, Fraction { num: 10, den: 100 }), Some(40_500));
        // Half-way between the thresholds earns half; below the minimum nothing.
        assert_eq!(online_factor_ppm(945_000, 900_000, 990_000), 500_000);
        assert_eq!(protocol_rate_ppm(&r, 945_000, no_fee), Some(22_500));
        assert_eq!(protocol_rate_ppm(&r, 899_999, no_fee), Some(0));
        assert_eq!(protocol_rate_ppm(&ProtocolRewards { total_stake: 0, ..r }, PPM, no_fee), None);
    }

    #[test]
    fn uptime_and_blends() {
        assert_eq!(online_ppm(&[(99, 100), (97, 100), (0, 0)]), Some(980_000));
        assert_eq!(online_ppm(&[(0, 0)]), None);
        assert_eq!(blended_ppm(&[(6_000, Some(50_000)), (4_000, Some(40_000))]), Some(46_000));
        assert_eq!(blended_ppm(&[(6_000, None), (4_000, Some(40_000))]), Some(40_000));
        assert_eq!(blended_ppm(&[(6_000, None)]), None);
    }
}
