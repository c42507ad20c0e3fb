//! A guarded profile in the page: the widget reads `get_profile_guards`, RPC `validators` and
//! `get_depeg_bands` from the stand-in node, shows exactly `plan_deposit`'s plan with the guards
//! the router would build, names why each guarded leg is left out, and says so when the RPC
//! cannot give what the guards need.

use crate::harness::*;
use js_sys::{Reflect, JSON};
use router_core::guards::network_share_bps;
use router_core::{plan_deposit, FoldReason, GuardOptions, PlanGuards};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const FIGMENT: &str = "figment.pool.test.near";
const ZAVODIL: &str = "zavodil.pool.test.near";
const META: &str = "meta-pool.test.near";

/// The fixtures with `balanced` guarded: validators above 20% of the network's stake are left
/// out (figment holds 30%), out-of-band LSTs skipped (meta-pool's last mint was).
fn guarded_stub() -> Stub {
    let fx = fixtures();
    let set = |k: &str, json: &str| Reflect::set(&fx, &k.into(), &JSON::parse(json).unwrap()).unwrap();
    set(
        "profile_guards",
        r#"{"balanced": {"max_validator_network_share_bps": 2000, "skip_out_of_band_liquid": true}}"#,
    );
    set(
        "validators",
        r#"[{"account_id": "figment.pool.test.near", "stake": "300000000000000000000000000000"},
            {"account_id": "zavodil.pool.test.near", "stake": "100000000000000000000000000000"},
            {"account_id": "other.pool.near", "stake": "600000000000000000000000000001"}]"#,
    );
    let stub = Stub::new(fx);
    let bands = r#"[["meta-pool.test.near", {"expected_price": "1000000000000000000000000", "tolerance_bps": 100,
        "last_price_out_of_band": true, "last_observed_price": "2000000000000000000000000"}],
        ["linear-protocol.test.near", {"expected_price": "1083000000000000000000000", "tolerance_bps": 100,
        "last_price_out_of_band": false, "last_observed_price": "0"}]]"#;
    stub.set_view("get_depeg_bands", Some(JSON::parse(bands).unwrap()));
    stub
}

/// The guards the router builds for `balanced` over these observations (written out here).
fn router_guards(policy: &router_core::Policy) -> PlanGuards {
    let total = 300_000 * router_core::ONE_NEAR + 100_000 * router_core::ONE_NEAR + 600_000 * router_core::ONE_NEAR + 1;
    let stake = |t: &str| match t {
        FIGMENT => 300_000 * router_core::ONE_NEAR,
        ZAVODIL => 100_000 * router_core::ONE_NEAR,
        _ => 0,
    };
    let validators = [FIGMENT, ZAVODIL, "aurora.pool.test.near", "paused.pool.test.near"];
    PlanGuards {
        options: GuardOptions { max_validator_network_share_bps: Some(2_000), skip_out_of_band_liquid: true },
        network_share_bps: policy
            .legs
            .iter()
            .filter(|l| validators.contains(&l.target.as_str()))
            .map(|l| (l.target.clone(), network_share_bps(stake(l.target.as_str()), total).unwrap()))
            .collect(),
        out_of_band_liquid: vec![META.parse().unwrap()],
    }
}

#[wasm_bindgen_test]
async fn a_guarded_profile_shows_exactly_the_routers_plan_and_why() {
    let stub = guarded_stub();
    let data = router_data(&stub.fx);
    let (host, mut handle) = mounted(&stub, None).await;
    click(&host, "input[data-srw=profile][value=\"balanced\"]");
    let policy = data.profile("balanced").unwrap().allocation.resolve(&data.targets).unwrap();
    let guards = router_guards(&policy);
    for amount in ["10", "100", "12.345678901234567890123456"] {
        type_into(&host, "[data-srw=amount]", amount);
        wait_until(|| q(&host, "[data-srw=folded] li[data-reason=concentration_guard]").is_some(), "the guarded legs")
            .await;
        let plan = plan_deposit(
            router_core::parse_near(amount).unwrap(),
            &policy,
            &data.targets,
            &data.limits_guarded(false, guards.clone()),
        )
        .unwrap();
        let want: Vec<_> = plan.legs.iter().map(|l| (l.target.to_string(), l.amount.0.to_string())).collect();
        assert_eq!(legs_shown(&host), want, "{amount}");
        let folded: Vec<_> = all(&host, "[data-srw=folded] li")
            .iter()
            .map(|l| (l.get_attribute("data-target").unwrap(), l.get_attribute("data-reason").unwrap()))
            .collect();
        let reasons: Vec<_> = plan.folded.iter().map(|f| (f.target.to_string(), f.reason)).collect();
        assert!(reasons.contains(&(FIGMENT.to_string(), FoldReason::ConcentrationGuard)), "{reasons:?}");
        assert!(reasons.contains(&(META.to_string(), FoldReason::DepegGuard)), "{reasons:?}");
        assert_eq!(
            folded,
            reasons.iter().map(|(t, r)| (t.clone(), widget::preview_dom::reason(*r).to_string())).collect::<Vec<_>>()
        );
    }
    let figment = text(&host, &format!("[data-srw=folded] li[data-target=\"{FIGMENT}\"]"));
    assert!(figment.contains("holds 30% of the network's stake, above this profile's limit of 20%"), "{figment}");
    let meta = text(&host, &format!("[data-srw=folded] li[data-target=\"{META}\"]"));
    assert!(meta.contains("outside its depeg band"), "{meta}");
    // An unguarded profile plans without guards, at once.
    click(&host, "input[data-srw=profile][value=\"direct-heavy\"]");
    assert!(q(&host, "[data-srw=folded] li[data-reason=concentration_guard]").is_none());
    assert!(!legs_shown(&host).is_empty());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn when_the_rpc_cannot_give_the_validators_the_preview_says_so() {
    let stub = guarded_stub();
    Reflect::set(&stub.fx, &"epoch_height".into(), &JsValue::NULL).unwrap(); // `validators` fails
    let (host, mut handle) = mounted(&stub, None).await;
    click(&host, "input[data-srw=profile][value=\"balanced\"]");
    type_into(&host, "[data-srw=amount]", "10");
    wait_until(|| text(&host, "[data-srw=guards-status]").contains("did not return"), "the guard failure").await;
    let said = text(&host, "[data-srw=guards-status]");
    assert!(said.contains("validators' stakes (RPC error: UNKNOWN_EPOCH)") || said.contains("Unknown Epoch"), "{said}");
    assert!(legs_shown(&host).is_empty(), "no plan without the guard");
    assert_eq!(q(&host, "[data-srw=stake]").unwrap().get_attribute("aria-disabled").as_deref(), Some("true"));
    // Once the node answers, "Try again" reads it and the plan appears.
    Reflect::set(&stub.fx, &"epoch_height".into(), &JsValue::from(102)).unwrap();
    click(&host, "[data-srw=guards-retry]");
    wait_until(|| q(&host, "[data-srw=folded] li[data-reason=concentration_guard]").is_some(), "the plan").await;
    assert!(q(&host, "[data-srw=guards-status]").is_none());
    handle.unmount();
}
