//! Mock of the NEAR core-contracts `staking-pool`, for Stake Router tests.
//!
//! It keeps the real pool's delegator interface, share accounting and rounding rules,
//! unstaking delay and error messages, but it never issues a `stake` action (there is no
//! validator key), rewards only arrive through the owner's [`MockStakingPool::add_reward`], and
//! the owner can drift or cut the total staked balance with `set_balance_delta` (the share price
//! may then fall, which the real pool never allows).
//! See `tests/MOCKS.md` for the full list of differences from the real contract.
//!
//! Files: `lib.rs` (state and init), `delegator.rs` (delegator calls), `internal.rs`
//! (accounting), `views.rs` (view methods), `switches.rs` (owner-only test switches),
//! 256-bit `a * b / d` from `router_core::wide`.

use near_sdk::store::IterableMap;
use near_sdk::{near, AccountId, BorshStorageKey, EpochHeight, PanicOnDefault};

mod delegator;
mod internal;
mod switches;
mod views;

#[cfg(test)]
mod tests;

pub use views::{HumanReadableAccount, RewardFeeFraction};

/// Number of epochs after an unstake before the unstaked balance can be withdrawn
/// (the real pool's `NUM_EPOCHS_TO_UNLOCK`).
pub const NUM_EPOCHS_TO_UNLOCK: EpochHeight = 4;

/// Panic message of every delegator call while the fail switch is on.
pub const ERR_MOCK_FAILING: &str = "Mock pool: failing on purpose";

/// Panic message of owner-only methods called by another account (the real pool's message).
pub const ERR_NOT_OWNER: &str = "Can only be called by the owner";

/// Storage prefixes of the contract's collections.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// Per-delegator accounts.
    Accounts,
}

/// Inner account data of a delegator, as in the real pool.
#[near]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    /// Balance on the pool that is not staked: can be staked again or withdrawn.
    pub unstaked: u128,
    /// Number of "stake" shares held; worth `stake_shares * total_staked / total_shares`.
    pub stake_shares: u128,
    /// First epoch height at which `unstaked` may be withdrawn. Every unstake resets it to
    /// `env::epoch_height() + NUM_EPOCHS_TO_UNLOCK` for the whole unstaked bucket.
    pub unstaked_available_epoch_height: EpochHeight,
}

/// Contract state of the mock staking pool.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockStakingPool {
    /// Account allowed to use the owner methods and test switches.
    pub(crate) owner_id: AccountId,
    /// Total staked balance of all delegators (grows with `add_reward`).
    pub(crate) total_staked_balance: u128,
    /// Total number of "stake" shares of all delegators.
    pub(crate) total_stake_shares: u128,
    /// Delegator accounts with a positive balance; emptied accounts are removed.
    pub(crate) accounts: IterableMap<AccountId, Account>,
    /// Whether the owner paused staking (only reported by `is_staking_paused`).
    pub(crate) paused: bool,
    /// Test switch: when `true` every delegator call panics with [`ERR_MOCK_FAILING`].
    pub(crate) fail: bool,
    /// Mock only: yoctoNEAR removed from `total_staked_balance` by `set_balance_delta` (a
    /// loss). That NEAR stays in the contract's balance but no share owns it any more.
    pub(crate) unowned: u128,
}

#[near]
impl MockStakingPool {
    /// Initializes an empty pool owned by `owner_id`.
    ///
    /// Unlike the real pool, nothing is staked at initialization: totals start at zero and
    /// the first stake mints shares one-for-one (share price exactly 1).
    #[init]
    pub fn new(owner_id: AccountId) -> Self {
        Self {
            owner_id,
            total_staked_balance: 0,
            total_stake_shares: 0,
            accounts: IterableMap::new(StorageKey::Accounts),
            paused: false,
            fail: false,
            unowned: 0,
        }
    }
}
