//! # Stake Router contract
//!
//! One payable `deposit` splits NEAR by a risk profile, an explicit policy or the caller's
//! stored policy (see `router-core` for the planning rules) between validator pools, reached
//! through the beneficiary's own immutable staking proxy, and liquid staking protocols whose
//! tokens go to the beneficiary. Nothing is lost on any path: failed legs are refunded, and
//! tokens that cannot be delivered stay claimable.
//!
//! Layout: this file holds the state and `new`; one module per concern follows.

use near_sdk::store::{IterableMap, IterableSet, LookupMap, LookupSet};
use near_sdk::{env, near, require, AccountId, BorshStorageKey, CryptoHash, PanicOnDefault};
use router_core::{default_profiles, DepegBand, GuardOptions, Policy, Profile, Target, ONE_NEAR};
use std::collections::BTreeMap;

mod admin;
mod claims;
mod deposit;
mod direct;
pub mod errors;
pub mod events;
mod fees;
mod guards;
mod held;
pub mod legacy;
mod liquid;
mod market;
mod payouts;
mod profiles;
mod proxy_code;
mod reserves;
mod settle;
mod targets;
pub mod timelock;
mod unverified;
mod upgrade;
mod views;
pub mod whitelist;

#[cfg(test)]
mod tests;

pub use views::{ProxyInfo, RouterConfigView, TargetView, UnverifiedMint};

/// The most active or paused targets on the allow-list; retired targets do not count.
pub const MAX_TARGETS: u32 = 32;
/// The most target records kept, retired ones included (bounds every loop over targets).
pub const MAX_TARGET_RECORDS: u32 = 64;
/// The most named profiles.
pub const MAX_PROFILES: u32 = 16;
/// The version of the stored state layout; `migrate` moves older layouts on (see `legacy.rs`).
/// Version 2 added the deposit fee, per-profile guard options and depeg bands; version 3
/// dropped the stored cost and gas schedules, which nothing ever changed (the router uses
/// `router_core::CostSchedule::DEFAULT` and `GasSchedule::DEFAULT`, as the proxy does);
/// version 4 added the timelock and its pending changes.
pub const STATE_VERSION: u8 = 4;

#[derive(BorshStorageKey)]
#[near]
pub(crate) enum StorageKey {
    Operators,
    Guardians,
    Targets,
    Profiles,
    AccountPolicies,
    Proxies,
    Claimables,
    OwedRefunds,
    Unverified,
    // Version 2 (new variants only ever go at the end: the prefixes above must not move).
    ProfileGuards,
    DepegBands,
    // Version 4.
    PendingChanges,
}

/// The router's state.
///
/// Accounting invariants (checked after every step of the simulation in `tests/scenarios`):
/// - `balance >= storage_usage * byte_cost + owed_total + reserves of liquid legs in flight`;
///   a deposit never lowers `balance - storage cost` (each record it adds is paid from the
///   deposit, exactly).
/// - For each LST: `ft_balance_of(router) == sum of claimables of that token + unverified mints`
///   (the router keeps no tokens of its own between transactions).
/// - `owed_total == sum(owed_refunds)`.
/// - `targets[t].routed_total == NEAR sent to t by deposits - NEAR of t's legs that failed`
///   (a validator leg refused inside a proxy stays counted: conservative for the ceiling).
/// - `proxies` holds `sha256(b)` iff `b`'s proxy exists or is being created by a deposit in
///   flight (removed again if the creation batch fails).
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Router {
    /// Layout version of this state.
    state_version: u8,
    /// Governs roles, the proxy code hash and the minimum deposit (often a DAO).
    owner_id: AccountId,
    /// Proposed new owner (two-step transfer).
    pending_owner_id: Option<AccountId>,
    /// May manage targets and profiles.
    operators: IterableSet<AccountId>,
    /// May pause deposits.
    guardians: IterableSet<AccountId>,
    /// Whether deposits are off.
    paused: bool,
    /// The allow-list, with what was routed to each target.
    targets: IterableMap<AccountId, Target>,
    /// Named profiles.
    profiles: IterableMap<String, Profile>,
    /// Policies stored by accounts (DAOs) for their own deposits; storage paid by them.
    account_policies: LookupMap<AccountId, Policy>,
    /// sha256 of each beneficiary whose staking proxy exists (or is being created in a pending
    /// deposit). Hashed keys make every record exactly `PROXY_RECORD_BYTES`.
    proxies: LookupSet<CryptoHash>,
    /// Tokens minted for a beneficiary that could not be delivered: beneficiary -> token -> amount.
    claimables: LookupMap<AccountId, BTreeMap<AccountId, u128>>,
    /// NEAR owed to accounts whose refund could not be funded at the time.
    owed_refunds: LookupMap<AccountId, u128>,
    /// Mints whose amount could not be read, awaiting the owner's verification.
    unverified: IterableMap<u64, views::UnverifiedMint>,
    /// Sum of `owed_refunds`.
    owed_total: u128,
    /// The next id for `unverified`.
    next_unverified_id: u64,
    /// The global contract hash used for proxies created from now on.
    proxy_code_hash: Option<CryptoHash>,
    /// The smallest deposit accepted.
    min_deposit: u128,
    /// The deposit fee in bps (0..=`MAX_DEPOSIT_FEE_BPS`), sent to `treasury_id`.
    deposit_fee_bps: u16,
    /// Where the deposit fee goes (required while the fee is above 0).
    treasury_id: Option<AccountId>,
    /// Guard options per named profile (absent: all off).
    profile_guards: LookupMap<String, GuardOptions>,
    /// Depeg bands per liquid target, with the last observed mint price.
    depeg_bands: IterableMap<AccountId, DepegBand>,
    /// The delay of timelocked changes, in nanoseconds (`timelock.rs`).
    timelock_ns: u64,
    /// Announced changes by id (at most `MAX_PENDING_CHANGES`).
    pending_changes: IterableMap<u64, timelock::PendingChange>,
    /// The next id for `pending_changes`.
    next_change_id: u64,
}

