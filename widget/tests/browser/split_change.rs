//! When folding or a guard changes a split, the top of the preview says so in one sentence
//! with the shares the deposit really gets (not only the "Left out" list below the legs).

use crate::harness::*;
use js_sys::{Reflect, JSON};
use router_core::plan_deposit;
use wasm_bindgen_test::wasm_bindgen_test;

const SENTENCE: &str = "[data-srw=split-change]";

/// `balanced` at a small amount (2.5 NEAR here: the fixtures' figment pool takes at least 5 NEAR,
/// the others 1): every leg is below its minimum size but one, so the whole deposit goes to one
/// validator; the sentence names the profile's split and what is left of it.
#[wasm_bindgen_test]
async fn balanced_at_a_small_amount_says_it_became_one_validator() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let (host, mut handle) = mounted(&stub, None).await;
    click(&host, "input[data-srw=profile][value=\"balanced\"]");
    type_into(&host, "[data-srw=amount]", "2.5");
    let policy = data.profile("balanced").unwrap().allocation.resolve(&data.targets).unwrap();
    let plan =
        plan_deposit(router_core::parse_near("2.5").unwrap(), &policy, &data.targets, &data.limits(false)).unwrap();
    assert_eq!(plan.legs.len(), 1, "the planner folds balanced at 2.5 NEAR into one leg");
    let only = plan.legs[0].target.to_string();
    let said = text(&host, SENTENCE);
    assert_eq!(
        said,
        format!(
            "The balanced profile's split is 50% direct and 50% liquid, but the legs' minimum sizes left 3 of its 4 \
             legs out, so this deposit goes 100% to {only}."
        )
    );
    // It comes first in the preview, before the legs.
    let preview = q(&host, "[data-srw=preview]").unwrap();
    let first = preview.query_selector("[data-srw=split-change], [data-srw=legs]").unwrap().unwrap();
    assert_eq!(first.get_attribute("data-srw").as_deref(), Some("split-change"));
    // A split the planner keeps whole says nothing.
    type_into(&host, "[data-srw=amount]", "100");
    assert!(q(&host, SENTENCE).is_none(), "{}", text(&host, SENTENCE));
    handle.unmount();
}

/// `direct-heavy` (80/20) with its concentration guard leaving one validator out delivers
/// 66.67/33.33: the sentence says so.
#[wasm_bindgen_test]
async fn a_guard_that_reshapes_direct_heavy_is_said_with_the_resulting_shares() {
    let fx = fixtures();
    let set = |k: &str, json: &str| Reflect::set(&fx, &k.into(), &JSON::parse(json).unwrap()).unwrap();
    set(
        "profile_guards",
        r#"{"direct-heavy": {"max_validator_network_share_bps": 2000, "skip_out_of_band_liquid": false}}"#,
    );
    set(
        "validators",
        r#"[{"account_id": "figment.pool.test.near", "stake": "300000000000000000000000000000"},
            {"account_id": "zavodil.pool.test.near", "stake": "100000000000000000000000000000"},
            {"account_id": "other.pool.near", "stake": "600000000000000000000000000000"}]"#,
    );
    let stub = Stub::new(fx);
    let (host, mut handle) = mounted(&stub, None).await;
    click(&host, "input[data-srw=profile][value=\"direct-heavy\"]");
    type_into(&host, "[data-srw=amount]", "100");
    wait_until(|| q(&host, "[data-srw=folded] li[data-reason=concentration_guard]").is_some(), "the guarded plan")
        .await;
    assert_eq!(
        text(&host, SENTENCE),
        "The direct-heavy profile's split is 80% direct and 20% liquid, but its concentration guard left 1 of its 4 \
         legs out, so this deposit goes 66.67% direct and 33.33% liquid."
    );
    handle.unmount();
}
