//! `add_proposal`, `act_proposal` and `on_proposal_callback`: Sputnik's order of checks,
//! statuses, bond handling and promises for the supported kinds. Each check panics the way
//! Sputnik's does (`assert!`/`expect` with the location, or `env::panic_str` without), so the
//! messages read the same.

use near_sdk::{env, log, near, AccountId, Gas, NearToken, Promise, PromiseOrValue};

use crate::types::{Action, KindInput, Proposal, ProposalInput, ProposalKind, ProposalLog, ProposalStatus};
use crate::*;

/// Adds an entry for the current block to `proposal`'s action log, dropping the oldest beyond
/// [`ACTION_LOG_SIZE`].
fn log_action(proposal: &mut Proposal) {
    if proposal.last_actions_log.len() >= ACTION_LOG_SIZE {
        proposal.last_actions_log.pop_front();
    }
    proposal.last_actions_log.push_back(ProposalLog { block_height: env::block_height().into() });
}

#[near]
impl MockDao {
    /// Adds a proposal; returns its id. Attach exactly the policy's `proposal_bond` (else
    /// "ERR_MIN_BOND", as Sputnik since 2022 asserts equality); it is held until the proposal
    /// is approved and executed, rejected or expired. Kinds other than `FunctionCall` and
    /// `Vote` panic with "ERR_UNSUPPORTED_KIND"; a caller without an `AddProposal` permission
    /// for the kind gets "ERR_PERMISSION_DENIED" (the default policy lets everyone add).
    #[payable]
    pub fn add_proposal(&mut self, proposal: ProposalInput) -> u64 {
        assert_eq!(env::attached_deposit(), self.policy.proposal_bond, "{}", ERR_MIN_BOND);
        let kind = match proposal.kind {
            KindInput::Supported(kind) => kind,
            KindInput::Unsupported(_) => env::panic_str(ERR_UNSUPPORTED_KIND),
        };
        let proposer = env::predecessor_account_id();
        let (_, allowed) = self.policy.can_execute_action(&proposer, kind.to_policy_label(), Action::AddProposal);
        assert!(allowed, "{}", ERR_PERMISSION_DENIED);

        let id = self.last_proposal_id;
        let mut stored = Proposal {
            proposer,
            description: proposal.description,
            kind,
            status: ProposalStatus::InProgress,
            vote_counts: Default::default(),
            votes: Default::default(),
            submission_time: env::block_timestamp().into(),
            last_actions_log: Default::default(),
        };
        log_action(&mut stored);
        self.proposals.insert(id, stored);
        self.last_proposal_id += 1;
        self.locked_amount = self.locked_amount.saturating_add(env::attached_deposit());
        id
    }

    /// Acts on proposal `id`, whose kind must be `proposal` ("ERR_WRONG_KIND" otherwise):
    /// a vote (`VoteApprove`, `VoteReject`, `VoteRemove`) while it is in progress, or
    /// `Finalize` (expire it past its period, or execute a failed one again). When the votes
    /// approve it, it is executed in this call: a `FunctionCall` proposal becomes one promise
    /// to its receiver with `on_proposal_callback` after it. `memo` is logged.
    #[deny_unknown_arguments]
    pub fn act_proposal(&mut self, id: u64, action: Action, proposal: KindInput, memo: Option<String>) {
        let mut stored = self.proposals.get(&id).cloned().expect(ERR_NO_PROPOSAL);
        log_action(&mut stored);
        let caller = env::predecessor_account_id();
        let label = stored.kind.to_policy_label();
        let (roles, allowed) = self.policy.can_execute_action(&caller, label, action);
        assert!(allowed, "{}", ERR_PERMISSION_DENIED);
        assert!(matches!(&proposal, KindInput::Supported(kind) if *kind == stored.kind), "{}", ERR_WRONG_KIND);

        let update = match action {
            Action::AddProposal => env::panic_str(ERR_WRONG_ACTION),
            Action::RemoveProposal => {
                self.proposals.remove(&id);
                false
            }
            Action::VoteApprove | Action::VoteReject | Action::VoteRemove => {
                self.vote(id, &mut stored, &caller, action, &roles);
                // A removed proposal is deleted; every other outcome is stored.
                stored.status != ProposalStatus::Removed
            }
            Action::Finalize => {
                let all: Vec<String> = self.policy.roles.iter().map(|r| r.name.clone()).collect();
                stored.status = self.policy.proposal_status(&stored, &all, env::block_timestamp());
                match stored.status {
                    ProposalStatus::Approved => self.internal_execute_proposal(&stored, id),
                    ProposalStatus::Expired => self.internal_return_bond(&stored).detach(),
                    _ => env::panic_str(ERR_PROPOSAL_NOT_EXPIRED_OR_FAILED),
                }
                true
            }
            Action::MoveToHub => false,
        };
        if update {
            self.proposals.insert(id, stored);
        }
        if let Some(memo) = memo {
            log!("Memo: {}", memo);
        }
    }

