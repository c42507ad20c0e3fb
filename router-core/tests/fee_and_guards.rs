//! The deposit fee and the planner's guards (rule 7): examples and a conservation property.

mod common;
use common::*;
use proptest::prelude::*;
use router_core::*;

const BALANCED: &[(&str, u16)] = &[
    ("pool-a.poolv1.near", 2_500),
    ("pool-b.poolv1.near", 2_500),
    ("linear-protocol.near", 2_500),
    ("meta-pool.near", 2_500),
];

fn with_fee(bps: u16) -> PlanLimits {
    limits(true).with_fee(bps)
}

#[test]
fn the_fee_comes_off_the_top_rounded_down() {
    let amount = 100 * ONE_NEAR + 99;
    let plan = plan_deposit(amount, &policy(BALANCED), &four_targets(), &with_fee(50)).unwrap();
    assert_conserves(&plan);
    assert_eq!(plan.costs.deposit_fee.0, amount * 50 / 10_000, "floor: the user's favour");
    assert_eq!(plan.costs.deposit_fee.0, ONE_NEAR / 2);
    let no_fee = plan_deposit(amount, &policy(BALANCED), &four_targets(), &limits(true)).unwrap();
    assert_eq!(no_fee.costs.deposit_fee.0, 0);
    assert_eq!(plan.gas_required, no_fee.gas_required + router_core::GasSchedule::DEFAULT.payout());
    let legs = |p: &SplitPlan| p.legs.iter().map(|l| l.amount.0).sum::<u128>();
    assert_eq!(legs(&no_fee) - legs(&plan), ONE_NEAR / 2);
}

#[test]
fn a_fee_above_the_cap_counts_as_the_cap() {
    let plan = plan_deposit(100 * ONE_NEAR, &policy(BALANCED), &four_targets(), &with_fee(10_000)).unwrap();
    assert_eq!(plan.costs.deposit_fee.0, ONE_NEAR, "1% at most");
}

#[test]
fn the_fee_raises_the_smallest_workable_deposit() {
    let one = policy(&[("pool-a.poolv1.near", 10_000)]);
    let err = plan_deposit(ONE_NEAR, &one, &four_targets(), &with_fee(100)).unwrap_err();
    let PlanError::NothingLeftToStake { smallest_workable_deposit: Some(min) } = err else { panic!("{err:?}") };
    // 1% of it (rounded down, in the depositor's favour) leaves exactly the 1 NEAR minimum.
    assert_eq!(min, ONE_NEAR * 10_000 / 9_900);
    assert_eq!(min - min / 100, ONE_NEAR);
    let plan = plan_deposit(min, &one, &four_targets(), &with_fee(100)).unwrap();
    assert!(plan.folded.is_empty(), "the leg meets its minimum at {min}: {:?}", plan.folded);
    assert!(plan_deposit(min - 1, &one, &four_targets(), &with_fee(100)).is_err(), "one yocto less is refused");
}

#[test]
fn a_concentrated_validator_is_folded_with_its_reason() {
    let mut l = limits(true);
    l.guards.options.max_validator_network_share_bps = Some(1_000);
    l.guards.network_share_bps = vec![(id("pool-a.poolv1.near"), 1_001), (id("pool-b.poolv1.near"), 1_000)];
    let plan = plan_deposit(100 * ONE_NEAR, &policy(BALANCED), &four_targets(), &l).unwrap();
    assert_conserves(&plan);
    assert_eq!(plan.folded.len(), 1);
    assert_eq!(plan.folded[0].target, id("pool-a.poolv1.near"));
    assert_eq!(plan.folded[0].reason, FoldReason::ConcentrationGuard);
    assert!(plan.folded[0].would_have_been.0 > 0);
    assert_eq!(plan.legs.len(), 3);
    assert!(plan.legs.iter().all(|l| l.effective_bps == 3_334));
    let unguarded = plan_deposit(100 * ONE_NEAR, &policy(BALANCED), &four_targets(), &limits(true)).unwrap();
    let three = plan_deposit(
        100 * ONE_NEAR,
        &policy(
            &BALANCED[1..].iter().map(|(t, _)| (*t, 3_333 + u16::from(*t == "pool-b.poolv1.near"))).collect::<Vec<_>>(),
        ),
        &four_targets(),
        &limits(true),
    )
    .unwrap();
    assert!(unguarded.gas_required > three.gas_required);
    assert_eq!(
        plan.gas_required,
        three.gas_required + 3 * router_core::plan::STAKE_READ_GAS,
        "two stake reads and the total"
    );
    // Off by default: the same observations exclude nothing.
    l.guards.options.max_validator_network_share_bps = None;
    assert!(plan_deposit(100 * ONE_NEAR, &policy(BALANCED), &four_targets(), &l).unwrap().folded.is_empty());
}

#[test]
fn an_out_of_band_token_is_folded_only_when_the_profile_skips_them() {
    let mut l = limits(true);
    l.guards.out_of_band_liquid = vec![id("meta-pool.near")];
    assert!(plan_deposit(100 * ONE_NEAR, &policy(BALANCED), &four_targets(), &l).unwrap().folded.is_empty());
    l.guards.options.skip_out_of_band_liquid = true;
    let plan = plan_deposit(100 * ONE_NEAR, &policy(BALANCED), &four_targets(), &l).unwrap();
    assert_conserves(&plan);
    assert_eq!(plan.folded[0].reason, FoldReason::DepegGuard);
    assert_eq!(plan.folded[0].target, id("meta-pool.near"));
    assert!(plan.legs.iter().all(|l| l.target != id("meta-pool.near")));
    assert_eq!(
        plan.costs.liquid_reserves.0,
        CostSchedule::DEFAULT.leg_reserve(&four_targets()[2].kind),
        "one reserve left"
    );
}

#[test]
fn every_leg_guarded_is_refused() {
    let mut l = limits(true);
    l.guards.options = GuardOptions { max_validator_network_share_bps: Some(0), skip_out_of_band_liquid: true };
    l.guards.network_share_bps = vec![(id("pool-a.poolv1.near"), 1)];
    let p = policy(&[("pool-a.poolv1.near", 10_000)]);
    assert_eq!(plan_deposit(100 * ONE_NEAR, &p, &four_targets(), &l), Err(PlanError::AllTargetsGuarded));
    assert!(PlanError::AllTargetsGuarded.to_string().contains("guards"));
}

#[test]
fn a_guard_fold_that_breaks_a_share_cap_is_refused() {
    let mut targets = four_targets();
    targets[1].caps.max_share_bps = 5_000;
    let mut l = limits(true);
    l.guards.options.max_validator_network_share_bps = Some(100);
    l.guards.network_share_bps = vec![(id("pool-a.poolv1.near"), 200)];
    let p = policy(&[("pool-a.poolv1.near", 5_000), ("pool-b.poolv1.near", 5_000)]);
    assert!(matches!(plan_deposit(100 * ONE_NEAR, &p, &targets, &l), Err(PlanError::ShareCapExceeded { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]
    #[test]
    fn legs_plus_costs_with_fee_equal_the_deposit(amount in 0u128..=u128::MAX, fee in 0u16..=200, proxy: bool) {
        let l = limits(proxy).with_fee(fee);
        if let Ok(plan) = plan_deposit(amount, &policy(BALANCED), &four_targets(), &l) {
            assert_conserves(&plan);
            prop_assert_eq!(plan.costs.deposit_fee.0, router_core::guards::deposit_fee(amount, fee));
        }
    }
}
