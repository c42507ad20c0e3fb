//! The split planner: one deposit, one policy, the targets' state -> exact per-leg amounts.
//!
//! ## Rules (the contract and the widget both run exactly this code)
//! 1. The deposit must be non-zero and at least `limits.min_deposit`; the policy must be valid
//!    against the targets (shape, known, active, share caps).
//! 2. One-off costs come off the top: each liquid leg's storage reserve and, when validator
//!    legs exist and the beneficiary has no proxy yet, the proxy's storage and the router's
//!    record of it. The rest is *stakeable*.
//! 3. Stakeable NEAR is split by the legs' basis points, each leg rounded down; the few yocto
//!    left (fewer than the number of legs) go to the leg with the largest share, the first such
//!    leg in policy order on a tie. Legs therefore add up to the stakeable amount exactly.
//! 4. Folding: a leg below its target's minimum leg size, or above what the target's routed
//!    ceiling still admits, is folded away: its share is spread over the remaining legs in
//!    proportion to their shares. One leg is folded at a time (the smallest share; the latest
//!    in policy order on a tie), then the plan is recomputed, because folding changes both
//!    the costs and the other legs. Every folded leg is listed with its reason.
//! 5. If nothing remains, the deposit is refused with the smallest deposit that would work.
//!    If a remaining leg's effective share now exceeds its target's per-deposit cap, the
//!    deposit is refused (never silently reshaped).
//! 6. The prepaid gas the plan needs is computed from the gas schedule and must fit in one
//!    transaction.
//! 7. Deposit fee and guards (see [`crate::guards`]): the fee, `floor(deposit * fee_bps /
//!    10_000)` (rounded down, in the user's favour; at most 1%), comes off the top with the
//!    other costs. Before any amount-based folding, every leg a guard excludes is folded, in
//!    policy order, with its reason (`concentration_guard`, `depeg_guard`); if every leg is
//!    excluded, the deposit is refused.

use crate::amount::{mul_div_floor, Yocto};
use crate::costs::deposit_fee;
use crate::costs::ACCOUNT_CREATION_CHARGE;
use crate::error::PlanError;
pub use crate::fold::{FoldReason, FoldedLeg};
use crate::gas::{MAX_TX_GAS, TGAS};
pub use crate::limits::PlanLimits;
use crate::policy::{Policy, BPS_TOTAL};
use crate::target::{Target, TargetKind};
use crate::AccountId;
use serde::{Deserialize, Serialize};

/// Gas the deposit call needs per on-chain stake read of the concentration guard (one per
/// validator in `guards.network_share_bps`, plus one for the total; protocol 88 charges
/// about 0.91 TGas per `validator_stake` / `validator_total_stake`).
pub const STAKE_READ_GAS: u64 = TGAS;

/// One leg of a plan: where NEAR goes and exactly how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLeg {
    /// The pool or protocol.
    pub target: AccountId,
    /// Validator or liquid, with the protocol's shape.
    pub kind: TargetKind,
    /// Its share in the policy.
    pub policy_bps: u16,
    /// Its share of the stakeable amount after folding, rounded up, in basis points.
    pub effective_bps: u16,
    /// NEAR staked on this leg (yoctoNEAR).
    pub amount: Yocto,
    /// NEAR held back for this leg's storage (liquid legs); the unused part is refunded.
    pub reserve: Yocto,
}

/// The one-off costs a plan takes out of the deposit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCosts {
    /// Sent into the new proxy account for its storage (0 if the proxy exists).
    pub proxy_storage: Yocto,
    /// Kept by the router for its record of the new proxy (0 if the proxy exists).
    pub proxy_record: Yocto,
    /// Held back for the liquid legs' storage (registration or a claimable record).
    pub liquid_reserves: Yocto,
    /// The router's deposit fee, sent to its treasury (rounded down; 0 without a fee).
    #[serde(default)]
    pub deposit_fee: Yocto,
    /// The sum of the four above: deposit = legs + total.
    pub total: Yocto,
    /// Protocol 85+'s account-creation charge, paid by the signer through gas (not from the
    /// deposit); 0 when no proxy is created.
    pub account_creation_charge_from_gas: Yocto,
}

