//! Sputnik's views the router's tools and the scenarios read.

use near_sdk::{env, near, NearToken};

use crate::policy::Policy;
use crate::types::ProposalOutput;
use crate::*;

#[near]
impl MockDao {
    /// The policy (roles, vote policy, `proposal_bond`, periods).
    pub fn get_policy(&self) -> Policy {
        self.policy.clone()
    }

    /// The id the next proposal gets (the number of proposals ever added).
    pub fn get_last_proposal_id(&self) -> u64 {
        self.last_proposal_id
    }

    /// Proposal `id` with its id; "ERR_NO_PROPOSAL" if there is none (never added, or removed).
    pub fn get_proposal(&self, id: u64) -> ProposalOutput {
        let proposal = self.proposals.get(&id).cloned().expect(ERR_NO_PROPOSAL);
        ProposalOutput { id, proposal }
    }

    /// Up to `limit` proposals from id `from_index`, skipping removed ones.
    pub fn get_proposals(&self, from_index: u64, limit: u64) -> Vec<ProposalOutput> {
        (from_index..self.last_proposal_id.min(from_index.saturating_add(limit)))
            .filter_map(|id| self.proposals.get(&id).map(|p| ProposalOutput { id, proposal: p.clone() }))
            .collect()
    }

    /// NEAR the DAO can spend: its balance less its storage and the bonds it holds.
    pub fn get_available_amount(&self) -> NearToken {
        let storage = env::storage_byte_cost().saturating_mul(env::storage_usage().into());
        env::account_balance().saturating_sub(storage).saturating_sub(self.locked_amount)
    }
}
