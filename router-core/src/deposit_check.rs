//! The checks around the planner, defined once: from a deposit request and what the router
//! holds now to the plan `deposit` executes, or the refusal it panics with.
//!
//! The router's `deposit` and `preview_deposit` run [`check_deposit`] over its storage, and
//! the widget runs it over the views it read by RPC, so both refuse the same input with the
//! same reason, in the same order:
//!
//! 1. the router is paused ([`Purpose::Deposit`] only);
//! 2. the beneficiary is the router, a proxy-shaped sub-account or a target;
//! 3. the policy: a profile name *or* an explicit policy (not both), else the depositor's
//!    stored policy; an unknown profile, or one that resolves to no valid policy, is refused;
//! 4. the profile's guards (the snapshot may not have what they need yet);
//! 5. `router_core::plan_deposit`;
//! 6. the prepaid gas against the plan's `gas_required` (when the request carries it);
//! 7. a plan that creates a proxy needs the proxy code hash ([`Purpose::Deposit`] only).

use crate::costs::CostSchedule;
use crate::error::PlanError;
use crate::gas::{GasSchedule, TGAS};
use crate::guards::PlanGuards;
use crate::limits::PlanLimits;
use crate::naming::beneficiary_allowed;
use crate::plan::{plan_deposit, SplitPlan};
use crate::policy::Policy;
use crate::profile::Profile;
use crate::target::Target;
use crate::AccountId;
use std::borrow::Cow;

/// Deposits are paused.
pub const ERR_PAUSED: &str = "The router is paused: deposits are off (exits and claims still work)";
/// Both a profile name and an explicit policy were given.
pub const ERR_PROFILE_AND_POLICY: &str = "Give either a profile name or an explicit policy, not both";
/// Neither was given and the depositor stored no policy.
pub const ERR_NO_POLICY: &str = "No profile or policy given and the caller has no stored policy";
/// The profile name is not on the router (the message goes on with `: <name>`).
pub const ERR_UNKNOWN_PROFILE: &str = "Unknown profile";
/// The beneficiary may not receive a deposit.
pub const ERR_BAD_BENEFICIARY: &str = "The beneficiary may not be the router, a staking proxy or a staking target";
/// Less prepaid gas than the plan needs (the message goes on with the figures).
pub const ERR_NOT_ENOUGH_GAS: &str = "Not enough prepaid gas for this split";
/// A first direct deposit before the proxy code hash is set.
pub const ERR_NO_PROXY_CODE: &str = "Direct staking is not available yet: the proxy code hash is not set";

/// What the router holds now, as far as a deposit's checks read it. The contract implements it
/// over its storage (each read only when a check needs it), the widget over its RPC views.
pub trait RouterSnapshot {
    /// Why the guards of a profile cannot be computed yet (the widget: a read still missing);
    /// `core::convert::Infallible` when they always can (the contract reads them on chain).
    type GuardsUnavailable;

    /// The router's account id.
    fn router_id(&self) -> AccountId;
    /// Whether deposits are paused.
    fn paused(&self) -> bool;
    /// Whether `account` is on the allow-list.
    fn is_target(&self, account: &AccountId) -> bool;
    /// The allow-list, in its order.
    fn targets(&self) -> Cow<'_, [Target]>;
    /// The named profile.
    fn profile(&self, name: &str) -> Option<&Profile>;
    /// The policy `account` stored for its own deposits.
    fn stored_policy(&self, account: &AccountId) -> Option<&Policy>;
    /// Whether the proxy of `beneficiary` exists (`None`: not known yet, e.g. no wallet).
    fn proxy_exists(&self, beneficiary: Option<&AccountId>) -> bool;
    /// Whether the proxy code hash is set (so a proxy can be created).
    fn proxy_code_set(&self) -> bool;
    /// The smallest deposit accepted (yoctoNEAR).
    fn min_deposit(&self) -> u128;
    /// The deposit fee the planner applies now (bps; 0 without a treasury).
    fn deposit_fee_bps(&self) -> u16;
    /// The one-off cost schedule (the router's constant unless a view reported another).
    fn costs(&self) -> CostSchedule {
        CostSchedule::DEFAULT
    }
    /// The gas schedule (the router's constant unless a view reported another).
    fn gas(&self) -> GasSchedule {
        GasSchedule::DEFAULT
    }
    /// The guards of a deposit by `profile` (`None`: an explicit or stored policy, unguarded)
    /// over `policy`.
    fn guards(
        &self,
        profile: Option<&str>,
        policy: &Policy,
        targets: &[Target],
    ) -> Result<PlanGuards, Self::GuardsUnavailable>;
}

