//! Plans a deposit against a LIVE router over JSON-RPC, as its `deposit` would: its targets
//! (`get_targets`), the profile (`get_profiles`) or the account's stored policy
//! (`get_account_policy`), its configuration (`get_config`: minimum, costs, gas schedule, fee),
//! whether the beneficiary's staking proxy exists (`get_proxy`), and for a guarded profile the
//! observations its guards need (`get_profile_guards`, `validators`, `get_depeg_bands`).

use crate::jsonrpc::Rpc;
use router_core::{
    plan_deposit, AccountId, DepegBand, GuardOptions, Observed, PlanGuards, PlanLimits, Policy, Profile, SplitPlan,
    Target, Yocto,
};
use serde_json::{json, Value};

/// How a deposit picks its policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Routing {
    /// A named profile of the router.
    Profile(String),
    /// An explicit policy.
    Policy(Policy),
    /// The depositor's policy stored on the router (`set_account_policy`).
    Stored,
}

impl Routing {
    /// The `deposit` (and `preview_deposit`) arguments that choose this routing.
    pub fn deposit_args(&self) -> Value {
        match self {
            Routing::Profile(name) => json!({ "profile": name }),
            Routing::Policy(policy) => json!({ "policy": policy }),
            Routing::Stored => json!({}),
        }
    }
}

/// A plan made from the router's live state.
#[derive(Clone, Debug)]
pub struct LivePlan {
    /// The plan `deposit` would execute now.
    pub plan: SplitPlan,
    /// The policy it routes by.
    pub policy: Policy,
    /// Where the policy came from, in words.
    pub source: String,
    /// The router's allow-list, as read.
    pub targets: Vec<Target>,
}

/// The fee a deposit pays: the configured one only when a treasury is set (as the router does).
fn effective_fee_bps(config: &Value) -> u16 {
    if config["treasury_id"].is_string() {
        config["deposit_fee_bps"].as_u64().unwrap_or(0) as u16
    } else {
        0
    }
}

fn field<T: serde::de::DeserializeOwned>(config: &Value, name: &str) -> Result<T, String> {
    serde_json::from_value(config[name].clone()).map_err(|e| format!("get_config: `{name}`: {e}"))
}

/// The guards `deposit` would apply for `options` over `policy`, from what RPC shows.
fn guards(
    rpc: &Rpc,
    router: &AccountId,
    options: GuardOptions,
    policy: &Policy,
    targets: &[Target],
) -> Result<PlanGuards, String> {
    let validators = match options.max_validator_network_share_bps {
        Some(_) => rpc.validators()?,
        None => Vec::new(),
    };
    let bands: Vec<(AccountId, DepegBand)> = match options.skip_out_of_band_liquid {
        true => rpc.view_as(router, "get_depeg_bands", json!({}))?,
        false => Vec::new(),
    };
    let is_validator = |id: &AccountId| targets.iter().any(|t| &t.account_id == id && t.kind.is_validator());
    let mut observed = Observed { validators: &validators, depeg_bands: &bands };
    Ok(router_core::read_guards(options, policy, is_validator, &mut observed))
}

/// Plans `amount` deposited by `account` (also the beneficiary) through `router` by `routing`.
pub fn plan_live(
    rpc: &Rpc,
    router: &AccountId,
    account: &AccountId,
    amount: u128,
    routing: &Routing,
) -> Result<LivePlan, String> {
    let targets: Vec<Target> = rpc.view_as(router, "get_targets", json!({}))?;
    let config = rpc.view(router, "get_config", json!({}))?;
    let (policy, source, options) = match routing {
        Routing::Profile(name) => {
            let profiles: Vec<Profile> = rpc.view_as(router, "get_profiles", json!({}))?;
            let profile = profiles.iter().find(|p| &p.name == name).ok_or_else(|| {
                let names: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
                format!("{router} has no profile `{name}` (it has: {})", names.join(", "))
            })?;
            let policy = profile.allocation.resolve(&targets).map_err(|e| format!("profile `{name}`: {e}"))?;
            let options: GuardOptions = rpc.view_as(router, "get_profile_guards", json!({ "name": name }))?;
            (policy, format!("the router's `{name}` profile ({})", profile.description), options)
        }
        Routing::Policy(policy) => (policy.clone(), "the policy given".to_string(), GuardOptions::default()),
        Routing::Stored => {
            let stored: Option<Policy> = rpc.view_as(router, "get_account_policy", json!({ "account_id": account }))?;
            let policy = stored.ok_or_else(|| {
                format!("{account} has no policy stored on {router}: give --profile or --policy, or store one with set_account_policy")
            })?;
            (policy, format!("the policy {account} stored on the router"), GuardOptions::default())
        }
    };
    let proxy = rpc.view(router, "get_proxy", json!({ "beneficiary_id": account }))?;
    let limits = PlanLimits {
        min_deposit: field::<Yocto>(&config, "min_deposit")?,
        proxy_exists: proxy["exists"] == true,
        costs: field(&config, "costs")?,
        gas: field(&config, "gas")?,
        deposit_fee_bps: effective_fee_bps(&config),
        guards: guards(rpc, router, options, &policy, &targets)?,
    };
    let plan = plan_deposit(amount, &policy, &targets, &limits).map_err(|e| format!("the router would refuse: {e}"))?;
    Ok(LivePlan { plan, policy, source, targets })
}
