//! Proposals, their kinds and statuses, votes and actions, in Sputnik's JSON shapes.

use std::collections::{BTreeMap, VecDeque};

use near_sdk::json_types::{Base64VecU8, U128, U64};
use near_sdk::serde_json::Value;
use near_sdk::{near, AccountId};

/// Status of a proposal (Sputnik's `ProposalStatus`; the mock never sets `Moved`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub enum ProposalStatus {
    /// Open for votes.
    InProgress,
    /// Approved by the council; a promise-executing proposal stays Approved after its promise
    /// succeeded (its callback returns the bond).
    Approved,
    /// Rejected by the council; the bond went back to the proposer.
    Rejected,
    /// Removed as spam by the council: deleted from storage, bond kept.
    Removed,
    /// Its proposal period ended before a decision (set by `Finalize`, which returns the bond).
    Expired,
    /// Moved to a hub (never used by the mock, nor by Sputnik's code).
    Moved,
    /// Approved, but its promise failed: the bond is kept and `Finalize` executes it again.
    Failed,
}

/// One function call of a `FunctionCall` proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
#[serde(deny_unknown_fields)]
pub struct ActionCall {
    /// The method called on the proposal's receiver.
    pub method_name: String,
    /// Its arguments, base64 (the JSON bytes for a JSON method).
    pub args: Base64VecU8,
    /// yoctoNEAR attached, from the DAO's balance.
    pub deposit: U128,
    /// Static gas attached (weight 0: no share of unused gas).
    pub gas: U64,
}

/// The proposal kinds the mock executes (Sputnik has 17; the others panic with
/// "ERR_UNSUPPORTED_KIND" when proposed).
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
#[serde(deny_unknown_fields)]
pub enum ProposalKind {
    /// Calls `receiver_id` with every action in one promise (one receipt, one function-call
    /// action each).
    FunctionCall {
        /// The account called.
        receiver_id: AccountId,
        /// The calls, in order.
        actions: Vec<ActionCall>,
    },
    /// A signalling vote: nothing is executed.
    Vote,
}

impl ProposalKind {
    /// The label permissions and vote policies name this kind by (Sputnik's
    /// `to_policy_label`).
    pub fn to_policy_label(&self) -> &'static str {
        match self {
            ProposalKind::FunctionCall { .. } => "call",
            ProposalKind::Vote => "vote",
        }
    }
}

/// Every other kind of Sputnik, recognised by name so that proposing one fails with
/// "ERR_UNSUPPORTED_KIND" rather than a parse error; the content is not checked.
#[derive(Clone, Debug, PartialEq)]
#[near(serializers = [json])]
pub enum UnsupportedKind {
    /// `ChangeConfig { config }`.
    ChangeConfig(Value),
    /// `ChangePolicy { policy }`.
    ChangePolicy(Value),
    /// `AddMemberToRole { member_id, role }`.
    AddMemberToRole(Value),
    /// `RemoveMemberFromRole { member_id, role }`.
    RemoveMemberFromRole(Value),
    /// `UpgradeSelf { hash }`.
    UpgradeSelf(Value),
    /// `UpgradeRemote { receiver_id, method_name, hash }`.
    UpgradeRemote(Value),
    /// `Transfer { token_id, receiver_id, amount, msg }`.
    Transfer(Value),
    /// `SetStakingContract { staking_id }`.
    SetStakingContract(Value),
    /// `AddBounty { bounty }`.
    AddBounty(Value),
    /// `BountyDone { bounty_id, receiver_id }`.
    BountyDone(Value),
    /// `FactoryInfoUpdate { factory_info }`.
    FactoryInfoUpdate(Value),
    /// `ChangePolicyAddOrUpdateRole { role }`.
    ChangePolicyAddOrUpdateRole(Value),
    /// `ChangePolicyRemoveRole { role }`.
    ChangePolicyRemoveRole(Value),
    /// `ChangePolicyUpdateDefaultVotePolicy { vote_policy }`.
    ChangePolicyUpdateDefaultVotePolicy(Value),
    /// `ChangePolicyUpdateParameters { parameters }`.
    ChangePolicyUpdateParameters(Value),
}