    /// After a proposal's promise: Approved and the bond back to the proposer when it
    /// succeeded, Failed (bond kept; `Finalize` executes it again) when it failed.
    #[private]
    pub fn on_proposal_callback(&mut self, proposal_id: u64) -> PromiseOrValue<()> {
        let mut proposal = self.proposals.get(&proposal_id).cloned().expect(ERR_NO_PROPOSAL);
        assert_eq!(env::promise_results_count(), 1, "{}", ERR_UNEXPECTED_CALLBACK_PROMISES);
        let result = if near_sdk::utils::is_promise_success() {
            proposal.status = ProposalStatus::Approved;
            PromiseOrValue::Promise(self.internal_return_bond(&proposal))
        } else {
            proposal.status = ProposalStatus::Failed;
            PromiseOrValue::Value(())
        };
        self.proposals.insert(proposal_id, proposal);
        result
    }
}

impl MockDao {
    /// Records `caller`'s vote in each of its `roles` and applies the new status: executes an
    /// approved proposal, returns the bond of a rejected one, deletes a removed one.
    fn vote(&mut self, id: u64, proposal: &mut Proposal, caller: &AccountId, action: Action, roles: &[String]) {
        assert!(proposal.status == ProposalStatus::InProgress, "{}", ERR_PROPOSAL_NOT_READY_FOR_VOTE);
        let vote = action.vote().expect("a vote action");
        let label = proposal.kind.to_policy_label();
        for role in roles {
            let weight = self.policy.vote_weight(role, label);
            let counts = proposal.vote_counts.entry(role.clone()).or_insert([0.into(); 3]);
            counts[vote.index()].0 += weight;
        }
        assert!(proposal.votes.insert(caller.clone(), vote).is_none(), "{}", ERR_ALREADY_VOTED);
        proposal.status = self.policy.proposal_status(proposal, roles, env::block_timestamp());
        match proposal.status {
            ProposalStatus::Approved => self.internal_execute_proposal(proposal, id),
            ProposalStatus::Rejected => self.internal_return_bond(proposal).detach(),
            ProposalStatus::Removed => {
                self.proposals.remove(&id);
            }
            _ => {}
        }
    }

    /// Executes an approved proposal. `FunctionCall`: one promise to the receiver with one
    /// function-call action per action (its deposit, its gas, weight 0), then
    /// `on_proposal_callback(id)` with [`GAS_FOR_PROPOSAL_CALLBACK`] (weight 1). `Vote`:
    /// nothing to do; the bond goes back at once.
    fn internal_execute_proposal(&mut self, proposal: &Proposal, id: u64) {
        match &proposal.kind {
            ProposalKind::FunctionCall { receiver_id, actions } => {
                let mut promise = Promise::new(receiver_id.clone());
                for a in actions {
                    promise = promise.function_call(
                        a.method_name.clone(),
                        a.args.0.clone(),
                        NearToken::from_yoctonear(a.deposit.0),
                        Gas::from_gas(a.gas.0),
                    );
                }
                let callback = Self::ext(env::current_account_id())
                    .with_static_gas(GAS_FOR_PROPOSAL_CALLBACK)
                    .on_proposal_callback(id);
                promise.then(callback).detach();
            }
            ProposalKind::Vote => self.internal_return_bond(proposal).detach(),
        }
    }

    /// Releases the policy's bond and sends it to the proposer.
    fn internal_return_bond(&mut self, proposal: &Proposal) -> Promise {
        let bond = self.policy.proposal_bond;
        self.locked_amount = self.locked_amount.saturating_sub(bond);
        Promise::new(proposal.proposer.clone()).transfer(bond)
    }
}
