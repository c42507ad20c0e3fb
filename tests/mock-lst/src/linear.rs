//! The LiNEAR shape of the exits (linear-protocol/LiNEAR `contracts/linear/src/stake.rs`,
//! `internal.rs`, `epoch_actions.rs`, `view.rs`): rounding in the protocol's favour on the
//! tokens burnt, the unlock epoch with its settlement rule, and LiNEAR's messages.

use near_contract_standards::fungible_token::events::FtBurn;
use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, EpochHeight, NearToken, Promise};

use crate::exits::AccountDetailsView;
use crate::math::{near_ceil, near_floor, shares_ceil};
use crate::{MockLst, MockLstExt, Protocol, NUM_EPOCHS_TO_UNLOCK, ONE_TOKEN};

/// LiNEAR's `CONTRACT_MIN_RESERVE_BALANCE`: a withdrawal must leave 1 NEAR in the contract.
pub const CONTRACT_MIN_RESERVE_BALANCE: u128 = ONE_TOKEN;

/// LiNEAR: "Unstaking amount should be positive".
pub const ERR_NON_POSITIVE_UNSTAKING_AMOUNT: &str = "Unstaking amount should be positive";
/// LiNEAR: "Not enough staked balance to unstake".
pub const ERR_NO_ENOUGH_STAKED_BALANCE: &str = "Not enough staked balance to unstake";
/// LiNEAR: "Withdrawal amount should be positive".
pub const ERR_NON_POSITIVE_WITHDRAWAL_AMOUNT: &str = "Withdrawal amount should be positive";
/// LiNEAR: "Not enough unstaked balance to withdraw".
pub const ERR_NO_ENOUGH_UNSTAKED_BALANCE_TO_WITHDRAW: &str = "Not enough unstaked balance to withdraw";
/// LiNEAR: "The unstaked balance is not yet available due to unstaking delay".
pub const ERR_UNSTAKED_BALANCE_NOT_AVAILABLE: &str = "The unstaked balance is not yet available due to unstaking delay";
/// LiNEAR: "No enough balance in contract to perform withdraw".
pub const ERR_NO_ENOUGH_CONTRACT_BALANCE: &str = "No enough balance in contract to perform withdraw";

#[near]
impl MockLst {
    /// LiNEAR's epoch settlement (`epoch_stake`): marks this epoch settled, so that an
    /// unstake later in the same epoch waits one epoch more, as on LiNEAR. The mock has no
    /// validators to stake on: it returns `false` ("no need to call again this epoch").
    /// Anyone may call it, as on LiNEAR; refused while paused.
    pub fn epoch_stake(&mut self) -> bool {
        self.require_protocol(Protocol::Linear, "epoch_stake");
        self.epoch_cleanup();
        false
    }

    /// LiNEAR's `epoch_unstake`: the same settlement as [`Self::epoch_stake`].
    pub fn epoch_unstake(&mut self) -> bool {
        self.require_protocol(Protocol::Linear, "epoch_unstake");
        self.epoch_cleanup();
        false
    }

    /// LiNEAR's `get_account_details`: the account view with its unlock epoch.
    pub fn get_account_details(&self, account_id: AccountId) -> AccountDetailsView {
        self.require_protocol(Protocol::Linear, "get_account_details");
        let exit = self.exit_account(&account_id);
        AccountDetailsView {
            staked_balance: U128(near_floor(self.shares_of(&account_id), self.price)),
            unstaked_balance: U128(exit.unstaked),
            unstaked_available_epoch_height: exit.unlock_epoch,
            can_withdraw: exit.unlock_epoch <= env::epoch_height(),
            account_id,
        }
    }
}

impl MockLst {
    /// LiNEAR's `epoch_cleanup` as far as the unlock rule sees it.
    fn epoch_cleanup(&mut self) {
        self.assert_not_paused();
        self.last_settlement_epoch = env::epoch_height();
    }

    /// The unlock epoch of an unstake made now: 4 epochs on, 5 when this epoch is settled.
    pub(crate) fn linear_unlock_epoch(&self) -> EpochHeight {
        let now = env::epoch_height();
        let mut unlock = now + NUM_EPOCHS_TO_UNLOCK;
        if self.last_settlement_epoch == now {
            unlock += 1;
        }
        unlock
    }

    /// LiNEAR's `internal_unstake`: burns `ceil(amount * 1e24 / price)` tokens and adds their
    /// value rounded up to the unstaked bucket (LiNEAR pays the rounding from its guarantee
    /// fund; the total staked shrinks by the value rounded down).
    pub(crate) fn linear_unstake(&mut self, amount: u128) {
        self.assert_not_paused();
        require!(amount > 0, ERR_NON_POSITIVE_UNSTAKING_AMOUNT);
        let account_id = env::predecessor_account_id();
        let num_shares = shares_ceil(amount, self.price);
        require!(self.shares_of(&account_id) >= num_shares, ERR_NO_ENOUGH_STAKED_BALANCE);
        let receive_amount = near_ceil(num_shares, self.price);

        self.token.internal_withdraw(&account_id, num_shares);
        let mut exit = self.exit_account(&account_id);
        exit.unstaked += receive_amount;
        exit.unlock_epoch = self.linear_unlock_epoch();
        self.save_exit_account(&account_id, exit.clone());
        self.total_staked = self.total_staked.saturating_sub(near_floor(num_shares, self.price));

        FtBurn { owner_id: &account_id, amount: U128(num_shares), memo: Some("unstake") }.emit();
        env::log_str(&format!(
            "@{account_id} unstaked {receive_amount} yoctoNEAR, burnt {num_shares} shares, unstaked balance {}, available at epoch {}",
            exit.unstaked, exit.unlock_epoch
        ));
    }

    /// LiNEAR's `unstake_all`: unstakes the tokens' value rounded down.
    pub(crate) fn linear_unstake_all(&mut self) {
        let shares = self.shares_of(&env::predecessor_account_id());
        self.linear_unstake(near_floor(shares, self.price));
    }

    /// LiNEAR's `internal_withdraw`: checks, in LiNEAR's order, the amount, the bucket, the
    /// unlock epoch and the contract's balance above its 1 NEAR reserve, then transfers.
    pub(crate) fn linear_withdraw(&mut self, amount: u128) {
        self.assert_not_paused();
        require!(amount > 0, ERR_NON_POSITIVE_WITHDRAWAL_AMOUNT);
        let account_id = env::predecessor_account_id();
        let mut exit = self.exit_account(&account_id);
        require!(exit.unstaked >= amount, ERR_NO_ENOUGH_UNSTAKED_BALANCE_TO_WITHDRAW);
        require!(exit.unlock_epoch <= env::epoch_height(), ERR_UNSTAKED_BALANCE_NOT_AVAILABLE);
        let available = env::account_balance().as_yoctonear();
        require!(available.saturating_sub(CONTRACT_MIN_RESERVE_BALANCE) >= amount, ERR_NO_ENOUGH_CONTRACT_BALANCE);

        exit.unstaked -= amount;
        self.save_exit_account(&account_id, exit.clone());
        env::log_str(&format!("@{account_id} withdrawing {amount} yoctoNEAR, unstaked balance {}", exit.unstaked));
        Promise::new(account_id).transfer(NearToken::from_yoctonear(amount)).detach();
    }
}
