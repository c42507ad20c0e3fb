//! Read-only views (free to call over RPC).

use crate::{Router, RouterExt, STATE_VERSION};
use near_sdk::json_types::{Base58CryptoHash, U128};
use near_sdk::{env, near, AccountId};
use router_core::{CostSchedule, GasSchedule, Policy, Profile, SplitPlan, TargetStatus, Yocto, MAX_DEPOSIT_FEE_BPS};
use std::collections::BTreeMap;

pub use router_core::views::{ProxyInfo, RouterConfigView, TargetView, UnverifiedMint, RETIRED_NOTE};

#[near]
impl Router {
    /// Owner, roles, pause state, minimum deposit, proxy code hash, costs and gas schedule.
    pub fn get_config(&self) -> RouterConfigView {
        let pending_code = crate::proxy_code::next_proxy_code().filter(|(_, from)| env::block_timestamp() < *from);
        RouterConfigView {
            owner_id: self.owner_id.clone(),
            pending_owner_id: self.pending_owner_id.clone(),
            operators: self.operators.iter().cloned().collect(),
            guardians: self.guardians.iter().cloned().collect(),
            paused: self.paused,
            min_deposit: Yocto(self.min_deposit),
            proxy_code_hash: self.proxy_code_now().map(|h| String::from(&Base58CryptoHash::from(h))),
            costs: CostSchedule::DEFAULT,
            gas: GasSchedule::DEFAULT,
            state_version: STATE_VERSION,
            deposit_fee_bps: self.deposit_fee_bps,
            max_deposit_fee_bps: MAX_DEPOSIT_FEE_BPS,
            treasury_id: self.treasury_id.clone(),
            pool_whitelist_id: crate::whitelist::pool_whitelist(),
            next_proxy_code_hash: pending_code.map(|(h, _)| String::from(&Base58CryptoHash::from(h))),
            next_proxy_code_from_ns: pending_code.map(|(_, from)| from),
        }
    }

    /// Every target on the allow-list, with caps, routed totals, whether it takes deposits
    /// (`accepts_deposits`, `retired`, and a `note` for retired ones) and its depeg band.
    pub fn get_targets(&self) -> Vec<TargetView> {
        self.all_targets()
            .into_iter()
            .map(|target| {
                let retired = target.status == TargetStatus::Retired;
                TargetView {
                    accepts_deposits: target.status == TargetStatus::Active,
                    retired,
                    note: retired.then(|| RETIRED_NOTE.to_string()),
                    depeg_band: self.depeg_bands.get(&target.account_id).copied(),
                    target,
                }
            })
            .collect()
    }

    /// Every named profile.
    pub fn get_profiles(&self) -> Vec<Profile> {
        self.profiles.values().cloned().collect()
    }

    /// The concrete policy a profile gives right now.
    pub fn get_profile_policy(&self, name: String) -> Option<Policy> {
        self.profiles.get(&name).and_then(|p| p.allocation.resolve(&self.all_targets()).ok())
    }

    /// The policy an account (a DAO) stored for its own deposits.
    pub fn get_account_policy(&self, account_id: AccountId) -> Option<Policy> {
        self.account_policies.get(&account_id).cloned()
    }

    /// The plan `deposit` would execute now for `amount` from `account_id` (whose stored
    /// policy applies when neither `profile` nor `policy` is given). Panics with the same
    /// message `deposit` would.
    pub fn preview_deposit(
        &self,
        amount: U128,
        account_id: AccountId,
        profile: Option<String>,
        policy: Option<Policy>,
        beneficiary_id: Option<AccountId>,
    ) -> SplitPlan {
        let beneficiary = beneficiary_id.unwrap_or_else(|| account_id.clone());
        let request = router_core::deposit_check::DepositRequest {
            amount: amount.0,
            depositor: Some(&account_id),
            beneficiary: Some(&beneficiary),
            profile: profile.as_deref(),
            policy,
            purpose: router_core::deposit_check::Purpose::Preview,
        };
        self.check(request).plan
    }

    /// The staking proxy account of `beneficiary_id` and whether it exists.
    pub fn get_proxy(&self, beneficiary_id: AccountId) -> ProxyInfo {
        ProxyInfo {
            proxy_id: self.proxy_of(&beneficiary_id),
            exists: self.proxies.contains(&Self::proxy_key(&beneficiary_id)),
        }
    }

    /// The global contract hash a proxy created now gets (a newly set hash only from the
    /// timelock's delay after it was set: see `get_config`'s `next_proxy_code_hash`).
    pub fn get_proxy_code_hash(&self) -> Option<Base58CryptoHash> {
        self.proxy_code_now().map(Into::into)
    }

    /// Tokens `account_id` may claim, per token contract.
    pub fn get_claimables(&self, account_id: AccountId) -> BTreeMap<AccountId, U128> {
        // Inserted one by one: collecting into a map would sort, linking a sort for one view.
        let mut claimables = BTreeMap::new();
        for (token, amount) in self.claimables.get(&account_id).into_iter().flatten() {
            claimables.insert(token.clone(), U128(*amount));
        }
        claimables
    }

    /// yoctoNEAR the router holds for liquid legs still settling (their depositors' reserves):
    /// never spent on anyone else's payout; 0 whenever no deposit is in flight.
    pub fn get_reserves_in_flight(&self) -> U128 {
        U128(crate::reserves::in_flight())
    }

    /// NEAR owed to `account_id` (released by `release_refund`).
    pub fn get_owed_refund(&self, account_id: AccountId) -> U128 {
        U128(self.owed_refunds.get(&account_id).copied().unwrap_or(0))
    }

    /// Mints awaiting the owner's verification, by id.
    pub fn get_unverified_mints(&self) -> Vec<(u64, UnverifiedMint)> {
        self.unverified.iter().map(|(k, v)| (*k, v.clone())).collect()
    }
}
