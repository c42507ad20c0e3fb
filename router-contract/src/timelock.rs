//! Timelocked powers: what changes where future deposits go or what code runs takes effect only
//! after a delay the router is initialised with (`new(.., timelock_seconds)`; 2 days unless
//! given, 0 on the devnet and in tests).
//!
//! With a delay, `add_target`, `update_target`, `set_profile`, `remove_profile`, role grants
//! (`set_operator` / `set_guardian` with `granted: true`), `set_deposit_fee`,
//! `set_proxy_code_hash`, `set_timelock` and new code (`announce_upgrade` before `upgrade`,
//! `announce_proxy_code` before `deploy_proxy_code`) only **announce** a change
//! (`change_announced`, with the time it becomes executable); anyone may `execute_change` it
//! from then on (code changes execute when the announced code is deployed), and the owner or a
//! guardian may `cancel_change` it before. `set_pool_whitelist` is timelocked too. Revoking a role and pausing stay immediate. With no
//! delay (0) every change applies in its own call, as before. `get_pending_changes` lists what
//! is announced.
//!
//! Pending changes are governance records on the router's own storage (at most
//! [`MAX_PENDING_CHANGES`]).

use crate::errors::*;
use crate::events::RouterEvent;
use crate::{Router, RouterExt};
use near_sdk::json_types::Base58CryptoHash;
use near_sdk::{env, near, require, AccountId, PromiseOrValue};
use router_core::callback_args::Announced;
use router_core::{Allocation, TargetCaps, TargetKind};

/// The delay when `new` names none: two days.
pub const DEFAULT_TIMELOCK_SECONDS: u64 = 2 * 24 * 60 * 60;
/// The longest delay `set_timelock` accepts: 30 days.
pub const MAX_TIMELOCK_SECONDS: u64 = 30 * 24 * 60 * 60;
/// The most changes announced at once.
pub const MAX_PENDING_CHANGES: u32 = 16;
/// Nanoseconds per second.
const NS: u64 = 1_000_000_000;

/// A role the owner grants.
#[near(serializers = [borsh, json])]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages targets, profiles and guards.
    Operator,
    /// May pause deposits and cancel announced changes.
    Guardian,
}

/// A timelocked change, with the arguments of the call that announced it.
#[near(serializers = [borsh, json])]
#[derive(Clone, Debug, PartialEq)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// `add_target`.
    AddTarget { account_id: AccountId, kind: TargetKind, caps: TargetCaps },
    /// `update_target`.
    UpdateTarget { account_id: AccountId, kind: TargetKind, caps: TargetCaps },
    /// `set_profile`.
    SetProfile { name: String, description: String, allocation: Allocation },
    /// `remove_profile`.
    RemoveProfile { name: String },
    /// `set_operator` / `set_guardian` granting the role.
    GrantRole { role: Role, account_id: AccountId },
    /// `set_deposit_fee`.
    SetDepositFee { fee_bps: u16, treasury_id: Option<AccountId> },
    /// `set_proxy_code_hash`.
    SetProxyCodeHash { code_hash: Base58CryptoHash },
    /// `announce_proxy_code`: `deploy_proxy_code` of exactly this code.
    DeployProxyCode { code_hash: Base58CryptoHash },
    /// `announce_upgrade`: `upgrade` to exactly this code.
    Upgrade { code_hash: Base58CryptoHash },
    /// `set_timelock`.
    SetTimelock { seconds: u64 },
    /// `set_pool_whitelist`.
    SetPoolWhitelist { whitelist_id: Option<AccountId> },
}

/// An announced change.
#[near(serializers = [borsh, json])]
#[derive(Clone, Debug, PartialEq)]
pub struct PendingChange {
    /// Its id (`execute_change`, `cancel_change`).
    pub id: u64,
    /// What it does.
    pub change: Change,
    /// Who announced it.
    pub announced_by: AccountId,
    /// When (block timestamp, ns).
    pub announced_at_ns: u64,
    /// From when it may be executed (ns).
    pub executable_at_ns: u64,
}

