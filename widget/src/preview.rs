//! The per-leg preview: a plain description of a [`SplitPlan`], leg by leg.
//!
//! Every number comes from the plan `router_core::plan_deposit` returned; this module only
//! words it (each leg in NEAR to 5 decimals with its exact amount beside, shares, rates, risks,
//! costs, gas).

use crate::data::{Load, Prices};
use crate::strings::{Strings, S};
use router_core::gas::{TGAS, WALLET_GAS};
use router_core::{format_near, FoldReason, LstProtocol, PlanGuards, SplitPlan, Target, TargetKind};

/// One leg as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegView {
    /// The pool or protocol account.
    pub target: String,
    /// Whether it is direct stake with a validator.
    pub validator: bool,
    /// "Direct stake with a validator" / "Liquid staking: LiNEAR".
    pub kind: String,
    /// The exact yoctoNEAR the plan sends.
    pub amount: u128,
    /// The same, in NEAR for people to read (at most 5 decimals, rounded down).
    pub amount_text: String,
    /// The exact amount, in NEAR with every significant decimal and in yoctoNEAR.
    pub exact: String,
    /// Its share of the stakeable amount after folding.
    pub share: String,
    /// The LST's exchange rate and expected tokens (empty for validators).
    pub rate: String,
    /// How the stake is unlocked.
    pub unlock: String,
    /// The risks of this kind of leg in plain words.
    pub risks: String,
}

/// A leg the planner left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoldedView {
    /// The target.
    pub target: String,
    /// What it would have received.
    pub amount: u128,
    /// Why (the planner's reason).
    pub reason: FoldReason,
    /// The sentence.
    pub text: String,
}

/// The whole preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewView {
    /// The legs, in the plan's order.
    pub legs: Vec<LegView>,
    /// The folded legs, in the plan's order.
    pub folded: Vec<FoldedView>,
    /// One-off costs, one sentence each.
    pub costs: Vec<String>,
    /// Direct, liquid and cost totals.
    pub totals: String,
    /// The gas line.
    pub gas: String,
}

/// The token symbol a protocol mints.
pub const fn token_symbol(p: LstProtocol) -> &'static str {
    match p {
        LstProtocol::Linear => "LiNEAR",
        LstProtocol::MetaPool => "stNEAR",
    }
}

