//! Stake hands the wallet exactly the deposit call; the wallet's answers are shown right.

use crate::harness::*;
use router_core::{parse_near, plan_deposit, Leg, Policy};
use wasm_bindgen_test::wasm_bindgen_test;

fn expected(args: &str, gas: u64, deposit: &str) -> String {
    format!(
        r#"{{"receiverId":"stake-router.test.near","actions":[{{"type":"FunctionCall","params":{{"methodName":"deposit","args":{args},"gas":"{gas}","deposit":"{deposit}"}}}}]}}"#
    )
}

#[wasm_bindgen_test]
async fn stake_sends_the_exact_profile_deposit_and_shows_the_hash() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    click(&host, "input[data-srw=profile][value=\"liquid-heavy\"]");
    type_into(&host, "[data-srw=amount]", "12.5");
    click(&host, "[data-srw=stake]");
    wait_until(|| text(&host, "[data-srw=status]").contains("TxHash111"), "the hash").await;
    let policy = data.profile("liquid-heavy").unwrap().allocation.resolve(&data.targets).unwrap();
    let plan = plan_deposit(parse_near("12.5").unwrap(), &policy, &data.targets, &data.limits(false)).unwrap();
    assert!(plan.creates_proxy);
    assert_eq!(
        *wallet.sent.borrow(),
        vec![expected(r#"{"profile":"liquid-heavy"}"#, plan.gas_required, "12500000000000000000000000")]
    );
    // The wallet answered with a hash only and the node has no `tx` for it: not a success.
    assert_eq!(
        text(&host, "[data-srw=status]"),
        "Deposit sent, but its outcome could not be read: check your position below. Transaction TxHash111."
    );
    assert_eq!(q(&host, "[data-srw=status]").unwrap().get_attribute("data-tone"), None);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_custom_split_is_sent_as_an_explicit_policy() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let wallet = TestWallet::new("bob.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    click(&host, "input[data-srw=custom]");
    for t in all(&host, "input[data-srw=bps]") {
        let value = match t.get_attribute("data-target").unwrap().as_str() {
            "aurora.pool.test.near" => "7000",
            "meta-pool.test.near" => "3000",
            _ => "",
        };
        type_into(
            &host,
            &format!("input[data-srw=bps][data-target=\"{}\"]", t.get_attribute("data-target").unwrap()),
            value,
        );
    }
    assert_eq!(text(&host, "[data-srw=custom-total]"), "Total: 10000 of 10000 bps");
    type_into(&host, "[data-srw=amount]", "3");
    let policy = Policy {
        legs: vec![
            Leg { target: "aurora.pool.test.near".parse().unwrap(), bps: 7000 },
            Leg { target: "meta-pool.test.near".parse().unwrap(), bps: 3000 },
        ],
    };
    let plan = plan_deposit(parse_near("3").unwrap(), &policy, &data.targets, &data.limits(true)).unwrap();
    assert!(!plan.creates_proxy, "bob's proxy exists");
    let want: Vec<(String, String)> =
        plan.legs.iter().map(|l| (l.target.to_string(), l.amount.0.to_string())).collect();
    assert_eq!(legs_shown(&host), want);
    click(&host, "[data-srw=stake]");
    wait_until(|| wallet.sent.borrow().len() == 1, "the wallet").await;
    let args = r#"{"policy":{"legs":[{"target":"aurora.pool.test.near","bps":7000},{"target":"meta-pool.test.near","bps":3000}]}}"#;
    assert_eq!(wallet.sent.borrow()[0], expected(args, plan.gas_required, "3000000000000000000000000"));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn amounts_above_2_pow_53_reach_the_wallet_exactly() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let wallet = TestWallet::new("bob.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    let amount = "123456789.123456789123456789123456";
    type_into(&host, "[data-srw=amount]", amount);
    assert_eq!(text(&host, "[data-srw=amount-error]") + &text(&host, "[data-srw=form-error]"), "");
    click(&host, "[data-srw=stake]");
    wait_until(|| wallet.sent.borrow().len() == 1, "the wallet").await;
    let policy = data.profile("balanced").unwrap().allocation.resolve(&data.targets).unwrap();
    let plan = plan_deposit(parse_near(amount).unwrap(), &policy, &data.targets, &data.limits(true)).unwrap();
    let sent = wallet.sent.borrow()[0].clone();
    assert_eq!(sent, expected(r#"{"profile":"balanced"}"#, plan.gas_required, "123456789123456789123456789123456"));
    let total: u128 =
        legs_shown(&host).iter().map(|(_, a)| a.parse::<u128>().unwrap()).sum::<u128>() + plan.costs.total.0;
    assert_eq!(total, 123_456_789_123_456_789_123_456_789_123_456);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_wallet_rejection_is_not_an_error_and_a_failure_is_reported() {
    let stub = Stub::new(fixtures());
    let wallet = TestWallet::new("alice.test.near");
    *wallet.mode.borrow_mut() = Mode::Reject;
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    type_into(&host, "[data-srw=amount]", "5");
    click(&host, "[data-srw=stake]");
    wait_until(|| text(&host, "[data-srw=status]").contains("cancelled"), "the rejection").await;
    let status = q(&host, "[data-srw=status]").unwrap();
    assert_eq!(status.get_attribute("data-tone"), None, "a rejection is not shown as an error");
    assert_eq!(widget::dom::input(&q(&host, "[data-srw=amount]").unwrap()).value(), "5", "the form stays as it was");
    assert_eq!(q(&host, "[data-srw=stake]").unwrap().get_attribute("aria-disabled").as_deref(), Some("false"));
    *wallet.mode.borrow_mut() = Mode::Fail("Wallet is locked");
    click(&host, "[data-srw=stake]");
    wait_until(|| text(&host, "[data-srw=status]").contains("Wallet is locked"), "the failure").await;
    assert_eq!(status.get_attribute("data-tone").as_deref(), Some("error"));
    assert_eq!(wallet.sent.borrow().len(), 2);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn without_a_wallet_the_preview_works_and_stake_asks_to_connect() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "5");
    assert!(!legs_shown(&host).is_empty());
    assert_eq!(q(&host, "[data-srw=stake]").unwrap().get_attribute("aria-disabled").as_deref(), Some("true"));
    click(&host, "[data-srw=stake]");
    assert!(text(&host, "[data-srw=status]").contains("Connect a wallet"), "{}", text(&host, "[data-srw=status]"));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_stored_policy_is_offered_first_and_sent_as_no_policy() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let stored = serde_json::json!({ "legs": [
        { "target": "aurora.pool.test.near", "bps": 6000 }, { "target": "linear-protocol.test.near", "bps": 4000 } ] });
    let policies = js_sys::JSON::parse(&serde_json::json!({ "alice.test.near": stored }).to_string()).unwrap();
    js_sys::Reflect::set(&stub.fx, &"account_policies".into(), &policies).unwrap();
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    wait_until(|| q(&host, "input[data-srw=stored]").is_some(), "the stored policy").await;
    let option = text(&host, "label:has(input[data-srw=stored])");
    assert!(
        option.contains(
            "The split this account stored on the router: 60% aurora.pool.test.near, 40% linear-protocol.test.near."
        ),
        "{option}"
    );
    assert!(widget::dom::input(&q(&host, "input[data-srw=stored]").unwrap()).checked(), "offered first");
    type_into(&host, "[data-srw=amount]", "10");
    let policy: Policy = serde_json::from_value(stored).unwrap();
    let plan = plan_deposit(parse_near("10").unwrap(), &policy, &data.targets, &data.limits(false)).unwrap();
    let want: Vec<(String, String)> =
        plan.legs.iter().map(|l| (l.target.to_string(), l.amount.0.to_string())).collect();
    assert_eq!(legs_shown(&host), want);
    click(&host, "[data-srw=stake]");
    wait_until(|| wallet.sent.borrow().len() == 1, "the wallet").await;
    // Neither a profile nor a policy: the router applies the stored one.
    assert_eq!(wallet.sent.borrow()[0], expected("{}", plan.gas_required, "10000000000000000000000000"));
    // Choosing a profile leaves it; choosing it again comes back.
    click(&host, "input[data-srw=profile][value=\"balanced\"]");
    assert_ne!(legs_shown(&host), want);
    click(&host, "input[data-srw=stored]");
    assert_eq!(legs_shown(&host), want);
    handle.unmount();
}
