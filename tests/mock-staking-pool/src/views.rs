//! View methods, with the real pool's names and JSON shapes.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, PublicKey};
use router_core::wide::mul_div_floor;

use crate::{MockStakingPool, MockStakingPoolExt};

/// Human readable account, the JSON shape of the real pool's `get_account`.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HumanReadableAccount {
    /// The account the data is about.
    pub account_id: AccountId,
    /// Unstaked balance that can be withdrawn (once unlocked) or staked.
    pub unstaked_balance: U128,
    /// Staked balance at the current share price, rounded down.
    pub staked_balance: U128,
    /// Whether the unstaked balance can be withdrawn at the current epoch.
    pub can_withdraw: bool,
}

/// The share of each reward the owner takes, as in the real pool (`new`'s
/// `reward_fee_fraction`, `get_reward_fee_fraction`).
#[near(serializers = [json, borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RewardFeeFraction {
    /// Numerator of the fee fraction.
    pub numerator: u32,
    /// Denominator of the fee fraction.
    pub denominator: u32,
}

impl RewardFeeFraction {
    /// Panics unless the fraction is a valid fee: a positive denominator and at most 1
    /// (the real messages).
    pub fn assert_valid(&self) {
        require!(self.denominator != 0, "Denominator must be a positive number");
        require!(self.numerator <= self.denominator, "The reward fee must be less or equal to 1");
    }

    /// `value * numerator / denominator`, rounded down (256-bit intermediate, as the real
    /// pool's `U256`).
    pub fn multiply(&self, value: u128) -> u128 {
        mul_div_floor(u128::from(self.numerator), value, u128::from(self.denominator))
            .unwrap_or_else(|| env::panic_str("Mock pool: arithmetic overflow"))
    }
}

#[near]
impl MockStakingPool {
    /// Unstaked balance of `account_id`.
    pub fn get_account_unstaked_balance(&self, account_id: AccountId) -> U128 {
        self.get_account(account_id).unstaked_balance
    }

    /// Staked balance of `account_id` (value of its shares at the current price, rounded down).
    pub fn get_account_staked_balance(&self, account_id: AccountId) -> U128 {
        self.get_account(account_id).staked_balance
    }

    /// Staked plus unstaked balance of `account_id`.
    pub fn get_account_total_balance(&self, account_id: AccountId) -> U128 {
        let account = self.get_account(account_id);
        U128(account.unstaked_balance.0 + account.staked_balance.0)
    }

    /// Whether `account_id` can withdraw its unstaked balance at the current epoch.
    pub fn is_account_unstaked_balance_available(&self, account_id: AccountId) -> bool {
        self.get_account(account_id).can_withdraw
    }

    /// Total staked balance of the pool (the pool's own initial stake included).
    pub fn get_total_staked_balance(&self) -> U128 {
        U128(self.total_staked_balance)
    }

    /// Owner of the pool.
    pub fn get_owner_id(&self) -> AccountId {
        self.owner_id.clone()
    }

    /// The owner's share of each reward, as set by `new` or `update_reward_fee_fraction`.
    pub fn get_reward_fee_fraction(&self) -> RewardFeeFraction {
        self.reward_fee_fraction.clone()
    }

    /// The validator key the pool stakes with.
    pub fn get_staking_key(&self) -> PublicKey {
        self.stake_public_key.clone()
    }

    /// Whether the owner paused staking.
    pub fn is_staking_paused(&self) -> bool {
        self.paused
    }

    /// Human readable account data of `account_id` (zeros for an unknown account).
    pub fn get_account(&self, account_id: AccountId) -> HumanReadableAccount {
        let account = self.internal_get_account(&account_id);
        HumanReadableAccount {
            account_id,
            unstaked_balance: U128(account.unstaked),
            staked_balance: U128(self.staked_amount_from_num_shares_rounded_down(account.stake_shares)),
            can_withdraw: account.unstaked_available_epoch_height <= env::epoch_height(),
        }
    }

    /// Number of accounts with a positive balance on the pool.
    pub fn get_number_of_accounts(&self) -> u64 {
        u64::from(self.accounts.len())
    }

    /// Up to `limit` accounts starting at index `from_index`, in storage order.
    pub fn get_accounts(&self, from_index: u64, limit: u64) -> Vec<HumanReadableAccount> {
        let skip = usize::try_from(from_index).unwrap_or(usize::MAX);
        let take = usize::try_from(limit).unwrap_or(usize::MAX);
        let ids: Vec<AccountId> = self.accounts.keys().skip(skip).take(take).cloned().collect();
        ids.into_iter().map(|account_id| self.get_account(account_id)).collect()
    }

    /// Mock only: whether the fail switch is on.
    pub fn is_mock_failing(&self) -> bool {
        self.fail
    }

    /// Mock only: the yoctoNEAR that `set_balance_delta` decreases took away from the stakers.
    /// It is still in the contract's balance, owned by nobody.
    pub fn get_mock_unowned_balance(&self) -> U128 {
        U128(self.unowned)
    }
}