impl PendingChange {
    /// Its id and times, for a callback that may have to put it back ([`Router::restore_announced`]).
    pub(crate) fn announced(self) -> Announced {
        Announced {
            id: self.id,
            announced_by: self.announced_by,
            announced_at_ns: self.announced_at_ns,
            executable_at_ns: self.executable_at_ns,
        }
    }
}

#[near]
impl Router {
    /// Executes announced change `id` once its time has come (anyone). Code changes execute
    /// through `upgrade` / `deploy_proxy_code` with the announced code instead. Adding a
    /// validator target with a staking-pool whitelist configured reads the whitelist first
    /// (30 TGas; the call fails if the pool is not whitelisted).
    pub fn execute_change(&mut self, id: u64) -> PromiseOrValue<()> {
        let pending = self.pending_changes.get(&id).cloned().unwrap_or_else(|| env::panic_str(ERR_NO_CHANGE));
        require!(!matches!(pending.change, Change::Upgrade { .. } | Change::DeployProxyCode { .. }), ERR_CODE_CHANGE);
        require!(env::block_timestamp() >= pending.executable_at_ns, err_not_yet(pending.executable_at_ns));
        self.pending_changes.remove(&id);
        RouterEvent::ChangeExecuted { id, by: &env::predecessor_account_id() }.emit();
        self.apply_change(pending.change.clone(), Some(pending))
    }

    /// Cancels announced change `id`. Owner or guardian, 1 yoctoNEAR.
    #[payable]
    pub fn cancel_change(&mut self, id: u64) {
        self.assert_guardian();
        require!(self.pending_changes.remove(&id).is_some(), ERR_NO_CHANGE);
        RouterEvent::ChangeCancelled { id, by: &env::predecessor_account_id() }.emit();
    }

    /// Announces an upgrade to the code whose sha256 is `code_hash` (base58). Owner,
    /// 1 yoctoNEAR.
    #[payable]
    pub fn announce_upgrade(&mut self, code_hash: Base58CryptoHash) {
        self.assert_owner();
        self.announce(Change::Upgrade { code_hash });
    }

    /// Announces deploying the proxy code whose sha256 is `code_hash` (base58) as the code of
    /// new proxies. Owner, 1 yoctoNEAR.
    #[payable]
    pub fn announce_proxy_code(&mut self, code_hash: Base58CryptoHash) {
        self.assert_owner();
        self.announce(Change::DeployProxyCode { code_hash });
    }

    /// Sets the delay (at most 30 days), itself after the current delay. Owner, 1 yoctoNEAR.
    #[payable]
    pub fn set_timelock(&mut self, seconds: u64) {
        self.assert_owner();
        require!(seconds <= MAX_TIMELOCK_SECONDS, ERR_TIMELOCK_TOO_LONG);
        self.govern(Change::SetTimelock { seconds }).detach();
    }

    /// The delay, in seconds.
    pub fn get_timelock(&self) -> u64 {
        self.timelock_ns / NS
    }

    /// Every announced change, oldest first.
    pub fn get_pending_changes(&self) -> Vec<PendingChange> {
        self.pending_changes.values().cloned().collect()
    }
}

impl Router {
    /// Applies `change` now when there is no delay, else announces it. The result is the
    /// promise that completes the change when it needs a read first (`whitelist.rs`).
    pub(crate) fn govern(&mut self, change: Change) -> PromiseOrValue<()> {
        if self.timelock_ns == 0 {
            self.apply_change(change, None)
        } else {
            self.announce(change);
            PromiseOrValue::Value(())
        }
    }

    /// Puts back the announcement `announced` of `change`, whose execution could not complete
    /// (same id and times), as a callback received it.
    pub(crate) fn restore_announced(&mut self, change: Change, announced: Announced) {
        self.restore_change(PendingChange {
            id: announced.id,
            change,
            announced_by: announced.announced_by,
            announced_at_ns: announced.announced_at_ns,
            executable_at_ns: announced.executable_at_ns,
        });
    }

