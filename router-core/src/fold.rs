//! Why the planner leaves a leg out: a leaf module, so the guards (which decide some of the
//! reasons) and the planner (which records them) both depend on it and not on each other.

use crate::amount::Yocto;
use crate::AccountId;
use serde::{Deserialize, Serialize};

/// Why a leg was folded away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoldReason {
    /// The leg would be smaller than the target's minimum leg size.
    BelowMinimumLeg,
    /// The target's routed ceiling does not admit the leg.
    CeilingReached,
    /// The validator's share of the network's stake is above the profile's limit.
    ConcentrationGuard,
    /// The liquid target's last observed mint price was outside its depeg band and the
    /// profile skips such targets.
    DepegGuard,
}

/// A leg the planner removed, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoldedLeg {
    /// The target of the folded leg.
    pub target: AccountId,
    /// Its share in the policy.
    pub policy_bps: u16,
    /// What it would have received when it was folded.
    pub would_have_been: Yocto,
    /// Why it was folded.
    pub reason: FoldReason,
}
