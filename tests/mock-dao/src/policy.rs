//! The policy: Sputnik's `default_policy(council)` with a chosen bond, its permission check
//! (`can_execute_action`) and vote count (`proposal_status`), in Sputnik's JSON shape.

use std::collections::BTreeMap;

use near_sdk::json_types::{U128, U64};
use near_sdk::{near, AccountId, NearToken};

use crate::types::{Action, Proposal, ProposalStatus};
use crate::{BOUNTY_BOND, BOUNTY_FORGIVENESS_PERIOD_NS, PROPOSAL_PERIOD_NS};

/// Who holds a role (Sputnik's `RoleKind` without `Member(amount)`: the mock has no
/// delegated token weight).
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub enum RoleKind {
    /// Every account.
    Everyone,
    /// These accounts (a set; JSON is an array).
    Group(Vec<AccountId>),
}

impl RoleKind {
    /// Whether `account` holds the role.
    pub fn matches(&self, account: &AccountId) -> bool {
        match self {
            RoleKind::Everyone => true,
            RoleKind::Group(members) => members.contains(account),
        }
    }
}

/// How votes are weighed (Sputnik's `WeightKind`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub enum WeightKind {
    /// By delegated tokens (none in the mock: a token-weighted vote counts 0).
    TokenWeight,
    /// One vote per member of the role.
    RoleWeight,
}

/// A vote threshold: an absolute weight or a ratio of the role's total (Sputnik's
/// `WeightOrRatio`; JSON is `"5"` or `[1, 2]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
#[serde(untagged)]
pub enum WeightOrRatio {
    /// This weight, capped at the total.
    Weight(U128),
    /// `numerator / denominator` of the total, plus one, capped at the total.
    Ratio(u64, u64),
}

impl WeightOrRatio {
    /// The weight needed out of `total` (Sputnik's `to_weight`: a ratio of 1/2 of a council of
    /// 1 is 1, of 2 is 2, of 3 is 2, of 4 is 3).
    pub fn to_weight(&self, total: u128) -> u128 {
        match self {
            WeightOrRatio::Weight(w) => w.0.min(total),
            WeightOrRatio::Ratio(n, d) => (u128::from(*n) * total / u128::from((*d).max(1)) + 1).min(total),
        }
    }
}

/// How a role decides (Sputnik's `VotePolicy`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub struct VotePolicy {
    /// How votes are weighed.
    pub weight_kind: WeightKind,
    /// The least weight that decides, whatever the threshold.
    pub quorum: U128,
    /// The weight that decides.
    pub threshold: WeightOrRatio,
}

impl Default for VotePolicy {
    /// Sputnik's default: by role, no quorum, half plus one.
    fn default() -> Self {
        VotePolicy { weight_kind: WeightKind::RoleWeight, quorum: U128(0), threshold: WeightOrRatio::Ratio(1, 2) }
    }
}

/// A role: who, what they may do (`"<kind label>:<action>"`, `*` for any), how they vote.
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub struct RolePermission {
    /// The role's name.
    pub name: String,
    /// Who holds it.
    pub kind: RoleKind,
    /// What it may do (a set; JSON is an array).
    pub permissions: Vec<String>,
    /// Vote policies per proposal kind label (none in the default policy).
    pub vote_policy: BTreeMap<String, VotePolicy>,
}

/// The DAO's policy (Sputnik's `Policy`, as `get_policy` returns it).
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub struct Policy {
    /// The roles.
    pub roles: Vec<RolePermission>,
    /// The vote policy of kinds a role names none for.
    pub default_vote_policy: VotePolicy,
    /// What `add_proposal` must attach, returned when the proposal is approved and executed,
    /// rejected or expired.
    pub proposal_bond: NearToken,
    /// How long a proposal is open, in ns.
    pub proposal_period: U64,
    /// Bounty bond (bounties are not mocked).
    pub bounty_bond: NearToken,
    /// Bounty forgiveness period in ns (bounties are not mocked).
    pub bounty_forgiveness_period: U64,
}

/// Sputnik's permissions of the council in its default policy.
const COUNCIL_PERMISSIONS: [&str; 5] = ["*:AddProposal", "*:VoteApprove", "*:VoteReject", "*:VoteRemove", "*:Finalize"];

