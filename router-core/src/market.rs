//! The market watch of a liquid target: depeg judged by the market, not by the mint rate.
//!
//! The protocol's own rate (`ft_price` / `get_st_near_price`) grows with rewards and no depeg
//! moves it; a depeg is the market paying less than that rate. An operator names where a token
//! trades (a Ref-shaped exchange's token/wNEAR simple pool) and a band in bps; anyone may then
//! ask the router to observe it (`observe_market`): the router reads the rate and the
//! exchange's `get_return` for one whole token (10^24 units: the marginal price with the pool
//! fee, so no sale's price impact is mistaken for a depeg) in the same receipt batch and
//! records whether the market is more than the band below the rate
//! ([`crate::exit_quote::market_discount_bps`], rounded up). A profile whose guard skips
//! out-of-band liquid targets then leaves the token out until an observation is back in band.

use crate::amount::Yocto;
use crate::exit_quote::market_discount_bps;
use crate::gas::TGAS;
use crate::AccountId;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// Every watch with its token, as the router's `get_market_watches` returns them.
pub type MarketWatches = Vec<(AccountId, MarketWatch)>;

/// The most market watches the router keeps (one per liquid target at most).
pub const MAX_MARKET_WATCHES: usize = 16;
/// Gas for each read (the token's rate view, the exchange's `get_return`).
pub const MARKET_VIEW_GAS: u64 = 5 * TGAS;
/// Static gas of the router's callback that records the observation (and, when a read
/// failed, makes the call fail with the reason).
pub const ON_MARKET_READ_GAS: u64 = 10 * TGAS;
/// The least prepaid gas `observe_market` accepts: its own work, both reads and the callback
/// with their sends (1.4 TGas each, 0.2 per dependency), rounded up.
pub const OBSERVE_MARKET_GAS: u64 = 30 * TGAS;

/// Where a liquid token trades and how far below its rate the market may be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct MarketWatch {
    /// The exchange (Ref-shaped: `get_return(pool_id, token_in, amount_in, token_out)`).
    pub exchange: AccountId,
    /// The token/wNEAR simple pool on it.
    pub pool_id: u64,
    /// Wrapped NEAR, what the pool pays in.
    pub wnear: AccountId,
    /// The band below the rate, in bps.
    pub band_bps: u16,
    /// The last observation, if any.
    pub last: Option<MarketObservation>,
}

/// One observation of the market against the rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct MarketObservation {
    /// The protocol's rate: yoctoNEAR per 10^24 token units.
    pub rate: Yocto,
    /// What the exchange paid for 10^24 token units, in yoctoNEAR (wNEAR).
    pub market: Yocto,
    /// How far the market is below the rate, in bps, rounded up (0 at or above it).
    pub discount_bps: u16,
    /// Whether that is beyond the band.
    pub out_of_band: bool,
    /// The block timestamp of the observation, in nanoseconds.
    pub at_ns: u64,
}

impl MarketWatch {
    /// Records `market` against `rate` at `at_ns`; returns the observation.
    pub fn observe(&mut self, rate: u128, market: u128, at_ns: u64) -> MarketObservation {
        let discount_bps = market_discount_bps(market, rate);
        let observation = MarketObservation {
            rate: Yocto(rate),
            market: Yocto(market),
            discount_bps,
            out_of_band: discount_bps > self.band_bps,
            at_ns,
        };
        self.last = Some(observation);
        observation
    }

    /// Whether the last observation was out of band.
    pub fn out_of_band(&self) -> bool {
        self.last.is_some_and(|o| o.out_of_band)
    }
}

/// The tokens whose last market observation was out of band, in the watches' order.
pub fn out_of_band_markets<'a>(watches: impl IntoIterator<Item = &'a (AccountId, MarketWatch)>) -> Vec<AccountId> {
    watches.into_iter().filter(|(_, w)| w.out_of_band()).map(|(id, _)| id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    fn watch(band_bps: u16) -> MarketWatch {
        MarketWatch {
            exchange: "dex.near".parse().unwrap(),
            pool_id: 0,
            wnear: "wrap.near".parse().unwrap(),
            band_bps,
            last: None,
        }
    }

    #[test]
    fn the_market_against_the_rate_decides_and_the_rate_alone_never_does() {
        let mut w = watch(100);
        assert!(!w.out_of_band(), "nothing observed: not out of band");
        // The rate grew 30% by rewards; the market follows it less the pool fee: in band.
        let o = w.observe(13 * ONE_NEAR / 10, 13 * ONE_NEAR / 10 * 997 / 1_000, 7);
        assert_eq!((o.discount_bps, o.out_of_band, o.at_ns), (30, false, 7));
        // The market falls 5% below the rate: out of band.
        assert!(w.observe(13 * ONE_NEAR / 10, 13 * ONE_NEAR / 10 * 95 / 100, 8).out_of_band);
        assert!(w.out_of_band());
        let all = vec![("a.near".parse().unwrap(), w.clone()), ("b.near".parse().unwrap(), watch(100))];
        assert_eq!(out_of_band_markets(&all), vec!["a.near".parse::<AccountId>().unwrap()]);
        // Exactly the band is in band; a market above the rate is never out of band.
        assert!(!w.observe(10_000, 9_900, 9).out_of_band);
        assert!(!w.observe(10_000, 12_000, 10).out_of_band);
    }
}
