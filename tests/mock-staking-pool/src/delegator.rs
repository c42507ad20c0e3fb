//! Delegator methods, with the real pool's names, arguments and `()` returns.
//!
//! Every method first honours the fail switch. None of them pings for rewards or issues a
//! `stake` action, unlike the real pool.

use near_sdk::json_types::U128;
use near_sdk::{env, near};

use crate::{MockStakingPool, MockStakingPoolExt};

#[near]
impl MockStakingPool {
    /// Real pool: distributes epoch rewards and restakes. Mock: does nothing (rewards only
    /// come from `add_reward`), but still panics while the fail switch is on.
    pub fn ping(&mut self) {
        self.assert_not_failing();
    }

    /// Adds the attached deposit to the predecessor's unstaked balance.
    /// Works while staking is paused, as in the real pool.
    #[payable]
    pub fn deposit(&mut self) {
        self.assert_not_failing();
        self.internal_deposit();
    }

    /// Deposits the attached amount and stakes it (shares rounded down; any remainder of
    /// the deposit that buys no whole share stays unstaked).
    #[payable]
    pub fn deposit_and_stake(&mut self) {
        self.assert_not_failing();
        let amount = self.internal_deposit();
        self.internal_stake(amount);
    }

    /// Withdraws the whole unstaked balance of the predecessor to the predecessor.
    pub fn withdraw_all(&mut self) {
        self.assert_not_failing();
        let account = self.internal_get_account(&env::predecessor_account_id());
        self.internal_withdraw(account.unstaked);
    }

    /// Withdraws `amount` of the predecessor's unstaked balance to the predecessor.
    /// Fails before `unstaked_available_epoch_height`.
    pub fn withdraw(&mut self, amount: U128) {
        self.assert_not_failing();
        self.internal_withdraw(amount.0);
    }

    /// Stakes the whole unstaked balance of the predecessor.
    pub fn stake_all(&mut self) {
        self.assert_not_failing();
        let account = self.internal_get_account(&env::predecessor_account_id());
        self.internal_stake(account.unstaked);
    }

    /// Stakes `amount` of the predecessor's unstaked balance.
    pub fn stake(&mut self, amount: U128) {
        self.assert_not_failing();
        self.internal_stake(amount.0);
    }

    /// Unstakes the whole staked balance (value of all shares, rounded down).
    /// Restarts the unlock timer of the whole unstaked balance.
    pub fn unstake_all(&mut self) {
        self.assert_not_failing();
        let account = self.internal_get_account(&env::predecessor_account_id());
        let amount = self.staked_amount_from_num_shares_rounded_down(account.stake_shares);
        self.inner_unstake(amount);
    }

    /// Unstakes `amount` of the predecessor's staked balance (shares burned rounded up).
    /// Restarts the unlock timer of the whole unstaked balance.
    pub fn unstake(&mut self, amount: U128) {
        self.assert_not_failing();
        self.inner_unstake(amount.0);
    }
}
