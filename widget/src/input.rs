//! From what a person typed to the exact plan, with the router's own checks in its order.
//!
//! Nothing here computes a split: [`plan_inputs`] resolves the policy with
//! `Allocation::resolve` and plans with `router_core::plan_deposit`, the code the contract
//! runs. It only adds the checks the contract makes around the planner (pause, beneficiary,
//! proxy code) and one the contract cannot make (the wallet's balance).

use crate::data::RouterData;
use crate::guards::{GuardData, GuardError, GuardRead};
use crate::strings::{Strings, S};
use router_core::naming::beneficiary_allowed;
use router_core::{
    format_near, parse_near, AccountId, AmountError, Leg, PlanError, PlanGuards, Policy, SplitPlan, BPS_TOTAL,
};

/// How the person wants the deposit split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// A named profile of the router.
    Profile(String),
    /// An explicit split: basis points per target as typed (empty means 0), in target order.
    Custom(Vec<(AccountId, String)>),
}

/// Which deposit arguments the transaction carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepositArgs {
    /// `{"profile": name}`: the router resolves the profile itself.
    Profile(String),
    /// `{"policy": {...}}`: an explicit split.
    Policy(Policy),
}

/// A deposit ready to send: the amount, its arguments and the plan the router will execute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// The deposit in yoctoNEAR.
    pub amount: u128,
    /// What `deposit` is called with.
    pub args: DepositArgs,
    /// The concrete policy the plan was made with.
    pub policy: Policy,
    /// `router_core::plan_deposit`'s answer.
    pub plan: SplitPlan,
    /// The guards it was planned with (the router's, for a profile; none for a custom split).
    pub guards: PlanGuards,
}

/// Why the inputs cannot be deposited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// The amount text is not an amount.
    Amount(AmountError),
    /// A custom split share that is not a whole number of basis points.
    Bps { target: AccountId },
    /// The profile is not on the router.
    UnknownProfile(String),
    /// The router is paused.
    Paused,
    /// The router refuses this beneficiary (the router itself, a proxy, a target).
    Beneficiary(AccountId),
    /// The planner refused (its own message).
    Plan(PlanError),
    /// The plan creates a proxy but the router has no proxy code.
    NoProxyCode,
    /// More than the connected account can attach.
    AboveBalance { available: u128 },
    /// The profile's guards are not known yet, or could not be read.
    Guards(GuardError),
}

impl InputError {
    /// Whether the amount field is the thing to fix (to mark it `aria-invalid`).
    pub fn is_about_amount(&self) -> bool {
        match self {
            InputError::Amount(_) | InputError::AboveBalance { .. } => true,
            InputError::Plan(e) => !matches!(
                e,
                PlanError::Policy(_)
                    | PlanError::ShareCapExceeded { .. }
                    | PlanError::GasAboveProtocolLimit { .. }
                    | PlanError::AllTargetsGuarded
            ),
            _ => false,
        }
    }

