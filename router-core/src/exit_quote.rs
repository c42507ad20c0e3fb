//! Exit quotes: for each leg of a position, what its holder gets by each way out, from the
//! protocols' and the exchange's own views (the caller reads them; this stays pure, so the
//! widget and the CLI show the same figures).
//!
//! - **Delayed** (a liquid token redeemed through its protocol, or a validator pool's unstake):
//!   the redemption value, no fee, unlocking at an epoch the protocol sets
//!   ([`LstProtocol::unlock_epochs`], [`crate::position::NUM_EPOCHS_TO_UNLOCK`]), shown with
//!   an estimated time from the chain's epoch length and recent block time ([`EpochClock`]).
//! - **Instant** (a liquid token sold at once): what the protocol's own liquidity pool
//!   (Meta Pool's `liquid_unstake`) or an exchange pool (a Ref-shaped `get_return`) pays now;
//!   its cost against the redemption value is the fee and the price impact together.
//!   `min_out` is what the exit accepts at worst under a user-set slippage.
//! - **Depeg is a market fact**: a token whose market price (what an exchange pays for one
//!   whole token, its marginal price with the pool fee, so a large sale's price impact is not
//!   mistaken for it) is more than its band below its redemption value (the protocol's own
//!   rate) is depegged ([`market_discount_bps`]); reward growth moves the rate, not the
//!   discount. A protocol's own liquidity pool is not the market: its fee is a cost, not a
//!   depeg.
//!
//! Rounding: values the holder receives round **down** (never promise more than the chain
//! pays), costs and discounts round **up** (never understate them).

use crate::amount::Yocto;
use crate::guards::PRICE_UNIT;
use crate::target::LstProtocol;
use crate::wide;
use crate::BPS_TOTAL;
use serde::{Deserialize, Serialize};

/// Milliseconds in a second.
const MS_PER_SECOND: u64 = 1_000;

/// The NEAR `amount` token units redeem for at `price` (yoctoNEAR per 10^24 units), rounded
/// down. `None` on overflow (a price above 2^128 / 10^24 NEAR per token cannot happen).
pub fn redemption_value(amount: u128, price: u128) -> Option<u128> {
    wide::mul_div_floor(amount, price, PRICE_UNIT)
}

/// The least an instant exit quoted at `quoted` accepts under `slippage_bps` (rounded down, so
/// a fill of exactly the tolerated worst is accepted). A slippage above 100% counts as 100%.
pub fn min_out(quoted: u128, slippage_bps: u16) -> u128 {
    let keep = u128::from(BPS_TOTAL.saturating_sub(slippage_bps));
    wide::mul_div_floor(quoted, keep, u128::from(BPS_TOTAL)).unwrap_or(0)
}

/// How far below the redemption value an instant exit pays, in bps, rounded up; 0 when it pays
/// at least the redemption value (or the redemption value is 0).
pub fn market_discount_bps(instant: u128, redemption: u128) -> u16 {
    if redemption == 0 || instant >= redemption {
        return 0;
    }
    let bps = wide::mul_div_ceil(redemption - instant, u128::from(BPS_TOTAL), redemption);
    bps.map_or(BPS_TOTAL, |b| b.min(u128::from(BPS_TOTAL)) as u16)
}

/// Whether an instant exit paying `instant` for what redeems for `redemption` is more than
/// `band_bps` below it: the token is depegged.
pub fn is_depegged(instant: u128, redemption: u128, band_bps: u16) -> bool {
    market_discount_bps(instant, redemption) > band_bps
}

/// Where the chain is in its epochs, read from `block` and `EXPERIMENTAL_protocol_config` /
/// `validators` over JSON-RPC: enough to turn an epoch into an estimated time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochClock {
    /// The current epoch height.
    pub epoch_height: u64,
    /// The height of the current epoch's first block.
    pub epoch_start_height: u64,
    /// The latest block's height.
    pub head_height: u64,
    /// Blocks per epoch.
    pub epoch_length: u64,
    /// Recent average time between blocks, in milliseconds.
    pub block_time_ms: u64,
}

