//! Roles (owner, operators, guardians), two-step ownership, pause, and the minimum deposit.

use crate::errors::*;
use crate::events::RouterEvent;
use crate::timelock::{Change, Role};
use crate::{Router, RouterExt};
use near_sdk::json_types::U128;
use near_sdk::{assert_one_yocto, env, near, require, AccountId};

#[near]
impl Router {
    /// Proposes a new owner; they must call `accept_ownership`. Owner only, 1 yoctoNEAR.
    #[payable]
    pub fn propose_owner(&mut self, new_owner_id: AccountId) {
        self.assert_owner();
        RouterEvent::OwnerProposed { current: &self.owner_id, proposed: &new_owner_id }.emit();
        self.pending_owner_id = Some(new_owner_id);
    }

    /// Completes an ownership transfer. The proposed owner only, 1 yoctoNEAR.
    #[payable]
    pub fn accept_ownership(&mut self) {
        assert_one_yocto();
        let caller = env::predecessor_account_id();
        require!(self.pending_owner_id.as_ref() == Some(&caller), ERR_NOT_PENDING_OWNER);
        RouterEvent::OwnerChanged { old: &self.owner_id, new: &caller }.emit();
        self.owner_id = caller;
        self.pending_owner_id = None;
    }

    /// Grants (after the timelock, if any) or revokes (at once) the operator role. Owner only,
    /// 1 yoctoNEAR.
    #[payable]
    pub fn set_operator(&mut self, account_id: AccountId, granted: bool) {
        self.assert_owner();
        self.set_role(Role::Operator, account_id, granted);
    }

    /// Grants (after the timelock, if any) or revokes (at once) the guardian role. Owner only,
    /// 1 yoctoNEAR.
    #[payable]
    pub fn set_guardian(&mut self, account_id: AccountId, granted: bool) {
        self.assert_owner();
        self.set_role(Role::Guardian, account_id, granted);
    }

    /// Stops new deposits. Owner or guardian, 1 yoctoNEAR. Exits, claims and refunds go on.
    #[payable]
    pub fn pause(&mut self) {
        self.assert_guardian();
        self.paused = true;
        RouterEvent::PauseChanged { paused: true, by: &env::predecessor_account_id() }.emit();
    }

    /// Resumes deposits. Owner only, 1 yoctoNEAR.
    #[payable]
    pub fn unpause(&mut self) {
        self.assert_owner();
        self.paused = false;
        RouterEvent::PauseChanged { paused: false, by: &env::predecessor_account_id() }.emit();
    }

    /// Sets the smallest accepted deposit (at least 0.001 NEAR). Owner only, 1 yoctoNEAR.
    #[payable]
    pub fn set_min_deposit(&mut self, min_deposit: U128) {
        self.assert_owner();
        require!(min_deposit.0 >= router_core::ONE_MILLINEAR, ERR_MIN_DEPOSIT);
        self.min_deposit = min_deposit.0;
        RouterEvent::MinDepositSet { min_deposit, by: &self.owner_id }.emit();
    }
}

impl Router {
    /// A grant waits for the timelock; a revocation applies at once.
    fn set_role(&mut self, role: Role, account_id: AccountId, granted: bool) {
        if granted {
            self.govern(Change::GrantRole { role, account_id }).detach();
        } else {
            self.apply_role(role, account_id, false);
        }
    }

    /// Grants or revokes `role` now.
    pub(crate) fn apply_role(&mut self, role: Role, account_id: AccountId, granted: bool) {
        let (set, name) = match role {
            Role::Operator => (&mut self.operators, "operator"),
            Role::Guardian => (&mut self.guardians, "guardian"),
        };
        if granted {
            set.insert(account_id.clone());
        } else {
            set.remove(&account_id);
        }
        RouterEvent::RoleChanged { role: name, account: &account_id, granted, by: &self.owner_id }.emit();
    }

    /// Requires 1 yoctoNEAR and the owner as caller.
    pub(crate) fn assert_owner(&self) {
        assert_one_yocto();
        require!(env::predecessor_account_id() == self.owner_id, ERR_NOT_OWNER);
    }

    /// Requires 1 yoctoNEAR and the owner or an operator as caller.
    pub(crate) fn assert_operator(&self) {
        assert_one_yocto();
        let caller = env::predecessor_account_id();
        require!(caller == self.owner_id || self.operators.contains(&caller), ERR_NOT_OPERATOR);
    }

    /// Requires 1 yoctoNEAR and the owner or a guardian as caller.
    pub(crate) fn assert_guardian(&self) {
        assert_one_yocto();
        let caller = env::predecessor_account_id();
        require!(caller == self.owner_id || self.guardians.contains(&caller), ERR_NOT_GUARDIAN);
    }
}
