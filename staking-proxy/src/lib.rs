//! # staking-proxy
//!
//! The per-owner staking proxy of Stake Router. Each owner (a person or a DAO) gets one small
//! account `<label>.<router>`, created by the router in the same transaction as the owner's
//! first direct deposit (CreateAccount, Transfer for storage, UseGlobalContract, `new`,
//! `stake`). The proxy is the delegator in each validator pool, so stake stays direct: the
//! router only ever *adds* stake through [`StakingProxy::stake`], and only the owner controls
//! it afterwards: [`StakingProxy::unstake`] and [`StakingProxy::withdraw`] (owner only,
//! 1 yoctoNEAR) take it out of a pool, and the NEAR only ever goes to the owner;
//! [`StakingProxy::move_stake`] (owner only) moves it to another pool of the owner's choice,
//! which anyone may complete after the unlock with [`StakingProxy::finish_move`].
//!
//! The code is an immutable global contract: a proxy never gains methods later, so these exits
//! must always work. They therefore never depend on a lock or on the proxy's own records being
//! right: any pool may be named (the pool is the source of truth), and records are bookkeeping
//! for the owner's views and for the timer-reset warning.
//!
//! Files: `lib.rs` (state and init), `records.rs` (versioned per-pool records), `stake.rs` (the
//! router's `stake` and the pool callback), `refunds.rs` (refunds of refused legs and NEAR
//! owed), `exits.rs` (what the exits share: gas, owner check), `unstake.rs`, `withdraw.rs`,
//! `moves.rs` and `finish_move.rs` (moving stake between pools), `views.rs`, `events.rs`,
//! `errors.rs`; unit tests in `tests/`.

use std::collections::BTreeMap;

use near_sdk::store::LookupMap;
use near_sdk::{env, near, require, AccountId, BorshStorageKey, PanicOnDefault};

pub mod errors;
pub mod events;
pub mod exits;
pub mod finish_move;
pub mod moves;
pub mod records;
pub mod refunds;
pub mod stake;
pub mod unstake;
pub mod views;
pub mod withdraw;

#[cfg(test)]
mod tests;

use errors::{ERR_INIT_NOT_ROUTER, ERR_NOT_SUB_ACCOUNT};
use events::ProxyEvent;
pub use records::{PendingMove, PoolRecord, PoolRecordV1, VersionedPoolRecord};
pub use stake::PoolLeg;
pub use views::PoolPosition;

/// The layout version of the stored state written by this code.
///
/// 2: pool records may be [`VersionedPoolRecord::V2`] (unstake bookkeeping) or
/// [`VersionedPoolRecord::V3`] (a pending move). The top-level fields are those of layout 1,
/// so this code also reads a layout-1 state (its `V1` records are converted when read).
pub const STATE_VERSION: u8 = 2;

/// Storage prefixes of the proxy's collections (one byte each).
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// `owed_refunds`.
    OwedRefunds,
}

/// The proxy's state.
///
/// Versioning: `state_version` is the *first* borsh field, so a later code version can read
/// byte 0 of the stored `STATE` value, pick the matching layout and migrate before it
/// deserialises the rest; pool records carry their own version tag as well.
///
/// Accounting invariants (checked after every step of the simulation in `tests/scenarios`):
/// - for each pool, what the pool reports for the proxy (staked + unstaked) is at least the
///   record's `principal + unstaked_pending` less 1 yoctoNEAR of share rounding per operation
///   (rewards only add);
/// - `owed_total == sum(owed_refunds)`, and the proxy's balance less its storage covers
///   `owed_total` plus the idle NEAR of pending moves once every pool transfer has arrived;
/// - NEAR leaves the proxy only to a depositor (a refused leg), to the owner, or into a pool.
///
/// Size: the pool records live inline in the state value (a map bounded by
/// [`router_core::MAX_PROXY_POOLS`]) rather than in a trie collection: each trie entry costs
/// 40 bytes of overhead plus its key, and the proxy's storage for all its pools is prepaid
/// by the router ([`router_core::costs::PROXY_STORAGE_BYTES`]). Only the refunds owed to
/// depositors, which are rare and not bounded by the pool count, use a trie map.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct StakingProxy {
    /// Layout version of this state ([`STATE_VERSION`] when written by this code).
    pub(crate) state_version: u8,
    /// The person or DAO whose stake this proxy holds.
    pub(crate) owner_id: AccountId,
    /// The router that created the proxy; the only account that may call `stake`.
    pub(crate) router_id: AccountId,
    /// Per-pool records, at most [`router_core::MAX_PROXY_POOLS`].
    pub(crate) pools: BTreeMap<AccountId, VersionedPoolRecord>,
    /// yoctoNEAR owed to depositors whose legs a pool refused, while the pool's refund had
    /// not reached the proxy yet, and to the owner for withdrawals that the pool's transfer
    /// had not covered yet when they were settled (keyed by the owner's account).
    pub(crate) owed_refunds: LookupMap<AccountId, u128>,
    /// The sum of `owed_refunds`: NEAR on the proxy that is already promised to someone.
    pub(crate) owed_total: u128,
}

