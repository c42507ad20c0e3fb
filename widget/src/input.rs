//! From what a person typed to the exact plan, with the router's own checks in its order.
//!
//! Nothing here computes a split or repeats the router's checks: [`plan_inputs`] runs
//! `router_core::deposit_check` (pause, beneficiary, policy, guards, `plan_deposit`, proxy
//! code: the code the contract's `deposit` runs) over the loaded views, and adds one check the
//! contract cannot make (the wallet's balance).

use crate::data::RouterData;
use crate::guards::{GuardData, GuardError, GuardRead};
use crate::snapshot::Snapshot;
use crate::strings::{Strings, S};
use router_core::deposit_check::{
    check_deposit, check_open, DepositRefusal, DepositRequest, Purpose, ERR_NO_POLICY, ERR_PROFILE_AND_POLICY,
};
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
    /// The policy the account stored on the router (`set_account_policy`, e.g. a DAO's): the
    /// deposit names neither a profile nor a policy and the router applies it.
    Stored,
}

/// Which deposit arguments the transaction carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepositArgs {
    /// `{"profile": name}`: the router resolves the profile itself.
    Profile(String),
    /// `{"policy": {...}}`: an explicit split.
    Policy(Policy),
    /// `{}`: the depositor's stored policy.
    Stored,
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
    /// More than the connected account can attach: its balance less its storage and the gas
    /// the transaction takes up front (`State::max_deposit`).
    AboveBalance { available: u128 },
    /// The profile's guards are not known yet, or could not be read.
    Guards(GuardError),
    /// Another refusal of the router's checks, in the router's words.
    Router(String),
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

    /// The message, and a hint saying what to type.
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
            InputError::Router(message) => (message.clone(), None),
            InputError::AboveBalance { available } => {
                (s.fill(S::ErrAboveBalance, &[("balance", &router_core::format_near_display(*available))]), None)
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
                        Some(s.fill(S::HintMinimum, &[("amount", &router_core::format_near_at_least(*m))]))
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
    /// The most the account can attach, when known (`State::max_deposit`).
    pub available: Option<u128>,
    /// What was read for the profile's guards; `None` plans without guards (a caller that has
    /// no RPC, e.g. `api::preview` without `guards`).
    pub guards: Option<&'a GuardData>,
    /// The account's stored policy, when it has one (`get_account_policy`).
    pub stored: Option<&'a Policy>,
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

/// Plans the deposit the inputs describe, exactly as the router's `deposit` would now:
/// `router_core::deposit_check` over the views ([`Snapshot`]), then the wallet's balance.
pub fn plan_inputs(inp: Inputs<'_>) -> Result<Planned, InputError> {
    let amount = parse_near(inp.amount_text).map_err(InputError::Amount)?;
    let snapshot = Snapshot {
        data: inp.data,
        router_id: inp.router_id,
        proxy_exists: inp.proxy_exists,
        guards: inp.guards,
        stored: inp.stored,
    };
    let mut request = DepositRequest {
        amount,
        depositor: inp.account,
        beneficiary: inp.account,
        profile: None,
        policy: None,
        purpose: Purpose::Deposit { prepaid_gas: None },
    };
    // The router's first checks come before anything about the split, as in `deposit`.
    check_open(&snapshot, &request).map_err(InputError::from)?;
    let args = match inp.choice {
        Choice::Profile(name) => {
            request.profile = Some(name.as_str());
            DepositArgs::Profile(name.clone())
        }
        Choice::Custom(shares) => {
            let policy = custom_policy(shares)?;
            request.policy = Some(policy.clone());
            DepositArgs::Policy(policy)
        }
        Choice::Stored => DepositArgs::Stored,
    };
    let checked = check_deposit(&snapshot, request).map_err(InputError::from)?;
    if let Some(available) = inp.available {
        if amount > available {
            return Err(InputError::AboveBalance { available });
        }
    }
    Ok(Planned { amount, args, policy: checked.policy, plan: checked.plan, guards: checked.guards })
}

impl From<DepositRefusal<GuardError>> for InputError {
    fn from(refusal: DepositRefusal<GuardError>) -> Self {
        match refusal {
            DepositRefusal::Paused => InputError::Paused,
            DepositRefusal::BadBeneficiary(account) => InputError::Beneficiary(account),
            DepositRefusal::UnknownProfile(name) => InputError::UnknownProfile(name),
            DepositRefusal::Plan(e) => InputError::Plan(e),
            DepositRefusal::NoProxyCode => InputError::NoProxyCode,
            DepositRefusal::GuardsUnavailable(e) => InputError::Guards(e),
            // Not reachable from the widget's inputs (one choice, no prepaid gas); kept in
            // the router's words.
            DepositRefusal::ProfileAndPolicy => InputError::Router(ERR_PROFILE_AND_POLICY.into()),
            DepositRefusal::NoPolicy => InputError::Router(ERR_NO_POLICY.into()),
            DepositRefusal::NotEnoughGas { required, prepaid } => InputError::Router(
                DepositRefusal::<std::convert::Infallible>::NotEnoughGas { required, prepaid }.to_string(),
            ),
        }
    }
}
