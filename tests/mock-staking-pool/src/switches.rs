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
        require!(amount.0 > 0, "Mock pool: the reward amount should be positive");
        require!(
            env::attached_deposit().as_yoctonear() == amount.0,
            "Mock pool: the attached deposit must equal the reward amount"
        );
        require!(self.total_stake_shares > 0, "Mock pool: cannot add a reward while nothing is staked");
        self.total_staked_balance += amount.0;
        env::log_str(&format!(
            "Epoch {}: Contract received total rewards of {} tokens. New total staked balance is {}. Total number of shares {}",
            env::epoch_height(),
            amount.0,
            self.total_staked_balance,
            self.total_stake_shares
        ));
    }

    /// Test switch (owner only, payable). Moves `total_staked_balance` by the signed
    /// `delta` (an `i128` in decimal, e.g. `"3"` or `"-1000"`) without changing any share:
    /// every staker's staked balance moves in proportion. Models drift of a few yoctoNEAR and
    /// a loss (slashing, an accounting bug). Unstaked balances are not touched.
    ///
    /// - `delta > 0`: the owner must attach exactly `delta` (like `add_reward`, but any
    ///   amount, 1 yocto included), so the pool stays fully backed.
    /// - `delta < 0`: nothing may be attached and no NEAR moves. The lost `|delta|` stays in
    ///   the contract's balance, owned by no share; `get_mock_unowned_balance` reports the
    ///   running total. The share price FALLS, which the real pool never allows (its price
    ///   only rises); the mock breaks that invariant on purpose. `|delta|` must be below the
    ///   total staked balance (the price stays positive).
    /// - `delta == 0` is refused, as is any change while nothing is staked.
    #[payable]
    pub fn set_balance_delta(&mut self, delta: String) {
        self.assert_owner();
        let delta: i128 =
            delta.trim().parse().unwrap_or_else(|_| env::panic_str("Mock pool: delta must be a decimal i128"));
        require!(delta != 0, "Mock pool: the delta should not be zero");
        require!(self.total_stake_shares > 0, "Mock pool: cannot move the balance while nothing is staked");
        let attached = env::attached_deposit().as_yoctonear();
        let size = delta.unsigned_abs();
        if delta > 0 {
            require!(attached == size, "Mock pool: the attached deposit must equal a positive delta");
            self.total_staked_balance += size;
        } else {
            require!(attached == 0, "Mock pool: attach nothing for a negative delta");
            require!(
                size < self.total_staked_balance,
                "Mock pool: a decrease must leave a positive total staked balance"
            );
            self.total_staked_balance -= size;
            self.unowned += size;
        }
        env::log_str(&format!(
            "Mock pool: total staked balance moved by {}. New total staked balance is {}. Total number of shares {}. Unowned {}",
            delta, self.total_staked_balance, self.total_stake_shares, self.unowned
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
