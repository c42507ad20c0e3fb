//! Guards: per-profile options (concentration, depeg skip) and per-target depeg bands.
//!
//! - **Concentration**: a profile with `max_validator_network_share_bps` folds validator legs
//!   whose share of the network's stake, read on chain with `env::validator_stake` and
//!   `env::validator_total_stake`, is above the limit (`FoldReason::ConcentrationGuard`).
//! - **Depeg**: an operator sets a band per liquid target. Every mint implies a price
//!   (`near_amount * 10^24 / minted`); outside the band the tokens are still delivered, but a
//!   `depeg_warning` is emitted and the band records `last_price_out_of_band = true` and the
//!   price. A profile with `skip_out_of_band_liquid` then folds that target
//!   (`FoldReason::DepegGuard`) until a later mint is in band or an operator sets the band again
//!   (which resets the observation).

use crate::errors::*;
use crate::events::RouterEvent;
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId};
use router_core::guard_reads::{out_of_band, read_guards, with_markets, GuardReads};
use router_core::{DepegBand, GuardOptions, PlanGuards, Policy, TargetKind, BPS_TOTAL};

#[near]
impl Router {
    /// Sets a named profile's guard options. Operator, 1 yoctoNEAR.
    #[payable]
    pub fn set_profile_guards(&mut self, name: String, options: GuardOptions) {
        self.assert_operator();
        require!(self.profiles.contains_key(&name), ERR_UNKNOWN_PROFILE);
        if let Some(max) = options.max_validator_network_share_bps {
            require!((1..=BPS_TOTAL).contains(&max), ERR_BAD_GUARD);
        }
        RouterEvent::ProfileGuardsSet { name: &name, options: &options, by: &env::predecessor_account_id() }.emit();
        self.profile_guards.insert(name, options);
    }

    /// Sets a liquid target's depeg band: the expected price in yoctoNEAR per 10^24 token
    /// units and a tolerance in bps either side. Resets the last observation. Operator,
    /// 1 yoctoNEAR.
    #[payable]
    pub fn set_depeg_band(&mut self, account_id: AccountId, expected_price: U128, tolerance_bps: u16) {
        self.assert_operator();
        let target = self.targets.get(&account_id).unwrap_or_else(|| env::panic_str(ERR_UNKNOWN_TARGET));
        require!(matches!(target.kind, TargetKind::Liquid { .. }), ERR_NOT_LIQUID);
        require!(expected_price.0 > 0 && (1..=BPS_TOTAL).contains(&tolerance_bps), ERR_BAD_BAND);
        let band = DepegBand::new(expected_price.0, tolerance_bps);
        RouterEvent::DepegBandSet { target: &account_id, band: Some(&band), by: &env::predecessor_account_id() }.emit();
        self.depeg_bands.insert(account_id, band);
    }

    /// Removes a liquid target's depeg band. Operator, 1 yoctoNEAR.
    #[payable]
    pub fn remove_depeg_band(&mut self, account_id: AccountId) {
        self.assert_operator();
        require!(self.depeg_bands.remove(&account_id).is_some(), ERR_NO_BAND);
        RouterEvent::DepegBandSet { target: &account_id, band: None, by: &env::predecessor_account_id() }.emit();
    }

    /// A profile's guard options (all off when none were set).
    pub fn get_profile_guards(&self, name: String) -> GuardOptions {
        self.profile_guards.get(&name).copied().unwrap_or_default()
    }

    /// Every depeg band, with its last observation.
    pub fn get_depeg_bands(&self) -> Vec<(AccountId, DepegBand)> {
        self.depeg_bands.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }
}

impl Router {
    /// The guards for a deposit by `profile` (none for explicit and stored policies) over
    /// `policy`: the options and, only for the guards that are on, the observations they need
    /// (stake reads only for the policy's validators; the plan's gas counts each read).
    pub(crate) fn plan_guards(&self, profile: Option<&str>, policy: &Policy) -> PlanGuards {
        let options = profile.and_then(|p| self.profile_guards.get(p)).copied().unwrap_or_default();
        let is_validator = |id: &AccountId| self.targets.get(id).is_some_and(|t| t.kind.is_validator());
        read_guards(options, policy, is_validator, &mut ChainReads { bands: &self.depeg_bands })
    }

    /// Records the price a mint implies against the token's band, if it has one; emits
    /// `depeg_warning` when out of band and `depeg_cleared` when back in band.
    pub(crate) fn observe_mint(&mut self, token: &AccountId, near_amount: u128, minted: u128) {
        let Some(price) = DepegBand::implied_price(near_amount, minted) else { return };
        let Some(band) = self.depeg_bands.get_mut(token) else { return };
        let was_out = band.last_price_out_of_band;
        if !band.observe(price) {
            RouterEvent::DepegWarning {
                token,
                observed_price: U128(price),
                expected_price: U128(band.expected_price.0),
                tolerance_bps: band.tolerance_bps,
                near_amount: U128(near_amount),
                minted: U128(minted),
            }
            .emit();
        } else if was_out {
            RouterEvent::DepegCleared { token, observed_price: U128(price) }.emit();
        }
    }
}

impl Router {
    /// Whether a mint of `minted` tokens for `near_amount` is more than `token`'s depeg band
    /// allows (its implied price below the band): such a mint is held for review, not
    /// delivered. Without a band the target's word is trusted (`docs/security.md`).
    pub(crate) fn mint_below_band(&self, token: &AccountId, near_amount: u128, minted: u128) -> bool {
        let Some(band) = self.depeg_bands.get(token) else { return false };
        let Some(price) = DepegBand::implied_price(near_amount, minted) else { return false };
        band.below(price)
    }
}

/// The guards' observations on chain: the epoch's validator stakes and the stored bands.
struct ChainReads<'a> {
    bands: &'a near_sdk::store::IterableMap<AccountId, DepegBand>,
}

impl GuardReads for ChainReads<'_> {
    fn validator_total_stake(&mut self) -> u128 {
        env::validator_total_stake().as_yoctonear()
    }

    fn validator_stake(&mut self, account_id: &AccountId) -> u128 {
        env::validator_stake(account_id).as_yoctonear()
    }

    fn out_of_band_liquid(&mut self) -> Vec<AccountId> {
        with_markets(out_of_band(self.bands.iter()), &crate::market::all_watches())
    }
}
