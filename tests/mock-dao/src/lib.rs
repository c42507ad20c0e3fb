//! Mock Sputnik DAO v2 for the Stake Router's tests.
//!
//! It follows near-daos/sputnik-dao-contract `sputnikdao2` (version 2.3.1, the newest source:
//! `act_proposal` takes the proposal's kind and refuses another one with "ERR_WRONG_KIND")
//! for what a DAO needs to route treasury NEAR through the router: proposals with a bond,
//! council votes and the one-promise execution of a `FunctionCall` proposal with its callback.
//! The code is our own (near-sdk 5); method names, arguments, JSON shapes, promises, static
//! gas, gas weights, statuses and panic messages are Sputnik's. `tests/MOCKS.md` lists every
//! difference.
//!
//! Files: `lib.rs` (state and init), `types.rs` (proposals, kinds, actions), `policy.rs` (the
//! default policy: roles, permissions, vote threshold), `proposals.rs` (`add_proposal`,
//! `act_proposal`, `on_proposal_callback`), `views.rs`.

use near_sdk::json_types::U128;
use near_sdk::store::LookupMap;
use near_sdk::{near, AccountId, BorshStorageKey, Gas, NearToken, PanicOnDefault};

mod policy;
mod proposals;
mod types;
mod views;

#[cfg(test)]
mod tests;

pub use policy::{Policy, RoleKind, RolePermission, VotePolicy, WeightKind, WeightOrRatio};
pub use types::{Action, ActionCall, KindInput, Proposal, ProposalInput, ProposalKind, ProposalLog, ProposalStatus};
pub use types::{ProposalOutput, Vote};

/// Gas of the `on_proposal_callback` a promise-executing proposal schedules: Sputnik's
/// `GAS_FOR_FT_TRANSFER` (10 TGas), static, with near-sdk 5's default weight 1 (it also gets
/// the unused gas of `act_proposal`).
pub const GAS_FOR_PROPOSAL_CALLBACK: Gas = Gas::from_tgas(10);

/// Sputnik's default `proposal_period`: 7 days in nanoseconds.
pub const PROPOSAL_PERIOD_NS: u64 = 1_000_000_000 * 60 * 60 * 24 * 7;

/// Sputnik's default `bounty_forgiveness_period`: 1 day in nanoseconds (shown, unused).
pub const BOUNTY_FORGIVENESS_PERIOD_NS: u64 = 1_000_000_000 * 60 * 60 * 24;

/// Sputnik's default `bounty_bond`: 1 NEAR (shown, unused: no bounties in the mock).
pub const BOUNTY_BOND: NearToken = NearToken::from_near(1);

/// How many entries a proposal's `last_actions_log` keeps (Sputnik's `ACTION_LOG_SIZE`).
pub const ACTION_LOG_SIZE: usize = 20;

/// The attached deposit of `add_proposal` is not exactly the bond.
pub const ERR_MIN_BOND: &str = "ERR_MIN_BOND";
/// The caller's roles do not allow this action on this kind of proposal.
pub const ERR_PERMISSION_DENIED: &str = "ERR_PERMISSION_DENIED";
/// No proposal with this id.
pub const ERR_NO_PROPOSAL: &str = "ERR_NO_PROPOSAL";
/// `act_proposal` named another kind than the stored proposal's.
pub const ERR_WRONG_KIND: &str = "ERR_WRONG_KIND";
/// `act_proposal` with `AddProposal`.
pub const ERR_WRONG_ACTION: &str = "ERR_WRONG_ACTION";
/// A vote on a proposal that is not in progress.
pub const ERR_PROPOSAL_NOT_READY_FOR_VOTE: &str = "ERR_PROPOSAL_NOT_READY_FOR_VOTE";
/// A second vote by the same account.
pub const ERR_ALREADY_VOTED: &str = "ERR_ALREADY_VOTED";
/// The status of a proposal neither in progress nor failed was recomputed.
pub const ERR_PROPOSAL_NOT_IN_PROGRESS: &str = "ERR_PROPOSAL_NOT_IN_PROGRESS";
/// `Finalize` on a proposal that is neither expired nor approvable again.
pub const ERR_PROPOSAL_NOT_EXPIRED_OR_FAILED: &str = "ERR_PROPOSAL_NOT_EXPIRED_OR_FAILED";
/// The proposal callback did not receive exactly one promise result.
pub const ERR_UNEXPECTED_CALLBACK_PROMISES: &str = "ERR_UNEXPECTED_CALLBACK_PROMISES";
/// A proposal kind Sputnik has but the mock does not (only `FunctionCall` and `Vote`).
pub const ERR_UNSUPPORTED_KIND: &str = "ERR_UNSUPPORTED_KIND";

/// Storage prefixes of the contract's collections.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// Proposals by id.
    Proposals,
}

/// Contract state of the mock DAO.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockDao {
    /// The voting and permissions policy: Sputnik's default policy for the council given to
    /// `new`, with the given bond. Fixed (no policy-changing proposal kinds in the mock).
    pub(crate) policy: Policy,
    /// yoctoNEAR of bonds held for proposals (Sputnik's `locked_amount`).
    pub(crate) locked_amount: NearToken,
    /// The id the next proposal gets (the number of proposals ever added).
    pub(crate) last_proposal_id: u64,
    /// Proposals by id (removed ones are gone).
    pub(crate) proposals: LookupMap<u64, Proposal>,
}

#[near]
impl MockDao {
    /// Initializes the DAO with Sputnik's default policy (`default_policy(council)`: a role
    /// "all" that may add proposals, a role "council" of these accounts that may add, vote and
    /// finalize; votes by role weight, threshold half the council plus one, capped at its size)
    /// and `proposal_bond` as the bond. Sputnik's `new(config, policy)` takes the whole policy
    /// and a config; the mock takes only the council and the bond.
    #[init]
    pub fn new(council: Vec<AccountId>, proposal_bond: U128) -> Self {
        Self {
            policy: Policy::default_for(council, NearToken::from_yoctonear(proposal_bond.0)),
            locked_amount: NearToken::from_yoctonear(0),
            last_proposal_id: 0,
            proposals: LookupMap::new(StorageKey::Proposals),
        }
    }
}
