//! The NEP-297 events of a deposit, as the router and the staking proxy log them, and what
//! became of each leg, read from them.
//!
//! Each event is one log line `EVENT_JSON:{"standard":"stake-router","version":"1.0.0",
//! "event":"<name>","data":{...}}` ([`EVENT_STANDARD`], [`EVENT_VERSION`]). The router's event
//! enum (`router-contract/src/events.rs`) and the proxy's (`staking-proxy/src/events.rs`) emit
//! them; the types here read them, and the scenarios check on the real contracts that every
//! deposit's events parse into them (`tests/scenarios`, `deposit_outcome` in each deposit
//! scenario). The widget and the command line read a deposit's outcome through
//! [`deposit_outcome`] only.
//!
//! Only the events a deposit's transaction can carry are typed; others are [`DepositEvent::Other`].

use crate::{AccountId, FoldedLeg, PlanCosts, PlannedLeg, Yocto, EVENT_STANDARD};
use serde::{Deserialize, Serialize};

/// The prefix NEP-297 puts before an event's JSON in a log line.
pub const EVENT_LOG_PREFIX: &str = "EVENT_JSON:";

/// Router: a deposit was accepted and fanned out.
pub const DEPOSIT_ACCEPTED: &str = "deposit_accepted";
/// Router: the beneficiary's proxy was created in this transaction.
pub const PROXY_CREATED: &str = "proxy_created";
/// Router: the proxy accepted the direct part.
pub const DIRECT_FORWARDED: &str = "direct_forwarded";
/// Router: the proxy (or its creation) refused the direct part; it is refunded.
pub const DIRECT_FAILED: &str = "direct_failed";
/// Router: a liquid protocol minted tokens for a leg.
pub const LIQUID_LEG_STAKED: &str = "liquid_leg_staked";
/// Router: a liquid protocol refused a leg; its NEAR is refunded.
pub const LIQUID_LEG_FAILED: &str = "liquid_leg_failed";
/// Router: a protocol took the NEAR but its answer could not be read.
pub const LIQUID_MINT_UNVERIFIED: &str = "liquid_mint_unverified";
/// Router: minted tokens reached the beneficiary.
pub const TOKENS_DELIVERED: &str = "tokens_delivered";
/// Router: minted tokens could not be delivered and are claimable.
pub const CLAIMABLE_RECORDED: &str = "claimable_recorded";
/// Router: NEAR was sent back.
pub const REFUNDED: &str = "refunded";
/// Router: a refund could not be funded yet and is owed.
pub const REFUND_OWED: &str = "refund_owed";
/// Proxy: a pool accepted a leg.
pub const DIRECT_LEG_STAKED: &str = "direct_leg_staked";
/// Proxy: a pool refused a leg.
pub const DIRECT_LEG_FAILED: &str = "direct_leg_failed";

/// `deposit_accepted`'s data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositAccepted {
    /// Who paid.
    pub depositor: AccountId,
    /// Who the stake is for.
    pub beneficiary: AccountId,
    /// The attached NEAR.
    pub amount: Yocto,
    /// `profile:<name>`, `explicit` or `stored`.
    pub source: String,
    /// The plan's legs.
    pub legs: Vec<PlannedLeg>,
    /// The legs folded away.
    pub folded: Vec<FoldedLeg>,
    /// The one-off costs.
    pub costs: PlanCosts,
}

/// `direct_forwarded`'s and `proxy_created`'s common part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectForwarded {
    /// The beneficiary.
    pub beneficiary: AccountId,
    /// Its proxy.
    pub proxy: AccountId,
    /// NEAR handed to the proxy.
    pub amount: Yocto,
}

/// `direct_failed`'s data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectFailed {
    /// The beneficiary.
    pub beneficiary: AccountId,
    /// Its proxy.
    pub proxy: AccountId,
    /// NEAR of the direct part, refunded.
    pub amount: Yocto,
    /// Whether the proxy's creation was undone with it.
    pub proxy_creation_undone: bool,
}

/// `liquid_leg_staked`'s data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiquidLegStaked {
    /// The beneficiary.
    pub beneficiary: AccountId,
    /// The protocol's token.
    pub token: AccountId,
    /// NEAR staked.
    pub near_amount: Yocto,
    /// Tokens minted (the protocol's own answer).
    pub minted: Yocto,
}

/// `liquid_leg_failed`'s and `liquid_mint_unverified`'s data (`id` only in the latter).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiquidLegFailed {
    /// The beneficiary.
    pub beneficiary: AccountId,
    /// The protocol's token.
    pub token: AccountId,
    /// NEAR of the leg.
    pub near_amount: Yocto,
}

