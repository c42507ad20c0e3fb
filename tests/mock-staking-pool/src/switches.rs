//! Owner-only methods: the real pool's pause / resume, plus the mock's test switches.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require};

use crate::{MockStakingPool, MockStakingPoolExt};

#[near]
impl MockStakingPool {
    /// Test switch (owner only). While `fail` is `true`, every delegator call (`ping`,
    /// `deposit`, `deposit_and_stake`, `stake`, `stake_all`, `unstake`, `unstake_all`,
    /// `withdraw`, `withdraw_all`) panics with "Mock pool: failing on purpose"; an attached
    /// deposit is then refunded by the runtime. Views keep working.
    pub fn set_fail(&mut self, fail: bool) {
        self.assert_owner();
        self.fail = fail;
    }

    /// Test switch (owner only, payable). Simulates an epoch reward: the owner attaches
    /// exactly `amount` yoctoNEAR and the total staked balance grows by it, so the share price
    /// rises for every current staker and the pool's NEAR stays fully backed. No fee is taken.
    /// Refused while nothing is staked (the reward would belong to nobody).
    #[payable]
    pub fn add_reward(&mut self, amount: U128) {
        self.assert_owner();
        require!(
            amount.0 > 0,
            "Mock pool: the reward amount should be positive"
        );
        require!(
            env::attached_deposit().as_yoctonear() == amount.0,
            "Mock pool: the attached deposit must equal the reward amount"
        );
        require!(
            self.total_stake_shares > 0,
            "Mock pool: cannot add a reward while nothing is staked"
        );
        self.total_staked_balance += amount.0;
        env::log_str(&format!(
            "Epoch {}: Contract received total rewards of {} tokens. New total staked balance is {}. Total number of shares {}",
            env::epoch_height(),
            amount.0,
            self.total_staked_balance,
            self.total_stake_shares
        ));
    }

    /// Owner method of the real pool: pauses staking. In the mock this only flips
    /// `is_staking_paused`; deposits, stakes, unstakes and withdrawals keep working, as they
    /// do in the real pool (which would additionally unstake everything from the validator).
    pub fn pause_staking(&mut self) {
        self.assert_owner();
        require!(!self.paused, "The staking is already paused");
        self.paused = true;
    }

    /// Owner method of the real pool: resumes staking (only flips `is_staking_paused`).
    pub fn resume_staking(&mut self) {
        self.assert_owner();
        require!(self.paused, "The staking is not paused");
        self.paused = false;
    }
}
