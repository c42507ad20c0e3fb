//! Which observations a deposit's guards need, and how they become [`PlanGuards`].
//!
//! The router contract reads the observations on chain (`env::validator_stake`,
//! `env::validator_total_stake`, its stored depeg bands); the widget reads the same over
//! JSON-RPC (`validators`, the router's `get_depeg_bands`). Both hand them to [`read_guards`],
//! so the guards a preview plans with are built exactly as the contract builds them:
//!
//! - nothing is read for a guard that is off;
//! - the concentration guard reads the total stake once, then the stake of each **validator**
//!   leg of the policy, in policy order, and records `network_share_bps(stake, total)` (no entry
//!   when the total is 0: no data, no exclusion);
//! - the depeg guard takes every liquid target whose band records an out-of-band last mint
//!   price, and every one whose market watch records the market out of band
//!   ([`crate::market`]).

use crate::guards::{network_share_bps, DepegBand, GuardOptions, PlanGuards};
use crate::market::{out_of_band_markets, MarketWatch};
use crate::policy::Policy;
use crate::AccountId;

/// Where the guards' observations come from.
pub trait GuardReads {
    /// The total stake of the current epoch's validators (`env::validator_total_stake`).
    fn validator_total_stake(&mut self) -> u128;
    /// `account_id`'s stake in the current epoch, 0 when it is not a validator
    /// (`env::validator_stake`).
    fn validator_stake(&mut self, account_id: &AccountId) -> u128;
    /// The liquid targets whose last observed mint price was outside their depeg band, then
    /// those whose last market observation was out of band (each once).
    fn out_of_band_liquid(&mut self) -> Vec<AccountId>;
}

/// The guards for a deposit over `policy` with `options`; `is_validator` tells whether a leg's
/// target is a validator target of the router. Reads only what the options need.
pub fn read_guards(
    options: GuardOptions,
    policy: &Policy,
    is_validator: impl Fn(&AccountId) -> bool,
    reads: &mut impl GuardReads,
) -> PlanGuards {
    let mut guards = PlanGuards { options, ..Default::default() };
    if options.max_validator_network_share_bps.is_some() {
        let total = reads.validator_total_stake();
        for leg in policy.legs.iter().filter(|l| is_validator(&l.target)) {
            let stake = reads.validator_stake(&leg.target);
            if let Some(share) = network_share_bps(stake, total) {
                guards.network_share_bps.push((leg.target.clone(), share));
            }
        }
    }
    if options.skip_out_of_band_liquid {
        guards.out_of_band_liquid = reads.out_of_band_liquid();
    }
    guards
}

/// The targets of `bands` whose last observed price was out of band, in the bands' order.
pub fn out_of_band<'a>(bands: impl IntoIterator<Item = (&'a AccountId, &'a DepegBand)>) -> Vec<AccountId> {
    bands.into_iter().filter(|(_, b)| b.last_price_out_of_band).map(|(id, _)| id.clone()).collect()
}

/// `by_mint` (the bands' out-of-band targets) followed by the out-of-band `markets` not
/// already in it: the depeg guard's targets.
pub fn with_markets(mut by_mint: Vec<AccountId>, markets: &[(AccountId, MarketWatch)]) -> Vec<AccountId> {
    for token in out_of_band_markets(markets) {
        if !by_mint.contains(&token) {
            by_mint.push(token);
        }
    }
    by_mint
}

/// Observations read off chain: the current epoch's validators with their stakes (JSON-RPC
/// `validators`' `current_validators`) and the router's depeg bands (`get_depeg_bands`).
#[derive(Clone, Copy, Debug)]
pub struct Observed<'a> {
    /// `(account, stake)` of each current validator.
    pub validators: &'a [(AccountId, u128)],
    /// The router's bands with their last observation.
    pub depeg_bands: &'a [(AccountId, DepegBand)],
    /// The router's market watches with their last observation (`get_market_watches`).
    pub market_watches: &'a [(AccountId, MarketWatch)],
}

