//! Plans a deposit against a LIVE router over JSON-RPC, as its `deposit` would: its targets
//! (`get_targets`), the profile (`get_profiles`) or the account's stored policy
//! (`get_account_policy`), its configuration (`get_config`: minimum, costs, gas schedule, fee),
//! whether the beneficiary's staking proxy exists (`get_proxy`), and for a guarded profile the
//! observations its guards need (`get_profile_guards`, `validators`, `get_depeg_bands`).

use crate::jsonrpc::Rpc;
use router_core::deposit_check::{
    check_deposit, DepositRefusal, DepositRequest, PolicySource, Purpose, RouterSnapshot,
};
use router_core::guards::DepegBands;
use router_core::market::MarketWatches;
use router_core::views::{ProxyInfo, RouterConfigView, TargetView};
use router_core::{
    AccountId, CostSchedule, GasSchedule, GuardOptions, Observed, PlanGuards, Policy, Profile, SplitPlan, Target,
};
use serde_json::{json, Value};
use std::borrow::Cow;

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

/// The router as JSON-RPC shows it, for `router_core::deposit_check`: the checks and the plan
/// of the router's own `deposit`, over its views. Guard observations are read only when the
/// profile's guards need them.
struct LiveRouter<'a> {
    rpc: &'a Rpc,
    router: &'a AccountId,
    config: RouterConfigView,
    targets: Vec<Target>,
    profiles: Vec<Profile>,
    stored: Option<Policy>,
    proxy_exists: bool,
}

impl RouterSnapshot for LiveRouter<'_> {
    type GuardsUnavailable = String;

    fn router_id(&self) -> AccountId {
        self.router.clone()
    }

    fn paused(&self) -> bool {
        self.config.paused
    }

    fn is_target(&self, account: &AccountId) -> bool {
        self.targets.iter().any(|t| &t.account_id == account)
    }

    fn targets(&self) -> Cow<'_, [Target]> {
        Cow::Borrowed(&self.targets)
    }

    fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    fn stored_policy(&self, _: &AccountId) -> Option<&Policy> {
        self.stored.as_ref()
    }

    fn proxy_exists(&self, _: Option<&AccountId>) -> bool {
        self.proxy_exists
    }

    fn proxy_code_set(&self) -> bool {
        self.config.proxy_code_hash.is_some()
    }

    fn min_deposit(&self) -> u128 {
        self.config.min_deposit.0
    }

    /// The configured fee only while a treasury is set, as the router charges it.
    fn deposit_fee_bps(&self) -> u16 {
        if self.config.treasury_id.is_some() {
            self.config.deposit_fee_bps
        } else {
            0
        }
    }

    fn costs(&self) -> CostSchedule {
        self.config.costs
    }

    fn gas(&self) -> GasSchedule {
        self.config.gas
    }

    /// The profile's guards, from `get_profile_guards`, `validators` and `get_depeg_bands`
    /// (explicit and stored policies are not guarded).
    fn guards(&self, profile: Option<&str>, policy: &Policy, targets: &[Target]) -> Result<PlanGuards, String> {
        let Some(name) = profile else { return Ok(PlanGuards::default()) };
        let options: GuardOptions = self.rpc.view_as(self.router, "get_profile_guards", json!({ "name": name }))?;
        let validators = match options.max_validator_network_share_bps {
            Some(_) => self.rpc.validators()?,
            None => Vec::new(),
        };
        let (mut bands, mut markets): (DepegBands, MarketWatches) = Default::default();
        if options.skip_out_of_band_liquid {
            bands = self.rpc.view_as(self.router, "get_depeg_bands", json!({}))?;
            // A router built before market watches has none.
            markets = match self.rpc.view_as(self.router, "get_market_watches", json!({})) {
                Err(e) if e.contains("MethodNotFound") => Vec::new(),
                other => other?,
            };
        }
        let is_validator = |id: &AccountId| targets.iter().any(|t| &t.account_id == id && t.kind.is_validator());
        let mut observed = Observed { validators: &validators, depeg_bands: &bands, market_watches: &markets };
        Ok(router_core::read_guards(options, policy, is_validator, &mut observed))
    }
}

/// Plans `amount` deposited by `account` (also the beneficiary) through `router` by `routing`,
/// with the checks the router's `deposit` runs (paused, beneficiary, policy, guards, limits,
/// proxy code), in its order.
pub fn plan_live(
    rpc: &Rpc,
    router: &AccountId,
    account: &AccountId,
    amount: u128,
    routing: &Routing,
) -> Result<LivePlan, String> {
    let views: Vec<TargetView> = rpc.view_as(router, "get_targets", json!({}))?;
    let live = LiveRouter {
        rpc,
        router,
        config: rpc.view_as(router, "get_config", json!({}))?,
        targets: views.into_iter().map(|v| v.target).collect(),
        profiles: match routing {
            Routing::Profile(_) => rpc.view_as(router, "get_profiles", json!({}))?,
            _ => Vec::new(),
        },
        stored: match routing {
            Routing::Stored => rpc.view_as(router, "get_account_policy", json!({ "account_id": account }))?,
            _ => None,
        },
        proxy_exists: rpc.view_as::<ProxyInfo>(router, "get_proxy", json!({ "beneficiary_id": account }))?.exists,
    };
    let (profile, policy) = match routing {
        Routing::Profile(name) => (Some(name.as_str()), None),
        Routing::Policy(policy) => (None, Some(policy.clone())),
        Routing::Stored => (None, None),
    };
    let request = DepositRequest {
        amount,
        depositor: Some(account),
        beneficiary: Some(account),
        profile,
        policy,
        purpose: Purpose::Deposit { prepaid_gas: None },
    };
    let checked = check_deposit(&live, request).map_err(|refusal| match refusal {
        DepositRefusal::UnknownProfile(name) => {
            let names: Vec<&str> = live.profiles.iter().map(|p| p.name.as_str()).collect();
            format!("{router} has no profile `{name}` (it has: {})", names.join(", "))
        }
        DepositRefusal::NoPolicy => format!(
            "{account} has no policy stored on {router}: give --profile or --policy, or store one with set_account_policy"
        ),
        refusal => format!("the router would refuse: {refusal}"),
    })?;
    let source = match &checked.source {
        PolicySource::Profile(name) => {
            let description = live.profile(name).map(|p| p.description.as_str()).unwrap_or_default();
            format!("the router's `{name}` profile ({description})")
        }
        PolicySource::Explicit => "the policy given".to_string(),
        PolicySource::Stored => format!("the policy {account} stored on the router"),
    };
    Ok(LivePlan { plan: checked.plan, policy: checked.policy, source, targets: live.targets })
}
