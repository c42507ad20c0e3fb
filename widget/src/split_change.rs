//! The one sentence at the top of the preview when the planner's folding or a profile's guard
//! changed the split: the split chosen, why legs were left out, and the shares the deposit
//! really gets (so the change is not only in the "Left out" list below the legs).

use crate::preview::percent;
use crate::strings::{Strings, S};
use router_core::{FoldReason, Policy, SplitPlan, Target, TargetKind, BPS_TOTAL};

/// `part / whole` in basis points, rounded to the nearest (0 for an empty whole).
fn share_bps(part: u128, whole: u128) -> u16 {
    if whole == 0 {
        return 0;
    }
    let bps = router_core::wide::mul_div_floor(part, 2 * u128::from(BPS_TOTAL), whole).map_or(0, |v| v.div_ceil(2));
    bps.min(u128::from(BPS_TOTAL)) as u16
}

/// "50% direct and 50% liquid", or per target when only one kind is in the split.
fn shares(parts: &[(String, bool, u16)], s: &Strings, by_kind: bool) -> String {
    if by_kind {
        let direct: u32 = parts.iter().filter(|p| p.1).map(|p| u32::from(p.2)).sum();
        let direct = direct.min(u32::from(BPS_TOTAL)) as u16;
        return s.fill(
            S::SharesByKind,
            &[("direct", &percent(direct)), ("liquid", &percent(BPS_TOTAL.saturating_sub(direct)))],
        );
    }
    let each: Vec<String> =
        parts.iter().map(|(t, _, b)| s.fill(S::ShareOfTarget, &[("percent", &percent(*b)), ("target", t)])).collect();
    each.join(" and ")
}

/// The sentence, when `plan` left out any of `policy`'s legs; `profile` names the chosen
/// profile (`None`: a custom split).
pub fn describe(
    plan: &SplitPlan,
    policy: &Policy,
    targets: &[Target],
    profile: Option<&str>,
    s: &Strings,
) -> Option<String> {
    if plan.folded.is_empty() || plan.legs.is_empty() {
        return None;
    }
    let is_validator =
        |t: &router_core::AccountId| targets.iter().find(|x| &x.account_id == t).is_some_and(|x| x.kind.is_validator());
    let intended: Vec<(String, bool, u16)> =
        policy.legs.iter().map(|l| (l.target.to_string(), is_validator(&l.target), l.bps)).collect();
    let by_kind = intended.iter().any(|p| p.1) && intended.iter().any(|p| !p.1);
    let staked: u128 = plan.legs.iter().map(|l| l.amount.0).sum();
    let actual: Vec<(String, bool, u16)> = plan
        .legs
        .iter()
        .map(|l| (l.target.to_string(), matches!(l.kind, TargetKind::Validator), share_bps(l.amount.0, staked)))
        .collect();
    let actual = if actual.len() == 1 {
        s.fill(S::ShareOfTarget, &[("percent", "100"), ("target", &actual[0].0)])
    } else {
        shares(&actual, s, by_kind)
    };
    let mut why: Vec<&str> = Vec::new();
    for f in &plan.folded {
        let reason = s.get(match f.reason {
            FoldReason::BelowMinimumLeg => S::WhyMinimum,
            FoldReason::CeilingReached => S::WhyCeiling,
            FoldReason::ConcentrationGuard => S::WhyConcentration,
            FoldReason::DepegGuard => S::WhyDepeg,
        });
        if !why.contains(&reason) {
            why.push(reason);
        }
    }
    let split = match profile {
        Some(name) => s.fill(S::SplitOfProfile, &[("profile", name)]),
        None => s.get(S::SplitCustom).to_string(),
    };
    let count =
        s.fill(S::LegsLeftOut, &[("count", &plan.folded.len().to_string()), ("total", &policy.legs.len().to_string())]);
    Some(s.fill(
        S::SplitChanged,
        &[
            ("split", &split),
            ("intended", &shares(&intended, s, by_kind)),
            ("why", &why.join(" and ")),
            ("count", &count),
            ("actual", &actual),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::share_bps;

    #[test]
    fn shares_round_to_the_nearest_basis_point() {
        assert_eq!(share_bps(2, 3), 6_667);
        assert_eq!(share_bps(1, 3), 3_333);
        assert_eq!(share_bps(1, 1), 10_000);
        assert_eq!(share_bps(0, 0), 0);
    }
}
