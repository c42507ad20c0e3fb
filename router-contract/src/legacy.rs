//! Stored layouts of earlier releases, kept so `migrate` can read them.
//!
//! Version 1 (the first release) had no deposit fee, no profile guards and no depeg bands.
//! Version 2 added them. Both stored a cost schedule and a gas schedule that nothing ever
//! changed; version 3 drops them (the router uses the constants). Version 4 adds the timelock.
//! Each older layout becomes the next one up, so every path ends in version 3's conversion. Collections keep their
//! storage prefixes across versions (new `StorageKey` variants are only appended), so
//! migrating moves them across untouched.

use crate::views::UnverifiedMint;
use crate::{Router, StorageKey, STATE_VERSION};
use near_sdk::store::{IterableMap, IterableSet, LookupMap, LookupSet};
use near_sdk::{near, AccountId, CryptoHash};
use router_core::{CostSchedule, DepegBand, GuardOptions, Policy, Profile, Target};
use std::collections::BTreeMap;

/// The gas schedule versions 1 and 2 stored: sixteen gas figures (the borsh layout of
/// `router_core::GasSchedule` then; that type has since grown, so the layout is frozen here).
pub type StoredGasSchedule = [u64; 16];

/// The router's state as version 1 stored it (field order is the borsh layout: never edit).
#[near(serializers = [borsh])]
pub struct RouterV1 {
    pub state_version: u8,
    pub owner_id: AccountId,
    pub pending_owner_id: Option<AccountId>,
    pub operators: IterableSet<AccountId>,
    pub guardians: IterableSet<AccountId>,
    pub paused: bool,
    pub targets: IterableMap<AccountId, Target>,
    pub profiles: IterableMap<String, Profile>,
    pub account_policies: LookupMap<AccountId, Policy>,
    pub proxies: LookupSet<CryptoHash>,
    pub claimables: LookupMap<AccountId, BTreeMap<AccountId, u128>>,
    pub owed_refunds: LookupMap<AccountId, u128>,
    pub unverified: IterableMap<u64, UnverifiedMint>,
    pub owed_total: u128,
    pub next_unverified_id: u64,
    pub proxy_code_hash: Option<CryptoHash>,
    pub min_deposit: u128,
    pub costs: CostSchedule,
    pub gas: StoredGasSchedule,
}

impl RouterV1 {
    /// The current layout: every version-1 field as it was but the two schedules (always the
    /// defaults), the fee off (0, no treasury), no profile guards, no depeg bands.
    pub fn into_current(self) -> Router {
        RouterV3 {
            state_version: 3,
            owner_id: self.owner_id,
            pending_owner_id: self.pending_owner_id,
            operators: self.operators,
            guardians: self.guardians,
            paused: self.paused,
            targets: self.targets,
            profiles: self.profiles,
            account_policies: self.account_policies,
            proxies: self.proxies,
            claimables: self.claimables,
            owed_refunds: self.owed_refunds,
            unverified: self.unverified,
            owed_total: self.owed_total,
            next_unverified_id: self.next_unverified_id,
            proxy_code_hash: self.proxy_code_hash,
            min_deposit: self.min_deposit,
            deposit_fee_bps: 0,
            treasury_id: None,
            profile_guards: LookupMap::new(StorageKey::ProfileGuards),
            depeg_bands: IterableMap::new(StorageKey::DepegBands),
        }
        .into_current()
    }
}

/// The router's state as version 2 stored it (field order is the borsh layout: never edit).
#[near(serializers = [borsh])]
pub struct RouterV2 {
    pub state_version: u8,
    pub owner_id: AccountId,
    pub pending_owner_id: Option<AccountId>,
    pub operators: IterableSet<AccountId>,
    pub guardians: IterableSet<AccountId>,
    pub paused: bool,
    pub targets: IterableMap<AccountId, Target>,
    pub profiles: IterableMap<String, Profile>,
    pub account_policies: LookupMap<AccountId, Policy>,
    pub proxies: LookupSet<CryptoHash>,
    pub claimables: LookupMap<AccountId, BTreeMap<AccountId, u128>>,
    pub owed_refunds: LookupMap<AccountId, u128>,
    pub unverified: IterableMap<u64, UnverifiedMint>,
    pub owed_total: u128,
    pub next_unverified_id: u64,
    pub proxy_code_hash: Option<CryptoHash>,
    pub min_deposit: u128,
    pub costs: CostSchedule,
    pub gas: StoredGasSchedule,
    pub deposit_fee_bps: u16,
    pub treasury_id: Option<AccountId>,
    pub profile_guards: LookupMap<String, GuardOptions>,
    pub depeg_bands: IterableMap<AccountId, DepegBand>,
}

