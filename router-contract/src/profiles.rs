//! Named profiles (operators) and per-account stored policies (any account, e.g. a DAO).

use crate::errors::*;
use crate::events::RouterEvent;
use crate::timelock::Change;
use crate::{Router, RouterExt, MAX_PROFILES};
use near_sdk::json_types::U128;
use near_sdk::{assert_one_yocto, env, near, require};
use router_core::{Allocation, Policy, Profile};

/// Checks a profile name: 1 to 32 characters of `a-z`, `0-9` and `-`.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 32
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[near]
impl Router {
    /// Stores or replaces a named profile after checking it against the allow-list (after the
    /// timelock, if any, and checked again then). Operator, 1 yoctoNEAR.
    #[payable]
    pub fn set_profile(&mut self, name: String, description: String, allocation: Allocation) {
        self.assert_operator();
        require!(valid_name(&name), ERR_BAD_NAME);
        self.govern(Change::SetProfile { name, description, allocation }).detach();
    }

    /// Removes a named profile (after the timelock, if any). Operator, 1 yoctoNEAR.
    #[payable]
    pub fn remove_profile(&mut self, name: String) {
        self.assert_operator();
        require!(self.profiles.contains_key(&name), ERR_UNKNOWN_PROFILE);
        self.govern(Change::RemoveProfile { name }).detach();
    }

    /// Stores the caller's own policy (a DAO's routing policy), used by its deposits that name
    /// no profile or policy. At least 1 yoctoNEAR, even when the storage does not grow: a
    /// function-call access key (which cannot attach a deposit) never rewrites where an
    /// account's NEAR goes. The caller pays the storage it adds from the attached deposit; the
    /// rest is refunded.
    #[payable]
    pub fn set_account_policy(&mut self, policy: Policy) {
        require!(env::attached_deposit().as_yoctonear() >= 1, ERR_POLICY_NEEDS_DEPOSIT);
        if let Err(e) = policy.validate_against(|id| self.targets.get(id)) {
            env::panic_str(&e.to_string());
        }
        let account = env::predecessor_account_id();
        let before = env::storage_usage();
        self.account_policies.insert(account.clone(), policy.clone());
        self.account_policies.flush();
        let added = env::storage_usage().saturating_sub(before);
        let cost = env::storage_byte_cost().as_yoctonear() * u128::from(added);
        let attached = env::attached_deposit().as_yoctonear();
        require!(attached >= cost, ERR_STORAGE_DEPOSIT);
        RouterEvent::AccountPolicySet { account: &account, policy: &policy, storage_paid: U128(cost) }.emit();
        self.pay_or_owe(&account, attached - cost, "unused policy storage deposit");
    }

    /// Removes the caller's stored policy and refunds the storage it freed. 1 yoctoNEAR.
    #[payable]
    pub fn remove_account_policy(&mut self) {
        assert_one_yocto();
        let account = env::predecessor_account_id();
        let before = env::storage_usage();
        require!(self.account_policies.remove(&account).is_some(), ERR_NO_POLICY);
        self.account_policies.flush();
        let freed = before.saturating_sub(env::storage_usage());
        let refund = env::storage_byte_cost().as_yoctonear() * u128::from(freed);
        RouterEvent::AccountPolicyRemoved { account: &account, storage_refunded: U128(refund) }.emit();
        self.pay_or_owe(&account, refund + 1, "policy storage released");
    }
}

impl Router {
    /// `set_profile`'s effect, checked against the allow-list of now.
    pub(crate) fn apply_set_profile(&mut self, name: String, description: String, allocation: Allocation) {
        require!(self.profiles.contains_key(&name) || self.profiles.len() < MAX_PROFILES, ERR_TOO_MANY_PROFILES);
        if let Err(e) = allocation.validate(&self.all_targets()) {
            env::panic_str(&e.to_string());
        }
        let profile = Profile { name: name.clone(), description, allocation };
        RouterEvent::ProfileSet { profile: &profile, by: &env::predecessor_account_id() }.emit();
        self.profiles.insert(name, profile);
    }

    /// `remove_profile`'s effect.
    pub(crate) fn apply_remove_profile(&mut self, name: String) {
        require!(self.profiles.remove(&name).is_some(), ERR_UNKNOWN_PROFILE);
        self.profile_guards.remove(&name);
        RouterEvent::ProfileRemoved { name: &name, by: &env::predecessor_account_id() }.emit();
    }
}