impl Policy {
    /// Sputnik's `default_policy(council)` with `proposal_bond` as the bond: role "all"
    /// (everyone may add proposals) and role "council" (these accounts may add, vote and
    /// finalize), the default vote policy, 7-day proposals.
    pub fn default_for(council: Vec<AccountId>, proposal_bond: NearToken) -> Self {
        let mut members = council;
        members.sort();
        members.dedup();
        let role = |name: &str, kind, permissions: &[&str]| RolePermission {
            name: name.to_string(),
            kind,
            permissions: permissions.iter().map(|p| p.to_string()).collect(),
            vote_policy: BTreeMap::new(),
        };
        Policy {
            roles: vec![
                role("all", RoleKind::Everyone, &["*:AddProposal"]),
                role("council", RoleKind::Group(members), &COUNCIL_PERMISSIONS),
            ],
            default_vote_policy: VotePolicy::default(),
            proposal_bond,
            proposal_period: U64(PROPOSAL_PERIOD_NS),
            bounty_bond: BOUNTY_BOND,
            bounty_forgiveness_period: U64(BOUNTY_FORGIVENESS_PERIOD_NS),
        }
    }

    /// The roles of `account` that allow `action` on a proposal of kind `label`, and whether
    /// any does (Sputnik's `can_execute_action`).
    pub fn can_execute_action(&self, account: &AccountId, label: &str, action: Action) -> (Vec<String>, bool) {
        let action = action.to_policy_label();
        let wanted = [format!("{label}:{action}"), format!("{label}:*"), format!("*:{action}"), "*:*".to_string()];
        let roles: Vec<String> = self
            .roles
            .iter()
            .filter(|r| r.kind.matches(account))
            .filter(|r| r.permissions.iter().any(|p| wanted.contains(p)))
            .map(|r| r.name.clone())
            .collect();
        let allowed = !roles.is_empty();
        (roles, allowed)
    }

    /// The role named `name`.
    pub fn role(&self, name: &str) -> Option<&RolePermission> {
        self.roles.iter().find(|r| r.name == name)
    }

    /// The vote policy of `role` for kind `label`.
    pub fn vote_policy<'a>(&'a self, role: &'a RolePermission, label: &str) -> &'a VotePolicy {
        role.vote_policy.get(label).unwrap_or(&self.default_vote_policy)
    }

    /// The weight one vote of a member of `role` adds on kind `label` (1 by role; 0 by token:
    /// the mock has no delegations).
    pub fn vote_weight(&self, role: &str, label: &str) -> u128 {
        let role = self.role(role).expect("ERR_ROLE_NOT_FOUND");
        match self.vote_policy(role, label).weight_kind {
            WeightKind::RoleWeight => 1,
            WeightKind::TokenWeight => 0,
        }
    }

    /// The status `proposal` has after its votes in `roles` at time `now` (Sputnik's
    /// `proposal_status`): Expired past its period; else Approved, Rejected or Removed when a
    /// role's votes reach its threshold; else unchanged.
    pub fn proposal_status(&self, proposal: &Proposal, roles: &[String], now: u64) -> ProposalStatus {
        assert!(
            matches!(proposal.status, ProposalStatus::InProgress | ProposalStatus::Failed),
            "{}",
            crate::ERR_PROPOSAL_NOT_IN_PROGRESS
        );
        if proposal.submission_time.0.saturating_add(self.proposal_period.0) < now {
            return ProposalStatus::Expired;
        }
        let label = proposal.kind.to_policy_label();
        for name in roles {
            let role = self.role(name).expect("ERR_MISSING_ROLE");
            let policy = self.vote_policy(role, label);
            let total = match (&role.kind, &policy.weight_kind) {
                (RoleKind::Everyone, _) => continue,
                (RoleKind::Group(members), WeightKind::RoleWeight) => members.len() as u128,
                (RoleKind::Group(_), WeightKind::TokenWeight) => 0,
            };
            let threshold = policy.quorum.0.max(policy.threshold.to_weight(total));
            let counts = proposal.vote_counts.get(name).copied().unwrap_or([U128(0); 3]);
            if counts[0].0 >= threshold {
                return ProposalStatus::Approved;
            } else if counts[1].0 >= threshold {
                return ProposalStatus::Rejected;
            } else if counts[2].0 >= threshold {
                return ProposalStatus::Removed;
            }
        }
        proposal.status.clone()
    }
}