impl EpochClock {
    /// Estimated seconds until `epoch` starts (0 if it has), rounded up: the blocks left in
    /// this epoch and every whole epoch before it, at the recent block time.
    pub fn seconds_until(&self, epoch: u64) -> u64 {
        if epoch <= self.epoch_height {
            return 0;
        }
        let into_epoch = self.head_height.saturating_sub(self.epoch_start_height);
        let blocks = (epoch - self.epoch_height).saturating_mul(self.epoch_length).saturating_sub(into_epoch);
        blocks.saturating_mul(self.block_time_ms).div_ceil(MS_PER_SECOND)
    }
}

/// An estimated wait in words, rounded to the unit shown: "now", "about 40 min", "about 7 h
/// 30 min", "about 2 days 4 h" (the widget and the CLI show unlock times this way).
pub fn describe_wait(seconds: u64) -> String {
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    match seconds {
        0 => "now".to_owned(),
        s if s < HOUR => format!("about {} min", s.div_ceil(MINUTE)),
        s if s < DAY => match (s % HOUR) / MINUTE {
            0 => format!("about {} h", s / HOUR),
            m => format!("about {} h {m} min", s / HOUR),
        },
        s => {
            let days = s / DAY;
            let unit = if days == 1 { "day" } else { "days" };
            match (s % DAY) / HOUR {
                0 => format!("about {days} {unit}"),
                h => format!("about {days} {unit} {h} h"),
            }
        }
    }
}

/// A delayed exit: the redemption value, no fee, available from `unlock_epoch` (at the latest
/// `unlock_epoch_latest` when the protocol may take longer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelayedExit {
    /// NEAR received, rounded down.
    pub near: Yocto,
    /// The first epoch it can be withdrawn.
    pub unlock_epoch: u64,
    /// The last epoch it may take (the protocol's slower case).
    pub unlock_epoch_latest: u64,
    /// Estimated seconds until `unlock_epoch`.
    pub unlock_seconds: u64,
    /// Estimated seconds until `unlock_epoch_latest`.
    pub unlock_seconds_latest: u64,
}

impl DelayedExit {
    /// A delayed exit of `near` requested now, unlocking `epochs` (`first`, `last`) later.
    pub fn new(near: u128, epochs: (u64, u64), clock: &EpochClock) -> Self {
        let unlock_epoch = clock.epoch_height.saturating_add(epochs.0);
        let unlock_epoch_latest = clock.epoch_height.saturating_add(epochs.1.max(epochs.0));
        DelayedExit {
            near: Yocto(near),
            unlock_epoch,
            unlock_epoch_latest,
            unlock_seconds: clock.seconds_until(unlock_epoch),
            unlock_seconds_latest: clock.seconds_until(unlock_epoch_latest),
        }
    }
}

/// Where an instant exit sells.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "venue", rename_all = "snake_case")]
pub enum InstantVenue {
    /// The protocol's own liquidity pool (Meta Pool's `liquid_unstake`).
    Protocol,
    /// An exchange pool (Ref-shaped), paying wrapped NEAR that is then unwrapped.
    Exchange {
        /// The exchange's account.
        exchange: String,
        /// Its pool id.
        pool_id: u64,
    },
}

/// An instant exit, as its venue quotes it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstantExit {
    /// Where it sells.
    #[serde(flatten)]
    pub venue: InstantVenue,
    /// NEAR the venue quotes for the whole amount.
    pub near: Yocto,
    /// The least accepted under the slippage (`min_expected_near` / `min_amount_out`).
    pub min_out: Yocto,
    /// Redemption value minus the quote: the fee and the price impact together (0 if the
    /// venue pays more).
    pub cost: Yocto,
    /// The same against the redemption value, in bps, rounded up.
    pub cost_bps: u16,
}

