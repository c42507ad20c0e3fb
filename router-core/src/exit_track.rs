//! The rest of an exit, shared by the widget (and any tool) so each figure and call is
//! composed once: the epoch clock from the blocks read over JSON-RPC, the calls of each way
//! out of a [`LiquidExitQuote`], and a liquid unstake still waiting to unlock, read from the
//! protocol's own account view (LiNEAR `get_account_details`, Meta Pool `get_account_info`).

use crate::amount::Yocto;
use crate::exit_calls::{self, ExitCall};
use crate::exit_quote::{EpochClock, InstantExit, InstantVenue, LiquidExitQuote};
use crate::target::LstProtocol;
use crate::AccountId;
use serde::{Deserialize, Deserializer, Serialize};

/// LiNEAR's `get_account_details(account_id)`: `unstaked_balance`,
/// `unstaked_available_epoch_height`, `can_withdraw`, ... (its `get_account` has no epoch).
pub const LINEAR_GET_ACCOUNT_DETAILS: &str = "get_account_details";

/// NEP-145 `storage_balance_bounds()`: `{min, max}`; `min` registers an account (wNEAR before
/// a swap pays into it).
pub const STORAGE_BALANCE_BOUNDS: &str = "storage_balance_bounds";

/// Nanoseconds in a millisecond (block timestamps are in nanoseconds).
const NS_PER_MS: u64 = 1_000_000;

/// The earlier block the block time is measured from: the epoch's first block, or the head's
/// parent early in an epoch (the two reads of `block` the clock needs: the head and this).
pub fn clock_reference_height(head_height: u64, epoch_start_height: u64) -> u64 {
    if head_height > epoch_start_height {
        epoch_start_height
    } else {
        head_height.saturating_sub(1)
    }
}

/// The epoch clock from RPC `validators` (`epoch_height`, `epoch_start_height`),
/// `EXPERIMENTAL_protocol_config` (`epoch_length`) and two blocks' `(height, timestamp_ns)`:
/// the head and the one at [`clock_reference_height`].
pub fn epoch_clock(
    epoch_height: u64,
    epoch_start_height: u64,
    epoch_length: u64,
    head: (u64, u64),
    earlier: (u64, u64),
) -> EpochClock {
    let blocks = head.0.saturating_sub(earlier.0).max(1);
    let block_time_ms = head.1.saturating_sub(earlier.1) / blocks / NS_PER_MS;
    EpochClock { epoch_height, epoch_start_height, head_height: head.0, epoch_length, block_time_ms }
}

/// The delayed exit's first call for `quote`: `unstake(amount)` of the NEAR its tokens redeem
/// for, or `unstake_all()` when the whole balance leaves (`all`).
pub fn delayed_call(token: &AccountId, quote: &LiquidExitQuote, all: bool) -> ExitCall {
    exit_calls::unstake(token, (!all).then_some(quote.delayed.near.0))
}

/// The calls of the instant exit `exit` of `quote`, in order: Meta Pool's `liquid_unstake`;
/// or on an exchange, the holder's registration on wNEAR when one is needed (`register`), the
/// swap, and `near_withdraw` of `unwrap` wNEAR (at least what the swap accepts, `min_out`).
/// Empty when an exchange exit has no wNEAR to unwrap or a bad exchange id.
pub fn instant_calls(
    token: &AccountId,
    quote: &LiquidExitQuote,
    exit: &InstantExit,
    wnear: Option<&AccountId>,
    register: Option<ExitCall>,
    unwrap: u128,
) -> Vec<ExitCall> {
    match (&exit.venue, wnear) {
        (InstantVenue::Protocol, _) => vec![exit_calls::liquid_unstake(token, quote.amount.0, exit.min_out.0)],
        (InstantVenue::Exchange { exchange, pool_id }, Some(wnear)) => {
            let Ok(exchange) = exchange.parse::<AccountId>() else { return Vec::new() };
            let swap = exit_calls::swap(token, &exchange, *pool_id, wnear, quote.amount.0, exit.min_out.0);
            register.into_iter().chain([swap, exit_calls::unwrap_near(wnear, unwrap)]).collect()
        }
        (InstantVenue::Exchange { .. }, None) => Vec::new(),
    }
}

