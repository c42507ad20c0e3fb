//! Bad input gets a clear inline message, next to the field it is about.

use crate::harness::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn amount_error(host: &web_sys::Element) -> (String, String, Option<String>) {
    let invalid = q(host, "[data-srw=amount]").unwrap().get_attribute("aria-invalid");
    (text(host, "[data-srw=amount-error]"), text(host, "[data-srw=amount-hint]"), invalid)
}

#[wasm_bindgen_test]
async fn amount_errors_read_right_and_mark_the_field() {
    let stub = Stub::new(fixtures());
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    assert_eq!(amount_error(&host).0, "", "no error before the person types");
    let yes = Some("true".to_string());
    // The most alice can stake: her balance less its storage and this deposit's gas.
    let line = text(&host, "[data-srw=account]");
    let most = line.rsplit("available ").next().unwrap().trim_end_matches(" NEAR").to_string();
    let above = format!("That is more than you can stake now: {most} NEAR (your balance less what its storage needs and the gas this deposit pays up front; unused gas is refunded).");
    for (typed, message, hint) in [
        // With nothing typed, the hint says what the split needs at least.
        ("", "Enter an amount.", "This split needs at least 2.01873 NEAR."),
        ("0", "Enter an amount above zero.", ""),
        ("abc", "Use digits and at most one decimal point, e.g. 12.5.", ""),
        ("1.0000000000000000000000001", "NEAR has at most 24 decimal places.", ""),
        ("0.5", "The deposit of 0.5 NEAR is below the minimum of 1 NEAR.", "Deposit at least 1 NEAR."),
        ("2000", above.as_str(), ""),
    ] {
        type_into(&host, "[data-srw=amount]", typed);
        assert_eq!(amount_error(&host), (message.to_string(), hint.to_string(), yes.clone()), "typed {typed:?}");
        assert!(legs_shown(&host).is_empty());
        assert_eq!(q(&host, "[data-srw=stake]").unwrap().get_attribute("aria-disabled").as_deref(), Some("true"));
    }
    // direct-heavy at 1 NEAR: every leg falls below its 1 NEAR minimum (the planner's words).
    click(&host, "input[data-srw=profile][value=\"direct-heavy\"]");
    type_into(&host, "[data-srw=amount]", "1");
    let (message, hint, _) = amount_error(&host);
    assert!(
        message.starts_with("Every leg is below its minimum size or at its ceiling; deposit at least "),
        "{message}"
    );
    // The hint is the router's real minimum (the planner folds what it cannot fill), rounded up
    // to 0.00001 NEAR: that amount is accepted, 0.00001 NEAR less is not.
    assert_eq!(hint, "Deposit at least 2.01873 NEAR.");
    type_into(&host, "[data-srw=amount]", "2.01872");
    assert!(amount_error(&host).0.starts_with("Every leg is below its minimum size"));
    type_into(&host, "[data-srw=amount]", "2.01873");
    assert_eq!(amount_error(&host), (String::new(), String::new(), None));
    type_into(&host, "[data-srw=amount]", "10");
    assert_eq!(amount_error(&host), (String::new(), String::new(), None));
    assert_eq!(wallet.sent.borrow().len(), 0);
    click(&host, "[data-srw=stake]");
    wait_until(|| wallet.sent.borrow().len() == 1, "the wallet").await;
    handle.unmount();
}