/// A proposal kind as given in arguments: one the mock supports, or another of Sputnik's.
/// JSON is Sputnik's `ProposalKind` (`{"FunctionCall": {...}}`, `"Vote"`, ...).
#[derive(Clone, Debug, PartialEq)]
#[near(serializers = [json])]
#[serde(untagged)]
pub enum KindInput {
    /// A kind the mock stores and executes.
    Supported(ProposalKind),
    /// A kind of Sputnik's the mock refuses.
    Unsupported(UnsupportedKind),
}

/// The `proposal` argument of `add_proposal`.
#[derive(Clone, Debug, PartialEq)]
#[near(serializers = [json])]
pub struct ProposalInput {
    /// Description of the proposal.
    pub description: String,
    /// What it does.
    pub kind: KindInput,
}

/// A vote (Sputnik's `Vote`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub enum Vote {
    /// For.
    Approve,
    /// Against (the bond goes back).
    Reject,
    /// Spam (the proposal is deleted, the bond kept).
    Remove,
}

impl Vote {
    /// Its index in a role's `vote_counts` (approve, reject, remove).
    pub fn index(self) -> usize {
        match self {
            Vote::Approve => 0,
            Vote::Reject => 1,
            Vote::Remove => 2,
        }
    }
}

/// What `act_proposal` does (Sputnik's `Action`; `AddProposal` is for permissions only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[near(serializers = [json])]
pub enum Action {
    /// Adding a proposal (a permission; refused by `act_proposal`).
    AddProposal,
    /// Deleting a proposal at once (no role of the default policy may).
    RemoveProposal,
    /// Vote for.
    VoteApprove,
    /// Vote against.
    VoteReject,
    /// Vote to remove as spam.
    VoteRemove,
    /// Expire a proposal past its period, or execute a failed one again.
    Finalize,
    /// Move to a hub (no role of the default policy may).
    MoveToHub,
}

impl Action {
    /// The label permissions name this action by (its variant name).
    pub fn to_policy_label(self) -> &'static str {
        match self {
            Action::AddProposal => "AddProposal",
            Action::RemoveProposal => "RemoveProposal",
            Action::VoteApprove => "VoteApprove",
            Action::VoteReject => "VoteReject",
            Action::VoteRemove => "VoteRemove",
            Action::Finalize => "Finalize",
            Action::MoveToHub => "MoveToHub",
        }
    }

    /// The vote this action casts, if it is a vote.
    pub fn vote(self) -> Option<Vote> {
        match self {
            Action::VoteApprove => Some(Vote::Approve),
            Action::VoteReject => Some(Vote::Reject),
            Action::VoteRemove => Some(Vote::Remove),
            _ => None,
        }
    }
}

/// One entry of a proposal's action log: the block of an action on it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[near(serializers = [borsh, json])]
pub struct ProposalLog {
    /// The block height of the action.
    pub block_height: U64,
}

/// A stored proposal (Sputnik's `Proposal`).
#[derive(Clone, Debug, PartialEq)]
#[near(serializers = [borsh, json])]
pub struct Proposal {
    /// Who added it (and gets the bond back).
    pub proposer: AccountId,
    /// Its description.
    pub description: String,
    /// What it does.
    pub kind: ProposalKind,
    /// Where it stands.
    pub status: ProposalStatus,
    /// Votes per role: approve / reject / remove.
    pub vote_counts: BTreeMap<String, [U128; 3]>,
    /// Who voted how.
    pub votes: BTreeMap<AccountId, Vote>,
    /// When it was added (block timestamp, ns).
    pub submission_time: U64,
    /// The blocks of the last actions on it, oldest first (at most [`crate::ACTION_LOG_SIZE`]).
    pub last_actions_log: VecDeque<ProposalLog>,
}

/// A proposal with its id, as the views return it (Sputnik's `ProposalOutput`).
#[derive(Debug)]
#[near(serializers = [json])]
pub struct ProposalOutput {
    /// Its id.
    pub id: u64,
    /// The proposal's fields, flattened.
    #[serde(flatten)]
    pub proposal: Proposal,
}
