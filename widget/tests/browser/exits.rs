//! The exits of the position view: each liquid token's delayed and instant exits side by side
//! with router-core's figures, the depeg flag, the pending liquid unstakes with Withdraw once
//! ready, the transactions each exit hands the wallet in order, and chain failures in words.

use crate::harness::*;
use js_sys::Reflect;
use router_core::exit_quote::{min_out, redemption_value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

const BOB: &str = "bob.test.near";
const LINEAR: &str = "linear-protocol.test.near";
const META: &str = "meta-pool.test.near";
const E24: u128 = 1_000_000_000_000_000_000_000_000;

async fn bob(stub: &Stub) -> (TestWallet, Element, widget::WidgetHandle) {
    let wallet = TestWallet::new(BOB);
    let host = host();
    let exchange = Reflect::get(&stub.fx, &"exchange".into()).unwrap();
    let handle = widget::mount(host.clone(), config(stub, Some(&wallet), &[("exchange", exchange)])).unwrap();
    let h = host.clone();
    wait_until(move || all(&h, "[data-srw=exit-instant]").len() == 3, "both tokens' quotes").await;
    (wallet, host, handle)
}

fn token(t: &str, inner: &str) -> String {
    format!("[data-srw=token][data-token=\"{t}\"] {inner}")
}

fn attr(host: &Element, selector: &str, name: &str) -> u128 {
    q(host, selector).unwrap_or_else(|| panic!("no {selector}")).get_attribute(name).unwrap().parse().unwrap()
}

async fn wait_long(mut done: impl FnMut() -> bool, what: &str) {
    for _ in 0..400 {
        if done() {
            return;
        }
        widget::rpc::sleep(50).await;
    }
    panic!("timed out waiting for {what}");
}

#[wasm_bindgen_test]
async fn both_exits_show_router_cores_figures_side_by_side() {
    let stub = Stub::new(fixtures());
    let (_wallet, host, mut handle) = bob(&stub).await;
    // LiNEAR: 7 tokens at 1.083 redeem for 7.581 NEAR, in 4 to 5 epochs from 102.
    let delayed = token(LINEAR, "[data-srw=exit-delayed]");
    assert_eq!(attr(&host, &delayed, "data-near"), redemption_value(7 * E24, 1_083 * E24 / 1_000).unwrap());
    assert_eq!(attr(&host, &delayed, "data-unlock-epoch"), 106);
    let when = text(&host, &token(LINEAR, "[data-srw=delayed-unlock]"));
    assert!(
        when.starts_with("Withdraw from epoch 106 (about 1 day 18 h); at the latest epoch 107 (about 2 days 6 h)."),
        "{when}"
    );
    assert_eq!(text(&host, &token(LINEAR, "[data-srw=delayed-near]")), "You get 7.581 NEAR · no fee");
    // The exchange pays 7.55 NEAR: 0.031 NEAR (0.41%) below, at least 7.51225 with 0.5%.
    let swap = token(LINEAR, "[data-srw=exit-instant][data-kind=exchange]");
    assert_eq!(attr(&host, &swap, "data-near"), 755 * E24 / 100);
    assert_eq!(attr(&host, &swap, "data-min"), min_out(755 * E24 / 100, 50));
    assert_eq!(
        text(&host, &token(LINEAR, "[data-srw=instant-near]")),
        "You get 7.55 NEAR now · fee and price impact 0.031 NEAR (0.41%)"
    );
    assert_eq!(
        text(&host, &token(LINEAR, "[data-srw=instant-steps]")),
        "Your wallet signs 3 transactions: register on wNEAR, swap to wNEAR, unwrap to NEAR."
    );
    // Within the band for LiNEAR; Meta Pool's market is 2.48% below its rate: depegged.
    assert!(text(&host, &token(LINEAR, "[data-srw=market]")).contains("0.28% below LiNEAR's rate"));
    let depeg = text(&host, &token(META, "[data-srw=depeg]"));
    assert!(depeg.starts_with("Depegged: one token sells for 2.48% below Meta Pool's rate"), "{depeg}");
    // Meta Pool: its own pool first (3.6 NEAR beats the exchange's 3.52).
    let kinds: Vec<String> = all(&host, &token(META, "[data-srw=exit-instant]"))
        .iter()
        .map(|c| c.get_attribute("data-kind").unwrap())
        .collect();
    assert_eq!(kinds, ["protocol", "exchange"]);
    // A wider slippage lowers every min at once, nothing read again.
    let select = q(&host, "[data-srw=exit-slippage]").unwrap();
    widget::dom::input(&select).set_value("100");
    js_sys::Function::new_with_args("el", "el.dispatchEvent(new Event('change', { bubbles: true }))")
        .call1(&JsValue::NULL, &select)
        .unwrap();
    wait_until(|| attr(&host, &swap, "data-min") == min_out(755 * E24 / 100, 100), "the new min").await;
    handle.unmount();
}

#[wasm_bindgen_test]
async fn an_amount_is_quoted_again_and_the_exits_send_their_calls_in_order() {
    let stub = Stub::new(fixtures());
    let (wallet, host, mut handle) = bob(&stub).await;
    // One stNEAR: both venues are asked again for that amount.
    type_into(&host, &token(META, "[data-srw=exit-token-amount]"), "1");
    let input = q(&host, &token(META, "[data-srw=exit-token-amount]")).unwrap();
    js_sys::Function::new_with_args("el", "el.dispatchEvent(new Event('change', { bubbles: true }))")
        .call1(&JsValue::NULL, &input)
        .unwrap();
    let own = token(META, "[data-srw=exit-instant][data-kind=protocol]");
    wait_until(
        || q(&host, &own).is_some_and(|c| c.get_attribute("data-near").as_deref() == Some("1200000000000000000000000")),
        "the new quote",
    )
    .await;
    assert_eq!(text(&host, &token(META, "[data-srw=exit-delayed] button")), "Unstake 1 stNEAR");
    // Delayed: unstake(the NEAR one token redeems for).
    click(&host, &token(META, "[data-srw=exit-delayed] button"));
    wait_until(|| wallet.sent.borrow().len() == 1, "the unstake").await;
    let sent: serde_json::Value = serde_json::from_str(&wallet.sent.borrow()[0]).unwrap();
    assert_eq!(sent["receiverId"], META);
    assert_eq!(sent["actions"][0]["params"]["methodName"], "unstake");
    assert_eq!(sent["actions"][0]["params"]["args"]["amount"], "1210000000000000000000000");
    assert_eq!(sent["actions"][0]["params"]["deposit"], "0");
    wait_until(|| text(&host, "[data-srw=position-status]").contains("sent"), "the status").await;
    // Instant on the exchange (whole LiNEAR balance): register on wNEAR, swap, unwrap.
    let swap = token(LINEAR, "[data-srw=exit-instant][data-kind=exchange]");
    wait_until(|| q(&host, &format!("{swap} button")).is_some(), "the quotes again").await;
    let min = attr(&host, &swap, "data-min");
    click(&host, &format!("{swap} button"));
    wait_long(|| wallet.sent.borrow().len() == 4, "the three transactions").await;
    let calls: Vec<serde_json::Value> =
        wallet.sent.borrow()[1..].iter().map(|t| serde_json::from_str(t).unwrap()).collect();
    let step =
        |i: usize| (calls[i]["receiverId"].as_str().unwrap().to_owned(), calls[i]["actions"][0]["params"].clone());
    assert_eq!(step(0).0, "wrap.test.near");
    assert_eq!(step(0).1["methodName"], "storage_deposit");
    assert_eq!(step(0).1["deposit"], "1250000000000000000000");
    assert_eq!(step(1).0, LINEAR);
    assert_eq!(step(1).1["methodName"], "ft_transfer_call");
    assert_eq!(step(1).1["deposit"], "1");
    let msg: serde_json::Value = serde_json::from_str(step(1).1["args"]["msg"].as_str().unwrap()).unwrap();
    assert_eq!(msg["actions"][0]["min_amount_out"], min.to_string());
    assert_eq!(msg["actions"][0]["pool_id"], 0);
    // The stand-in's wNEAR balance never grows: the unwrap falls back to the swap's min.
    assert_eq!((step(2).0.as_str(), &step(2).1["methodName"]), ("wrap.test.near", &"near_withdraw".into()));
    assert_eq!(step(2).1["args"]["amount"], min.to_string());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn pending_liquid_unstakes_show_their_unlock_and_withdraw_when_ready() {
    let stub = Stub::new(fixtures());
    let (wallet, host, mut handle) = bob(&stub).await;
    let linear = format!("[data-srw=pending][data-token=\"{LINEAR}\"]");
    assert_eq!(q(&host, &linear).unwrap().get_attribute("data-ready").as_deref(), Some("false"));
    assert_eq!(text(&host, &format!("{linear} [data-srw=pending-amount]")), "LiNEAR: 2 NEAR unstaked");
    assert_eq!(
        text(&host, &format!("{linear} [data-srw=pending-unlock]")),
        "Can be withdrawn from epoch 104 (now 102; about 18 h)."
    );
    assert!(q(&host, &format!("{linear} button")).is_none());
    let meta = format!("[data-srw=pending][data-token=\"{META}\"]");
    assert_eq!(text(&host, &format!("{meta} button")), "Withdraw 1.5 NEAR");
    click(&host, &format!("{meta} button"));
    wait_until(|| wallet.sent.borrow().len() == 1, "the withdrawal").await;
    let sent: serde_json::Value = serde_json::from_str(&wallet.sent.borrow()[0]).unwrap();
    assert_eq!(
        (sent["receiverId"].as_str(), &sent["actions"][0]["params"]["methodName"]),
        (Some(META), &"withdraw_unstaked".into())
    );
    // Validator pools: the withdrawable one offers Withdraw first, unlocks have a time.
    let first = q(&host, "[data-srw=pool][data-pool=\"figment.pool.test.near\"] .srw-pos-actions button").unwrap();
    assert_eq!(first.get_attribute("data-srw").as_deref(), Some("withdraw"));
    let zavodil = text(&host, "[data-srw=pool][data-pool=\"zavodil.pool.test.near\"] [data-srw=pool-unlock]");
    assert_eq!(zavodil, "Can be withdrawn from epoch 104 (now 102; about 18 h).");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_proxys_exit_failure_reads_as_its_reason() {
    let stub = Stub::new(fixtures());
    let (wallet, host, mut handle) = bob(&stub).await;
    let reason = "The pool refused the withdrawal: The unstaked balance is not yet available due to unstaking delay";
    let outcome = format!(
        r#"{{"transaction":{{"hash":"H"}},"status":{{"Failure":{{"ActionError":{{"index":0,"kind":{{"FunctionCallError":{{"ExecutionError":"Smart contract panicked: {reason}"}}}}}}}}}}}}"#
    );
    *wallet.mode.borrow_mut() = Mode::Outcome(Box::leak(outcome.into_boxed_str()));
    click(&host, "[data-srw=withdraw][data-pool=\"figment.pool.test.near\"]");
    wait_until(|| text(&host, "[data-srw=position-status]").contains("failed"), "the failure").await;
    assert_eq!(
        text(&host, "[data-srw=position-status]"),
        format!("The transaction failed on chain: {reason}. Any attached NEAR is refunded.")
    );
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_typed_amounts_quotes_are_asked_together() {
    let stub = Stub::new(fixtures());
    let (_wallet, host, mut handle) = bob(&stub).await;
    // Views are held unanswered. Read one after the other, only Meta Pool's own quote would be
    // asked. Together: it, the exchange's quote for the amount and the exchange's price of one
    // whole token; for an amount of exactly one token the last two are the same request, sent
    // once (`widget::in_flight`).
    *stub.hold.borrow_mut() = Some("query");
    let before = stub.requests.get();
    type_into(&host, &token(META, "[data-srw=exit-token-amount]"), "1");
    let input = q(&host, &token(META, "[data-srw=exit-token-amount]")).unwrap();
    js_sys::Function::new_with_args("el", "el.dispatchEvent(new Event('change', { bubbles: true }))")
        .call1(&JsValue::NULL, &input)
        .unwrap();
    wait_until(|| stub.held() == 2, "Meta Pool's quote and the exchange's, asked together").await;
    widget::rpc::sleep(100).await;
    assert_eq!((stub.held(), stub.requests.get() - before), (2, 2), "three reads, two requests");
    stub.release();
    let own = token(META, "[data-srw=exit-instant][data-kind=protocol]");
    wait_until(
        || q(&host, &own).is_some_and(|c| c.get_attribute("data-near").as_deref() == Some("1200000000000000000000000")),
        "the new quote",
    )
    .await;
    assert!(q(&host, &token(META, "[data-srw=exit-instant][data-kind=exchange]")).is_some());
    handle.unmount();
}
