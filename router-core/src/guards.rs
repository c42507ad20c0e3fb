//! Deposit fee and the planner's guards (concentration and depeg): data the caller reads on
//! chain and hands to the planner, so the planner itself stays pure.
//!
//! - **Deposit fee**: `floor(deposit * fee_bps / 10_000)`, rounded **down** (in the user's
//!   favour), taken off the top before the split, at most [`MAX_DEPOSIT_FEE_BPS`]; it is a
//!   one-off cost, defined with the others in [`crate::costs`] (re-exported here).
//! - **Concentration guard**: a profile may exclude validators whose stake is above a share of
//!   the network's total stake. The caller fills [`PlanGuards::network_share_bps`] with each
//!   validator target's share, rounded **up** ([`network_share_bps`]), so "share above the
//!   limit" is decided exactly: `ceil(stake * 10_000 / total) > max` iff
//!   `stake * 10_000 > max * total`.
//! - **Depeg guard**: an operator-set band per liquid target ([`DepegBand`]); the router
//!   records whether the last observed mint price was out of band, and a profile may skip
//!   such targets (the caller fills [`PlanGuards::out_of_band_liquid`]).
//!
//! A guarded leg is folded before any amount-based folding, in policy order, with the reason
//! [`FoldReason::ConcentrationGuard`] or [`FoldReason::DepegGuard`].

use crate::amount::Yocto;
use crate::fold::FoldReason;
use crate::target::{Target, TargetKind};
use crate::wide;
use crate::AccountId;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

pub use crate::costs::{deposit_fee, MAX_DEPOSIT_FEE_BPS};
/// Token units of a price quote: prices are yoctoNEAR per 10^24 token units.
pub const PRICE_UNIT: u128 = 1_000_000_000_000_000_000_000_000;

/// A validator's share of the network's total stake in basis points, rounded up; `None` when
/// the total is 0 (no data).
pub fn network_share_bps(stake: u128, total: u128) -> Option<u16> {
    if total == 0 {
        return None;
    }
    let bps = wide::mul_div_ceil(stake.min(total), u128::from(crate::BPS_TOTAL), total)?;
    Some(bps as u16)
}

/// Per-profile guard options, set by operators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct GuardOptions {
    /// Exclude validators whose share of the network's stake is above this (bps); `None`: off.
    #[serde(default)]
    pub max_validator_network_share_bps: Option<u16>,
    /// Fold liquid targets whose last observed mint price was outside their depeg band.
    #[serde(default)]
    pub skip_out_of_band_liquid: bool,
}

/// What the planner's guards need: the options and the observations the caller read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanGuards {
    /// The profile's options (all off by default).
    #[serde(default)]
    pub options: GuardOptions,
    /// Validator targets' network stake share in bps, rounded up (see [`network_share_bps`]).
    /// A validator without an entry is not excluded.
    #[serde(default)]
    pub network_share_bps: Vec<(AccountId, u16)>,
    /// Liquid targets whose last observed mint price was outside their band.
    #[serde(default)]
    pub out_of_band_liquid: Vec<AccountId>,
}

impl PlanGuards {
    /// Why `target` is excluded by a guard, if it is.
    pub fn exclusion(&self, target: &Target) -> Option<FoldReason> {
        match target.kind {
            TargetKind::Validator => {
                let max = self.options.max_validator_network_share_bps?;
                let share = self.network_share_bps.iter().find(|(id, _)| id == &target.account_id)?.1;
                (share > max).then_some(FoldReason::ConcentrationGuard)
            }
            TargetKind::Liquid { .. } => (self.options.skip_out_of_band_liquid
                && self.out_of_band_liquid.contains(&target.account_id))
            .then_some(FoldReason::DepegGuard),
        }
    }
}

/// Every band with its token, as the router's `get_depeg_bands` returns them.
pub type DepegBands = Vec<(AccountId, DepegBand)>;

/// An operator-set price band for a liquid target, and the last price the router observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct DepegBand {
    /// Expected price: yoctoNEAR per 10^24 token units.
    pub expected_price: Yocto,
    /// Allowed deviation either side of the expected price, in bps.
    pub tolerance_bps: u16,
    /// Whether the last observed mint price was outside the band.
    pub last_price_out_of_band: bool,
    /// The last observed mint price (0 until a mint is observed). Not an `Option`: the record
    /// keeps one size, so an observation in a deposit's callback adds no storage.
    pub last_observed_price: Yocto,
}

impl DepegBand {
    /// A new band with no observation.
    pub fn new(expected_price: u128, tolerance_bps: u16) -> Self {
        DepegBand {
            expected_price: Yocto(expected_price),
            tolerance_bps,
            last_price_out_of_band: false,
            last_observed_price: Yocto(0),
        }
    }

