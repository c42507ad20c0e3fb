//! The real pool's staking machinery: `internal_ping` (epoch rewards and the owner's fee),
//! `internal_restake` (a `Stake` action and the `on_stake_action` callback) and that callback.

use near_sdk::{env, near, require, NearToken, Promise, PromiseError};

use crate::{MockStakingPool, MockStakingPoolExt, ON_STAKE_ACTION_GAS};

#[near]
impl MockStakingPool {
    /// Callback of every restake (the real pool's `on_stake_action`): when the `Stake` action
    /// failed (e.g. below the network's minimum stake) while the account still has a locked
    /// balance, unstakes everything with a `Stake` action of 0, so that later withdrawals are
    /// not stuck behind a stake the pool no longer accounts for.
    pub fn on_stake_action(&mut self) {
        require!(env::current_account_id() == env::predecessor_account_id(), "Can be called only as a callback");
        require!(env::promise_results_count() == 1, "Contract expected a result on the callback");
        // A `Stake` action returns no bytes; any result at all (even a long one) is a success.
        let stake_action_succeeded = !matches!(env::promise_result_checked(0, 0), Err(PromiseError::Failed));

        // If the stake action failed and the current locked amount is positive, then the contract
        // has to unstake.
        if !stake_action_succeeded && !env::account_locked_balance().is_zero() {
            Promise::new(env::current_account_id())
                .stake(NearToken::from_yoctonear(0), self.stake_public_key.clone())
                .detach();
        }
    }
}

impl MockStakingPool {
    /// Restakes the current `total_staked_balance` again (the real `internal_restake`): a
    /// `Stake` action of the pool's own account with `stake_public_key`, then `on_stake_action`
    /// on itself with no deposit, [`ON_STAKE_ACTION_GAS`] of static gas and no share of the
    /// unused gas (the real pool predates gas weights). Nothing while staking is paused.
    pub(crate) fn internal_restake(&mut self) {
        if self.paused {
            return;
        }
        // Stakes with the staking public key. If the public key is invalid the entire function
        // call will be rolled back.
        Promise::new(env::current_account_id())
            .stake(NearToken::from_yoctonear(self.total_staked_balance), self.stake_public_key.clone())
            .then(
                Self::ext(env::current_account_id())
                    .with_attached_deposit(NearToken::from_yoctonear(0))
                    .with_static_gas(ON_STAKE_ACTION_GAS)
                    .with_unused_gas_weight(0)
                    .on_stake_action(),
            )
            .detach();
    }

    /// Distributes the rewards of a new epoch (the real `internal_ping`); called before every
    /// action. Returns `true` when the epoch changed since the last ping.
    ///
    /// The reward is the growth of the account's total balance (liquid + locked, less the
    /// deposit attached to this call, which is not accounted yet) since `last_total_balance`:
    /// the chain's epoch rewards, which it pays into the locked balance, and any NEAR sent to
    /// the pool. The owner's fee (`reward_fee_fraction` of it, rounded down) buys stake shares
    /// at the price after the rest of the reward is added (rounded down; the total grows by
    /// the whole fee anyway), so the delegators' shares gain the reward less the fee.
    pub(crate) fn internal_ping(&mut self) -> bool {
        let epoch_height = env::epoch_height();
        if self.last_epoch_height == epoch_height {
            return false;
        }
        self.last_epoch_height = epoch_height;

        // New total amount (both locked and unlocked balances).
        // NOTE: We need to subtract `attached_deposit` in case `ping` called from `deposit` call
        // since the attached deposit gets included in the `account_balance`, and we have not
        // accounted it yet.
        let total_balance = env::account_locked_balance().as_yoctonear() + env::account_balance().as_yoctonear()
            - env::attached_deposit().as_yoctonear();

        require!(
            total_balance >= self.last_total_balance,
            "The new total balance should not be less than the old total balance"
        );
        let total_reward = total_balance - self.last_total_balance;
        if total_reward > 0 {
            // The validation fee that the contract owner takes.
            let owners_fee = self.reward_fee_fraction.multiply(total_reward);

            // Distributing the remaining reward to the delegators first.
            let remaining_reward = total_reward - owners_fee;
            self.total_staked_balance += remaining_reward;

            // Now buying "stake" shares for the contract owner at the new share price.
            let num_shares = self.num_shares_from_staked_amount_rounded_down(owners_fee);
            if num_shares > 0 {
                // Updating owner's inner account
                let owner_id = self.owner_id.clone();
                let mut account = self.internal_get_account(&owner_id);
                account.stake_shares += num_shares;
                self.internal_save_account(&owner_id, &account);
                // Increasing the total amount of "stake" shares.
                self.total_stake_shares += num_shares;
            }
            // Increasing the total staked balance by the owners fee, no matter whether the owner
            // received any shares or not.
            self.total_staked_balance += owners_fee;

            env::log_str(&format!(
                "Epoch {}: Contract received total rewards of {} tokens. New total staked balance is {}. Total number of shares {}",
                epoch_height, total_reward, self.total_staked_balance, self.total_stake_shares,
            ));
            if num_shares > 0 {
                env::log_str(&format!("Total rewards fee is {} stake shares.", num_shares));
            }
        }

        self.last_total_balance = total_balance;
        true
    }
}