/// Which call the checks are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `deposit` (or the widget about to ask for one): every check. `prepaid_gas` is checked
    /// against the plan when given (the widget asks the wallet for the plan's figure instead).
    Deposit {
        /// The call's prepaid gas.
        prepaid_gas: Option<u64>,
    },
    /// The `preview_deposit` view: the plan as it would be, quoted even while the router is
    /// paused or before the proxy code is set.
    Preview,
}

/// A deposit to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepositRequest<'a> {
    /// The attached NEAR (yoctoNEAR).
    pub amount: u128,
    /// Who pays (whose stored policy applies); `None` when not known.
    pub depositor: Option<&'a AccountId>,
    /// Who receives the stake; `None` when not known yet (its check is then skipped).
    pub beneficiary: Option<&'a AccountId>,
    /// A profile name.
    pub profile: Option<&'a str>,
    /// An explicit policy.
    pub policy: Option<Policy>,
    /// Which call this is.
    pub purpose: Purpose,
}

/// Where a deposit's policy came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicySource {
    /// A named profile.
    Profile(String),
    /// An explicit policy in the call.
    Explicit,
    /// The depositor's stored policy.
    Stored,
}

impl core::fmt::Display for PolicySource {
    /// `profile:<name>`, `explicit` or `stored` (the `deposit_accepted` event's `source`).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            PolicySource::Profile(name) => write!(f, "profile:{name}"),
            PolicySource::Explicit => f.write_str("explicit"),
            PolicySource::Stored => f.write_str("stored"),
        }
    }
}

/// A deposit that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedDeposit {
    /// The plan to execute.
    pub plan: SplitPlan,
    /// Where its policy came from.
    pub source: PolicySource,
    /// The concrete policy it was planned with.
    pub policy: Policy,
    /// The guards it was planned with.
    pub guards: PlanGuards,
}

/// Why a deposit is refused. `Display` gives the router's exact panic message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepositRefusal<G = core::convert::Infallible> {
    /// [`ERR_PAUSED`].
    Paused,
    /// [`ERR_BAD_BENEFICIARY`], for this beneficiary.
    BadBeneficiary(AccountId),
    /// [`ERR_PROFILE_AND_POLICY`].
    ProfileAndPolicy,
    /// [`ERR_NO_POLICY`].
    NoPolicy,
    /// [`ERR_UNKNOWN_PROFILE`], for this name.
    UnknownProfile(String),
    /// The profile did not resolve, or the planner refused (its own message).
    Plan(PlanError),
    /// [`ERR_NOT_ENOUGH_GAS`], with the figures.
    NotEnoughGas {
        /// The plan's `gas_required`.
        required: u64,
        /// The call's prepaid gas.
        prepaid: u64,
    },
    /// [`ERR_NO_PROXY_CODE`].
    NoProxyCode,
    /// The snapshot cannot compute the profile's guards yet.
    GuardsUnavailable(G),
}