impl InstantExit {
    /// The instant exit quoted `near` at `venue`, for tokens that redeem for `redemption`.
    pub fn new(venue: InstantVenue, near: u128, redemption: u128, slippage_bps: u16) -> Self {
        InstantExit {
            venue,
            near: Yocto(near),
            min_out: Yocto(min_out(near, slippage_bps)),
            cost: Yocto(redemption.saturating_sub(near)),
            cost_bps: market_discount_bps(near, redemption),
        }
    }
}

/// Every way out of one liquid token holding, side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiquidExitQuote {
    /// The token contract (also the protocol).
    pub token: String,
    /// The protocol's shape.
    pub protocol: LstProtocol,
    /// Token units quoted.
    pub amount: Yocto,
    /// What they redeem for at the protocol's rate, rounded down.
    pub redemption: Yocto,
    /// Redeemed through the protocol.
    pub delayed: DelayedExit,
    /// Sold now, best first (the most NEAR).
    pub instant: Vec<InstantExit>,
    /// The market price: NEAR an exchange pays now for one whole token (10^24 units), if one
    /// was asked.
    pub market_price: Option<Yocto>,
    /// How far the market price is below the protocol's rate, in bps (rounded up).
    pub market_discount_bps: Option<u16>,
    /// Whether that is beyond the depeg band.
    pub depegged: bool,
}

impl LiquidExitQuote {
    /// The quote for `amount` of `token` at the protocol's `price`, with the instant quotes
    /// read from the venues (`(venue, NEAR quoted)`), sorted best first, and the exchange's
    /// `market_price` for one whole token (the depeg test).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        token: String,
        protocol: LstProtocol,
        amount: u128,
        price: u128,
        instant: Vec<(InstantVenue, u128)>,
        market_price: Option<u128>,
        terms: ExitTerms,
        clock: &EpochClock,
    ) -> Option<Self> {
        let redemption = redemption_value(amount, price)?;
        let mut instant: Vec<InstantExit> = instant
            .into_iter()
            .map(|(venue, near)| InstantExit::new(venue, near, redemption, terms.slippage_bps))
            .collect();
        let discount = market_price.map(|m| market_discount_bps(m, price));
        instant.sort_by_key(|exit| std::cmp::Reverse(exit.near.0));
        Some(LiquidExitQuote {
            token,
            protocol,
            amount: Yocto(amount),
            redemption: Yocto(redemption),
            delayed: DelayedExit::new(redemption, protocol.unlock_epochs(), clock),
            instant,
            market_price: market_price.map(Yocto),
            market_discount_bps: discount,
            depegged: discount.is_some_and(|d| d > terms.depeg_band_bps),
        })
    }
}

/// The holder's terms for instant exits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitTerms {
    /// The worst fill accepted below the quote, in bps.
    pub slippage_bps: u16,
    /// How far below the redemption value the market may be before the token counts as
    /// depegged, in bps.
    pub depeg_band_bps: u16,
}

