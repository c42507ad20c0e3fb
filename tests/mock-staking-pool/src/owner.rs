//! The real pool's owner methods: staking key, reward fee, vote, pause and resume.

use near_sdk::serde_json::json;
use near_sdk::{env, near, require, AccountId, NearToken, Promise, PublicKey};

use crate::{MockStakingPool, MockStakingPoolExt, RewardFeeFraction, VOTE_GAS};

#[near]
impl MockStakingPool {
    /// Owner's method. Pings, replaces the staking public key and restakes with it.
    pub fn update_staking_key(&mut self, stake_public_key: PublicKey) {
        self.assert_owner();
        // When updating the staking key, the contract has to restake.
        let _need_to_restake = self.internal_ping();
        self.stake_public_key = stake_public_key;
        self.internal_restake();
    }

    /// Owner's method. Pings (so the rewards so far pay the old fee), then sets the fee of
    /// the next rewards; restakes when the ping saw a new epoch.
    pub fn update_reward_fee_fraction(&mut self, reward_fee_fraction: RewardFeeFraction) {
        self.assert_owner();
        reward_fee_fraction.assert_valid();

        let need_to_restake = self.internal_ping();
        self.reward_fee_fraction = reward_fee_fraction;
        if need_to_restake {
            self.internal_restake();
        }
    }

    /// Owner's method. Calls `vote({"is_vote": is_vote})` on `voting_account_id` on behalf of
    /// the pool, with no deposit and [`VOTE_GAS`] (100 TGas), and returns that promise.
    pub fn vote(&mut self, voting_account_id: AccountId, is_vote: bool) -> Promise {
        self.assert_owner();
        let args = json!({ "is_vote": is_vote }).to_string().into_bytes();
        Promise::new(voting_account_id).function_call("vote", args, NearToken::from_yoctonear(0), VOTE_GAS)
    }

    /// Owner's method. Pings, pauses, and unstakes everything: a `Stake` action of 0 with no
    /// callback. While paused no method restakes; deposits, stakes, unstakes and withdrawals
    /// keep working on the pool's books.
    pub fn pause_staking(&mut self) {
        self.assert_owner();
        require!(!self.paused, "The staking is already paused");

        self.internal_ping();
        self.paused = true;
        Promise::new(env::current_account_id())
            .stake(NearToken::from_yoctonear(0), self.stake_public_key.clone())
            .detach();
    }

    /// Owner's method. Pings, resumes and restakes `total_staked_balance`.
    pub fn resume_staking(&mut self) {
        self.assert_owner();
        require!(self.paused, "The staking is not paused");

        self.internal_ping();
        self.paused = false;
        self.internal_restake();
    }
}
