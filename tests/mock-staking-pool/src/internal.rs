//! Accounting of the mock pool: share conversions and the inner deposit / stake / unstake /
//! withdraw steps, following the real pool's `internal.rs` rule for rule (its
//! `internal_ping` and `internal_restake` are in `staking.rs`).

use near_sdk::{env, require, AccountId, Promise};

use crate::{Account, MockStakingPool, ERR_MOCK_FAILING, ERR_NOT_OWNER, NUM_EPOCHS_TO_UNLOCK};
use router_core::wide::{mul_div_ceil, mul_div_floor};

/// Panic message when a 256-bit conversion does not fit in a `u128` (cannot happen with
/// real NEAR amounts).
const ERR_MATH: &str = "Mock pool: arithmetic overflow";

impl MockStakingPool {
    /// Panics with [`ERR_MOCK_FAILING`] when the fail switch is on.
    pub(crate) fn assert_not_failing(&self) {
        require!(!self.fail, ERR_MOCK_FAILING);
    }

    /// Panics unless the predecessor is the owner.
    pub(crate) fn assert_owner(&self) {
        require!(env::predecessor_account_id() == self.owner_id, ERR_NOT_OWNER);
    }

    /// Returns the account of `account_id`, or an empty one.
    pub(crate) fn internal_get_account(&self, account_id: &AccountId) -> Account {
        self.accounts.get(account_id).cloned().unwrap_or_default()
    }

    /// Saves the account, or removes it when both balances are zero (as the real pool does).
    pub(crate) fn internal_save_account(&mut self, account_id: &AccountId, account: &Account) {
        if account.unstaked > 0 || account.stake_shares > 0 {
            self.accounts.insert(account_id.clone(), account.clone());
        } else {
            self.accounts.remove(account_id);
        }
    }

    /// Number of shares worth `amount` at the current price, rounded down.
    pub(crate) fn num_shares_from_staked_amount_rounded_down(&self, amount: u128) -> u128 {
        require!(self.total_staked_balance > 0, "The total staked balance can't be 0");
        mul_div_floor(self.total_stake_shares, amount, self.total_staked_balance)
            .unwrap_or_else(|| env::panic_str(ERR_MATH))
    }

    /// Number of shares worth `amount` at the current price, rounded up.
    pub(crate) fn num_shares_from_staked_amount_rounded_up(&self, amount: u128) -> u128 {
        require!(self.total_staked_balance > 0, "The total staked balance can't be 0");
        mul_div_ceil(self.total_stake_shares, amount, self.total_staked_balance)
            .unwrap_or_else(|| env::panic_str(ERR_MATH))
    }

    /// Staked amount that `num_shares` are worth at the current price, rounded down.
    pub(crate) fn staked_amount_from_num_shares_rounded_down(&self, num_shares: u128) -> u128 {
        require!(self.total_stake_shares > 0, "The total number of stake shares can't be 0");
        mul_div_floor(self.total_staked_balance, num_shares, self.total_stake_shares)
            .unwrap_or_else(|| env::panic_str(ERR_MATH))
    }

    /// Staked amount that `num_shares` are worth at the current price, rounded up.
    pub(crate) fn staked_amount_from_num_shares_rounded_up(&self, num_shares: u128) -> u128 {
        require!(self.total_stake_shares > 0, "The total number of stake shares can't be 0");
        mul_div_ceil(self.total_staked_balance, num_shares, self.total_stake_shares)
            .unwrap_or_else(|| env::panic_str(ERR_MATH))
    }

    /// Credits the attached deposit to the predecessor's unstaked balance; returns the amount.
    pub(crate) fn internal_deposit(&mut self) -> u128 {
        let account_id = env::predecessor_account_id();
        let mut account = self.internal_get_account(&account_id);
        let amount = env::attached_deposit().as_yoctonear();
        account.unstaked += amount;
        self.internal_save_account(&account_id, &account);
        self.last_total_balance += amount;
        env::log_str(&format!("@{} deposited {}. New unstaked balance is {}", account_id, amount, account.unstaked));
        amount
    }