#[wasm_bindgen_test]
async fn split_errors_are_shown_by_the_split() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "10");
    click(&host, "input[data-srw=custom]");
    let set =
        |target: &str, bps: &str| type_into(&host, &format!("input[data-srw=bps][data-target=\"{target}\"]"), bps);
    for t in all(&host, "input[data-srw=bps]") {
        set(&t.get_attribute("data-target").unwrap(), "");
    }
    set("figment.pool.test.near", "abc");
    assert_eq!(
        text(&host, "[data-srw=form-error]"),
        "Use whole basis points from 0 to 10000 for figment.pool.test.near."
    );
    set("figment.pool.test.near", "6000");
    assert_eq!(
        text(&host, "[data-srw=form-error]"),
        "The shares add up to 6000 bps; they must add up to exactly 10000 bps (100%)."
    );
    assert_eq!(text(&host, "[data-srw=custom-total]"), "Total: 6000 of 10000 bps");
    // zavodil's 1% of 10 NEAR is below its 1 NEAR minimum: folding it would give figment
    // 6061 bps, above its 60% cap, so the planner refuses rather than reshape the split.
    set("linear-protocol.test.near", "3900");
    set("zavodil.pool.test.near", "100");
    assert_eq!(
        text(&host, "[data-srw=form-error]"),
        "After folding small legs, figment.pool.test.near would get 6061 bps but takes at most 6000 bps of one deposit."
    );
    assert_eq!(
        q(&host, "[data-srw=amount]").unwrap().get_attribute("aria-invalid"),
        None,
        "the amount is not the problem"
    );
    set("figment.pool.test.near", "");
    set("zavodil.pool.test.near", "");
    set("linear-protocol.test.near", "6000");
    set("meta-pool.test.near", "4000");
    assert_eq!(text(&host, "[data-srw=form-error]"), "");
    assert_eq!(legs_shown(&host).len(), 2);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_paused_router_says_so() {
    let stub = Stub::new(fixtures());
    let mut config = router_data(&stub.fx).config;
    config.paused = true;
    stub.set_view("get_config", Some(to_js(&config)));
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "5");
    assert_eq!(text(&host, "[data-srw=form-error]"), "Deposits are paused on this router right now.");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_splits_minimum_shows_before_typing_and_presets_below_it_are_disabled() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    // direct-heavy needs 2.01873 NEAR (the test above types both sides of it): said before
    // anything is typed, and the 1 NEAR preset, which would only be refused, is disabled.
    click(&host, "input[data-srw=profile][value=\"direct-heavy\"]");
    let minimum = "This split needs at least 2.01873 NEAR.";
    wait_until(|| text(&host, "[data-srw=amount-hint]") == minimum, "the split's minimum").await;
    let one = q(&host, "[data-srw=preset][data-amount=\"1\"]").unwrap();
    assert_eq!(one.get_attribute("aria-disabled").as_deref(), Some("true"));
    assert_eq!(one.get_attribute("title").as_deref(), Some("Below this split's minimum of 2.01873 NEAR"));
    let ten = q(&host, "[data-srw=preset][data-amount=\"10\"]").unwrap();
    assert_eq!(ten.get_attribute("aria-disabled"), None);
    // Pressing the disabled preset does nothing; the other fills the amount, which plans.
    click(&host, "[data-srw=preset][data-amount=\"1\"]");
    assert_eq!(amount_error(&host), (String::new(), minimum.to_string(), None), "nothing typed, no refusal");
    click(&host, "[data-srw=preset][data-amount=\"10\"]");
    assert_eq!(amount_error(&host), (String::new(), String::new(), None));
    assert!(!legs_shown(&host).is_empty());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_typed_amount_that_is_refused_says_why_where_the_split_would_be() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    let preview = |h: &web_sys::Element| text(h, "[data-srw=preview]");
    assert!(preview(&host).contains("Enter an amount to see the split."), "{}", preview(&host));
    type_into(&host, "[data-srw=amount]", "0.5");
    let blocked = text(&host, "[data-srw=preview-blocked]");
    assert_eq!(blocked, "No split to show yet: The deposit of 0.5 NEAR is below the minimum of 1 NEAR.");
    assert!(!preview(&host).contains("Enter an amount"), "not 'enter an amount' once one is typed");
    type_into(&host, "[data-srw=amount]", "");
    assert!(preview(&host).contains("Enter an amount to see the split."));
    handle.unmount();
}