/// A `u64` written as a JSON number or as a decimal string (`U64`); a plain visitor, so no
/// buffering (`untagged`) code reaches the widget's wasm.
fn u64_either<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    struct Either;
    impl serde::de::Visitor<'_> for Either {
        type Value = u64;
        fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
            f.write_str("an epoch height, as a number or a decimal string")
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
            Ok(v)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v).map_err(E::custom)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<u64, E> {
            if v >= 0.0 && v.fract() == 0.0 && v < u64::MAX as f64 {
                Ok(v as u64)
            } else {
                Err(E::custom("not a whole number"))
            }
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<u64, E> {
            v.parse().map_err(E::custom)
        }
    }
    d.deserialize_any(Either)
}

/// The fields of LiNEAR's `get_account_details` a pending unstake needs.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LinearAccountDetails {
    /// NEAR unstaked and not yet withdrawn.
    pub unstaked_balance: Yocto,
    /// The first epoch it can be withdrawn.
    #[serde(deserialize_with = "u64_either")]
    pub unstaked_available_epoch_height: u64,
    /// Whether it can be withdrawn now.
    pub can_withdraw: bool,
}

/// The fields of Meta Pool's `get_account_info` a pending unstake needs.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MetaAccountInfo {
    /// NEAR unstaked and not yet withdrawn.
    pub unstaked: Yocto,
    /// The first epoch it can be withdrawn.
    #[serde(deserialize_with = "u64_either")]
    pub unstaked_requested_unlock_epoch: u64,
    /// Whether it can be withdrawn now.
    pub can_withdraw: bool,
}

/// A liquid token's delayed exit under way: unstaked through the protocol, not withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingUnstake {
    /// The token (the protocol's contract).
    pub token: AccountId,
    /// The protocol's shape.
    pub protocol: LstProtocol,
    /// NEAR waiting.
    pub amount: Yocto,
    /// The first epoch it can be withdrawn.
    pub unlock_epoch: u64,
    /// Whether it can be withdrawn now (the protocol's own answer).
    pub can_withdraw: bool,
    /// Estimated seconds until `unlock_epoch` (0 when withdrawable; `None` without a clock).
    pub unlock_seconds: Option<u64>,
}

impl PendingUnstake {
    fn new(
        token: &AccountId,
        protocol: LstProtocol,
        amount: Yocto,
        epoch: u64,
        can: bool,
        clock: Option<&EpochClock>,
    ) -> Option<Self> {
        (amount.0 > 0).then(|| PendingUnstake {
            token: token.clone(),
            protocol,
            amount,
            unlock_epoch: epoch,
            can_withdraw: can,
            unlock_seconds: clock.map(|c| if can { 0 } else { c.seconds_until(epoch) }),
        })
    }

    /// From LiNEAR's `get_account_details`; `None` when nothing is unstaked.
    pub fn linear(token: &AccountId, d: &LinearAccountDetails, clock: Option<&EpochClock>) -> Option<Self> {
        let epoch = d.unstaked_available_epoch_height;
        Self::new(token, LstProtocol::Linear, d.unstaked_balance, epoch, d.can_withdraw, clock)
    }

    /// From Meta Pool's `get_account_info`; `None` when nothing is unstaked.
    pub fn meta_pool(token: &AccountId, i: &MetaAccountInfo, clock: Option<&EpochClock>) -> Option<Self> {
        let epoch = i.unstaked_requested_unlock_epoch;
        Self::new(token, LstProtocol::MetaPool, i.unstaked, epoch, i.can_withdraw, clock)
    }

