//! Shared fixtures for the planner tests.
#![allow(dead_code)]

use router_core::*;

pub fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

pub fn validator(name: &str) -> Target {
    Target {
        account_id: id(name),
        kind: TargetKind::Validator,
        status: TargetStatus::Active,
        caps: TargetCaps::default(),
        routed_total: Yocto(0),
    }
}

pub fn lst(name: &str, protocol: LstProtocol) -> Target {
    Target {
        account_id: id(name),
        kind: TargetKind::Liquid { protocol, registration_deposit: Yocto(1_250_000_000_000_000_000_000) },
        status: TargetStatus::Active,
        caps: TargetCaps::default(),
        routed_total: Yocto(0),
    }
}

/// Two validators and two LSTs, every cap open.
pub fn four_targets() -> Vec<Target> {
    vec![
        validator("pool-a.poolv1.near"),
        validator("pool-b.poolv1.near"),
        lst("linear-protocol.near", LstProtocol::Linear),
        lst("meta-pool.near", LstProtocol::MetaPool),
    ]
}

pub fn policy(legs: &[(&str, u16)]) -> Policy {
    Policy { legs: legs.iter().map(|(t, bps)| Leg { target: id(t), bps: *bps }).collect() }
}

pub fn limits(proxy_exists: bool) -> PlanLimits {
    PlanLimits::new(ONE_NEAR, proxy_exists)
}

/// legs + costs == deposit, and the totals agree with the legs.
pub fn assert_conserves(plan: &SplitPlan) {
    let legs: u128 = plan.legs.iter().map(|l| l.amount.0).sum();
    assert_eq!(legs + plan.costs.total.0, plan.deposit.0, "legs + costs must equal the deposit");
    assert_eq!(plan.direct_total.0 + plan.liquid_total.0, legs);
    let c = plan.costs;
    assert_eq!(c.proxy_storage.0 + c.proxy_record.0 + c.liquid_reserves.0 + c.deposit_fee.0, c.total.0);
}