    /// Sends `amount` of the predecessor's unstaked balance back to the predecessor.
    pub(crate) fn internal_withdraw(&mut self, amount: u128) {
        require!(amount > 0, "Withdrawal amount should be positive");
        let account_id = env::predecessor_account_id();
        let mut account = self.internal_get_account(&account_id);
        require!(account.unstaked >= amount, "Not enough unstaked balance to withdraw");
        require!(
            account.unstaked_available_epoch_height <= env::epoch_height(),
            "The unstaked balance is not yet available due to unstaking delay"
        );
        account.unstaked -= amount;
        self.internal_save_account(&account_id, &account);
        env::log_str(&format!("@{} withdrawing {}. New unstaked balance is {}", account_id, amount, account.unstaked));
        Promise::new(account_id).transfer(near_sdk::NearToken::from_yoctonear(amount)).detach();
        self.last_total_balance -= amount;
    }

    /// Stakes `amount` of the predecessor's unstaked balance.
    ///
    /// Shares are rounded down; the account is charged the rounded-down value of those
    /// shares (any remainder stays unstaked), while the pool total grows by their
    /// rounded-up value so that the share price never decreases (the difference, at most
    /// 1 yoctoNEAR, is paid from the guarantee fund the pool kept out of its stake).
    pub(crate) fn internal_stake(&mut self, amount: u128) {
        require!(amount > 0, "Staking amount should be positive");
        let account_id = env::predecessor_account_id();
        let mut account = self.internal_get_account(&account_id);

        let num_shares = self.num_shares_from_staked_amount_rounded_down(amount);
        require!(num_shares > 0, "The calculated number of \"stake\" shares received for staking should be positive");
        let charge_amount = self.staked_amount_from_num_shares_rounded_down(num_shares);
        require!(
            charge_amount > 0,
            "Invariant violation. Calculated staked amount must be positive, because \"stake\" share price should be at least 1"
        );
        require!(account.unstaked >= charge_amount, "Not enough unstaked balance to stake");
        account.unstaked -= charge_amount;
        account.stake_shares += num_shares;
        self.internal_save_account(&account_id, &account);

        let stake_amount = self.staked_amount_from_num_shares_rounded_up(num_shares);
        self.total_staked_balance += stake_amount;
        self.total_stake_shares += num_shares;

        env::log_str(&format!(
            "@{} staking {}. Received {} new staking shares. Total {} unstaked balance and {} staking shares",
            account_id, charge_amount, num_shares, account.unstaked, account.stake_shares
        ));
        self.log_totals();
    }

    /// Unstakes `amount` of the predecessor's staked balance.
    ///
    /// Shares burned are rounded up; the account receives their rounded-up value while the
    /// pool total shrinks by their rounded-down value. Every unstake restarts the unlock
    /// timer of the whole unstaked balance at `epoch_height + NUM_EPOCHS_TO_UNLOCK`.
    pub(crate) fn inner_unstake(&mut self, amount: u128) {
        require!(amount > 0, "Unstaking amount should be positive");
        let account_id = env::predecessor_account_id();
        let mut account = self.internal_get_account(&account_id);
        require!(self.total_staked_balance > 0, "The contract doesn't have staked balance");

        let num_shares = self.num_shares_from_staked_amount_rounded_up(amount);
        require!(
            num_shares > 0,
            "Invariant violation. The calculated number of \"stake\" shares for unstaking should be positive"
        );
        require!(account.stake_shares >= num_shares, "Not enough staked balance to unstake");
        let receive_amount = self.staked_amount_from_num_shares_rounded_up(num_shares);
        require!(
            receive_amount > 0,
            "Invariant violation. Calculated staked amount must be positive, because \"stake\" share price should be at least 1"
        );

        account.stake_shares -= num_shares;
        account.unstaked += receive_amount;
        account.unstaked_available_epoch_height = env::epoch_height() + NUM_EPOCHS_TO_UNLOCK;
        self.internal_save_account(&account_id, &account);

        let unstake_amount = self.staked_amount_from_num_shares_rounded_down(num_shares);
        self.total_staked_balance -= unstake_amount;
        self.total_stake_shares -= num_shares;

        env::log_str(&format!(
            "@{} unstaking {}. Spent {} staking shares. Total {} unstaked balance and {} staking shares",
            account_id, receive_amount, num_shares, account.unstaked, account.stake_shares
        ));
        self.log_totals();
    }

    /// Logs the pool totals, in the real pool's wording.
    pub(crate) fn log_totals(&self) {
        env::log_str(&format!(
            "Contract total staked balance is {}. Total number of shares {}",
            self.total_staked_balance, self.total_stake_shares
        ));
    }
}