#[near]
impl StakingProxy {
    /// Initialises the proxy of `owner_id`. Only `router_id` may call it, and only on one of
    /// its direct sub-accounts (`<label>.<router_id>`), so no one can dress up an account of
    /// their own as a Stake Router proxy.
    #[init]
    pub fn new(owner_id: AccountId, router_id: AccountId) -> Self {
        require!(env::predecessor_account_id() == router_id, ERR_INIT_NOT_ROUTER);
        let proxy = env::current_account_id();
        require!(is_direct_sub_account(&proxy, &router_id), ERR_NOT_SUB_ACCOUNT);
        ProxyEvent::ProxyInitialized { proxy: &proxy, owner_id: &owner_id, router_id: &router_id }.emit();
        Self {
            state_version: STATE_VERSION,
            owner_id,
            router_id,
            pools: BTreeMap::new(),
            owed_refunds: LookupMap::new(StorageKey::OwedRefunds),
            owed_total: 0,
        }
    }
}

impl StakingProxy {
    /// The current record of `pool_id` (a default, empty one if there is none).
    pub(crate) fn pool_record(&self, pool_id: &AccountId) -> PoolRecord {
        self.pools.get(pool_id).map(VersionedPoolRecord::current).unwrap_or_default()
    }

    /// Stores `record` for `pool_id` (keeping its pending move, if any), or forgets the pool
    /// when the record is empty and no move is pending.
    pub(crate) fn set_pool_record(&mut self, pool_id: &AccountId, record: PoolRecord) {
        let pending = self.pending_move(pool_id);
        self.store_pool(pool_id, record, pending);
    }

    /// The move pending out of `pool_id`, if any.
    pub(crate) fn pending_move(&self, pool_id: &AccountId) -> Option<PendingMove> {
        self.pools.get(pool_id).and_then(VersionedPoolRecord::pending_move).cloned()
    }

    /// Sets (or with `None` clears) the move pending out of `pool_id`, keeping its record.
    pub(crate) fn set_pending_move(&mut self, pool_id: &AccountId, pending: Option<PendingMove>) {
        let record = self.pool_record(pool_id);
        self.store_pool(pool_id, record, pending);
    }

    /// Writes a pool's record and pending move (V2 without a move, V3 with one), or removes
    /// the pool when both are empty.
    fn store_pool(&mut self, pool_id: &AccountId, record: PoolRecord, pending: Option<PendingMove>) {
        match pending {
            None if record.is_empty() => {
                self.pools.remove(pool_id);
            }
            None => {
                self.pools.insert(pool_id.clone(), record.into());
            }
            Some(pending) => {
                self.pools.insert(pool_id.clone(), VersionedPoolRecord::V3(record, pending));
            }
        }
    }

    /// yoctoNEAR withdrawn for moves and held for them (`PendingMove::idle`, all pools).
    pub(crate) fn idle_total(&self) -> u128 {
        self.pools
            .values()
            .filter_map(VersionedPoolRecord::pending_move)
            .fold(0u128, |sum, pending| sum.saturating_add(pending.idle))
    }

    /// yoctoNEAR sent to pools whose outcome is not settled yet (all pools). A refused leg's
    /// NEAR comes back for its depositor, so until its callback has run it is no one else's.
    pub(crate) fn in_flight_total(&self) -> u128 {
        self.pools.values().fold(0u128, |sum, record| sum.saturating_add(record.current().in_flight))
    }

    /// NEAR the proxy holds beyond every claim on it: its free balance less the NEAR held for
    /// moves, in flight to pools, and owed to anyone. Everything the owner is paid, and every
    /// NEAR a move restakes, comes out of this, so what a pool *reports* can never move NEAR
    /// that belongs to someone else.
    pub(crate) fn unclaimed(&self) -> u128 {
        let held = self.idle_total().saturating_add(self.in_flight_total());
        router_core::payout::spendable(refunds::free_balance(), 0, held, self.owed_total)
    }
}

/// Whether `account` is `<label>.<parent>` with a non-empty label without dots.
pub(crate) fn is_direct_sub_account(account: &AccountId, parent: &AccountId) -> bool {
    account
        .as_str()
        .strip_suffix(parent.as_str())
        .and_then(|rest| rest.strip_suffix('.'))
        .is_some_and(|label| !label.is_empty() && !label.contains('.'))
}
