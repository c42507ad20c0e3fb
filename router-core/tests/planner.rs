//! Example-based tests of the planner's rules.

mod common;
use common::*;
use router_core::*;

const BALANCED: &[(&str, u16)] = &[
    ("pool-a.poolv1.near", 2_500),
    ("pool-b.poolv1.near", 2_500),
    ("linear-protocol.near", 2_500),
    ("meta-pool.near", 2_500),
];

#[test]
fn first_deposit_pays_proxy_and_reserves_and_splits_the_rest_exactly() {
    let amount = 100 * ONE_NEAR + 1;
    let plan = plan_deposit(amount, &policy(BALANCED), &four_targets(), &limits(false)).unwrap();
    assert_conserves(&plan);
    assert!(plan.creates_proxy);
    assert_eq!(plan.costs.proxy_storage, CostSchedule::DEFAULT.proxy_storage);
    assert_eq!(plan.costs.proxy_record, CostSchedule::DEFAULT.proxy_record);
    // Two liquid legs, each reserving max(registration 0.00125 N, claim record 0.0025 N) + 1 yocto.
    assert_eq!(plan.costs.liquid_reserves.0, 2 * (2_500_000_000_000_000_000_000 + 1));
    assert_eq!(plan.costs.account_creation_charge_from_gas.0, costs::ACCOUNT_CREATION_CHARGE);
    let stakeable = amount - plan.costs.total.0;
    // Equal shares: the first leg (a tie on the largest share) takes the remainder.
    let base = stakeable / 4;
    let rem = stakeable % 4;
    let amounts: Vec<u128> = plan.legs.iter().map(|l| l.amount.0).collect();
    assert_eq!(amounts, vec![base + rem, base, base, base]);
    assert_eq!(plan.gas_required, GasSchedule::DEFAULT.required(2, 2, true));
}

#[test]
fn later_deposit_has_no_proxy_costs() {
    let plan = plan_deposit(10 * ONE_NEAR, &policy(BALANCED), &four_targets(), &limits(true)).unwrap();
    assert_conserves(&plan);
    assert!(!plan.creates_proxy);
    assert_eq!(plan.costs.proxy_storage.0 + plan.costs.proxy_record.0, 0);
    assert_eq!(plan.costs.account_creation_charge_from_gas.0, 0);
}

#[test]
fn liquid_only_deposit_never_creates_a_proxy() {
    let p = policy(&[("linear-protocol.near", 6_000), ("meta-pool.near", 4_000)]);
    let plan = plan_deposit(10 * ONE_NEAR, &p, &four_targets(), &limits(false)).unwrap();
    assert!(!plan.creates_proxy);
    assert_eq!(plan.direct_total.0, 0);
    assert_conserves(&plan);
}

#[test]
fn remainder_goes_to_the_largest_share() {
    let p = policy(&[("pool-a.poolv1.near", 3_333), ("pool-b.poolv1.near", 3_334), ("meta-pool.near", 3_333)]);
    let plan = plan_deposit(ONE_NEAR * 30 + 2, &p, &four_targets(), &limits(true)).unwrap();
    assert_conserves(&plan);
    let stakeable = plan.deposit.0 - plan.costs.total.0;
    let floor = |bps: u128| stakeable * bps / 10_000;
    let rem = stakeable - floor(3_333) * 2 - floor(3_334);
    assert_eq!(plan.legs[1].amount.0, floor(3_334) + rem);
    assert_eq!(plan.legs[0].amount.0, floor(3_333));
}

#[test]
fn zero_and_tiny_deposits_are_refused() {
    let p = policy(BALANCED);
    assert_eq!(plan_deposit(0, &p, &four_targets(), &limits(true)), Err(PlanError::ZeroDeposit));
    assert_eq!(
        plan_deposit(1, &p, &four_targets(), &limits(true)),
        Err(PlanError::BelowMinimumDeposit { amount: 1, minimum: ONE_NEAR })
    );
}