/// Basis points as a percentage: 5000 -> "50", 3333 -> "33.33".
pub fn percent(bps: u16) -> String {
    let (whole, frac) = (bps / 100, bps % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

pub use router_core::amount::format_decimal as decimal;

/// yoctoNEAR as NEAR rounded down to at most `decimals` places (for estimates only).
pub use router_core::amount::format_near_down as format_near_short;

/// yoctoNEAR as NEAR for people to read ([`router_core::format_near_display`]), with "about"
/// in front when that is not the exact amount.
pub fn approx_near(yocto: u128) -> String {
    router_core::amount::format_near_approx(yocto)
}

/// Token units minted for `amount` yoctoNEAR at `price` yoctoNEAR per 10^24 units:
/// `floor(amount * 10^24 / price)`, exact; `None` when the price is 0 or the result overflows.
pub fn tokens_for(amount: u128, price: u128) -> Option<u128> {
    router_core::wide::mul_div_floor(amount, router_core::ONE_NEAR, price)
}

fn rate_line(s: &Strings, kind: &TargetKind, amount: u128, price: Option<&Load<u128>>) -> String {
    let TargetKind::Liquid { protocol, .. } = kind else { return String::new() };
    match price {
        Some(Load::Ready(p)) => match tokens_for(amount, *p) {
            Some(tokens) => s.fill(
                S::RateLabel,
                &[
                    ("token", token_symbol(*protocol)),
                    ("price", &format_near(*p)),
                    ("tokens", &format_near_short(tokens, 6)),
                ],
            ),
            None => s.get(S::RateUnavailable).to_string(),
        },
        Some(Load::Failed(_)) => s.get(S::RateUnavailable).to_string(),
        _ => s.get(S::RateLoading).to_string(),
    }
}

/// Describes `plan` (made over `targets`, without guards); `proxy_id` names the beneficiary's
/// proxy when known.
pub fn describe(
    plan: &SplitPlan,
    targets: &[Target],
    prices: &Prices,
    proxy_id: Option<&str>,
    s: &Strings,
) -> PreviewView {
    describe_guarded(plan, &PlanGuards::default(), targets, prices, proxy_id, s)
}

/// Describes `plan`, made with `guards` over `targets` (a guarded leg names its share and the
/// profile's limit); `proxy_id` names the beneficiary's proxy when known.
pub fn describe_guarded(
    plan: &SplitPlan,
    guards: &PlanGuards,
    targets: &[Target],
    prices: &Prices,
    proxy_id: Option<&str>,
    s: &Strings,
) -> PreviewView {
    let legs = plan
        .legs
        .iter()
        .map(|leg| {
            let validator = leg.kind.is_validator();
            let kind = match leg.kind {
                TargetKind::Validator => s.get(S::KindDirect).to_string(),
                TargetKind::Liquid { protocol, .. } => s.fill(S::KindLiquid, &[("protocol", protocol.display_name())]),
            };
            LegView {
                target: leg.target.to_string(),
                validator,
                kind,
                amount: leg.amount.0,
                amount_text: s.fill(S::LegAmount, &[("amount", &router_core::format_near_display(leg.amount.0))]),
                exact: s
                    .fill(S::LegExact, &[("near", &format_near(leg.amount.0)), ("yocto", &leg.amount.0.to_string())]),
                share: s.fill(S::LegShare, &[("percent", &percent(leg.effective_bps))]),
                rate: rate_line(s, &leg.kind, leg.amount.0, prices.get(&leg.target)),
                unlock: s.get(if validator { S::UnlockDirect } else { S::UnlockLiquid }).to_string(),
                risks: s.get(if validator { S::RiskDirect } else { S::RiskLiquid }).to_string(),
            }
        })
        .collect();
    let folded = plan
        .folded
        .iter()
        .map(|f| {
            let amount = approx_near(f.would_have_been.0);
            let text = match f.reason {
                FoldReason::BelowMinimumLeg => {
                    let min_leg = targets.iter().find(|t| t.account_id == f.target).map_or(0, |t| t.caps.min_leg.0);
                    let minimum = format_near(min_leg);
                    s.fill(
                        S::FoldedBelowMin,
                        &[("target", f.target.as_str()), ("amount", &amount), ("minimum", &minimum)],
                    )
                }
                FoldReason::CeilingReached => {
                    s.fill(S::FoldedCeiling, &[("target", f.target.as_str()), ("amount", &amount)])
                }
                FoldReason::ConcentrationGuard => {
                    let share = guards.network_share_bps.iter().find(|(t, _)| t == &f.target).map_or(0, |(_, b)| *b);
                    let limit = guards.options.max_validator_network_share_bps.unwrap_or(0);
                    s.fill(
                        S::FoldedConcentration,
                        &[
                            ("target", f.target.as_str()),
                            ("amount", &amount),
                            ("share", &percent(share)),
                            ("limit", &percent(limit)),
                        ],
                    )
                }
                FoldReason::DepegGuard => s.fill(S::FoldedDepeg, &[("target", f.target.as_str()), ("amount", &amount)]),
            };
            FoldedView { target: f.target.to_string(), amount: f.would_have_been.0, reason: f.reason, text }
        })
        .collect();
    PreviewView {
        legs,
        folded,
        costs: costs(plan, proxy_id, s),
        totals: totals(plan, s),
        gas: gas(plan.gas_required, s),
    }
}

fn costs(plan: &SplitPlan, proxy_id: Option<&str>, s: &Strings) -> Vec<String> {
    let c = &plan.costs;
    let mut out = Vec::new();
    if plan.creates_proxy {
        out.push(s.fill(
            S::CostProxy,
            &[
                ("storage", &format_near(c.proxy_storage.0)),
                ("record", &format_near(c.proxy_record.0)),
                ("proxy", proxy_id.unwrap_or("")),
                ("creation", &format_near(c.account_creation_charge_from_gas.0)),
            ],
        ));
    }
    if c.liquid_reserves.0 > 0 {
        out.push(s.fill(S::CostReserves, &[("amount", &approx_near(c.liquid_reserves.0))]));
    }
    if out.is_empty() {
        out.push(s.get(S::CostNone).to_string());
    }
    out
}

fn totals(plan: &SplitPlan, s: &Strings) -> String {
    s.fill(
        S::Totals,
        &[
            ("direct", &approx_near(plan.direct_total.0)),
            ("liquid", &approx_near(plan.liquid_total.0)),
            ("costs", &approx_near(plan.costs.total.0)),
        ],
    )
}

fn gas(gas: u64, s: &Strings) -> String {
    let tgas = decimal(u128::from(gas / (TGAS / 100)), 2);
    let line = s.fill(S::Gas, &[("tgas", &tgas), ("gas", &gas.to_string())]);
    if gas <= WALLET_GAS {
        return line;
    }
    let limit = (WALLET_GAS / TGAS).to_string();
    format!("{line} {}", s.fill(S::GasAboveWallet, &[("limit", &limit)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use router_core::ONE_NEAR;

    #[test]
    fn percents_and_tokens() {
        assert_eq!(percent(5000), "50");
        assert_eq!(percent(3333), "33.33");
        assert_eq!(percent(1250), "12.5");
        assert_eq!(percent(5), "0.05");
        // 10 NEAR at 1.25 NEAR per token is exactly 8 tokens.
        assert_eq!(tokens_for(10 * ONE_NEAR, ONE_NEAR + ONE_NEAR / 4), Some(8 * ONE_NEAR));
        assert_eq!(tokens_for(u128::MAX, 1), None);
        assert_eq!(format_near_short(1_234_567_891_000_000_000_000_000, 6), "1.234567");
        assert_eq!(decimal(500, 3), "0.5");
        assert_eq!(decimal(19_700, 2), "197");
        assert_eq!(decimal(19_750, 2), "197.5");
    }
}