/// An exact plan: `sum(legs.amount) + costs.total == deposit`, to the yocto.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitPlan {
    /// The attached deposit.
    pub deposit: Yocto,
    /// The legs that will be sent, in policy order.
    pub legs: Vec<PlannedLeg>,
    /// The legs folded away, in the order they were folded.
    pub folded: Vec<FoldedLeg>,
    /// One-off costs.
    pub costs: PlanCosts,
    /// Whether this deposit creates the beneficiary's staking proxy.
    pub creates_proxy: bool,
    /// NEAR going to validators through the proxy.
    pub direct_total: Yocto,
    /// NEAR going to liquid staking protocols.
    pub liquid_total: Yocto,
    /// The prepaid gas the transaction needs.
    pub gas_required: u64,
}

/// Plans a deposit of `amount` yoctoNEAR by `policy` over `targets` (see the module rules).
pub fn plan_deposit(
    amount: u128,
    policy: &Policy,
    targets: &[Target],
    limits: &PlanLimits,
) -> Result<SplitPlan, PlanError> {
    plan_with(amount, policy, targets, limits, true)
}

/// [`plan_deposit`]; `name_minimum` says whether a refusal for want of NEAR names the smallest
/// deposit that would work (the search for it plans without naming one).
fn plan_with(
    amount: u128,
    policy: &Policy,
    targets: &[Target],
    limits: &PlanLimits,
    name_minimum: bool,
) -> Result<SplitPlan, PlanError> {
    if amount == 0 {
        return Err(PlanError::ZeroDeposit);
    }
    if amount < limits.min_deposit.0 {
        return Err(PlanError::BelowMinimumDeposit { amount, minimum: limits.min_deposit.0 });
    }
    let lookup = |id: &AccountId| targets.iter().find(|t| &t.account_id == id);
    policy.validate_against(lookup)?;
    let legs: Vec<&Target> = policy.legs.iter().map(|l| lookup(&l.target).expect("validated")).collect();

    let fee = deposit_fee(amount, limits.deposit_fee_bps);
    let (mut active, mut folded) = fold_guarded(amount, fee, policy, &legs, limits);
    if active.is_empty() {
        return Err(PlanError::AllTargetsGuarded);
    }
    // Each round folds one leg, so this loop runs at most `legs.len()` times.
    loop {
        let costs = costs_of(&active, &legs, limits, fee);
        if amount < costs.total.0 {
            return Err(PlanError::InsufficientForCosts { amount, costs: costs.total.0 });
        }
        let amounts = split(amount - costs.total.0, &active, policy);
        let worst = active
            .iter()
            .zip(&amounts)
            .filter_map(|(&i, &a)| fold_reason(legs[i], a).map(|r| (i, a, r)))
            // Smallest share first; on a tie the latest leg in policy order.
            .min_by_key(|&(i, _, _)| (policy.legs[i].bps, usize::MAX - i));
        match worst {
            None => return finish(amount, policy, &legs, active, amounts, costs, folded, limits),
            Some((i, a, reason)) => {
                folded.push(FoldedLeg {
                    target: legs[i].account_id.clone(),
                    policy_bps: policy.legs[i].bps,
                    would_have_been: Yocto(a),
                    reason,
                });
                active.retain(|&j| j != i);
                if active.is_empty() {
                    // A smaller deposit that works means this one is refused for the targets'
                    // ceilings, not for want of NEAR: no minimum is named then.
                    let smallest_workable_deposit = match name_minimum {
                        true => smallest_workable_deposit(policy, targets, &legs, limits).filter(|&m| m > amount),
                        false => None,
                    };
                    return Err(PlanError::NothingLeftToStake { smallest_workable_deposit });
                }
            }
        }
    }
}

