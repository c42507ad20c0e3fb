//! Errors a person can read: every refusal names what is wrong and what would be accepted.

use crate::amount::{format_near, format_near_at_least};
use crate::target::TargetStatus;
use crate::AccountId;
use serde::{Deserialize, Serialize};

/// Why a policy (an explicit split, a profile or a stored DAO policy) is not acceptable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PolicyError {
    /// No legs at all.
    Empty,
    /// More legs than one deposit may fan out to.
    TooManyLegs { legs: usize, max: usize },
    /// A leg with a 0 bps share.
    ZeroShare { target: AccountId },
    /// The same target twice.
    DuplicateTarget { target: AccountId },
    /// Shares that do not add up to 10,000 bps.
    SharesDoNotSum { sum: u32 },
    /// A target that is not on the allow-list.
    UnknownTarget { target: AccountId },
    /// A paused or retired target.
    TargetNotActive { target: AccountId, status: TargetStatus },
    /// A leg larger than the target's per-deposit share cap.
    ShareCapExceeded { target: AccountId, bps: u16, cap_bps: u16 },
    /// A profile picks its targets by kind, and every target of those kinds is paused or
    /// retired right now.
    NoActiveTarget { paused: u32, retired: u32 },
}

impl core::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            PolicyError::Empty => write!(f, "the split has no legs"),
            PolicyError::TooManyLegs { legs, max } => {
                write!(f, "the split has {legs} legs; at most {max} are allowed")
            }
            PolicyError::ZeroShare { target } => write!(f, "the leg for {target} has a 0% share"),
            PolicyError::DuplicateTarget { target } => write!(f, "{target} appears twice in the split"),
            PolicyError::SharesDoNotSum { sum } => {
                write!(f, "the shares add up to {sum} bps; they must add up to exactly 10000 bps (100%)")
            }
            PolicyError::UnknownTarget { target } => write!(f, "{target} is not an allowed staking target"),
            PolicyError::TargetNotActive { target, status: TargetStatus::Retired } => write!(
                f,
                "{target} takes no deposits now (it is retired; the router has no power to move delegators' stake: they move it through their own proxy)"
            ),
            PolicyError::TargetNotActive { target, status } => {
                write!(f, "{target} takes no deposits now (it is {})", status_word(*status))
            }
            PolicyError::ShareCapExceeded { target, bps, cap_bps } => write!(
                f,
                "the leg for {target} is {bps} bps but that target takes at most {cap_bps} bps of one deposit"
            ),
            PolicyError::NoActiveTarget { paused, retired } => write!(
                f,
                "every target this profile could use is paused or retired right now ({paused} paused, {retired} retired); nothing can be staked through it until one is active again"
            ),
        }
    }
}

fn status_word(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Active => "active",
        TargetStatus::Paused => "paused",
        TargetStatus::Retired => "retired",
    }
}

/// Why a deposit cannot be planned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PlanError {
    /// Nothing was attached.
    ZeroDeposit,
    /// Less than the router's minimum deposit.
    BelowMinimumDeposit { amount: u128, minimum: u128 },
    /// The policy itself is not acceptable.
    Policy(PolicyError),
    /// The deposit does not even cover the one-off costs (proxy storage, delivery reserves).
    InsufficientForCosts { amount: u128, costs: u128 },
    /// Every leg was folded away (each below its minimum or at its ceiling).
    NothingLeftToStake { smallest_workable_deposit: Option<u128> },
    /// After folding, a remaining leg would exceed its per-deposit share cap.
    ShareCapExceeded { target: AccountId, bps: u16, cap_bps: u16 },
    /// The plan needs more gas than one transaction may carry.
    GasAboveProtocolLimit { needed: u64, limit: u64 },
    /// Every leg is excluded by the profile's guards (concentration or depeg).
    AllTargetsGuarded,
}

impl From<PolicyError> for PlanError {
    fn from(e: PolicyError) -> Self {
        PlanError::Policy(e)
    }
}

impl core::fmt::Display for PlanError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            PlanError::ZeroDeposit => write!(f, "attach some NEAR to deposit"),
            PlanError::BelowMinimumDeposit { amount, minimum } => write!(
                f,
                "the deposit of {} NEAR is below the minimum of {} NEAR",
                format_near(*amount),
                format_near(*minimum)
            ),
            PlanError::Policy(e) => write!(f, "{e}"),
            PlanError::InsufficientForCosts { amount, costs } => write!(
                f,
                "the deposit of {} NEAR does not cover the one-off costs of {} NEAR",
                format_near(*amount),
                format_near(*costs)
            ),
            PlanError::NothingLeftToStake { smallest_workable_deposit: Some(min) } => write!(
                f,
                "every leg is below its minimum size or at its ceiling; deposit at least {} NEAR",
                format_near_at_least(*min)
            ),
            PlanError::NothingLeftToStake { smallest_workable_deposit: None } => {
                write!(f, "every target of this split is at its ceiling; choose another split")
            }
            PlanError::ShareCapExceeded { target, bps, cap_bps } => write!(
                f,
                "after folding small legs, {target} would get {bps} bps but takes at most {cap_bps} bps of one deposit"
            ),
            PlanError::AllTargetsGuarded => write!(
                f,
                "every target of this split is excluded by the profile's guards (validator concentration or a liquid token's depeg); choose another split"
            ),
            PlanError::GasAboveProtocolLimit { needed, limit } => write!(
                f,
                "this split needs {needed} gas but a transaction may carry at most {limit}; use fewer legs"
            ),
        }
    }
}
