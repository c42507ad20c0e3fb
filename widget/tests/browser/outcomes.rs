//! After a deposit, each leg's outcome is read from the transaction's events: a refused leg
//! is never a green "Deposit sent".

use crate::harness::*;
use router_core::events::{
    DEPOSIT_ACCEPTED, DIRECT_FORWARDED, DIRECT_LEG_STAKED, EVENT_LOG_PREFIX, LIQUID_LEG_FAILED, LIQUID_LEG_STAKED,
    REFUNDED, TOKENS_DELIVERED,
};
use router_core::{parse_near, plan_deposit, SplitPlan, EVENT_STANDARD, EVENT_VERSION};
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

const ROUTER: &str = "stake-router.test.near";
const PROXY: &str = "p1.stake-router.test.near";

fn event(name: &str, data: Value) -> String {
    let v = json!({ "standard": EVENT_STANDARD, "version": EVENT_VERSION, "event": name, "data": data });
    format!("{EVENT_LOG_PREFIX}{v}")
}

fn receipt(executor: &str, logs: Vec<String>) -> Value {
    json!({ "id": "r", "outcome": { "executor_id": executor, "logs": logs, "status": { "SuccessValue": "" } } })
}

/// The outcome a wallet resolves to for `plan`, with the liquid leg on `failing` refused (its
/// NEAR and reserve refunded) and every other leg staked.
fn outcome(plan: &SplitPlan, failing: &str) -> String {
    let mut router = vec![event(
        DEPOSIT_ACCEPTED,
        json!({ "depositor": "alice.test.near", "beneficiary": "alice.test.near", "amount": plan.deposit,
                "source": "profile:balanced", "legs": plan.legs, "folded": plan.folded, "costs": plan.costs }),
    )];
    let direct: u128 = plan.legs.iter().filter(|l| l.kind.is_validator()).map(|l| l.amount.0).sum();
    router.push(event(
        DIRECT_FORWARDED,
        json!({ "beneficiary": "alice.test.near", "proxy": PROXY, "amount": direct.to_string() }),
    ));
    let mut proxy = Vec::new();
    for leg in &plan.legs {
        let amount = leg.amount.0.to_string();
        if leg.kind.is_validator() {
            proxy.push(event(
                DIRECT_LEG_STAKED,
                json!({ "proxy": PROXY, "owner_id": "alice.test.near", "pool_id": leg.target, "amount": amount }),
            ));
        } else if leg.target.as_str() == failing {
            router.push(event(
                LIQUID_LEG_FAILED,
                json!({ "beneficiary": "alice.test.near", "token": leg.target, "near_amount": amount }),
            ));
            let back = (leg.amount.0 + leg.reserve.0).to_string();
            router.push(event(
                REFUNDED,
                json!({ "account": "alice.test.near", "amount": back, "reason": "liquid leg failed" }),
            ));
        } else {
            router.push(event(LIQUID_LEG_STAKED, json!({ "beneficiary": "alice.test.near", "token": leg.target, "near_amount": amount, "minted": "8000000000000000000000000" })));
            router.push(event(TOKENS_DELIVERED, json!({ "beneficiary": "alice.test.near", "token": leg.target, "amount": "8000000000000000000000000", "registered_receiver": true })));
        }
    }
    // A pool logging a router event changes nothing: only the router's and the proxy's count.
    let forged = event(TOKENS_DELIVERED, json!({ "beneficiary": "alice.test.near", "token": failing, "amount": "1" }));
    json!({
        "status": { "SuccessValue": "" },
        "transaction": { "hash": "PartTx1" },
        "transaction_outcome": { "id": "PartTx1", "outcome": { "executor_id": "alice.test.near", "logs": [], "status": {} } },
        "receipts_outcome": [receipt(ROUTER, router), receipt(PROXY, proxy), receipt(failing, vec![forged])],
    })
    .to_string()
}

#[wasm_bindgen_test]
async fn a_deposit_with_a_refunded_leg_says_so_leg_by_leg() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    let policy = data.profile("balanced").unwrap().allocation.resolve(&data.targets).unwrap();
    let plan = plan_deposit(parse_near("10").unwrap(), &policy, &data.targets, &data.limits(false)).unwrap();
    let failing = plan.legs.iter().find(|l| !l.kind.is_validator()).unwrap();
    *wallet.mode.borrow_mut() = Mode::Outcome(Box::leak(outcome(&plan, failing.target.as_str()).into_boxed_str()));
    type_into(&host, "[data-srw=amount]", "10");
    click(&host, "[data-srw=stake]");
    wait_until(|| text(&host, "[data-srw=status]").contains("PartTx1"), "the outcome").await;
    let status = q(&host, "[data-srw=status]").unwrap();
    let refused = router_core::format_near_display(failing.amount.0);
    assert_eq!(
        text(&host, "[data-srw=status]"),
        format!(
            "Deposit partly done: {} of {} parts staked, {refused} NEAR refused and refunded. Transaction PartTx1.",
            plan.legs.len() - 1,
            plan.legs.len()
        )
    );
    assert_eq!(status.get_attribute("data-tone").as_deref(), Some("warn"), "not the green of a success");
    let legs: Vec<(String, String)> = all(&host, "[data-srw=outcome] li")
        .iter()
        .map(|l| (l.get_attribute("data-target").unwrap(), l.get_attribute("data-result").unwrap()))
        .collect();
    let want: Vec<(String, String)> = plan
        .legs
        .iter()
        .map(|l| {
            let result = match (l.kind.is_validator(), l.target == failing.target) {
                (true, _) => "staked",
                (false, true) => "refunded",
                (false, false) => "delivered",
            };
            (l.target.to_string(), result.to_string())
        })
        .collect();
    assert_eq!(legs, want);
    let refunded = text(&host, &format!("[data-srw=outcome] li[data-target=\"{}\"]", failing.target));
    assert_eq!(refunded, format!("{}: refused; {refused} NEAR sent back to you.", failing.target));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_deposit_whose_every_leg_is_staked_is_done() {
    let stub = Stub::new(fixtures());
    let data = router_data(&stub.fx);
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    let policy = data.profile("balanced").unwrap().allocation.resolve(&data.targets).unwrap();
    let plan = plan_deposit(parse_near("10").unwrap(), &policy, &data.targets, &data.limits(false)).unwrap();
    *wallet.mode.borrow_mut() = Mode::Outcome(Box::leak(outcome(&plan, "none.test.near").into_boxed_str()));
    type_into(&host, "[data-srw=amount]", "10");
    click(&host, "[data-srw=stake]");
    wait_until(|| text(&host, "[data-srw=status]").contains("PartTx1"), "the outcome").await;
    let done = format!("Deposit done: all {} parts are staked. Transaction PartTx1.", plan.legs.len());
    assert_eq!(text(&host, "[data-srw=status]"), done);
    assert_eq!(q(&host, "[data-srw=status]").unwrap().get_attribute("data-tone").as_deref(), Some("ok"));
    assert_eq!(all(&host, "[data-srw=outcome] li[data-result=refunded]").len(), 0);
    handle.unmount();
}