#[near]
impl Router {
    /// Creates the router with `owner_id` and the three default profiles. `proxy_code_hash`
    /// (base58) may be given now or set later with `set_proxy_code_hash`. `timelock_seconds`
    /// is the delay of governance changes (`timelock.rs`): 2 days unless given; 0 applies every
    /// change in its own call (the devnet, tests). `pool_whitelist_id` is the staking-pool
    /// whitelist validator targets must be on when added (`whitelist.rs`; for example
    /// `lockup-whitelist.near` on mainnet); none unless given.
    #[init]
    pub fn new(
        owner_id: AccountId,
        proxy_code_hash: Option<near_sdk::json_types::Base58CryptoHash>,
        timelock_seconds: Option<u64>,
        pool_whitelist_id: Option<AccountId>,
    ) -> Self {
        let timelock_seconds = timelock_seconds.unwrap_or(timelock::DEFAULT_TIMELOCK_SECONDS);
        require!(timelock_seconds <= timelock::MAX_TIMELOCK_SECONDS, errors::ERR_TIMELOCK_TOO_LONG);
        require!(
            router_core::proxy_account_id(&env::current_account_id(), &owner_id, |b| env::sha256_array(b)).is_some(),
            errors::ERR_BAD_ROUTER_ID
        );
        let mut router = Router {
            state_version: STATE_VERSION,
            owner_id,
            pending_owner_id: None,
            operators: IterableSet::new(StorageKey::Operators),
            guardians: IterableSet::new(StorageKey::Guardians),
            paused: false,
            targets: IterableMap::new(StorageKey::Targets),
            profiles: IterableMap::new(StorageKey::Profiles),
            account_policies: LookupMap::new(StorageKey::AccountPolicies),
            proxies: LookupSet::new(StorageKey::Proxies),
            claimables: LookupMap::new(StorageKey::Claimables),
            owed_refunds: LookupMap::new(StorageKey::OwedRefunds),
            unverified: IterableMap::new(StorageKey::Unverified),
            owed_total: 0,
            next_unverified_id: 0,
            proxy_code_hash: proxy_code_hash.map(Into::into),
            min_deposit: ONE_NEAR,
            deposit_fee_bps: 0,
            treasury_id: None,
            profile_guards: LookupMap::new(StorageKey::ProfileGuards),
            depeg_bands: IterableMap::new(StorageKey::DepegBands),
            timelock_ns: timelock_seconds * 1_000_000_000,
            pending_changes: IterableMap::new(StorageKey::PendingChanges),
            next_change_id: 0,
        };
        for profile in default_profiles() {
            router.profiles.insert(profile.name.clone(), profile);
        }
        reserves::set(0);
        if let Some(whitelist_id) = pool_whitelist_id {
            router.apply_pool_whitelist(Some(whitelist_id));
        }
        router
    }
}

impl Router {
    /// All targets, in allow-list order (at most [`MAX_TARGET_RECORDS`]).
    pub(crate) fn all_targets(&self) -> Vec<Target> {
        self.targets.values().cloned().collect()
    }

    /// The key of `beneficiary` in `proxies`.
    pub(crate) fn proxy_key(beneficiary: &AccountId) -> CryptoHash {
        env::sha256_array(beneficiary.as_bytes())
    }

    /// The proxy account id of `beneficiary`.
    pub(crate) fn proxy_of(&self, beneficiary: &AccountId) -> AccountId {
        router_core::proxy_account_id(&env::current_account_id(), beneficiary, |b| env::sha256_array(b))
            .expect("checked at init")
    }
}

/// The JSON of a call's typed arguments.
pub(crate) fn json_args<T: near_sdk::serde::Serialize>(args: &T) -> Vec<u8> {
    near_sdk::serde_json::to_vec(args).expect("typed arguments serialise")
}