    /// The message, and a hint in NEAR where the planner speaks in yoctoNEAR.
    pub fn message(&self, s: &Strings) -> (String, Option<String>) {
        let near = |y: u128| format_near(y);
        match self {
            InputError::Amount(e) => (
                s.get(match e {
                    AmountError::Empty => S::ErrEmpty,
                    AmountError::NotANumber => S::ErrNotANumber,
                    AmountError::TooManyDecimals => S::ErrTooManyDecimals,
                    AmountError::TooLarge => S::ErrTooLarge,
                })
                .to_string(),
                None,
            ),
            InputError::Bps { target } => (s.fill(S::ErrBps, &[("target", target.as_str())]), None),
            InputError::UnknownProfile(p) => (s.fill(S::ErrNoProfile, &[("profile", p)]), None),
            InputError::Paused => (s.get(S::ErrPaused).to_string(), None),
            InputError::Beneficiary(a) => (s.fill(S::ErrBeneficiary, &[("account", a.as_str())]), None),
            InputError::NoProxyCode => (s.get(S::ErrNoProxyCode).to_string(), None),
            InputError::AboveBalance { available } => {
                (s.fill(S::ErrAboveBalance, &[("balance", &near(*available))]), None)
            }
            InputError::Guards(GuardError::Loading) => (s.get(S::GuardsLoading).to_string(), None),
            InputError::Guards(GuardError::Failed { read, error }) => {
                let key = match read {
                    GuardRead::Options => S::GuardsFailedOptions,
                    GuardRead::Validators => S::GuardsFailedValidators,
                    GuardRead::DepegBands => S::GuardsFailedBands,
                };
                (s.fill(key, &[("error", error)]), None)
            }
            InputError::Plan(PlanError::ZeroDeposit) => (s.get(S::ErrZero).to_string(), None),
            InputError::Plan(e) => {
                let hint = match e {
                    PlanError::BelowMinimumDeposit { minimum, .. } => {
                        Some(s.fill(S::HintMinimum, &[("amount", &near(*minimum))]))
                    }
                    PlanError::NothingLeftToStake { smallest_workable_deposit: Some(m) } => {
                        Some(s.fill(S::HintMinimum, &[("amount", &near(*m))]))
                    }
                    PlanError::InsufficientForCosts { costs, .. } => {
                        Some(s.fill(S::HintCosts, &[("amount", &near(*costs))]))
                    }
                    _ => None,
                };
                (capitalise(&e.to_string()), hint)
            }
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => String::new(),
    }
}

/// Everything [`plan_inputs`] looks at.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    /// The amount as typed, in NEAR.
    pub amount_text: &'a str,
    /// Profile or custom split.
    pub choice: &'a Choice,
    /// The router's views.
    pub data: &'a RouterData,
    /// The router's account id.
    pub router_id: &'a AccountId,
    /// The connected account (the beneficiary), if any.
    pub account: Option<&'a AccountId>,
    /// Whether the beneficiary's proxy exists (false without an account: a first deposit).
    pub proxy_exists: bool,
    /// What the account can attach, when known.
    pub available: Option<u128>,
    /// What was read for the profile's guards; `None` plans without guards (a caller that has
    /// no RPC, e.g. `api::preview` without `guards`).
    pub guards: Option<&'a GuardData>,
}

/// Parses a custom split into a policy: empty shares are 0 and left out.
pub fn custom_policy(shares: &[(AccountId, String)]) -> Result<Policy, InputError> {
    let mut legs = Vec::new();
    for (target, text) in shares {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let bps = text
            .parse::<u16>()
            .ok()
            .filter(|b| *b <= BPS_TOTAL && text.bytes().all(|c| c.is_ascii_digit()))
            .ok_or_else(|| InputError::Bps { target: target.clone() })?;
        if bps > 0 {
            legs.push(Leg { target: target.clone(), bps });
        }
    }
    Ok(Policy { legs })
}

/// The sum of a custom split's valid shares (for the running total).
pub fn custom_total(shares: &[(AccountId, String)]) -> u32 {
    shares.iter().filter_map(|(_, t)| t.trim().parse::<u16>().ok()).map(u32::from).sum()
}

/// Plans the deposit the inputs describe, exactly as the router's `deposit` would now.
pub fn plan_inputs(inp: Inputs<'_>) -> Result<Planned, InputError> {
    let amount = parse_near(inp.amount_text).map_err(InputError::Amount)?;
    if inp.data.config.paused {
        return Err(InputError::Paused);
    }
    if let Some(account) = inp.account {
        if !beneficiary_allowed(inp.router_id, account, |b| inp.data.target(b).is_some()) {
            return Err(InputError::Beneficiary(account.clone()));
        }
    }
    let (policy, args, profile) = match inp.choice {
        Choice::Profile(name) => {
            let profile = inp.data.profile(name).ok_or_else(|| InputError::UnknownProfile(name.clone()))?;
            let policy = profile.allocation.resolve(&inp.data.targets).map_err(|e| InputError::Plan(e.into()))?;
            (policy, DepositArgs::Profile(name.clone()), Some(name.as_str()))
        }
        Choice::Custom(shares) => {
            let policy = custom_policy(shares)?;
            (policy.clone(), DepositArgs::Policy(policy), None)
        }
    };
    let guards = match inp.guards {
        Some(g) => g.plan_guards(profile, &policy, &inp.data.targets).map_err(InputError::Guards)?,
        None => PlanGuards::default(),
    };
    let limits = inp.data.limits_guarded(inp.proxy_exists, guards.clone());
    let plan = router_core::plan_deposit(amount, &policy, &inp.data.targets, &limits).map_err(InputError::Plan)?;
    if plan.creates_proxy && inp.data.config.proxy_code_hash.is_none() {
        return Err(InputError::NoProxyCode);
    }
    if let Some(available) = inp.available {
        if amount > available {
            return Err(InputError::AboveBalance { available });
        }
    }
    Ok(Planned { amount, args, policy, plan, guards })
}