#[test]
fn a_leg_below_its_minimum_folds_into_the_others() {
    // 10% of 5 NEAR is 0.5 NEAR, below the 1 NEAR minimum leg: folded.
    let p = policy(&[("pool-a.poolv1.near", 9_000), ("meta-pool.near", 1_000)]);
    let plan = plan_deposit(5 * ONE_NEAR, &p, &four_targets(), &limits(true)).unwrap();
    assert_conserves(&plan);
    assert_eq!(plan.legs.len(), 1);
    assert_eq!(plan.legs[0].effective_bps, 10_000);
    assert_eq!(plan.folded.len(), 1);
    assert_eq!(plan.folded[0].reason, FoldReason::BelowMinimumLeg);
    assert_eq!(plan.folded[0].target, id("meta-pool.near"));
    // The folded liquid leg no longer reserves storage.
    assert_eq!(plan.costs.liquid_reserves.0, 0);
    assert_eq!(plan.legs[0].amount.0, 5 * ONE_NEAR);
}

#[test]
fn everything_below_minimum_is_refused_with_the_smallest_workable_deposit() {
    let mut targets = four_targets();
    for t in &mut targets {
        t.caps.min_leg = Yocto(2 * ONE_NEAR);
    }
    let err = plan_deposit(ONE_NEAR, &policy(BALANCED), &targets, &limits(true)).unwrap_err();
    let PlanError::NothingLeftToStake { smallest_workable_deposit: Some(min) } = err else {
        panic!("unexpected {err:?}");
    };
    // That deposit is accepted (folding the legs it cannot fill) and one yoctoNEAR less is not:
    // the figure is the router's real minimum, not the amount that fills every leg.
    let plan = plan_deposit(min, &policy(BALANCED), &targets, &limits(true)).unwrap();
    assert_conserves(&plan);
    assert!(!plan.folded.is_empty(), "below the all-legs amount some legs fold: {plan:?}");
    assert!(min < 8 * ONE_NEAR, "four 2 NEAR legs would need more: {min}");
    assert!(matches!(
        plan_deposit(min - 1, &policy(BALANCED), &targets, &limits(true)),
        Err(PlanError::NothingLeftToStake { .. })
    ));
}

#[test]
fn a_target_at_its_ceiling_is_folded() {
    let mut targets = four_targets();
    targets[0].caps.max_total_routed = Some(Yocto(10 * ONE_NEAR));
    targets[0].routed_total = Yocto(10 * ONE_NEAR);
    let plan = plan_deposit(10 * ONE_NEAR, &policy(BALANCED), &targets, &limits(true)).unwrap();
    assert_conserves(&plan);
    assert_eq!(plan.folded[0].reason, FoldReason::CeilingReached);
    assert!(plan.legs.iter().all(|l| l.target != targets[0].account_id));
}

#[test]
fn a_share_cap_broken_by_folding_is_refused() {
    let mut targets = four_targets();
    targets[1].caps.max_share_bps = 6_000;
    let p = policy(&[("pool-a.poolv1.near", 5_000), ("pool-b.poolv1.near", 5_000)]);
    targets[0].caps.max_total_routed = Some(Yocto(0));
    let err = plan_deposit(10 * ONE_NEAR, &p, &targets, &limits(true)).unwrap_err();
    assert_eq!(err, PlanError::ShareCapExceeded { target: id("pool-b.poolv1.near"), bps: 10_000, cap_bps: 6_000 });
}

#[test]
fn bad_policies_are_refused_with_the_reason() {
    let t = four_targets();
    let l = limits(true);
    let amount = 10 * ONE_NEAR;
    let e = |legs: &[(&str, u16)]| plan_deposit(amount, &policy(legs), &t, &l).unwrap_err();
    assert_eq!(e(&[]), PlanError::Policy(PolicyError::Empty));
    assert_eq!(e(&[("pool-a.poolv1.near", 9_999)]), PlanError::Policy(PolicyError::SharesDoNotSum { sum: 9_999 }));
    assert_eq!(
        e(&[("pool-a.poolv1.near", 5_000), ("pool-a.poolv1.near", 5_000)]),
        PlanError::Policy(PolicyError::DuplicateTarget { target: id("pool-a.poolv1.near") })
    );
    assert_eq!(
        e(&[("nobody.near", 10_000)]),
        PlanError::Policy(PolicyError::UnknownTarget { target: id("nobody.near") })
    );
    assert_eq!(
        e(&[("pool-a.poolv1.near", 10_000), ("pool-b.poolv1.near", 0)]),
        PlanError::Policy(PolicyError::ZeroShare { target: id("pool-b.poolv1.near") })
    );
    let mut paused = t.clone();
    paused[0].status = TargetStatus::Paused;
    assert_eq!(
        plan_deposit(amount, &policy(&[("pool-a.poolv1.near", 10_000)]), &paused, &l).unwrap_err(),
        PlanError::Policy(PolicyError::TargetNotActive {
            target: id("pool-a.poolv1.near"),
            status: TargetStatus::Paused
        })
    );
}