/// Rule 7: folds every leg a guard excludes, in policy order. Returns the remaining legs and
/// the folded ones; `would_have_been` is the leg's amount in the unfolded split.
fn fold_guarded(
    amount: u128,
    fee: u128,
    policy: &Policy,
    legs: &[&Target],
    limits: &PlanLimits,
) -> (Vec<usize>, Vec<FoldedLeg>) {
    let all: Vec<usize> = (0..legs.len()).collect();
    let reasons: Vec<Option<FoldReason>> = legs.iter().map(|t| limits.guards.exclusion(t)).collect();
    if reasons.iter().all(Option::is_none) {
        return (all, Vec::new());
    }
    let stakeable = amount.saturating_sub(costs_of(&all, legs, limits, fee).total.0);
    let unfolded = split(stakeable, &all, policy);
    let mut folded = Vec::new();
    for (i, reason) in reasons.iter().enumerate() {
        if let Some(reason) = reason {
            folded.push(FoldedLeg {
                target: legs[i].account_id.clone(),
                policy_bps: policy.legs[i].bps,
                would_have_been: Yocto(unfolded[i]),
                reason: *reason,
            });
        }
    }
    (all.into_iter().filter(|&i| reasons[i].is_none()).collect(), folded)
}

fn fold_reason(target: &Target, amount: u128) -> Option<FoldReason> {
    if amount > target.headroom() {
        Some(FoldReason::CeilingReached)
    } else if amount < target.caps.min_leg.0 {
        Some(FoldReason::BelowMinimumLeg)
    } else {
        None
    }
}

fn costs_of(active: &[usize], legs: &[&Target], limits: &PlanLimits, fee: u128) -> PlanCosts {
    let has_validator = active.iter().any(|&i| legs[i].kind.is_validator());
    let creates_proxy = has_validator && !limits.proxy_exists;
    let liquid_reserves: u128 = active.iter().map(|&i| limits.costs.leg_reserve(&legs[i].kind)).sum();
    let (proxy_storage, proxy_record) =
        if creates_proxy { (limits.costs.proxy_storage.0, limits.costs.proxy_record.0) } else { (0, 0) };
    PlanCosts {
        proxy_storage: Yocto(proxy_storage),
        proxy_record: Yocto(proxy_record),
        liquid_reserves: Yocto(liquid_reserves),
        deposit_fee: Yocto(fee),
        total: Yocto(proxy_storage + proxy_record + liquid_reserves + fee),
        account_creation_charge_from_gas: Yocto(if creates_proxy { ACCOUNT_CREATION_CHARGE } else { 0 }),
    }
}

/// Splits `stakeable` over the active legs by their shares (rule 3).
fn split(stakeable: u128, active: &[usize], policy: &Policy) -> Vec<u128> {
    let total_bps: u128 = active.iter().map(|&i| u128::from(policy.legs[i].bps)).sum();
    let mut amounts: Vec<u128> =
        active.iter().map(|&i| mul_div_floor(stakeable, u128::from(policy.legs[i].bps), total_bps)).collect();
    let remainder = stakeable - amounts.iter().sum::<u128>();
    let largest = (0..active.len())
        .max_by_key(|&k| (policy.legs[active[k]].bps, usize::MAX - k))
        .expect("at least one active leg");
    amounts[largest] += remainder;
    amounts
}