    /// Puts back an announcement whose execution could not complete (same id and times).
    pub(crate) fn restore_change(&mut self, pending: PendingChange) {
        RouterEvent::ChangeRestored { id: pending.id }.emit();
        self.pending_changes.insert(pending.id, pending);
    }

    /// Records `change` as pending, executable after the delay.
    fn announce(&mut self, change: Change) {
        require!(self.pending_changes.len() < MAX_PENDING_CHANGES, ERR_TOO_MANY_CHANGES);
        let id = self.next_change_id;
        self.next_change_id += 1;
        let now = env::block_timestamp();
        let pending = PendingChange {
            id,
            change,
            announced_by: env::predecessor_account_id(),
            announced_at_ns: now,
            executable_at_ns: now.saturating_add(self.timelock_ns),
        };
        RouterEvent::ChangeAnnounced { pending: &pending }.emit();
        self.pending_changes.insert(id, pending);
    }

    /// Consumes the executable announcement of new code `code_hash` (`upgrade` and
    /// `deploy_proxy_code` with a delay) and returns it (`None` without a delay); panics unless
    /// there is one.
    pub(crate) fn take_code_announcement(
        &mut self,
        code_hash: Base58CryptoHash,
        upgrade: bool,
    ) -> Option<PendingChange> {
        if self.timelock_ns == 0 {
            return None;
        }
        let now = env::block_timestamp();
        let announced = self.pending_changes.iter().find_map(|(id, p)| {
            let same = match &p.change {
                Change::Upgrade { code_hash: h } => upgrade && *h == code_hash,
                Change::DeployProxyCode { code_hash: h } => !upgrade && *h == code_hash,
                _ => false,
            };
            same.then_some((*id, p.executable_at_ns))
        });
        let (id, at) = announced.unwrap_or_else(|| env::panic_str(ERR_CODE_NOT_ANNOUNCED));
        require!(now >= at, err_not_yet(at));
        let taken = self.pending_changes.remove(&id);
        RouterEvent::ChangeExecuted { id, by: &env::predecessor_account_id() }.emit();
        taken
    }

    /// Makes `change` take effect (checking it again against the state of now); `pending` is
    /// its announcement, when one is executed.
    fn apply_change(&mut self, change: Change, pending: Option<PendingChange>) -> PromiseOrValue<()> {
        match change {
            Change::AddTarget { account_id, kind, caps } => {
                if let Some(read) = self.add_or_check_target(account_id, kind, caps, pending) {
                    return PromiseOrValue::Promise(read);
                }
            }
            Change::UpdateTarget { account_id, kind, caps } => self.apply_update_target(account_id, kind, caps),
            Change::SetProfile { name, description, allocation } => {
                self.apply_set_profile(name, description, allocation)
            }
            Change::RemoveProfile { name } => self.apply_remove_profile(name),
            Change::GrantRole { role, account_id } => self.apply_role(role, account_id, true),
            Change::SetDepositFee { fee_bps, treasury_id } => self.apply_deposit_fee(fee_bps, treasury_id),
            Change::SetProxyCodeHash { code_hash } => self.apply_proxy_code_hash(code_hash),
            Change::SetTimelock { seconds } => {
                self.timelock_ns = seconds.saturating_mul(NS);
                RouterEvent::TimelockSet { seconds }.emit();
            }
            Change::SetPoolWhitelist { whitelist_id } => self.apply_pool_whitelist(whitelist_id),
            // Executed by `upgrade` / `deploy_proxy_code` with the code (see `take_code_announcement`).
            Change::Upgrade { .. } | Change::DeployProxyCode { .. } => {}
        }
        PromiseOrValue::Value(())
    }
}

/// `execute_change` before the change's time; names it.
fn err_not_yet(executable_at_ns: u64) -> String {
    let now = env::block_timestamp();
    let left = executable_at_ns.saturating_sub(now).div_ceil(NS);
    format!("This change becomes executable at {executable_at_ns} ns (block time), in {left} s")
}
