//! Per-pool records: what the proxy knows about its stake in each pool, versioned so a record
//! written by one code version can be read by a later one.

use near_sdk::{near, AccountId};

/// What the proxy knew about its stake in one pool in layout version 1 (before the exits).
#[near(serializers = [borsh])]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolRecordV1 {
    /// yoctoNEAR the pool accepted through `deposit_and_stake`.
    pub principal: u128,
    /// yoctoNEAR sent to the pool by a `stake` whose callback has not run yet.
    pub in_flight: u128,
}

/// What the proxy knows about its stake in one pool (layout version 2, the current one).
///
/// Only what the proxy itself sent or asked for is tracked; rewards are read from the pool.
/// The pool stays the source of truth: `withdraw` takes the amount the pool reports, never
/// `unstaked_pending`.
#[near(serializers = [borsh])]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolRecord {
    /// yoctoNEAR of the owner's principal staked there: what the pool accepted through
    /// `deposit_and_stake`, less what the owner unstaked (saturating at 0: the pool may hold
    /// more than the principal, its rewards).
    pub principal: u128,
    /// yoctoNEAR sent to the pool by a `stake` whose callback has not run yet. Counting these
    /// pools in the [`router_core::MAX_PROXY_POOLS`] limit keeps two overlapping deposits from
    /// spreading the proxy over more pools than its storage was prepaid for.
    pub in_flight: u128,
    /// yoctoNEAR unstaked by the owner and not withdrawn yet, as the proxy recorded it (an
    /// unstake of everything records the principal it held; the pool's own figure also counts
    /// rewards and rounding).
    pub unstaked_pending: u128,
    /// The epoch at which the pool releases the unstaked balance, as recorded at the last
    /// unstake (`None`: no unstake since the last withdrawal).
    pub unlock_epoch: Option<u64>,
}

impl PoolRecord {
    /// A record with nothing staked, in flight or unstaking is not kept.
    pub fn is_empty(&self) -> bool {
        self.principal == 0 && self.in_flight == 0 && self.unstaked_pending == 0 && self.unlock_epoch.is_none()
    }
}

impl From<PoolRecordV1> for PoolRecord {
    fn from(v1: PoolRecordV1) -> Self {
        PoolRecord { principal: v1.principal, in_flight: v1.in_flight, unstaked_pending: 0, unlock_epoch: None }
    }
}

/// A move of stake out of one pool (see `moves.rs`), kept with the record of the pool it
/// leaves until the NEAR is staked in `to_pool`.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMove {
    /// The pool the owner chose to move the stake to.
    pub to_pool: AccountId,
    /// yoctoNEAR the pool left has paid out for the move and the proxy holds (or will hold
    /// once the pool's transfer arrives), staked nowhere: `finish_move` stakes it in
    /// `to_pool`, `cancel_move` pays it to the owner. The proxy never spends it on anything
    /// else.
    pub idle: u128,
}

/// A stored pool record, tagged with its layout version (one borsh byte) so a later code
/// version can read records written by this one.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionedPoolRecord {
    /// Layout version 1 (read and converted; never written by this code).
    V1(PoolRecordV1),
    /// Layout version 2: a record without a pending move (written by this code).
    V2(PoolRecord),
    /// Layout version 3: a record with a pending move out of the pool (written by this code
    /// only while a move is pending, so a record without one costs no extra byte).
    V3(PoolRecord, PendingMove),
}

impl VersionedPoolRecord {
    /// The record in the current layout.
    pub fn current(&self) -> PoolRecord {
        match self {
            VersionedPoolRecord::V1(record) => (*record).into(),
            VersionedPoolRecord::V2(record) | VersionedPoolRecord::V3(record, _) => *record,
        }
    }

    /// The move pending out of this pool, if any.
    pub fn pending_move(&self) -> Option<&PendingMove> {
        match self {
            VersionedPoolRecord::V3(_, pending) => Some(pending),
            _ => None,
        }
    }
}

impl From<PoolRecord> for VersionedPoolRecord {
    fn from(record: PoolRecord) -> Self {
        VersionedPoolRecord::V2(record)
    }
}