impl<G: core::fmt::Display> core::fmt::Display for DepositRefusal<G> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            DepositRefusal::Paused => f.write_str(ERR_PAUSED),
            DepositRefusal::BadBeneficiary(_) => f.write_str(ERR_BAD_BENEFICIARY),
            DepositRefusal::ProfileAndPolicy => f.write_str(ERR_PROFILE_AND_POLICY),
            DepositRefusal::NoPolicy => f.write_str(ERR_NO_POLICY),
            DepositRefusal::UnknownProfile(name) => write!(f, "{ERR_UNKNOWN_PROFILE}: {name}"),
            DepositRefusal::Plan(e) => write!(f, "{e}"),
            DepositRefusal::NotEnoughGas { required, prepaid } => write!(
                f,
                "{ERR_NOT_ENOUGH_GAS}: attach at least {required} gas ({} TGas), got {prepaid}",
                required.div_ceil(TGAS)
            ),
            DepositRefusal::NoProxyCode => f.write_str(ERR_NO_PROXY_CODE),
            DepositRefusal::GuardsUnavailable(g) => write!(f, "{g}"),
        }
    }
}

/// Checks 1 and 2 (pause, beneficiary): what holds whatever the amount and the policy. The
/// widget runs them before parsing a custom split, as [`check_deposit`] does.
pub fn check_open<S: RouterSnapshot + ?Sized>(
    snapshot: &S,
    request: &DepositRequest<'_>,
) -> Result<(), DepositRefusal<S::GuardsUnavailable>> {
    if matches!(request.purpose, Purpose::Deposit { .. }) && snapshot.paused() {
        return Err(DepositRefusal::Paused);
    }
    if let Some(beneficiary) = request.beneficiary {
        if !beneficiary_allowed(&snapshot.router_id(), beneficiary, |b| snapshot.is_target(b)) {
            return Err(DepositRefusal::BadBeneficiary(beneficiary.clone()));
        }
    }
    Ok(())
}

/// Runs every check of `request` against `snapshot`, in the module's order, and plans it.
pub fn check_deposit<S: RouterSnapshot + ?Sized>(
    snapshot: &S,
    request: DepositRequest<'_>,
) -> Result<CheckedDeposit, DepositRefusal<S::GuardsUnavailable>> {
    check_open(snapshot, &request)?;
    let targets = snapshot.targets();
    let (policy, source) = match (request.profile, request.policy) {
        (Some(_), Some(_)) => return Err(DepositRefusal::ProfileAndPolicy),
        (Some(name), None) => {
            let profile = snapshot.profile(name).ok_or_else(|| DepositRefusal::UnknownProfile(name.to_string()))?;
            let policy = profile.allocation.resolve(&targets).map_err(|e| DepositRefusal::Plan(e.into()))?;
            (policy, PolicySource::Profile(name.to_string()))
        }
        (None, Some(policy)) => (policy, PolicySource::Explicit),
        (None, None) => {
            let stored = request.depositor.and_then(|d| snapshot.stored_policy(d)).ok_or(DepositRefusal::NoPolicy)?;
            (stored.clone(), PolicySource::Stored)
        }
    };
    let guards = snapshot.guards(request.profile, &policy, &targets).map_err(DepositRefusal::GuardsUnavailable)?;
    let limits = PlanLimits::new(snapshot.min_deposit(), snapshot.proxy_exists(request.beneficiary))
        .with_costs(snapshot.costs())
        .with_gas(snapshot.gas())
        .with_fee(snapshot.deposit_fee_bps())
        .with_guards(guards);
    let plan = plan_deposit(request.amount, &policy, &targets, &limits).map_err(DepositRefusal::Plan)?;
    if let Purpose::Deposit { prepaid_gas } = request.purpose {
        if let Some(prepaid) = prepaid_gas.filter(|&p| p < plan.gas_required) {
            return Err(DepositRefusal::NotEnoughGas { required: plan.gas_required, prepaid });
        }
        if plan.creates_proxy && !snapshot.proxy_code_set() {
            return Err(DepositRefusal::NoProxyCode);
        }
    }
    Ok(CheckedDeposit { plan, source, policy, guards: limits.guards })
}

#[cfg(test)]
mod tests;
