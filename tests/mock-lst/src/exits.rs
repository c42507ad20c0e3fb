//! The exits both shapes share: one unstaked bucket per account with one unlock epoch, the
//! method names LiNEAR and Meta Pool both have (`unstake`, `unstake_all`, `withdraw`,
//! `withdraw_all`), each following the deployment's [`Protocol`], and the staking-pool views.
//!
//! The NEAR an exit pays is in the contract's own balance: the mock stakes nothing, so what
//! `deposit_and_stake` took is still there, and a withdrawal is a plain `Transfer`.

use near_sdk::json_types::U128;
use near_sdk::{env, near, AccountId, EpochHeight};

use crate::math::near_floor;
use crate::{MockLst, MockLstExt, Protocol};

/// An account's unstaked NEAR waiting for withdrawal (LiNEAR's `Account.unstaked` and
/// `unstaked_available_epoch_height`, Meta Pool's `unstaked` and
/// `unstaked_requested_unlock_epoch`). Every unstake adds to `unstaked` and moves
/// `unlock_epoch` for the whole bucket.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExitAccount {
    /// Unstaked yoctoNEAR, withdrawable from `unlock_epoch` on.
    pub unstaked: u128,
    /// The first epoch in which `unstaked` may be withdrawn.
    pub unlock_epoch: EpochHeight,
}

/// The staking pool's account view, as LiNEAR and Meta Pool both return it from
/// `get_account`.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HumanReadableAccount {
    /// The account.
    pub account_id: AccountId,
    /// Unstaked NEAR (withdrawable once `can_withdraw`).
    pub unstaked_balance: U128,
    /// The tokens held, valued in NEAR (rounded down).
    pub staked_balance: U128,
    /// Whether the unlock epoch has been reached.
    pub can_withdraw: bool,
}

/// LiNEAR's `get_account_details` view: [`HumanReadableAccount`] plus the unlock epoch.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountDetailsView {
    /// The account.
    pub account_id: AccountId,
    /// Unstaked NEAR.
    pub unstaked_balance: U128,
    /// The tokens held, valued in NEAR (rounded down).
    pub staked_balance: U128,
    /// The first epoch in which the unstaked NEAR may be withdrawn.
    pub unstaked_available_epoch_height: EpochHeight,
    /// Whether that epoch has been reached.
    pub can_withdraw: bool,
}

#[near]
impl MockLst {
    /// Unstakes `amount` yoctoNEAR worth of tokens (the tokens are burnt) into the caller's
    /// unstaked bucket, withdrawable after [`crate::NUM_EPOCHS_TO_UNLOCK`] epochs. The rounding
    /// and messages are LiNEAR's or Meta Pool's (see `linear.rs`, `meta_pool.rs`).
    pub fn unstake(&mut self, amount: U128) {
        match self.protocol {
            Protocol::Linear => self.linear_unstake(amount.0),
            Protocol::MetaPool => self.meta_unstake(amount.0),
        }
    }

    /// Unstakes every token of the caller (LiNEAR: the tokens' value rounded down, then as
    /// `unstake`; Meta Pool: all the tokens).
    pub fn unstake_all(&mut self) {
        match self.protocol {
            Protocol::Linear => self.linear_unstake_all(),
            Protocol::MetaPool => self.meta_unstake_all(),
        }
    }

    /// Withdraws `amount` of the caller's unstaked NEAR once unlocked, by a `Transfer` to
    /// the caller. Meta Pool returns that transfer's promise; LiNEAR returns nothing.
    pub fn withdraw(&mut self, amount: U128) {
        match self.protocol {
            Protocol::Linear => self.linear_withdraw(amount.0),
            Protocol::MetaPool => self.meta_withdraw(amount.0),
        }
    }

    /// Withdraws all of the caller's unstaked NEAR once unlocked (as `withdraw`).
    pub fn withdraw_all(&mut self) {
        let unstaked = self.exit_account(&env::predecessor_account_id()).unstaked;
        self.withdraw(U128(unstaked));
    }

    /// The staking pool view of `account_id` (LiNEAR's and Meta Pool's `get_account`).
    pub fn get_account(&self, account_id: AccountId) -> HumanReadableAccount {
        let exit = self.exit_account(&account_id);
        HumanReadableAccount {
            staked_balance: U128(near_floor(self.shares_of(&account_id), self.price)),
            unstaked_balance: U128(exit.unstaked),
            can_withdraw: exit.unlock_epoch <= env::epoch_height(),
            account_id,
        }
    }

    /// Unstaked NEAR of `account_id`.
    pub fn get_account_unstaked_balance(&self, account_id: AccountId) -> U128 {
        self.get_account(account_id).unstaked_balance
    }

    /// The tokens of `account_id` valued in NEAR (rounded down).
    pub fn get_account_staked_balance(&self, account_id: AccountId) -> U128 {
        self.get_account(account_id).staked_balance
    }

    /// Staked plus unstaked NEAR of `account_id`.
    pub fn get_account_total_balance(&self, account_id: AccountId) -> U128 {
        let account = self.get_account(account_id);
        U128(account.staked_balance.0 + account.unstaked_balance.0)
    }

    /// Whether the unstaked NEAR of `account_id` may be withdrawn in this epoch.
    pub fn is_account_unstaked_balance_available(&self, account_id: AccountId) -> bool {
        self.get_account(account_id).can_withdraw
    }
}

impl MockLst {
    /// The unstaked bucket of `account_id` (empty when it never unstaked).
    pub(crate) fn exit_account(&self, account_id: &AccountId) -> ExitAccount {
        self.exits.get(account_id).cloned().unwrap_or_default()
    }

    /// Stores the unstaked bucket of `account_id`.
    pub(crate) fn save_exit_account(&mut self, account_id: &AccountId, exit: ExitAccount) {
        self.exits.insert(account_id.clone(), exit);
    }

    /// Tokens held by `account_id` (0 when unregistered).
    pub(crate) fn shares_of(&self, account_id: &AccountId) -> u128 {
        self.token.accounts.get(account_id).unwrap_or(0)
    }
}
