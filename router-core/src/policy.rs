//! Policies: how a deposit is shared between targets, in basis points.

use crate::error::PolicyError;
use crate::target::{Target, TargetStatus};
use crate::AccountId;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// The basis points a policy's legs add up to.
pub const BPS_TOTAL: u16 = 10_000;
/// The most legs a policy may have (bounds every loop over legs and the gas of one deposit).
pub const MAX_LEGS: usize = 16;

/// One destination of a policy and its share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct Leg {
    /// The target's account id (a validator pool or a liquid staking protocol).
    pub target: AccountId,
    /// Its share of the deposit in basis points (1..=10,000).
    pub bps: u16,
}

/// A split: legs whose basis points add up to exactly 10,000.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct Policy {
    /// The legs, in the order the caller gave them (the order breaks ties in the planner).
    pub legs: Vec<Leg>,
}

impl Policy {
    /// Checks the policy's shape: 1..=MAX_LEGS legs, each 1..=10,000 bps, no target twice,
    /// sum exactly 10,000.
    pub fn validate_shape(&self) -> Result<(), PolicyError> {
        if self.legs.is_empty() {
            return Err(PolicyError::Empty);
        }
        if self.legs.len() > MAX_LEGS {
            return Err(PolicyError::TooManyLegs { legs: self.legs.len(), max: MAX_LEGS });
        }
        let mut sum: u32 = 0;
        for (i, leg) in self.legs.iter().enumerate() {
            if leg.bps == 0 {
                return Err(PolicyError::ZeroShare { target: leg.target.clone() });
            }
            if self.legs[..i].iter().any(|l| l.target == leg.target) {
                return Err(PolicyError::DuplicateTarget { target: leg.target.clone() });
            }
            sum += u32::from(leg.bps);
        }
        if sum != u32::from(BPS_TOTAL) {
            return Err(PolicyError::SharesDoNotSum { sum });
        }
        Ok(())
    }

    /// Checks the shape, then that every leg names a known, active target whose per-deposit
    /// share cap admits the leg's share.
    pub fn validate_against<'a>(&self, lookup: impl Fn(&AccountId) -> Option<&'a Target>) -> Result<(), PolicyError> {
        self.validate_shape()?;
        for leg in &self.legs {
            let target =
                lookup(&leg.target).ok_or_else(|| PolicyError::UnknownTarget { target: leg.target.clone() })?;
            if target.status != TargetStatus::Active {
                return Err(PolicyError::TargetNotActive { target: leg.target.clone(), status: target.status });
            }
            if leg.bps > target.caps.max_share_bps {
                return Err(PolicyError::ShareCapExceeded {
                    target: leg.target.clone(),
                    bps: leg.bps,
                    cap_bps: target.caps.max_share_bps,
                });
            }
        }
        Ok(())
    }
}