/// `tokens_delivered`'s and `claimable_recorded`'s data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensMoved {
    /// The beneficiary.
    pub beneficiary: AccountId,
    /// The token.
    pub token: AccountId,
    /// Token units.
    pub amount: Yocto,
}

/// `refunded`'s and `refund_owed`'s data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    /// Who gets it.
    pub account: AccountId,
    /// yoctoNEAR.
    pub amount: Yocto,
    /// Why (the first reason of a summed payout).
    pub reason: String,
}

/// The proxy's `direct_leg_staked`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectLegStaked {
    /// The proxy.
    pub proxy: AccountId,
    /// The validator pool.
    pub pool_id: AccountId,
    /// NEAR staked there.
    pub amount: Yocto,
}

/// The proxy's `direct_leg_failed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectLegFailed {
    /// The proxy.
    pub proxy: AccountId,
    /// The pool that refused.
    pub pool_id: AccountId,
    /// NEAR of the leg.
    pub amount: Yocto,
    /// Who gets it back.
    pub refund_to: AccountId,
    /// Sent back now (`false`: owed, `release_refund` pays it later).
    pub refunded: bool,
}

/// One event of a deposit's transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepositEvent {
    /// [`DEPOSIT_ACCEPTED`].
    Accepted(DepositAccepted),
    /// [`DIRECT_FORWARDED`].
    DirectForwarded(DirectForwarded),
    /// [`DIRECT_FAILED`].
    DirectFailed(DirectFailed),
    /// [`LIQUID_LEG_STAKED`].
    LiquidStaked(LiquidLegStaked),
    /// [`LIQUID_LEG_FAILED`].
    LiquidFailed(LiquidLegFailed),
    /// [`LIQUID_MINT_UNVERIFIED`].
    LiquidUnverified(LiquidLegFailed),
    /// [`TOKENS_DELIVERED`].
    Delivered(TokensMoved),
    /// [`CLAIMABLE_RECORDED`].
    Claimable(TokensMoved),
    /// [`REFUNDED`].
    Refunded(Refund),
    /// [`REFUND_OWED`].
    RefundOwed(Refund),
    /// The proxy's [`DIRECT_LEG_STAKED`].
    PoolStaked(DirectLegStaked),
    /// The proxy's [`DIRECT_LEG_FAILED`].
    PoolFailed(DirectLegFailed),
    /// Another `stake-router` event (its name).
    Other(String),
}

#[derive(Deserialize)]
struct Envelope {
    standard: String,
    event: String,
    #[serde(default)]
    data: serde_json::Value,
}

/// The `stake-router` event in one log line; `None` for any other line (other standards,
/// plain logs, JSON that does not parse as the event's data).
pub fn parse_event(line: &str) -> Option<DepositEvent> {
    let json = line.strip_prefix(EVENT_LOG_PREFIX)?;
    let env: Envelope = serde_json::from_str(json).ok()?;
    if env.standard != EVENT_STANDARD {
        return None;
    }
    fn data<T: for<'de> Deserialize<'de>>(v: serde_json::Value) -> Option<T> {
        serde_json::from_value(v).ok()
    }
    Some(match env.event.as_str() {
        DEPOSIT_ACCEPTED => DepositEvent::Accepted(data(env.data)?),
        DIRECT_FORWARDED => DepositEvent::DirectForwarded(data(env.data)?),
        DIRECT_FAILED => DepositEvent::DirectFailed(data(env.data)?),
        LIQUID_LEG_STAKED => DepositEvent::LiquidStaked(data(env.data)?),
        LIQUID_LEG_FAILED => DepositEvent::LiquidFailed(data(env.data)?),
        LIQUID_MINT_UNVERIFIED => DepositEvent::LiquidUnverified(data(env.data)?),
        TOKENS_DELIVERED => DepositEvent::Delivered(data(env.data)?),
        CLAIMABLE_RECORDED => DepositEvent::Claimable(data(env.data)?),
        REFUNDED => DepositEvent::Refunded(data(env.data)?),
        REFUND_OWED => DepositEvent::RefundOwed(data(env.data)?),
        DIRECT_LEG_STAKED => DepositEvent::PoolStaked(data(env.data)?),
        DIRECT_LEG_FAILED => DepositEvent::PoolFailed(data(env.data)?),
        other => DepositEvent::Other(other.to_owned()),
    })
}

mod outcome;
pub use outcome::{deposit_outcome, DepositOutcome, LegOutcome, LegResult};

#[cfg(test)]
mod tests;
