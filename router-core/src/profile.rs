//! Named risk profiles and how they become a concrete policy.

use crate::error::PolicyError;
use crate::policy::{Leg, Policy, BPS_TOTAL, MAX_LEGS};
use crate::target::{Target, TargetStatus};
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// How a profile allocates a deposit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "crate::tagged_json::AllocationJson")]
pub enum Allocation {
    /// A fixed split over named targets.
    Explicit { policy: Policy },
    /// A direct/liquid ratio spread over the active targets of each kind: the
    /// `max_validators` (and `max_liquid`) active targets with the least NEAR routed so far
    /// (ties by account id), each kind's share split evenly, the leftover basis points going
    /// to the first of them. If one kind has no active target, the other kind takes its share.
    ByKind {
        /// Share for validators (direct stake), in basis points; the rest is liquid.
        validator_bps: u16,
        /// How many validator pools to spread over.
        max_validators: u8,
        /// How many liquid protocols to spread over.
        max_liquid: u8,
    },
}

/// A named profile kept by the router's operators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct Profile {
    /// Its name, e.g. `balanced`.
    pub name: String,
    /// A sentence for people choosing it.
    pub description: String,
    /// How it splits.
    pub allocation: Allocation,
}

/// The three profiles a new router starts with.
pub fn default_profiles() -> Vec<Profile> {
    let by_kind = |validator_bps| Allocation::ByKind { validator_bps, max_validators: 2, max_liquid: 2 };
    vec![
        Profile {
            name: "direct-heavy".into(),
            description: "80% staked directly with validators (no token, ~4 epochs to unstake), 20% liquid".into(),
            allocation: by_kind(8_000),
        },
        Profile {
            name: "balanced".into(),
            description: "Half direct stake with validators, half liquid staking tokens".into(),
            allocation: by_kind(5_000),
        },
        Profile {
            name: "liquid-heavy".into(),
            description: "80% liquid staking tokens usable in DeFi (protocol and depeg risk), 20% direct".into(),
            allocation: by_kind(2_000),
        },
    ]
}

impl Allocation {
    /// Checks the allocation when an operator stores it.
    pub fn validate(&self, targets: &[Target]) -> Result<(), PolicyError> {
        match self {
            Allocation::Explicit { policy } => {
                policy.validate_against(|id| targets.iter().find(|t| &t.account_id == id))
            }
            Allocation::ByKind { validator_bps, max_validators, max_liquid } => {
                if *validator_bps > BPS_TOTAL {
                    return Err(PolicyError::SharesDoNotSum { sum: u32::from(*validator_bps) });
                }
                let legs = usize::from(*max_validators) + usize::from(*max_liquid);
                if legs == 0 || legs > MAX_LEGS {
                    return Err(PolicyError::TooManyLegs { legs, max: MAX_LEGS });
                }
                Ok(())
            }
        }
    }

    /// The concrete policy this allocation gives over `targets` now.
    pub fn resolve(&self, targets: &[Target]) -> Result<Policy, PolicyError> {
        let (validator_bps, max_v, max_l) = match self {
            Allocation::Explicit { policy } => return Ok(policy.clone()),
            Allocation::ByKind { validator_bps, max_validators, max_liquid } => {
                (*validator_bps, usize::from(*max_validators), usize::from(*max_liquid))
            }
        };
        let pick = |validator: bool, max: usize| {
            let mut chosen: Vec<&Target> = targets
                .iter()
                .filter(|t| t.status == TargetStatus::Active && t.kind.is_validator() == validator)
                .collect();
            chosen.sort_by(|a, b| a.routed_total.cmp(&b.routed_total).then_with(|| a.account_id.cmp(&b.account_id)));
            chosen.truncate(max);
            chosen
        };
        let validators = pick(true, max_v);
        let liquid = pick(false, max_l);
        let validator_bps = match (validators.is_empty(), liquid.is_empty()) {
            (true, true) => return Err(no_active_target(targets, max_v > 0, max_l > 0)),
            (true, false) => 0,
            (false, true) => BPS_TOTAL,
            (false, false) => validator_bps,
        };
        let mut legs = Vec::with_capacity(validators.len() + liquid.len());
        spread(&mut legs, &validators, validator_bps);
        spread(&mut legs, &liquid, BPS_TOTAL - validator_bps);
        Ok(Policy { legs })
    }
}

/// Why a by-kind profile found nothing to use: every target of its kinds is paused or retired
/// (counted), or it has no target of those kinds at all (no legs).
fn no_active_target(targets: &[Target], validators: bool, liquid: bool) -> PolicyError {
    let usable = |t: &&Target| if t.kind.is_validator() { validators } else { liquid };
    let (mut paused, mut retired) = (0u32, 0u32);
    for t in targets.iter().filter(usable) {
        match t.status {
            TargetStatus::Paused => paused += 1,
            TargetStatus::Retired => retired += 1,
            TargetStatus::Active => {}
        }
    }
    if paused + retired == 0 {
        PolicyError::Empty
    } else {
        PolicyError::NoActiveTarget { paused, retired }
    }
}

/// Splits `bps` evenly over `targets`, the leftover to the first; skips a 0 share.
fn spread(legs: &mut Vec<Leg>, targets: &[&Target], bps: u16) {
    if targets.is_empty() || bps == 0 {
        return;
    }
    let n = targets.len() as u16;
    for (k, t) in targets.iter().enumerate() {
        let share = bps / n + if k == 0 { bps % n } else { 0 };
        if share > 0 {
            legs.push(Leg { target: t.account_id.clone(), bps: share });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::{TargetCaps, TargetKind};
    use crate::Yocto;

    fn target(name: &str, status: TargetStatus) -> Target {
        Target {
            account_id: name.parse().unwrap(),
            kind: TargetKind::Validator,
            status,
            caps: TargetCaps::default(),
            routed_total: Yocto(0),
        }
    }

    #[test]
    fn a_profile_whose_targets_are_all_paused_says_so() {
        let by_kind = Allocation::ByKind { validator_bps: 10_000, max_validators: 2, max_liquid: 0 };
        let targets = [target("a.near", TargetStatus::Paused), target("b.near", TargetStatus::Retired)];
        let err = by_kind.resolve(&targets).unwrap_err();
        assert_eq!(err, PolicyError::NoActiveTarget { paused: 1, retired: 1 });
        assert!(err.to_string().starts_with("every target this profile could use is paused or retired"), "{err}");
        // With no target of its kinds at all, there are simply no legs.
        assert_eq!(by_kind.resolve(&[]).unwrap_err(), PolicyError::Empty);
        // One active target: it gets everything.
        let one = [target("a.near", TargetStatus::Paused), target("c.near", TargetStatus::Active)];
        assert_eq!(by_kind.resolve(&one).unwrap().legs, vec![Leg { target: "c.near".parse().unwrap(), bps: 10_000 }]);
    }
}