#[test]
fn error_messages_read_as_sentences() {
    let e = PlanError::Policy(PolicyError::SharesDoNotSum { sum: 9_000 });
    assert_eq!(e.to_string(), "the shares add up to 9000 bps; they must add up to exactly 10000 bps (100%)");
    assert_eq!(PlanError::ZeroDeposit.to_string(), "attach some NEAR to deposit");
}

#[test]
fn the_largest_amount_plans_without_overflow() {
    let plan = plan_deposit(u128::MAX, &policy(BALANCED), &four_targets(), &limits(false)).unwrap();
    assert_conserves(&plan);
}

#[test]
fn default_profiles_resolve_over_the_least_routed_targets() {
    let mut targets = four_targets();
    targets.push(validator("pool-c.poolv1.near"));
    targets[0].routed_total = Yocto(ONE_NEAR); // pool-a has the most: skipped
    let profiles = default_profiles();
    let balanced = profiles.iter().find(|p| p.name == "balanced").unwrap();
    let p = balanced.allocation.resolve(&targets).unwrap();
    assert_eq!(
        p,
        policy(&[
            ("pool-b.poolv1.near", 2_500),
            ("pool-c.poolv1.near", 2_500),
            ("linear-protocol.near", 2_500),
            ("meta-pool.near", 2_500)
        ])
    );
    p.validate_shape().unwrap();
}

#[test]
fn by_kind_profile_gives_a_missing_kind_share_to_the_other() {
    let targets = vec![validator("pool-a.poolv1.near")];
    let direct_heavy = &default_profiles()[0];
    let p = direct_heavy.allocation.resolve(&targets).unwrap();
    assert_eq!(p, policy(&[("pool-a.poolv1.near", 10_000)]));
    assert_eq!(direct_heavy.allocation.resolve(&[]), Err(PolicyError::Empty));
}

#[test]
fn proxy_ids_are_deterministic_bounded_and_recognisable() {
    let router = id("router.near");
    let fake_hash = |b: &[u8]| {
        let mut h = [0u8; 32];
        for (i, x) in b.iter().enumerate() {
            h[i % 32] ^= x.wrapping_mul(31).wrapping_add(i as u8);
        }
        h
    };
    let a = naming::proxy_account_id(&router, &id("alice.near"), fake_hash).unwrap();
    let b = naming::proxy_account_id(&router, &id("alice.near"), fake_hash).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.len(), 24 + 1 + router.len());
    assert!(naming::looks_like_proxy(&router, &a));
    assert!(!naming::looks_like_proxy(&router, &id("alice.near")));
    assert!(!naming::looks_like_proxy(&router, &id("x.router.near")));
    let long_router = id(&format!("{}.near", "r".repeat(35)));
    assert!(naming::proxy_account_id(&long_router, &id("alice.near"), fake_hash).is_none());
}

#[test]
fn first_deposit_with_exactly_enough_for_the_proxy_passes_and_one_yocto_less_is_refused() {
    let targets = four_targets();
    let p = policy(&[("pool-a.poolv1.near", 10_000)]);
    let costs = CostSchedule::DEFAULT.proxy_creation();
    let exact = ONE_NEAR + costs; // the 1 NEAR minimum leg plus the proxy's storage and record
    let plan = plan_deposit(exact, &p, &targets, &limits(false)).unwrap();
    assert!(plan.creates_proxy);
    assert_eq!(plan.legs[0].amount.0, ONE_NEAR);
    assert_eq!(plan.costs.total.0, costs);
    let err = plan_deposit(exact - 1, &p, &targets, &limits(false)).unwrap_err();
    assert_eq!(err, PlanError::NothingLeftToStake { smallest_workable_deposit: Some(exact) });
}