    /// The account view that reports a pending unstake of `protocol`.
    pub const fn view_method(protocol: LstProtocol) -> &'static str {
        match protocol {
            LstProtocol::Linear => LINEAR_GET_ACCOUNT_DETAILS,
            LstProtocol::MetaPool => exit_calls::META_GET_ACCOUNT_INFO,
        }
    }

    /// The call that withdraws it once unlocked.
    pub fn withdraw_call(&self) -> ExitCall {
        exit_calls::withdraw(&self.token, self.protocol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit_quote::ExitTerms;
    use crate::ONE_NEAR;

    fn id(s: &str) -> AccountId {
        s.parse().unwrap()
    }

    #[test]
    fn the_clock_measures_the_block_time_from_the_epochs_first_block() {
        assert_eq!(clock_reference_height(1_100, 1_000), 1_000);
        assert_eq!(clock_reference_height(1_000, 1_000), 999);
        // 100 blocks in 120 s: 1.2 s a block.
        let c = epoch_clock(7, 1_000, 43_200, (1_100, 500_000_000_000), (1_000, 380_000_000_000));
        assert_eq!((c.epoch_height, c.head_height, c.epoch_length, c.block_time_ms), (7, 1_100, 43_200, 1_200));
    }

    #[test]
    fn each_exit_has_its_calls_in_order() {
        let (token, dex, wnear) = (id("meta.near"), "dex.near".to_owned(), id("wrap.near"));
        let clock = EpochClock { epoch_height: 10, epoch_length: 100, block_time_ms: 1_000, ..EpochClock::default() };
        let venues = vec![
            (InstantVenue::Protocol, 9 * ONE_NEAR / 10),
            (InstantVenue::Exchange { exchange: dex, pool_id: 2 }, ONE_NEAR),
        ];
        let q = LiquidExitQuote::new(
            token.to_string(),
            LstProtocol::MetaPool,
            ONE_NEAR,
            ONE_NEAR,
            venues,
            None,
            ExitTerms::default(),
            &clock,
        )
        .unwrap();
        assert_eq!(delayed_call(&token, &q, true).method, exit_calls::UNSTAKE_ALL);
        assert_eq!(delayed_call(&token, &q, false).args, format!("{{\"amount\":\"{ONE_NEAR}\"}}"));
        let register = exit_calls::register(&wnear, &id("alice.near"), 1_250);
        let swap: Vec<&str> = instant_calls(&token, &q, &q.instant[0], Some(&wnear), Some(register), 7)
            .iter()
            .map(|c| c.method)
            .collect();
        assert_eq!(swap, ["storage_deposit", "ft_transfer_call", "near_withdraw"]);
        assert!(instant_calls(&token, &q, &q.instant[0], None, None, 7).is_empty());
        let own = instant_calls(&token, &q, &q.instant[1], None, None, 0);
        assert_eq!((own.len(), own[0].method), (1, "liquid_unstake"));
    }

    #[test]
    fn a_pending_unstake_is_read_from_the_protocols_account_view() {
        let clock = EpochClock { epoch_height: 10, epoch_length: 100, block_time_ms: 1_000, ..EpochClock::default() };
        let meta: MetaAccountInfo = serde_json::from_str(
            r#"{"unstaked":"5","unstaked_requested_unlock_epoch":"14","can_withdraw":false,"st_near":"0"}"#,
        )
        .unwrap();
        let p = PendingUnstake::meta_pool(&id("meta.near"), &meta, Some(&clock)).unwrap();
        assert_eq!((p.amount, p.unlock_epoch, p.can_withdraw, p.unlock_seconds), (Yocto(5), 14, false, Some(400)));
        assert_eq!(p.withdraw_call().method, "withdraw_unstaked");
        let linear: LinearAccountDetails =
            serde_json::from_str(r#"{"unstaked_balance":"0","unstaked_available_epoch_height":3,"can_withdraw":true}"#)
                .unwrap();
        assert_eq!(PendingUnstake::linear(&id("linear.near"), &linear, None), None);
        let ready = LinearAccountDetails { unstaked_balance: Yocto(9), ..linear };
        let p = PendingUnstake::linear(&id("linear.near"), &ready, Some(&clock)).unwrap();
        assert_eq!((p.unlock_seconds, p.withdraw_call().method), (Some(0), "withdraw_all"));
        assert_eq!(PendingUnstake::view_method(LstProtocol::Linear), "get_account_details");
    }
}