impl RouterV2 {
    /// The current layout: every version-2 field as it was but the two schedules (always the
    /// defaults, now constants).
    pub fn into_current(self) -> Router {
        RouterV3 {
            state_version: 3,
            owner_id: self.owner_id,
            pending_owner_id: self.pending_owner_id,
            operators: self.operators,
            guardians: self.guardians,
            paused: self.paused,
            targets: self.targets,
            profiles: self.profiles,
            account_policies: self.account_policies,
            proxies: self.proxies,
            claimables: self.claimables,
            owed_refunds: self.owed_refunds,
            unverified: self.unverified,
            owed_total: self.owed_total,
            next_unverified_id: self.next_unverified_id,
            proxy_code_hash: self.proxy_code_hash,
            min_deposit: self.min_deposit,
            deposit_fee_bps: self.deposit_fee_bps,
            treasury_id: self.treasury_id,
            profile_guards: self.profile_guards,
            depeg_bands: self.depeg_bands,
        }
        .into_current()
    }
}

/// The router's state as version 3 stored it (field order is the borsh layout: never edit).
#[near(serializers = [borsh])]
pub struct RouterV3 {
    pub state_version: u8,
    pub owner_id: AccountId,
    pub pending_owner_id: Option<AccountId>,
    pub operators: IterableSet<AccountId>,
    pub guardians: IterableSet<AccountId>,
    pub paused: bool,
    pub targets: IterableMap<AccountId, Target>,
    pub profiles: IterableMap<String, Profile>,
    pub account_policies: LookupMap<AccountId, Policy>,
    pub proxies: LookupSet<CryptoHash>,
    pub claimables: LookupMap<AccountId, BTreeMap<AccountId, u128>>,
    pub owed_refunds: LookupMap<AccountId, u128>,
    pub unverified: IterableMap<u64, UnverifiedMint>,
    pub owed_total: u128,
    pub next_unverified_id: u64,
    pub proxy_code_hash: Option<CryptoHash>,
    pub min_deposit: u128,
    pub deposit_fee_bps: u16,
    pub treasury_id: Option<AccountId>,
    pub profile_guards: LookupMap<String, GuardOptions>,
    pub depeg_bands: IterableMap<AccountId, DepegBand>,
}

impl RouterV3 {
    /// The current layout: every version-3 field as it was, the default timelock (two days:
    /// a router upgraded into timelocks gets the safe delay; `set_timelock` changes it after
    /// that delay) and no pending changes.
    pub fn into_current(self) -> Router {
        Router {
            state_version: STATE_VERSION,
            owner_id: self.owner_id,
            pending_owner_id: self.pending_owner_id,
            operators: self.operators,
            guardians: self.guardians,
            paused: self.paused,
            targets: self.targets,
            profiles: self.profiles,
            account_policies: self.account_policies,
            proxies: self.proxies,
            claimables: self.claimables,
            owed_refunds: self.owed_refunds,
            unverified: self.unverified,
            owed_total: self.owed_total,
            next_unverified_id: self.next_unverified_id,
            proxy_code_hash: self.proxy_code_hash,
            min_deposit: self.min_deposit,
            deposit_fee_bps: self.deposit_fee_bps,
            treasury_id: self.treasury_id,
            profile_guards: self.profile_guards,
            depeg_bands: self.depeg_bands,
            timelock_ns: crate::timelock::DEFAULT_TIMELOCK_SECONDS * 1_000_000_000,
            pending_changes: IterableMap::new(StorageKey::PendingChanges),
            next_change_id: 0,
        }
    }
}
