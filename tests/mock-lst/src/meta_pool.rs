//! The Meta Pool shape of the delayed exit (Meta-Pool/liquid-staking-contract
//! `metapool/src/lib.rs`, `internal.rs`, `account.rs`, `utils.rs`): tokens and NEAR both
//! rounded down, the 0.001 NEAR "close to everything" rule, one unlock epoch reset by every
//! unstake, `withdraw_unstaked`, and Meta Pool's messages.

use near_contract_standards::fungible_token::events::FtBurn;
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, NearToken, Promise};

use crate::math::{is_close, near_floor, shares_floor};
use crate::{MockLst, MockLstExt, Protocol, NUM_EPOCHS_TO_UNLOCK};

/// The message of Meta Pool's `internal_unstake_shares` assertion (a plain `assert!`).
pub const ERR_UNSTAKE_SHARES: &str =
    "assertion failed: stake_shares_to_burn > 0 && stake_shares_to_burn <= acc.stake_shares";

#[near]
impl MockLst {
    /// Meta Pool's `withdraw_unstaked`: withdraws the whole unstaked bucket once unlocked,
    /// returning the transfer's promise. With nothing unstaked it transfers 0, as Meta Pool.
    pub fn withdraw_unstaked(&mut self) {
        self.require_protocol(Protocol::MetaPool, "withdraw_unstaked");
        let unstaked = self.exit_account(&env::predecessor_account_id()).unstaked;
        self.meta_withdraw(unstaked);
    }
}

impl MockLst {
    /// Meta Pool's `internal_unstake`: `floor(amount * 1e24 / price)` tokens, or all of them
    /// when that is within 0.001 of the balance (`is_close`), then as `unstake_all`; emits
    /// `ft_burn`.
    pub(crate) fn meta_unstake(&mut self, amount: u128) {
        let account_id = env::predecessor_account_id();
        let owned = self.shares_of(&account_id);
        let from_requested = shares_floor(amount, self.price);
        let to_burn = if is_close(owned, from_requested) { owned } else { from_requested };
        self.meta_unstake_shares(&account_id, to_burn);
        FtBurn { owner_id: &account_id, amount: U128(to_burn), memo: None }.emit();
    }

    /// Meta Pool's `unstake_all`: every token of the caller (no `ft_burn` event, as Meta Pool).
    pub(crate) fn meta_unstake_all(&mut self) {
        let account_id = env::predecessor_account_id();
        let owned = self.shares_of(&account_id);
        self.meta_unstake_shares(&account_id, owned);
    }

    /// Meta Pool's `internal_unstake_shares`: burns `to_burn` tokens, adds their value rounded
    /// down to the bucket and sets the unlock epoch of the whole bucket to now + 4.
    fn meta_unstake_shares(&mut self, account_id: &AccountId, to_burn: u128) {
        require!(to_burn > 0 && to_burn <= self.shares_of(account_id), ERR_UNSTAKE_SHARES);
        let amount = near_floor(to_burn, self.price);
        self.token.internal_withdraw(account_id, to_burn);
        let mut exit = self.exit_account(account_id);
        exit.unstaked += amount;
        exit.unlock_epoch = env::epoch_height() + NUM_EPOCHS_TO_UNLOCK;
        self.save_exit_account(account_id, exit.clone());
        self.total_staked = self.total_staked.saturating_sub(amount);
        env::log_str(&format!(
            "@{account_id} unstaked {amount}. Has now {} unstaked and {} stNEAR. Epoch:{}",
            exit.unstaked,
            self.shares_of(account_id),
            env::epoch_height()
        ));
    }

    /// Meta Pool's `internal_withdraw_use_unstaked`: the bucket must hold `amount` and be
    /// unlocked; then a `Transfer` of `amount`, returned as the call's result.
    pub(crate) fn meta_withdraw(&mut self, amount: u128) {
        let account_id = env::predecessor_account_id();
        let mut exit = self.exit_account(&account_id);
        if amount > exit.unstaked {
            env::panic_str(&format!("Not enough unstaked balance {}", exit.unstaked));
        }
        let epoch = env::epoch_height();
        if epoch < exit.unlock_epoch {
            env::panic_str(&format!(
                "The unstaked balance is not yet available due to unstaking delay. You need to wait at least {} epochs",
                exit.unlock_epoch - epoch
            ));
        }
        exit.unstaked -= amount;
        self.save_exit_account(&account_id, exit);
        env::log_str(&format!("{amount} unstaked moved to available"));
        Promise::new(account_id).transfer(NearToken::from_yoctonear(amount)).as_return().detach();
    }
}
