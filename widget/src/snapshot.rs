//! The router as the widget read it, for `router_core::deposit_check`: the checks the
//! contract's `deposit` runs, in its order, over the views the widget loaded by RPC.

use crate::data::RouterData;
use crate::guards::{GuardData, GuardError};
use router_core::deposit_check::RouterSnapshot;
use router_core::{AccountId, CostSchedule, GasSchedule, PlanGuards, Policy, Profile, Target};
use std::borrow::Cow;

/// The router's views, the beneficiary's proxy and the guard reads, as loaded.
#[derive(Clone, Copy, Debug)]
pub struct Snapshot<'a> {
    /// `get_targets`, `get_profiles`, `get_config`.
    pub data: &'a RouterData,
    /// The router's account id.
    pub router_id: &'a AccountId,
    /// `get_proxy(beneficiary).exists` (false without an account: a first deposit).
    pub proxy_exists: bool,
    /// What was read for the profile's guards; `None` plans without guards.
    pub guards: Option<&'a GuardData>,
    /// The depositor's policy stored on the router (`get_account_policy`), when it has one.
    pub stored: Option<&'a Policy>,
}

impl RouterSnapshot for Snapshot<'_> {
    type GuardsUnavailable = GuardError;

    fn router_id(&self) -> AccountId {
        self.router_id.clone()
    }

    fn paused(&self) -> bool {
        self.data.config.paused
    }

    fn is_target(&self, account: &AccountId) -> bool {
        self.data.target(account).is_some()
    }

    fn targets(&self) -> Cow<'_, [Target]> {
        Cow::Borrowed(&self.data.targets)
    }

    fn profile(&self, name: &str) -> Option<&Profile> {
        self.data.profile(name)
    }

    /// The widget never deposits by a stored policy (it always sends a profile or a split).
    fn stored_policy(&self, _: &AccountId) -> Option<&Policy> {
        self.stored
    }

    fn proxy_exists(&self, _: Option<&AccountId>) -> bool {
        self.proxy_exists
    }

    fn proxy_code_set(&self) -> bool {
        self.data.config.proxy_code_hash.is_some()
    }

    fn min_deposit(&self) -> u128 {
        self.data.config.min_deposit.0
    }

    fn deposit_fee_bps(&self) -> u16 {
        self.data.config.deposit_fee_bps
    }

    fn costs(&self) -> CostSchedule {
        self.data.config.costs
    }

    fn gas(&self) -> GasSchedule {
        self.data.config.gas
    }

    fn guards(&self, profile: Option<&str>, policy: &Policy, targets: &[Target]) -> Result<PlanGuards, GuardError> {
        match self.guards {
            Some(g) => g.plan_guards(profile, policy, targets),
            None => Ok(PlanGuards::default()),
        }
    }
}
