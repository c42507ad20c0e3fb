//! What became of each leg of a deposit, read from its transaction's events
//! ([`super::parse_event`]).

use super::{parse_event, DepositEvent};
use crate::{AccountId, TargetKind, Yocto};
use serde::Serialize;

/// What became of one leg of a deposit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LegResult {
    /// Staked with the validator, delegated by the beneficiary's proxy.
    Staked,
    /// The protocol minted `tokens`, now in the beneficiary's wallet.
    Delivered {
        /// Token units delivered.
        tokens: Yocto,
    },
    /// The protocol minted `tokens`; the transfer failed, so they wait in the router (`claim`).
    Claimable {
        /// Token units claimable.
        tokens: Yocto,
    },
    /// The protocol minted; the delivery has not settled in what was read.
    Minted {
        /// Token units minted.
        tokens: Yocto,
    },
    /// The protocol took the NEAR but its answer could not be read: the router holds the
    /// mint for its owner to verify and release.
    Unverified,
    /// Refused; the NEAR was sent back.
    Refunded,
    /// Refused; the NEAR is owed back (anyone may release it later with `release_refund`).
    RefundOwed,
    /// Nothing about this leg in what was read (a transaction still running, or logs missing).
    Unknown,
}

impl LegResult {
    /// Whether the leg's NEAR is staked (validator or protocol), whatever became of the tokens.
    pub fn is_staked(&self) -> bool {
        matches!(
            self,
            LegResult::Staked
                | LegResult::Delivered { .. }
                | LegResult::Claimable { .. }
                | LegResult::Minted { .. }
                | LegResult::Unverified
        )
    }

    /// Whether the leg's NEAR came (or is owed) back.
    pub fn is_refund(&self) -> bool {
        matches!(self, LegResult::Refunded | LegResult::RefundOwed)
    }
}

/// One leg and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LegOutcome {
    /// The pool or protocol.
    pub target: AccountId,
    /// Validator or liquid.
    pub kind: TargetKind,
    /// NEAR the plan gave it.
    pub amount: Yocto,
    /// What became of it.
    pub result: LegResult,
}

/// What a deposit's transaction did, leg by leg.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DepositOutcome {
    /// The accepted deposit.
    pub amount: Yocto,
    /// Who paid (refunds go there).
    pub depositor: AccountId,
    /// Each planned leg, in the plan's order.
    pub legs: Vec<LegOutcome>,
    /// NEAR the router and the proxy sent back to the depositor (failed legs with their
    /// reserves, unused liquid reserves).
    pub refunded: Yocto,
    /// NEAR owed back to the depositor, not sent yet (`release_refund`).
    pub owed: Yocto,
}

impl DepositOutcome {
    /// NEAR of the legs that were refused.
    pub fn refused(&self) -> u128 {
        self.legs.iter().filter(|l| l.result.is_refund()).map(|l| l.amount.0).sum()
    }

    /// Whether every leg is staked.
    pub fn all_staked(&self) -> bool {
        self.legs.iter().all(|l| l.result.is_staked())
    }

    /// Whether no leg is staked.
    pub fn none_staked(&self) -> bool {
        !self.legs.iter().any(|l| l.result.is_staked())
    }
}

/// Reads a deposit's outcome from its transaction's logs, each with the account whose receipt
/// logged it. Only the router's own events count, and the proxy's from the proxy the router
/// forwarded to (a target cannot forge them). `None` when the logs hold no `deposit_accepted`
/// of `router`.
pub fn deposit_outcome<'a>(
    router: &AccountId,
    logs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<DepositOutcome> {
    let events: Vec<(&str, DepositEvent)> =
        logs.into_iter().filter_map(|(executor, line)| Some((executor, parse_event(line)?))).collect();
    let from_router = |e: &&(&str, DepositEvent)| e.0 == router.as_str();
    let accepted = events.iter().filter(from_router).find_map(|(_, e)| match e {
        DepositEvent::Accepted(a) => Some(a.clone()),
        _ => None,
    })?;
    let proxy = events.iter().filter(from_router).find_map(|(_, e)| match e {
        DepositEvent::DirectForwarded(f) => Some(f.proxy.clone()),
        _ => None,
    });
    let router_events: Vec<&DepositEvent> = events.iter().filter(from_router).map(|(_, e)| e).collect();
    let proxy_events: Vec<&DepositEvent> =
        events.iter().filter(|(x, _)| proxy.as_ref().is_some_and(|p| p.as_str() == *x)).map(|(_, e)| e).collect();
    let direct_failed = router_events.iter().any(|e| matches!(e, DepositEvent::DirectFailed(_)));
    let owed_to_depositor =
        router_events.iter().any(|e| matches!(e, DepositEvent::RefundOwed(r) if r.account == accepted.depositor));
    let legs = accepted
        .legs
        .iter()
        .map(|leg| {
            let result = if leg.kind.is_validator() {
                validator_result(&leg.target, &proxy_events, direct_failed, owed_to_depositor)
            } else {
                liquid_result(&leg.target, &router_events, owed_to_depositor)
            };
            LegOutcome { target: leg.target.clone(), kind: leg.kind, amount: leg.amount, result }
        })
        .collect();
    let mut refunded = 0u128;
    let mut owed = 0u128;
    for e in router_events.iter().chain(proxy_events.iter()) {
        match e {
            DepositEvent::Refunded(r) if r.account == accepted.depositor => refunded += r.amount.0,
            DepositEvent::RefundOwed(r) if r.account == accepted.depositor => owed += r.amount.0,
            DepositEvent::PoolFailed(f) if f.refund_to == accepted.depositor => match f.refunded {
                true => refunded += f.amount.0,
                false => owed += f.amount.0,
            },
            _ => {}
        }
    }
    Some(DepositOutcome {
        amount: accepted.amount,
        depositor: accepted.depositor,
        legs,
        refunded: Yocto(refunded),
        owed: Yocto(owed),
    })
}

fn validator_result(pool: &AccountId, proxy: &[&DepositEvent], direct_failed: bool, owed: bool) -> LegResult {
    for e in proxy {
        match e {
            DepositEvent::PoolStaked(s) if &s.pool_id == pool => return LegResult::Staked,
            DepositEvent::PoolFailed(f) if &f.pool_id == pool => {
                return if f.refunded { LegResult::Refunded } else { LegResult::RefundOwed };
            }
            _ => {}
        }
    }
    match (direct_failed, owed) {
        (true, false) => LegResult::Refunded,
        (true, true) => LegResult::RefundOwed,
        _ => LegResult::Unknown,
    }
}

fn liquid_result(token: &AccountId, router: &[&DepositEvent], owed: bool) -> LegResult {
    let mut result = LegResult::Unknown;
    for e in router {
        match e {
            DepositEvent::LiquidFailed(f) if &f.token == token => {
                return if owed { LegResult::RefundOwed } else { LegResult::Refunded };
            }
            DepositEvent::LiquidUnverified(u) if &u.token == token => return LegResult::Unverified,
            DepositEvent::LiquidStaked(s) if &s.token == token => result = LegResult::Minted { tokens: s.minted },
            DepositEvent::Delivered(d) if &d.token == token => return LegResult::Delivered { tokens: d.amount },
            DepositEvent::Claimable(c) if &c.token == token => return LegResult::Claimable { tokens: c.amount },
            _ => {}
        }
    }
    result
}
