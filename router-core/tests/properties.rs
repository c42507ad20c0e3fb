//! Property tests: the planner's guarantees over random deposits, policies and target states.

mod common;
use common::*;
use proptest::prelude::*;
use router_core::*;

fn arb_targets() -> impl Strategy<Value = Vec<Target>> {
    // Up to 6 targets of random kind with random caps and routed totals.
    prop::collection::vec(
        (
            any::<bool>(),
            1u16..=10_000,
            prop::option::of(0u128..1_000 * ONE_NEAR),
            0u128..1_000 * ONE_NEAR,
            0u128..5 * ONE_NEAR,
        ),
        1..=6,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (is_validator, share_cap, ceiling, routed, min_leg))| {
                let mut t = if is_validator {
                    validator(&format!("pool-{i}.poolv1.near"))
                } else {
                    lst(&format!("lst-{i}.near"), if i % 2 == 0 { LstProtocol::Linear } else { LstProtocol::MetaPool })
                };
                t.caps = TargetCaps {
                    max_share_bps: share_cap,
                    max_total_routed: ceiling.map(Yocto),
                    min_leg: Yocto(min_leg),
                };
                t.routed_total = Yocto(routed);
                t
            })
            .collect()
    })
}

/// A policy over a random subset of the targets whose shares sum to 10,000.
fn arb_case() -> impl Strategy<Value = (Vec<Target>, Policy)> {
    arb_targets()
        .prop_flat_map(|targets| {
            let n = targets.len();
            (
                Just(targets),
                prop::collection::vec(1u16..=100, n),
                prop::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n),
            )
        })
        .prop_map(|(targets, weights, chosen)| {
            let total: u32 = chosen.iter().map(|&i| u32::from(weights[i])).sum();
            let mut legs: Vec<Leg> = chosen
                .iter()
                .map(|&i| Leg {
                    target: targets[i].account_id.clone(),
                    bps: (u32::from(weights[i]) * 10_000 / total).max(1) as u16,
                })
                .collect();
            let sum: i32 = legs.iter().map(|l| i32::from(l.bps)).sum();
            let first = &mut legs[0];
            first.bps = (i32::from(first.bps) + 10_000 - sum) as u16;
            (targets, Policy { legs })
        })
        .prop_filter("shares must stay positive", |(_, p)| p.legs.iter().all(|l| l.bps > 0))
}

fn arb_amount() -> impl Strategy<Value = u128> {
    prop_oneof![0u128..10 * ONE_NEAR, 0u128..100_000 * ONE_NEAR, any::<u128>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn legs_always_sum_to_the_deposit((targets, policy) in arb_case(), amount in arb_amount(), proxy in any::<bool>()) {
        if let Ok(plan) = plan_deposit(amount, &policy, &targets, &limits(proxy)) {
            assert_conserves(&plan);
            prop_assert_eq!(plan.deposit.0, amount);
        }
    }

    #[test]
    fn no_cap_is_ever_broken((targets, policy) in arb_case(), amount in arb_amount(), proxy in any::<bool>()) {
        if let Ok(plan) = plan_deposit(amount, &policy, &targets, &limits(proxy)) {
            for leg in &plan.legs {
                let t = targets.iter().find(|t| t.account_id == leg.target).unwrap();
                prop_assert!(leg.amount.0 >= t.caps.min_leg.0, "leg below minimum");
                prop_assert!(leg.amount.0 <= t.headroom(), "ceiling broken");
                prop_assert!(leg.effective_bps <= t.caps.max_share_bps, "share cap broken");
                prop_assert_eq!(t.status, TargetStatus::Active);
            }
            prop_assert!(plan.gas_required <= gas::MAX_TX_GAS);
        }
    }

    #[test]
    fn same_input_same_plan((targets, policy) in arb_case(), amount in arb_amount(), proxy in any::<bool>()) {
        prop_assert_eq!(
            plan_deposit(amount, &policy, &targets, &limits(proxy)),
            plan_deposit(amount, &policy, &targets, &limits(proxy))
        );
    }

    #[test]
    fn gas_grows_with_legs(v in 0u64..8, l in 0u64..8, create in any::<bool>()) {
        let g = GasSchedule::DEFAULT;
        prop_assert!(g.required(v + 1, l, create) > g.required(v, l, create));
        prop_assert!(g.required(v, l + 1, create) > g.required(v, l, create));
    }

    #[test]
    fn refusals_carry_the_right_reason((targets, policy) in arb_case(), amount in arb_amount(), proxy in any::<bool>()) {
        match plan_deposit(amount, &policy, &targets, &limits(proxy)) {
            Ok(_) => {}
            Err(PlanError::ZeroDeposit) => prop_assert_eq!(amount, 0),
            Err(PlanError::BelowMinimumDeposit { amount: a, minimum }) => prop_assert!(a == amount && a < minimum),
            Err(PlanError::Policy(PolicyError::ShareCapExceeded { target, bps, cap_bps })) => {
                let leg = policy.legs.iter().find(|l| l.target == target).unwrap();
                prop_assert!(leg.bps == bps && bps > cap_bps);
            }
            Err(PlanError::Policy(e)) => prop_assert!(false, "generated policies are well formed: {e}"),
            Err(PlanError::InsufficientForCosts { amount: a, costs }) => prop_assert!(a < costs),
            Err(PlanError::NothingLeftToStake { smallest_workable_deposit }) => {
                // Every leg really is unworkable at this amount: none could stand alone.
                if let Some(min) = smallest_workable_deposit {
                    // The figure named is one the planner accepts.
                    prop_assert!(min > amount, "{min} named at {amount}");
                    prop_assert!(plan_deposit(min, &policy, &targets, &limits(proxy)).is_ok(), "{min} is refused");
                }
            }
            Err(PlanError::ShareCapExceeded { target, bps, cap_bps }) => {
                prop_assert!(bps > cap_bps);
                prop_assert!(policy.legs.iter().any(|l| l.target == target));
            }
            Err(PlanError::GasAboveProtocolLimit { needed, limit }) => prop_assert!(needed > limit),
            Err(PlanError::AllTargetsGuarded) => prop_assert!(false, "no guards are set here"),
        }
    }

    #[test]
    fn rounding_1e24_plus_1_over_three_legs((a, b) in (1u16..9_998).prop_flat_map(|a| (Just(a), 1u16..(10_000 - a)))) {
        let p = policy(&[("pool-a.poolv1.near", a), ("pool-b.poolv1.near", b), ("meta-pool.near", 10_000 - a - b)]);
        let mut l = limits(true);
        l.min_deposit = Yocto(1);
        let mut open = four_targets();
        for t in &mut open { t.caps.min_leg = Yocto(0); }
        let plan = plan_deposit(ONE_NEAR + 1, &p, &open, &l).unwrap();
        assert_conserves(&plan);
        prop_assert_eq!(plan.legs.len(), 3);
    }
}
