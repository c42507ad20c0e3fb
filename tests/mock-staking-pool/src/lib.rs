//! Mock of the NEAR core-contracts `staking-pool`, for Stake Router tests.
//!
//! It stakes like the real pool: `new` stakes the account's own balance (less the share price
//! guarantee fund) with the given validator key, every stake and unstake ends with the real
//! `internal_restake` (a `Stake` action of the pool's account for `total_staked_balance`, then
//! an `on_stake_action` callback with the real 20 TGas), and `internal_ping` pays the epoch's
//! growth of the account's balance (liquid + locked) to the stakers, less the owner's fee in
//! shares. Share accounting, rounding, unstaking delay and messages are the real ones.
//!
//! What the mock adds: a fail switch (`set_fail`) and a loss model (`set_balance_delta`, the
//! share price may then fall, which the real pool never allows). See `tests/MOCKS.md` for the
//! full list of differences from the real contract.
//!
//! Files: `lib.rs` (state and init), `delegator.rs` (delegator calls), `internal.rs`
//! (accounting), `staking.rs` (ping, restake and the `on_stake_action` callback), `owner.rs`
//! (the real owner methods), `views.rs` (view methods), `switches.rs` (the mock's test
//! switches); 256-bit `a * b / d` from `router_core::wide`.

use near_sdk::store::IterableMap;
use near_sdk::{env, near, require, AccountId, BorshStorageKey, EpochHeight, Gas, PanicOnDefault, PublicKey};

mod delegator;
mod internal;
mod owner;
mod staking;
mod switches;
mod views;

#[cfg(test)]
mod tests;

pub use views::{HumanReadableAccount, RewardFeeFraction};

/// Number of epochs after an unstake before the unstaked balance can be withdrawn
/// (the real pool's `NUM_EPOCHS_TO_UNLOCK`).
pub const NUM_EPOCHS_TO_UNLOCK: EpochHeight = 4;

/// Static gas of the `on_stake_action` callback of every restake: the real pool's
/// `ON_STAKE_ACTION_GAS` (core-contracts `staking-pool/src/lib.rs`), 20 TGas.
pub const ON_STAKE_ACTION_GAS: Gas = Gas::from_gas(20_000_000_000_000);

/// Static gas of the owner's `vote` call: the real pool's `VOTE_GAS`, 100 TGas.
pub const VOTE_GAS: Gas = Gas::from_gas(100_000_000_000_000);

/// yoctoNEAR of the account balance that `new` keeps out of the stake, to pay the rounding of
/// share conversions (the real pool's `STAKE_SHARE_PRICE_GUARANTEE_FUND`).
pub const STAKE_SHARE_PRICE_GUARANTEE_FUND: u128 = 1_000_000_000_000;

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

/// Contract state of the mock staking pool: the real pool's fields, then the mock's.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockStakingPool {
    /// Account allowed to use the owner methods and test switches.
    pub(crate) owner_id: AccountId,
    /// Validator key of every `Stake` action.
    pub(crate) stake_public_key: PublicKey,
    /// Epoch of the last `internal_ping` that ran.
    pub(crate) last_epoch_height: EpochHeight,
    /// Liquid plus locked balance of the account at the last ping, kept up to date with
    /// deposits and withdrawals; the growth beyond it at the next epoch is the reward.
    pub(crate) last_total_balance: u128,
    /// Total number of "stake" shares, the pool's own initial shares included.
    pub(crate) total_stake_shares: u128,
    /// Total staked balance, the amount every restake stakes.
    pub(crate) total_staked_balance: u128,
    /// Share of each reward paid to the owner, in stake shares.
    pub(crate) reward_fee_fraction: RewardFeeFraction,
    /// Delegator accounts with a positive balance; emptied accounts are removed.
    pub(crate) accounts: IterableMap<AccountId, Account>,
    /// Whether the owner paused staking (the pool then stakes 0 and does not restake).
    pub(crate) paused: bool,
    /// Test switch: when `true` every delegator call panics with [`ERR_MOCK_FAILING`].
    pub(crate) fail: bool,
    /// Mock only: yoctoNEAR removed from `total_staked_balance` by `set_balance_delta` (a
    /// loss). That NEAR stays in the contract's balance but no share owns it any more.
    pub(crate) unowned: u128,
}

#[near]
impl MockStakingPool {
    /// Initializes the pool, as the real `new`: checks the fee, then stakes the account's whole
    /// balance less [`STAKE_SHARE_PRICE_GUARANTEE_FUND`] with `stake_public_key`. Those first
    /// shares (one per yoctoNEAR) belong to no account, so the pool is never empty and the
    /// share price starts at exactly 1.
    #[init(ignore_state)]
    pub fn new(owner_id: AccountId, stake_public_key: PublicKey, reward_fee_fraction: RewardFeeFraction) -> Self {
        require!(!env::state_exists(), "Already initialized");
        reward_fee_fraction.assert_valid();
        let account_balance = env::account_balance().as_yoctonear();
        let total_staked_balance = account_balance
            .checked_sub(STAKE_SHARE_PRICE_GUARANTEE_FUND)
            .unwrap_or_else(|| env::panic_str("Mock pool: the balance must cover STAKE_SHARE_PRICE_GUARANTEE_FUND"));
        require!(
            env::account_locked_balance().is_zero(),
            "The staking pool shouldn't be staking at the initialization"
        );
        let mut this = Self {
            owner_id,
            stake_public_key,
            last_epoch_height: env::epoch_height(),
            last_total_balance: account_balance,
            total_staked_balance,
            total_stake_shares: total_staked_balance,
            reward_fee_fraction,
            accounts: IterableMap::new(StorageKey::Accounts),
            paused: false,
            fail: false,
            unowned: 0,
        };
        // Staking with the current pool to make sure the staking key is valid.
        this.internal_restake();
        this
    }
}
