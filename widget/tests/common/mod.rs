//! Shared by the native and the browser tests: the fixtures and seeded random inputs.
#![allow(dead_code)]

use router_core::{
    AccountId, Allocation, Leg, LstProtocol, Policy, Target, TargetCaps, TargetKind, TargetStatus, Yocto, ONE_NEAR,
};

/// The end-to-end test's fixtures (stand-in views until the local devnet exists).
pub const FIXTURES: &str = include_str!("../../host/fixtures.json");
/// The stub's answer function (evaluated in the browser tests).
pub const RPC_ANSWER_JS: &str = include_str!("../../host/rpc-answer.js");
/// The fixtures' router.
pub const ROUTER: &str = "stake-router.test.near";

/// A small deterministic generator (SplitMix64): the same seed gives the same cases.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn u128(&mut self) -> u128 {
        (u128::from(self.next()) << 64) | u128::from(self.next())
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Amounts across every magnitude: a few yocto, around the minimums, far above 2^53
    /// (every NEAR amount is), up to 10^14 NEAR.
    pub fn amount(&mut self) -> u128 {
        match self.below(6) {
            0 => u128::from(self.below(1_000)),
            1 => ONE_NEAR / 2 + u128::from(self.next()) % (2 * ONE_NEAR),
            2 => ONE_NEAR + self.u128() % (20 * ONE_NEAR),
            3 => self.u128() % (10_000 * ONE_NEAR),
            4 => (u128::from(self.below(1_000_000)) * ONE_NEAR) + u128::from(self.next()),
            _ => self.u128() % (100_000_000_000_000 * ONE_NEAR),
        }
    }

    /// 1..=6 targets, some paused, some with ceilings and share caps.
    pub fn targets(&mut self) -> Vec<Target> {
        let n = 1 + self.below(6) as usize;
        (0..n)
            .map(|i| {
                let kind = match self.below(3) {
                    0 => TargetKind::Validator,
                    1 => TargetKind::Liquid {
                        protocol: LstProtocol::Linear,
                        registration_deposit: Yocto(1_250_000_000_000_000_000_000),
                    },
                    _ => TargetKind::Liquid {
                        protocol: LstProtocol::MetaPool,
                        registration_deposit: Yocto(self.u128() % (ONE_NEAR / 100)),
                    },
                };
                let name =
                    if kind.is_validator() { format!("v{i}.pool.test.near") } else { format!("lst{i}.test.near") };
                let routed = if self.chance(50) { 0 } else { self.u128() % (1_000 * ONE_NEAR) };
                Target {
                    account_id: name.parse().unwrap(),
                    kind,
                    status: if self.chance(10) { TargetStatus::Paused } else { TargetStatus::Active },
                    caps: TargetCaps {
                        max_share_bps: if self.chance(25) { 2_000 + self.below(8_001) as u16 } else { 10_000 },
                        max_total_routed: self.chance(25).then(|| Yocto(routed + self.u128() % (500 * ONE_NEAR))),
                        min_leg: Yocto(if self.chance(30) { self.u128() % (10 * ONE_NEAR) } else { ONE_NEAR }),
                    },
                    routed_total: Yocto(routed),
                }
            })
            .collect()
    }

    /// A policy over some of `targets`: distinct legs with shares adding up to 10,000
    /// (and now and then a broken one, to compare refusals too).
    pub fn policy(&mut self, targets: &[Target]) -> Policy {
        let mut ids: Vec<AccountId> = targets.iter().map(|t| t.account_id.clone()).collect();
        let k = 1 + self.below(ids.len() as u64) as usize;
        let mut legs = Vec::new();
        let mut left: u16 = 10_000;
        for i in 0..k {
            let id = ids.remove(self.below(ids.len() as u64) as usize);
            let bps = if i + 1 == k { left } else { 1 + self.below(u64::from(left) - (k - i - 1) as u64) as u16 };
            left -= bps;
            legs.push(Leg { target: id, bps });
        }
        if self.chance(5) {
            legs[0].bps = legs[0].bps.saturating_sub(1).max(1);
        }
        Policy { legs }
    }

    /// A by-kind allocation like the router's default profiles.
    pub fn by_kind(&mut self) -> Allocation {
        Allocation::ByKind {
            validator_bps: self.below(10_001) as u16,
            max_validators: 1 + self.below(3) as u8,
            max_liquid: 1 + self.below(3) as u8,
        }
    }
}