impl Default for ExitTerms {
    /// 0.5% slippage, a 1% depeg band.
    fn default() -> Self {
        ExitTerms { slippage_bps: 50, depeg_band_bps: 100 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    const CLOCK: EpochClock = EpochClock {
        epoch_height: 10,
        epoch_start_height: 5_000,
        head_height: 5_100,
        epoch_length: 500,
        block_time_ms: 1_200,
    };

    #[test]
    fn redemption_rounds_down_and_min_out_keeps_the_tolerated_worst() {
        let price = 1_234_567_890_123_456_789_012_345; // 1.2345... NEAR per token
        assert_eq!(redemption_value(ONE_NEAR, price), Some(price));
        assert_eq!(redemption_value(3, price), Some(3)); // 3.70 rounds down
        assert_eq!(min_out(10_000, 50), 9_950);
        assert_eq!(min_out(10_001, 50), 9_950); // 9950.995 rounds down
        assert_eq!(min_out(7, 20_000), 0);
    }

    #[test]
    fn the_discount_rounds_up_and_the_band_is_exclusive() {
        assert_eq!(market_discount_bps(9_900, 10_000), 100);
        assert_eq!(market_discount_bps(9_899, 10_000), 101);
        assert_eq!(market_discount_bps(9_898, 9_999), 102); // 101.01 rounds up
        assert_eq!(market_discount_bps(10_500, 10_000), 0);
        assert_eq!(market_discount_bps(0, 0), 0);
        assert!(!is_depegged(9_900, 10_000, 100));
        assert!(is_depegged(9_899, 10_000, 100));
    }

    #[test]
    fn the_clock_counts_the_blocks_left_at_the_block_time() {
        assert_eq!(CLOCK.seconds_until(10), 0);
        assert_eq!(CLOCK.seconds_until(11), 400 * 1_200 / 1_000);
        assert_eq!(CLOCK.seconds_until(14), (4 * 500 - 100) * 1_200 / 1_000);
        let odd = EpochClock { block_time_ms: 1_001, ..CLOCK };
        assert_eq!(odd.seconds_until(11), 401); // 400.4 s rounds up
    }

    #[test]
    fn waits_read_in_words() {
        assert_eq!(describe_wait(0), "now");
        assert_eq!(describe_wait(61), "about 2 min");
        assert_eq!(describe_wait(2 * 3_600), "about 2 h");
        assert_eq!(describe_wait(7 * 3_600 + 30 * 60 + 5), "about 7 h 30 min");
        assert_eq!(describe_wait(86_400 + 3_599), "about 1 day");
        assert_eq!(describe_wait(2 * 86_400 + 4 * 3_600), "about 2 days 4 h");
    }

    #[test]
    fn a_quote_puts_both_exits_side_by_side_best_instant_first() {
        let price = 2 * ONE_NEAR; // 2 NEAR per token (after years of rewards)
        let exchange = InstantVenue::Exchange { exchange: "dex.near".into(), pool_id: 3 };
        let instant = vec![(exchange.clone(), 19 * ONE_NEAR / 10), (InstantVenue::Protocol, 197 * ONE_NEAR / 100)];
        // One whole token sells for 1.97 NEAR on the exchange: 1.5% below the rate.
        let market = Some(197 * ONE_NEAR / 100);
        let quote = |instant, market, terms| {
            LiquidExitQuote::new(
                "lst.near".into(),
                LstProtocol::MetaPool,
                ONE_NEAR,
                price,
                instant,
                market,
                terms,
                &CLOCK,
            )
            .unwrap()
        };
        let q = quote(instant.clone(), market, ExitTerms::default());
        assert_eq!(q.redemption, Yocto(2 * ONE_NEAR));
        assert_eq!(q.delayed.near, Yocto(2 * ONE_NEAR));
        let (first, last) = LstProtocol::MetaPool.unlock_epochs();
        assert_eq!((q.delayed.unlock_epoch, q.delayed.unlock_epoch_latest), (10 + first, 10 + last));
        assert_eq!(q.delayed.unlock_seconds, CLOCK.seconds_until(10 + first));
        assert_eq!(q.instant[0].venue, InstantVenue::Protocol);
        assert_eq!((q.instant[0].cost, q.instant[0].cost_bps), (Yocto(3 * ONE_NEAR / 100), 150));
        assert_eq!(q.instant[0].min_out, Yocto(min_out(197 * ONE_NEAR / 100, 50)));
        assert_eq!((q.instant[1].venue.clone(), q.instant[1].cost_bps), (exchange, 500));
        assert_eq!((q.market_discount_bps, q.depegged), (Some(150), true));
        // A wider band: not depegged. No exchange asked: no market, never depegged, however
        // much the protocol's own pool charges.
        let calm = ExitTerms { slippage_bps: 50, depeg_band_bps: 200 };
        assert!(!quote(instant.clone(), market, calm).depegged);
        let q = quote(vec![(InstantVenue::Protocol, ONE_NEAR)], None, ExitTerms::default());
        assert_eq!((q.market_discount_bps, q.depegged, q.instant[0].cost_bps), (None, false, 5_000));
    }
}
