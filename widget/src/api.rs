//! The functions the JS package exports (besides the widget itself).

use crate::data::{Load, RouterConfigView, RouterData};
use crate::guards::GuardData;
use crate::input::{plan_inputs, Choice, DepositArgs, Inputs, Planned};
use crate::strings::{Strings, S};
use crate::tx::deposit_transaction;
use crate::widget::{self, WidgetHandle};
use router_core::{AccountId, DepegBand, GuardOptions, Policy, Profile, SplitPlan, Target, Yocto};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Mounts the widget inside `element` with `config` (see the `config` module for its keys).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, config: JsValue) -> Result<WidgetHandle, JsError> {
    widget::mount(element, config)
}

/// [`mount`], with the router's first views already being read: `early` is a promise of the
/// JSON-RPC answers to `get_targets`, `get_profiles` and `get_config`, or of `null`. The
/// package's `index.js` and custom element start that read while the module downloads
/// (`js/prefetch.js`).
#[wasm_bindgen(js_name = mountWithViews)]
pub fn mount_with_views(
    element: web_sys::Element,
    config: JsValue,
    early: Option<js_sys::Promise>,
) -> Result<WidgetHandle, JsError> {
    widget::mount_with_views(element, config, early)
}

/// What [`preview`] takes: the router's views as JSON, and the deposit.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PreviewInput {
    /// NEAR as a person types it, e.g. `"12.5"`.
    amount: String,
    profile: Option<String>,
    policy: Option<Policy>,
    targets: Vec<Target>,
    profiles: Vec<Profile>,
    config: RouterConfigView,
    #[serde(default)]
    proxy_exists: bool,
    router_id: AccountId,
    account_id: Option<AccountId>,
    /// What the caller read for the profile's guards; without it the plan has no guards.
    #[serde(default)]
    guards: Option<GuardReadsInput>,
}

/// The reads a profile's guards need, as the widget makes them: `get_profile_guards(profile)`,
/// RPC `validators`' `current_validators` as `[account, stake]` pairs, `get_depeg_bands`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GuardReadsInput {
    options: GuardOptions,
    #[serde(default)]
    validators: Vec<(AccountId, Yocto)>,
    #[serde(default)]
    depeg_bands: Vec<(AccountId, DepegBand)>,
    #[serde(default)]
    market_watches: Vec<(AccountId, router_core::market::MarketWatch)>,
}

impl GuardReadsInput {
    fn into_data(self, profile: &str) -> GuardData {
        let mut data = GuardData::new(0);
        data.options.insert(profile.to_string(), Load::Ready(self.options));
        data.validators = Load::Ready(self.validators.into_iter().map(|(a, s)| (a, s.0)).collect());
        data.bands = Load::Ready(self.depeg_bands);
        data.markets = self.market_watches;
        data
    }
}

#[derive(Serialize)]
struct PreviewOutput<'a> {
    plan: &'a SplitPlan,
    policy: &'a Policy,
    transaction: crate::tx::Transaction,
}

/// Plans a deposit exactly as the widget does, without a page: `{ amount, profile | policy,
/// targets, profiles, config, proxyExists, routerId, accountId?, guards? }` (the views' JSON;
/// `guards: { options, validators: [[account, stake]], depegBands }` for a profile) ->
/// `{ plan, policy, transaction }`. Throws the same message the widget shows.
#[wasm_bindgen]
pub fn preview(input: JsValue) -> Result<JsValue, JsError> {
    let input: PreviewInput = serde_wasm_bindgen::from_value(input).map_err(|e| JsError::new(&e.to_string()))?;
    let data = RouterData { targets: input.targets, profiles: input.profiles, config: input.config };
    let guards = match (&input.profile, input.guards) {
        (Some(p), Some(g)) => Some(g.into_data(p)),
        _ => None,
    };
    let planned = match (input.profile, input.policy) {
        (Some(_), Some(_)) => return Err(JsError::new("give a profile or a policy, not both")),
        (None, None) => return Err(JsError::new("give a profile or a policy")),
        (Some(p), None) => plan(
            &input.amount,
            &Choice::Profile(p),
            &data,
            &input.router_id,
            input.account_id.as_ref(),
            input.proxy_exists,
            guards.as_ref(),
        )?,
        (None, Some(policy)) => {
            if let Some(leg) = policy.legs.iter().find(|l| l.bps == 0) {
                let e = router_core::PolicyError::ZeroShare { target: leg.target.clone() };
                return Err(JsError::new(&e.to_string()));
            }
            let shares = policy.legs.iter().map(|l| (l.target.clone(), l.bps.to_string())).collect();
            let mut p = plan(
                &input.amount,
                &Choice::Custom(shares),
                &data,
                &input.router_id,
                input.account_id.as_ref(),
                input.proxy_exists,
                None,
            )?;
            // Keep the caller's leg order and shape exactly.
            p.args = DepositArgs::Policy(policy);
            p
        }
    };
    let out = PreviewOutput {
        plan: &planned.plan,
        policy: &planned.policy,
        transaction: deposit_transaction(&input.router_id, &planned),
    };
    out.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

fn plan(
    amount: &str,
    choice: &Choice,
    data: &RouterData,
    router: &AccountId,
    account: Option<&AccountId>,
    proxy_exists: bool,
    guards: Option<&GuardData>,
) -> Result<Planned, JsError> {
    let inputs = Inputs {
        amount_text: amount,
        choice,
        data,
        router_id: router,
        account,
        proxy_exists,
        available: None,
        guards,
        stored: None,
    };
    plan_inputs(inputs).map_err(|e| JsError::new(&e.message(&Strings::default()).0))
}

/// NEAR as typed (`"1.5"`) -> exact yoctoNEAR as a decimal string; throws on bad input.
#[wasm_bindgen(js_name = parseNear)]
pub fn parse_near(text: &str) -> Result<String, JsError> {
    router_core::parse_near(text).map(|y| y.to_string()).map_err(|e| JsError::new(&e.to_string()))
}

/// yoctoNEAR as a decimal string -> NEAR with every significant decimal.
#[wasm_bindgen(js_name = formatNear)]
pub fn format_near(yocto: &str) -> Result<String, JsError> {
    router_core::amount::parse_decimal(yocto).map(router_core::format_near).map_err(JsError::new)
}

/// Every string key and its English text, for sites translating the widget.
#[wasm_bindgen(js_name = defaultStrings)]
pub fn default_strings() -> JsValue {
    let obj = js_sys::Object::new();
    for s in S::ALL {
        let _ = js_sys::Reflect::set(&obj, &s.key().into(), &s.english().into());
    }
    obj.into()
}
