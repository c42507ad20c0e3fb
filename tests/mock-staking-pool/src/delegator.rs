//! Delegator methods, with the real pool's names, arguments, `()` returns and order of work:
//! first `internal_ping`, then the change, then `internal_restake` (always after a stake or an
//! unstake; after anything else only when the ping saw a new epoch).
//!
//! Every method first honours the mock's fail switch.

use near_sdk::json_types::U128;
use near_sdk::{env, near};

use crate::{MockStakingPool, MockStakingPoolExt};

#[near]
impl MockStakingPool {
    /// Distributes rewards and restakes if needed (once per epoch).
    pub fn ping(&mut self) {
        self.assert_not_failing();
        if self.internal_ping() {
            self.internal_restake();
        }
    }

    /// Deposits the attached amount into the inner account of the predecessor.
    /// Works while staking is paused, as in the real pool.
    #[payable]
    pub fn deposit(&mut self) {
        self.assert_not_failing();
        let need_to_restake = self.internal_ping();

        self.internal_deposit();

        if need_to_restake {
            self.internal_restake();
        }
    }

    /// Deposits the attached amount and stakes it (shares rounded down; any remainder of
    /// the deposit that buys no whole share stays unstaked).
    #[payable]
    pub fn deposit_and_stake(&mut self) {
        self.assert_not_failing();
        self.internal_ping();

        let amount = self.internal_deposit();
        self.internal_stake(amount);

        self.internal_restake();
    }

    /// Withdraws the whole unstaked balance of the predecessor to the predecessor.
    pub fn withdraw_all(&mut self) {
        self.assert_not_failing();
        let need_to_restake = self.internal_ping();

        let account = self.internal_get_account(&env::predecessor_account_id());
        self.internal_withdraw(account.unstaked);

        if need_to_restake {
            self.internal_restake();
        }
    }

    /// Withdraws `amount` of the predecessor's unstaked balance to the predecessor.
    /// Fails before `unstaked_available_epoch_height`.
    pub fn withdraw(&mut self, amount: U128) {
        self.assert_not_failing();
        let need_to_restake = self.internal_ping();

        self.internal_withdraw(amount.0);

        if need_to_restake {
            self.internal_restake();
        }
    }

    /// Stakes the whole unstaked balance of the predecessor.
    pub fn stake_all(&mut self) {
        self.assert_not_failing();
        // Stake action always restakes
        self.internal_ping();

        let account = self.internal_get_account(&env::predecessor_account_id());
        self.internal_stake(account.unstaked);

        self.internal_restake();
    }

    /// Stakes `amount` of the predecessor's unstaked balance.
    pub fn stake(&mut self, amount: U128) {
        self.assert_not_failing();
        // Stake action always restakes
        self.internal_ping();

        self.internal_stake(amount.0);

        self.internal_restake();
    }

    /// Unstakes the whole staked balance (value of all shares, rounded down).
    /// Restarts the unlock timer of the whole unstaked balance.
    pub fn unstake_all(&mut self) {
        self.assert_not_failing();
        // Unstake action always restakes
        self.internal_ping();

        let account = self.internal_get_account(&env::predecessor_account_id());
        let amount = self.staked_amount_from_num_shares_rounded_down(account.stake_shares);
        self.inner_unstake(amount);

        self.internal_restake();
    }

    /// Unstakes `amount` of the predecessor's staked balance (shares burned rounded up).
    /// Restarts the unlock timer of the whole unstaked balance.
    pub fn unstake(&mut self, amount: U128) {
        self.assert_not_failing();
        // Unstake action always restakes
        self.internal_ping();

        self.inner_unstake(amount.0);

        self.internal_restake();
    }
}