#[allow(clippy::too_many_arguments)]
fn finish(
    amount: u128,
    policy: &Policy,
    legs: &[&Target],
    active: Vec<usize>,
    amounts: Vec<u128>,
    costs: PlanCosts,
    folded: Vec<FoldedLeg>,
    limits: &PlanLimits,
) -> Result<SplitPlan, PlanError> {
    let total_bps: u128 = active.iter().map(|&i| u128::from(policy.legs[i].bps)).sum();
    let mut planned = Vec::with_capacity(active.len());
    let (mut direct, mut liquid, mut validator_legs) = (0u128, 0u128, 0u64);
    for (&i, &a) in active.iter().zip(&amounts) {
        let t = legs[i];
        let bps = u128::from(policy.legs[i].bps);
        let effective = (bps * u128::from(BPS_TOTAL)).div_ceil(total_bps) as u16;
        if effective > t.caps.max_share_bps {
            return Err(PlanError::ShareCapExceeded {
                target: t.account_id.clone(),
                bps: effective,
                cap_bps: t.caps.max_share_bps,
            });
        }
        if t.kind.is_validator() {
            direct += a;
            validator_legs += 1;
        } else {
            liquid += a;
        }
        planned.push(PlannedLeg {
            target: t.account_id.clone(),
            kind: t.kind,
            policy_bps: policy.legs[i].bps,
            effective_bps: effective,
            amount: Yocto(a),
            reserve: Yocto(limits.costs.leg_reserve(&t.kind)),
        });
    }
    let liquid_legs = planned.len() as u64 - validator_legs;
    let creates_proxy = validator_legs > 0 && !limits.proxy_exists;
    // The fee goes to the treasury as a tracked payout (recorded as owed if it bounces).
    let fee_gas = if costs.deposit_fee.0 > 0 { limits.gas.payout() } else { 0 };
    let reads = limits.guards.network_share_bps.len() as u64;
    let read_gas = if reads > 0 { (reads + 1) * STAKE_READ_GAS } else { 0 };
    let gas_required = limits.gas.required(validator_legs, liquid_legs, creates_proxy) + fee_gas + read_gas;
    if gas_required > MAX_TX_GAS {
        return Err(PlanError::GasAboveProtocolLimit { needed: gas_required, limit: MAX_TX_GAS });
    }
    debug_assert_eq!(direct + liquid + costs.total.0, amount);
    Ok(SplitPlan {
        deposit: Yocto(amount),
        legs: planned,
        folded,
        costs,
        creates_proxy,
        direct_total: Yocto(direct),
        liquid_total: Yocto(liquid),
        gas_required,
    })
}

/// The smallest deposit the planner accepts (folding legs as it would), or `None` when no
/// amount is known to work (a target's ceiling blocks the policy). The deposit at which every leg no
/// guard excludes meets its minimum ([`all_legs_workable`]) is an upper bound; below it the
/// smallest accepted amount is found by bisection to the yoctoNEAR (at most 128 plans, and only
/// on this refusal's path).
fn smallest_workable_deposit(
    policy: &Policy,
    targets: &[Target],
    legs: &[&Target],
    limits: &PlanLimits,
) -> Option<u128> {
    let upper = all_legs_workable(policy, legs, limits)?;
    let works = |amount: u128| plan_with(amount, policy, targets, limits, false).is_ok();
    if !works(upper) {
        return None;
    }
    // Invariant: `works(high)`, and nothing at or below `low` was found to work.
    let (mut low, mut high) = (limits.min_deposit.0.max(1).saturating_sub(1), upper);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if works(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    Some(high)
}

/// The smallest deposit at which every leg no guard excludes meets its minimum (with the
/// excluded legs' shares spread over them), or `None` when a target's ceiling blocks the
/// policy whatever the amount.
fn all_legs_workable(policy: &Policy, legs: &[&Target], limits: &PlanLimits) -> Option<u128> {
    let eligible: Vec<usize> = (0..legs.len()).filter(|&i| limits.guards.exclusion(legs[i]).is_none()).collect();
    if eligible.iter().any(|&i| legs[i].headroom() < legs[i].caps.min_leg.0) {
        return None;
    }
    let costs = costs_of(&eligible, legs, limits, 0).total.0;
    let total_bps: u128 = eligible.iter().map(|&i| u128::from(policy.legs[i].bps)).sum();
    let mut need = 0u128;
    for &i in &eligible {
        // ceil(min_leg * total_bps / bps), saturating: a minimum that large cannot be met anyway.
        let per_leg = legs[i].caps.min_leg.0.checked_mul(total_bps)?.div_ceil(u128::from(policy.legs[i].bps));
        need = need.max(per_leg);
    }
    let net = need.checked_add(costs)?;
    // The fee is at most fee_bps of the gross: gross = ceil(net * 10000 / (10000 - fee_bps)).
    let fee_bps = u128::from(limits.deposit_fee_bps.min(crate::costs::MAX_DEPOSIT_FEE_BPS));
    let bps = u128::from(BPS_TOTAL);
    let gross = crate::wide::mul_div_ceil(net, bps, bps - fee_bps)?;
    Some(gross.max(limits.min_deposit.0))
}
