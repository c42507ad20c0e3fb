//! mount / update / unmount, the RPC's failures, and the accessible structure.

use crate::harness::*;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn mount_then_unmount_leaves_the_host_as_it_was() {
    let stub = Stub::new(fixtures());
    let host = host();
    host.set_inner_html("<p id=own>host content</p>");
    let mut handle = widget::mount(host.clone(), config(&stub, None, &[])).unwrap();
    assert!(handle.mounted());
    assert!(q(&host, ".srw").is_some());
    assert!(widget::dom::document().query_selector("style[data-stake-router-widget-style]").unwrap().is_some());
    wait_until(|| q(&host, "[data-srw=profile]").is_some(), "the profiles").await;
    handle.unmount();
    assert!(!handle.mounted());
    assert_eq!(host.inner_html(), "<p id=\"own\">host content</p>");
    handle.unmount(); // twice is fine
    handle.update(Object::new().into()).unwrap(); // and so is a late update
}

#[wasm_bindgen_test]
async fn answers_arriving_after_unmount_are_dropped() {
    let stub = Stub::new(fixtures());
    stub.delay_ms.set(50);
    let host = host();
    let mut handle = widget::mount(host.clone(), config(&stub, None, &[])).unwrap();
    handle.unmount();
    widget::rpc::sleep(300).await;
    assert_eq!(host.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn a_config_without_router_is_refused() {
    let c = Object::new();
    Reflect::set(&c, &"rpcUrl".into(), &"https://rpc.stub.invalid".into()).unwrap();
    let err = widget::mount(host(), c.into()).err().map(JsValue::from).unwrap();
    assert!(format!("{err:?}").contains("routerId is required"), "{err:?}");
}

#[wasm_bindgen_test]
async fn update_changes_strings_theme_presets_and_wallet() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    let strings = Object::new();
    Reflect::set(&strings, &"title".into(), &"NEAR staken".into()).unwrap();
    Reflect::set(&strings, &"stake_button_idle".into(), &"Staken".into()).unwrap();
    let theme = Object::new();
    Reflect::set(&theme, &"accent".into(), &"#123456".into()).unwrap();
    let update = config(
        &stub,
        None,
        &[("strings", strings.into()), ("theme", theme.into()), ("presets", js_sys::Array::of1(&"42".into()).into())],
    );
    handle.update(update).unwrap();
    assert_eq!(text(&host, "h2"), "NEAR staken");
    assert_eq!(text(&host, "[data-srw=stake]"), "Staken");
    let style = q(&host, ".srw").unwrap().get_attribute("style").unwrap_or_default();
    assert!(style.contains("--srw-accent: #123456"), "{style}");
    assert_eq!(all(&host, "[data-srw=preset]").len(), 1);
    click(&host, "[data-srw=preset]");
    assert_eq!(widget::dom::input(&q(&host, "[data-srw=amount]").unwrap()).value(), "42");
    assert_eq!(legs_shown(&host).len(), 4);
    let wallet = TestWallet::new("alice.test.near");
    let w = Object::new();
    Reflect::set(&w, &"wallet".into(), &wallet.obj).unwrap();
    handle.update(w.into()).unwrap();
    wait_until(|| text(&host, "[data-srw=account]").contains("alice.test.near · available 999."), "the account").await;
    let none = Object::new();
    Reflect::set(&none, &"wallet".into(), &JsValue::NULL).unwrap();
    handle.update(none.into()).unwrap();
    assert!(text(&host, "[data-srw=account]").starts_with("Connect a wallet"));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn network_failures_are_retried_with_a_message() {
    let stub = Stub::new(fixtures());
    stub.fail_next.set(2);
    let host = host();
    let mut handle = widget::mount(host.clone(), config(&stub, None, &[])).unwrap();
    wait_until(|| text(&host, "[data-srw=status]").contains("Retrying"), "the retry message").await;
    let status = text(&host, "[data-srw=status]");
    assert!(status.starts_with("Cannot reach https://rpc.stub.invalid (network error: Failed to fetch). Retrying in 0.5 s (attempt 1 of 5)"), "{status}");
    wait_until(|| q(&host, "[data-srw=profile]").is_some(), "the profiles").await;
    assert_eq!(text(&host, "[data-srw=status]"), "Ready.");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_failing_view_is_not_data_and_can_be_retried() {
    let stub = Stub::new(fixtures());
    let targets = Reflect::get(&Reflect::get(&stub.fx, &"views".into()).unwrap(), &"get_targets".into()).unwrap();
    stub.set_view("get_targets", None);
    let host = host();
    let mut handle = widget::mount(host.clone(), config(&stub, None, &[])).unwrap();
    wait_until(|| text(&host, "[data-srw=status]").starts_with("Could not load"), "the failure").await;
    assert!(
        text(&host, "[data-srw=status]").contains("view failed: wasm execution failed"),
        "{}",
        text(&host, "[data-srw=status]")
    );
    assert!(!q(&host, "[data-srw=retry]").unwrap().class_list().contains("srw-hidden"));
    assert_eq!(
        stub.requests.get(),
        3,
        "a failed view is an answer, not retried (the router's three views are each asked once, at once)"
    );
    stub.set_view("get_targets", Some(targets));
    click(&host, "[data-srw=retry]");
    wait_until(|| q(&host, "[data-srw=profile]").is_some(), "the profiles").await;
    assert!(q(&host, "[data-srw=retry]").unwrap().class_list().contains("srw-hidden"));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_structure_is_accessible() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    let amount = q(&host, "[data-srw=amount]").unwrap();
    let id = amount.id();
    assert_eq!(text(&host, &format!("label[for=\"{id}\"]")), "Amount (NEAR)");
    assert!(amount.get_attribute("aria-describedby").unwrap().contains(&format!("{id}-error")));
    let status = q(&host, "[data-srw=status]").unwrap();
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(text(&host, "fieldset[data-srw=profiles] > legend"), "How to split it");
    assert_eq!(all(&host, "input[type=radio]").len(), 5, "4 profiles and the custom split");
    let root = q(&host, ".srw").unwrap();
    let title_id = root.get_attribute("aria-labelledby").unwrap();
    assert_eq!(text(&host, &format!("#{title_id}")), "Stake NEAR");
    assert_eq!(text(&host, "[data-srw=stake]"), "Stake");
    assert_eq!(q(&host, "[data-srw=position]").unwrap().get_attribute("hidden").as_deref(), Some(""));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_first_views_read_while_the_module_loaded_are_taken_as_they_are() {
    // The answers `js/prefetch.js` read; then the node loses the three views, so a read of its
    // own would fail: the profiles on screen can only come from the early answers.
    let stub = Stub::new(fixtures());
    let early: js_sys::Promise = js_sys::Promise::resolve(&JsValue::from(stub.first_views()));
    for view in ["get_targets", "get_profiles", "get_config"] {
        stub.set_view(view, None);
    }
    let host = host();
    let mut handle = widget::mount_with_views(host.clone(), config(&stub, None, &[]), Some(early)).unwrap();
    wait_until(|| q(&host, "[data-srw=profile]").is_some(), "the profiles from the early answers").await;
    assert!(!text(&host, "[data-srw=status]").contains("failed"), "{}", text(&host, "[data-srw=status]"));
    handle.unmount();

    // An early read that failed (`null`) or answered an error: the widget reads the views itself.
    for early in [JsValue::NULL, JsValue::from(stub.first_views())] {
        let stub = Stub::new(fixtures());
        let before = stub.requests.get();
        let host = crate::harness::host();
        let mut handle =
            widget::mount_with_views(host.clone(), config(&stub, None, &[]), Some(js_sys::Promise::resolve(&early)))
                .unwrap();
        wait_until(|| q(&host, "[data-srw=profile]").is_some(), "the profiles read by the widget").await;
        assert!(stub.requests.get() >= before + 3, "the widget read the three views itself");
        handle.unmount();
    }
}