impl GuardReads for Observed<'_> {
    /// The sum of the current validators' stakes: what nearcore's `validator_total_stake` sums
    /// (the current epoch's validator set).
    fn validator_total_stake(&mut self) -> u128 {
        self.validators.iter().fold(0u128, |total, (_, stake)| total.saturating_add(*stake))
    }

    fn validator_stake(&mut self, account_id: &AccountId) -> u128 {
        self.validators.iter().find(|(id, _)| id == account_id).map_or(0, |(_, stake)| *stake)
    }

    fn out_of_band_liquid(&mut self) -> Vec<AccountId> {
        with_markets(out_of_band(self.depeg_bands.iter().map(|(id, b)| (id, b))), self.market_watches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Leg;

    fn id(s: &str) -> AccountId {
        s.parse().unwrap()
    }

    /// Counts the reads, to prove nothing is read for a guard that is off.
    struct Counting<'a>(Observed<'a>, u32);

    impl GuardReads for Counting<'_> {
        fn validator_total_stake(&mut self) -> u128 {
            self.1 += 1;
            self.0.validator_total_stake()
        }
        fn validator_stake(&mut self, a: &AccountId) -> u128 {
            self.1 += 1;
            self.0.validator_stake(a)
        }
        fn out_of_band_liquid(&mut self) -> Vec<AccountId> {
            self.1 += 1;
            self.0.out_of_band_liquid()
        }
    }

    fn policy() -> Policy {
        Policy {
            legs: ["big.pool", "lst.near", "small.pool", "gone.pool"]
                .iter()
                .map(|t| Leg { target: id(t), bps: 2_500 })
                .collect(),
        }
    }

    #[test]
    fn reads_only_what_the_options_need_and_shares_round_up() {
        let validators = [(id("big.pool"), 30), (id("small.pool"), 10), (id("other.pool"), 60)];
        let mut out = DepegBand::new(1, 1);
        out.last_price_out_of_band = true;
        let bands = [(id("lst.near"), out), (id("ok.near"), DepegBand::new(1, 1))];
        let observed = Observed { validators: &validators, depeg_bands: &bands, market_watches: &[] };
        let is_validator = |a: &AccountId| a.as_str().ends_with(".pool");

        let mut reads = Counting(observed, 0);
        let off = read_guards(GuardOptions::default(), &policy(), is_validator, &mut reads);
        assert_eq!((off, reads.1), (PlanGuards::default(), 0));

        let options = GuardOptions { max_validator_network_share_bps: Some(2_000), skip_out_of_band_liquid: true };
        let mut reads = Counting(observed, 0);
        let on = read_guards(options, &policy(), is_validator, &mut reads);
        assert_eq!(reads.1, 1 + 3 + 1, "the total, the three validator legs, the bands");
        assert_eq!(on.options, options);
        // 30/100 = 3000 bps; 10/100 = 1000; a pool that is not a validator has stake 0.
        assert_eq!(
            on.network_share_bps,
            vec![(id("big.pool"), 3_000), (id("small.pool"), 1_000), (id("gone.pool"), 0)]
        );
        assert_eq!(on.out_of_band_liquid, vec![id("lst.near")]);
    }

    #[test]
    fn the_depeg_guard_takes_the_bands_then_the_markets_out_of_band_each_once() {
        use crate::market::MarketWatch;
        let mut out = DepegBand::new(1, 1);
        out.last_price_out_of_band = true;
        let bands = [(id("lst.near"), out)];
        let watch = |market: u128| {
            let mut w =
                MarketWatch { exchange: id("dex.near"), pool_id: 0, wnear: id("wrap.near"), band_bps: 100, last: None };
            w.observe(10_000, market, 1);
            w
        };
        let markets = [(id("lst.near"), watch(5_000)), (id("calm.near"), watch(9_950)), (id("low.near"), watch(9_000))];
        let mut observed = Observed { validators: &[], depeg_bands: &bands, market_watches: &markets };
        let options = GuardOptions { max_validator_network_share_bps: None, skip_out_of_band_liquid: true };
        let g = read_guards(options, &policy(), |_| false, &mut observed);
        assert_eq!(g.out_of_band_liquid, vec![id("lst.near"), id("low.near")]);
    }

    #[test]
    fn no_validators_means_no_shares() {
        let observed = Observed { validators: &[], depeg_bands: &[], market_watches: &[] };
        let options = GuardOptions { max_validator_network_share_bps: Some(1), skip_out_of_band_liquid: false };
        let g = read_guards(options, &policy(), |_| true, &mut { observed });
        assert!(g.network_share_bps.is_empty(), "total 0: no data, no exclusion");
    }
}