    /// The price a mint implies: `near_amount * 10^24 / minted`, rounded down (`None` if
    /// nothing was minted or it overflows).
    pub fn implied_price(near_amount: u128, minted: u128) -> Option<u128> {
        if minted == 0 {
            return None;
        }
        wide::mul_div_floor(near_amount, PRICE_UNIT, minted)
    }

    /// Whether `price` is within `expected * (1 ± tolerance)`, bounds included.
    pub fn in_band(&self, price: u128) -> bool {
        let expected = self.expected_price.0;
        let diff = price.abs_diff(expected);
        // diff * 10000 <= tolerance * expected  <=>  diff <= floor(tolerance * expected / 10000).
        let tolerance = u128::from(self.tolerance_bps.min(crate::BPS_TOTAL));
        diff <= wide::mul_div_floor(expected, tolerance, u128::from(crate::BPS_TOTAL)).unwrap_or(u128::MAX)
    }

    /// Whether `price` is below the band (`expected * (1 - tolerance)`): a mint at it gave more
    /// tokens for the NEAR than the band allows, and the router holds it for review.
    pub fn below(&self, price: u128) -> bool {
        price < self.expected_price.0 && !self.in_band(price)
    }

    /// Records an observed price; returns whether it was in band.
    pub fn observe(&mut self, price: u128) -> bool {
        let ok = self.in_band(price);
        self.last_observed_price = Yocto(price);
        self.last_price_out_of_band = !ok;
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{TargetCaps, TargetStatus, ONE_NEAR};

    fn target(id: &str, kind: TargetKind) -> Target {
        Target {
            account_id: id.parse().unwrap(),
            kind,
            status: TargetStatus::Active,
            caps: TargetCaps::default(),
            routed_total: Yocto(0),
        }
    }

    #[test]
    fn share_rounds_up_and_decides_exactly() {
        assert_eq!(network_share_bps(1, 0), None);
        assert_eq!(network_share_bps(0, 100), Some(0));
        assert_eq!(network_share_bps(10, 100), Some(1_000));
        assert_eq!(network_share_bps(1_001, 10_000), Some(1_001));
        assert_eq!(network_share_bps(10_001, 100_000), Some(1_001), "just above 10% is above 1000 bps");
        assert_eq!(network_share_bps(u128::MAX, u128::MAX), Some(10_000));
    }

    #[test]
    fn guards_exclude_only_when_on_and_above() {
        let v = target("pool.near", TargetKind::Validator);
        let l = target(
            "lst.near",
            TargetKind::Liquid { protocol: crate::LstProtocol::Linear, registration_deposit: Yocto(0) },
        );
        let mut g = PlanGuards {
            network_share_bps: vec![(v.account_id.clone(), 1_500)],
            out_of_band_liquid: vec![l.account_id.clone()],
            ..Default::default()
        };
        assert_eq!(g.exclusion(&v), None, "options off");
        assert_eq!(g.exclusion(&l), None);
        g.options = GuardOptions { max_validator_network_share_bps: Some(1_500), skip_out_of_band_liquid: true };
        assert_eq!(g.exclusion(&v), None, "at the limit is allowed");
        assert_eq!(g.exclusion(&l), Some(FoldReason::DepegGuard));
        g.options.max_validator_network_share_bps = Some(1_499);
        assert_eq!(g.exclusion(&v), Some(FoldReason::ConcentrationGuard));
        g.network_share_bps.clear();
        assert_eq!(g.exclusion(&v), None, "no data, no exclusion");
    }

    #[test]
    fn depeg_band_bounds_and_observation() {
        let mut band = DepegBand::new(1_100_000_000_000_000_000_000_000, 100);
        assert_eq!(DepegBand::implied_price(11 * ONE_NEAR, 10 * ONE_NEAR), Some(1_100_000_000_000_000_000_000_000));
        assert_eq!(DepegBand::implied_price(ONE_NEAR, 0), None);
        assert!(band.in_band(1_111_000_000_000_000_000_000_000), "+1% is in band");
        assert!(band.in_band(1_089_000_000_000_000_000_000_000), "-1% is in band");
        assert!(!band.in_band(1_111_000_000_000_000_000_000_001));
        // Only a price under the band (more tokens than it allows) is `below` it.
        assert!(!band.below(1_089_000_000_000_000_000_000_000) && band.below(1_088_999_999_999_999_999_999_999));
        assert!(!band.below(1_111_000_000_000_000_000_000_001), "above the band is not below it");
        assert!(!band.observe(1_200_000_000_000_000_000_000_000));
        assert!(band.last_price_out_of_band);
        assert_eq!(band.last_observed_price, Yocto(1_200_000_000_000_000_000_000_000));
        assert!(band.observe(1_100_000_000_000_000_000_000_000));
        assert!(!band.last_price_out_of_band);
        assert!(DepegBand::new(u128::MAX, 10_000).in_band(0));
    }
}
