//! The allow-list: add, update caps, pause, resume and retire targets (owner or operator).
//! Adding a target and changing its caps wait for the timelock (`timelock.rs`); pausing,
//! resuming and retiring only ever send less NEAR somewhere and apply at once.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::timelock::Change;
use crate::{Router, RouterExt, MAX_TARGETS, MAX_TARGET_RECORDS};
use near_sdk::{env, near, require, AccountId, PromiseOrValue};
use router_core::{Target, TargetCaps, TargetKind, TargetStatus, Yocto};

#[near]
impl Router {
    /// Adds a target to the allow-list, active, with `caps` (after the timelock, if any).
    /// Operator, 1 yoctoNEAR.
    /// With a staking-pool whitelist configured (`whitelist.rs`), a validator target is added
    /// only once the whitelist confirms it: the call then needs 30 TGas and fails with the
    /// reason when the pool is not whitelisted.
    #[payable]
    pub fn add_target(&mut self, account_id: AccountId, kind: TargetKind, caps: TargetCaps) -> PromiseOrValue<()> {
        self.assert_operator();
        assert_caps(&caps);
        assert_kind(&kind);
        self.govern(Change::AddTarget { account_id, kind, caps })
    }

    /// Changes a target's caps (and, for a liquid target, its registration deposit); the kind
    /// itself cannot change (after the timelock, if any). Operator, 1 yoctoNEAR.
    #[payable]
    pub fn update_target(&mut self, account_id: AccountId, kind: TargetKind, caps: TargetCaps) {
        self.assert_operator();
        assert_caps(&caps);
        assert_kind(&kind);
        self.govern(Change::UpdateTarget { account_id, kind, caps }).detach();
    }

    /// Pauses (no new deposits) or resumes a target. Operator, 1 yoctoNEAR.
    #[payable]
    pub fn set_target_paused(&mut self, account_id: AccountId, paused: bool) {
        self.assert_operator();
        let status = if paused { TargetStatus::Paused } else { TargetStatus::Active };
        self.set_status(&account_id, status);
    }

    /// Retires a target for good: no new deposits. The router has no power over stake already
    /// in it; delegators move their own stake through their proxies. Operator, 1 yoctoNEAR.
    #[payable]
    pub fn retire_target(&mut self, account_id: AccountId) {
        self.assert_operator();
        self.set_status(&account_id, TargetStatus::Retired);
    }
}

impl Router {
    /// `add_target`'s effect, checked against the allow-list of now.
    pub(crate) fn apply_add_target(&mut self, account_id: AccountId, kind: TargetKind, caps: TargetCaps) {
        if let Err(reason) = self.check_new_target(&account_id) {
            env::panic_str(reason);
        }
        self.insert_target(account_id, kind, caps);
    }

    /// Whether `account_id` may join the allow-list now (the refusal's words if not).
    pub(crate) fn check_new_target(&self, account_id: &AccountId) -> Result<(), &'static str> {
        if self.targets.contains_key(account_id) {
            return Err(ERR_TARGET_EXISTS);
        }
        if self.targets.len() >= MAX_TARGET_RECORDS {
            return Err(ERR_TOO_MANY_TARGET_RECORDS);
        }
        let live = self.targets.values().filter(|t| t.status != TargetStatus::Retired).count();
        if live >= MAX_TARGETS as usize {
            return Err(ERR_TOO_MANY_TARGETS);
        }
        let router = env::current_account_id();
        if *account_id == router || router_core::naming::looks_like_proxy(&router, account_id) {
            return Err(ERR_TARGET_IS_ROUTER);
        }
        Ok(())
    }

    /// Puts a checked target on the allow-list, active.
    pub(crate) fn insert_target(&mut self, account_id: AccountId, kind: TargetKind, caps: TargetCaps) {
        let target =
            Target { account_id: account_id.clone(), kind, status: TargetStatus::Active, caps, routed_total: Yocto(0) };
        RouterEvent::TargetSet { target: &target, by: &env::predecessor_account_id() }.emit();
        if !kind.is_validator() {
            crate::held::create(&account_id);
        }
        self.targets.insert(account_id, target);
    }

    /// `update_target`'s effect, checked against the target of now.
    pub(crate) fn apply_update_target(&mut self, account_id: AccountId, kind: TargetKind, caps: TargetCaps) {
        let target = self.targets.get_mut(&account_id).unwrap_or_else(|| env::panic_str(ERR_UNKNOWN_TARGET));
        require!(core::mem::discriminant(&target.kind) == core::mem::discriminant(&kind), ERR_TARGET_KIND_CHANGE);
        if let (TargetKind::Liquid { protocol: a, .. }, TargetKind::Liquid { protocol: b, .. }) = (&target.kind, &kind)
        {
            require!(a == b, ERR_TARGET_KIND_CHANGE);
        }
        target.kind = kind;
        target.caps = caps;
        RouterEvent::TargetSet { target, by: &env::predecessor_account_id() }.emit();
    }

    fn set_status(&mut self, account_id: &AccountId, status: TargetStatus) {
        let target = self.targets.get_mut(account_id).unwrap_or_else(|| env::panic_str(ERR_UNKNOWN_TARGET));
        require!(target.status != TargetStatus::Retired, ERR_RETIRED);
        target.status = status;
        RouterEvent::TargetStatusChanged { target: account_id, status, by: &env::predecessor_account_id() }.emit();
    }
}

fn assert_kind(kind: &TargetKind) {
    if let TargetKind::Liquid { registration_deposit, .. } = kind {
        require!(registration_deposit.0 <= router_core::MAX_REGISTRATION_DEPOSIT.0, ERR_REGISTRATION_DEPOSIT);
    }
}

fn assert_caps(caps: &TargetCaps) {
    require!(caps.max_share_bps >= 1 && caps.max_share_bps <= router_core::BPS_TOTAL, ERR_BAD_CAPS);
}
