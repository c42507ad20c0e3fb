//! The position view: what it shows is `router_core::position::compose_position` over the
//! fixtures' views, and each button hands the wallet exactly its call.

use crate::harness::*;
use js_sys::{Reflect, JSON};
use router_core::position::{compose_position, LiquidHolding, PoolAccount, PositionInputs, ProxyPool};
use router_core::{format_near_display, AccountId, Yocto};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

const BOB: &str = "bob.test.near";
const PROXY: &str = "b8d7f586f28f098f49e4bdda.stake-router.test.near";

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |v, k| Reflect::get(&v, &(*k).into()).unwrap())
}

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

/// The position the fixtures describe for bob, composed by router-core (independently of the
/// widget's loader).
fn expected_position(fx: &JsValue) -> router_core::position::Position {
    let contracts = get(fx, &["contracts"]);
    let proxy_pools: Vec<ProxyPool> = serde_wasm_bindgen::from_value(get(&contracts, &[PROXY, "get_pools"])).unwrap();
    let mut pool_accounts = BTreeMap::new();
    for p in &proxy_pools {
        let a = get(&contracts, &[p.pool_id.as_str(), "get_account", "by_account_id", PROXY]);
        pool_accounts.insert(p.pool_id.clone(), serde_wasm_bindgen::from_value::<PoolAccount>(a).unwrap());
    }
    let claimables: BTreeMap<AccountId, Yocto> = serde_wasm_bindgen::from_value(get(fx, &["claimables", BOB])).unwrap();
    let liquid = ["linear-protocol.test.near", "meta-pool.test.near"]
        .iter()
        .map(|t| LiquidHolding {
            token_id: id(t),
            balance: serde_wasm_bindgen::from_value(get(&contracts, &[t, "ft_balance_of", "by_account_id", BOB]))
                .unwrap(),
            price: Some(serde_wasm_bindgen::from_value(get(fx, &["prices", t, "value"])).unwrap()),
        })
        .collect();
    compose_position(&PositionInputs {
        account_id: Some(id(BOB)),
        proxy_id: Some(id(PROXY)),
        current_epoch: get(fx, &["epoch_height"]).as_f64().unwrap() as u64,
        proxy_pools,
        pool_accounts,
        claimables,
        liquid,
    })
}

async fn bob(stub: &Stub) -> (TestWallet, Element, widget::WidgetHandle) {
    let wallet = TestWallet::new(BOB);
    let (host, handle) = mounted(stub, Some(&wallet)).await;
    wait_until(|| q(&host, "[data-srw=totals]").is_some(), "the position").await;
    (wallet, host, handle)
}

fn pool_text(host: &Element, pool: &str, name: &str) -> String {
    text(host, &format!("[data-srw=pool][data-pool=\"{pool}\"] [data-srw={name}]"))
}

fn tx(receiver: &str, method: &str, args: &str, gas: &str, deposit: &str) -> String {
    format!(
        r#"{{"receiverId":"{receiver}","actions":[{{"type":"FunctionCall","params":{{"methodName":"{method}","args":{args},"gas":"{gas}","deposit":"{deposit}"}}}}]}}"#
    )
}

#[wasm_bindgen_test]
async fn the_position_is_router_cores_composition_of_the_views() {
    let stub = Stub::new(fixtures());
    let want = expected_position(&stub.fx);
    let (_wallet, host, mut handle) = bob(&stub).await;
    let pools = all(&host, "[data-srw=pool]");
    let shown: Vec<(String, String, String, String)> = pools
        .iter()
        .map(|p| {
            let a = |k: &str| p.get_attribute(k).unwrap();
            (a("data-pool"), a("data-staked"), a("data-unstaked"), a("data-rewards"))
        })
        .collect();
    let expect: Vec<(String, String, String, String)> = want
        .direct
        .iter()
        .map(|d| (d.pool_id.to_string(), d.staked.0.to_string(), d.unstaked.0.to_string(), d.rewards.0.to_string()))
        .collect();
    assert_eq!(shown, expect);
    assert_eq!(pools.len(), 4);
    assert!(want.direct.iter().all(|d| d.loss.0 == 0) && want.totals.loss.0 == 0);
    assert!(all(&host, "[data-srw=pool-loss], [data-srw=total-loss], [data-srw=total-net]").is_empty(), "no loss");
    // Exact NEAR in words, rewards = pool's figures less what the proxy recorded.
    let aurora = &want.direct[0];
    assert_eq!(aurora.rewards.0, 500_000_000_000_000_000_000_001);
    assert_eq!(pool_text(&host, "aurora.pool.test.near", "pool-staked"), "Staked: 10.5 NEAR");
    assert_eq!(pool_text(&host, "aurora.pool.test.near", "pool-rewards"), "Rewards: 0.5 NEAR");
    // Unstaked, and from which epoch it can be withdrawn.
    assert_eq!(pool_text(&host, "zavodil.pool.test.near", "pool-unstaked"), "Unstaked: 2 NEAR");
    assert_eq!(
        pool_text(&host, "zavodil.pool.test.near", "pool-unlock"),
        "Can be withdrawn from epoch 104 (now 102; about 18 h)."
    );
    assert_eq!(pool_text(&host, "figment.pool.test.near", "pool-unlock"), "Can be withdrawn now.");
    assert_eq!(
        pool_text(&host, "paused.pool.test.near", "pool-moving"),
        "Moving to aurora.pool.test.near (0 NEAR held for the move)."
    );
    // Liquid holdings, claimables and their NEAR value.
    let tokens: Vec<(String, String, String, String)> = all(&host, "[data-srw=token]")
        .iter()
        .map(|t| {
            let a = |k: &str| t.get_attribute(k).unwrap();
            (a("data-token"), a("data-balance"), a("data-claimable"), a("data-value"))
        })
        .collect();
    let expect: Vec<(String, String, String, String)> = want
        .liquid
        .iter()
        .map(|l| {
            (l.token_id.to_string(), l.balance.0.to_string(), l.claimable.0.to_string(), l.value.unwrap().0.to_string())
        })
        .collect();
    assert_eq!(tokens, expect);
    let token_text = |t: &str, n: &str| text(&host, &format!("[data-srw=token][data-token=\"{t}\"] [data-srw={n}]"));
    assert_eq!(token_text("linear-protocol.test.near", "token-balance"), "In your wallet: 7 LiNEAR");
    assert_eq!(token_text("linear-protocol.test.near", "token-claimable"), "Claimable from the router: 2.5 LiNEAR");
    assert_eq!(token_text("linear-protocol.test.near", "token-value"), "Worth 10.2885 NEAR");
    // 9.5 LiNEAR at 1.083 = 10.2885 NEAR.
    assert_eq!(want.liquid[0].value, Some(Yocto(10_288_500_000_000_000_000_000_000)));
    let t = &want.totals;
    assert_eq!(text(&host, "[data-srw=total-staked]"), format!("Staked: {} NEAR", format_near_display(t.staked.0)));
    assert_eq!(
        text(&host, "[data-srw=total-unstaked]"),
        format!(
            "Unstaked: {} NEAR ({} NEAR withdrawable now)",
            format_near_display(t.unstaked.0),
            format_near_display(t.withdrawable_now.0)
        )
    );
    assert_eq!(text(&host, "[data-srw=total-rewards]"), format!("Rewards: {} NEAR", format_near_display(t.rewards.0)));
    assert_eq!(
        text(&host, "[data-srw=total-liquid]"),
        format!("Liquid tokens: {} NEAR", format_near_display(t.liquid_value.0))
    );
    assert_eq!(text(&host, "[data-srw=total]"), format!("Total: {} NEAR", format_near_display(t.total_near.0)));
    assert_eq!(q(&host, "[data-srw=totals]").unwrap().get_attribute("data-total").unwrap(), t.total_near.0.to_string());
    // Registration: bob is registered with LiNEAR, not with stNEAR.
    let notices: Vec<String> =
        all(&host, "[data-srw=register-first]").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].starts_with("Register with meta-pool.test.near first"), "{notices:?}");
    // Withdraw only where the pool says can_withdraw.
    let withdraw_enabled: Vec<(String, bool)> = all(&host, "[data-srw=withdraw]")
        .iter()
        .map(|b| (b.get_attribute("data-pool").unwrap(), !b.has_attribute("disabled")))
        .collect();
    assert_eq!(
        withdraw_enabled,
        vec![("figment.pool.test.near".into(), true), ("zavodil.pool.test.near".into(), false)]
    );
    // The status line is a live region; inputs have labels.
    let status = q(&host, "[data-srw=position-status]").unwrap();
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    for input in all(&host, "[data-srw=position] input[type=text], [data-srw=position] select") {
        let id = input.get_attribute("id").unwrap();
        assert!(q(&host, &format!("label[for=\"{id}\"]")).is_some(), "{id} has a label");
    }
    handle.unmount();
}

#[wasm_bindgen_test]
async fn every_button_builds_its_exact_call() {
    let stub = Stub::new(fixtures());
    let (wallet, host, mut handle) = bob(&stub).await;
    let last = || wallet.sent.borrow().last().cloned().unwrap_or_default();
    // Waits for the n-th transaction, its answer, and the position read again after it.
    let sent = |n: usize| {
        let (w, h) = (&wallet, &host);
        async move {
            wait_until(|| w.sent.borrow().len() == n, "the wallet").await;
            wait_until(
                || {
                    text(h, "[data-srw=position-status]").contains(" sent. Transaction")
                        && q(h, "[data-srw=totals]").is_some()
                },
                "the answer and the position again",
            )
            .await;
        }
    };

    click(&host, "[data-srw=withdraw][data-pool=\"figment.pool.test.near\"]");
    sent(1).await;
    assert_eq!(last(), tx(PROXY, "withdraw", r#"{"pool_id":"figment.pool.test.near"}"#, "86000000000000", "1"));
    assert_eq!(text(&host, "[data-srw=position-status]"), "Withdraw sent. Transaction TxHash111.");

    // Unstake everything (empty amount): the first press only asks, naming what "all" is;
    // the second sends (nothing is unstaked there yet, so no timer confirmation).
    click(&host, "[data-srw=unstake][data-pool=\"aurora.pool.test.near\"]");
    assert_eq!(wallet.sent.borrow().len(), 1, "nothing sent on the first press");
    assert_eq!(
        text(&host, "[data-srw=position-status]"),
        "Nothing sent: with no amount this takes all 10.5 NEAR in aurora.pool.test.near. Press Unstake again to confirm, or type an amount."
    );
    click(&host, "[data-srw=unstake][data-pool=\"aurora.pool.test.near\"]");
    sent(2).await;
    assert_eq!(last(), tx(PROXY, "unstake", r#"{"pool_id":"aurora.pool.test.near"}"#, "68000000000000", "1"));

    // An exact amount.
    type_into(&host, "[data-srw=exit-amount][data-pool=\"aurora.pool.test.near\"]", "2.000000000000000000000003");
    click(&host, "[data-srw=unstake][data-pool=\"aurora.pool.test.near\"]");
    sent(3).await;
    assert_eq!(
        last(),
        tx(
            PROXY,
            "unstake",
            r#"{"pool_id":"aurora.pool.test.near","amount":"2000000000000000000000003"}"#,
            "68000000000000",
            "1"
        )
    );

    // zavodil has unstaked NEAR not withdrawn: a warning, and nothing is sent without the confirm.
    let warning = pool_text(&host, "zavodil.pool.test.near", "timer-warning");
    assert!(warning.contains("unlock at epoch 106"), "{warning}");
    click(&host, "[data-srw=unstake][data-pool=\"zavodil.pool.test.near\"]");
    assert_eq!(wallet.sent.borrow().len(), 3);
    assert!(text(&host, "[data-srw=position-status]").starts_with("Confirm the timer reset first"));
    click(&host, "[data-srw=confirm-reset][data-pool=\"zavodil.pool.test.near\"]");
    type_into(&host, "[data-srw=exit-amount][data-pool=\"zavodil.pool.test.near\"]", "1");
    click(&host, "[data-srw=unstake][data-pool=\"zavodil.pool.test.near\"]");
    sent(4).await;
    assert_eq!(
        last(),
        tx(
            PROXY,
            "unstake",
            r#"{"pool_id":"zavodil.pool.test.near","amount":"1000000000000000000000000","confirm_timer_reset":true}"#,
            "68000000000000",
            "1"
        )
    );

    // Move: another active validator, chosen in the list (paused and the same pool are not offered).
    let options: Vec<String> = all(&host, "[data-srw=move-to][data-pool=\"aurora.pool.test.near\"] option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap())
        .collect();
    assert_eq!(options, vec!["zavodil.pool.test.near", "figment.pool.test.near"]);
    let select = q(&host, "[data-srw=move-to][data-pool=\"aurora.pool.test.near\"]").unwrap();
    Reflect::set(&select, &"value".into(), &"figment.pool.test.near".into()).unwrap();
    // No amount: all of it, asked first (an unstake press in between would ask again).
    click(&host, "[data-srw=move][data-pool=\"aurora.pool.test.near\"]");
    assert_eq!(wallet.sent.borrow().len(), 4);
    assert!(text(&host, "[data-srw=position-status]").starts_with("Nothing sent: with no amount"));
    click(&host, "[data-srw=move][data-pool=\"aurora.pool.test.near\"]");
    sent(5).await;
    assert_eq!(
        last(),
        tx(
            PROXY,
            "move_stake",
            r#"{"from_pool":"aurora.pool.test.near","to_pool":"figment.pool.test.near"}"#,
            "68000000000000",
            "1"
        )
    );

    click(&host, "[data-srw=finish-move][data-pool=\"paused.pool.test.near\"]");
    sent(6).await;
    assert_eq!(last(), tx(PROXY, "finish_move", r#"{"from_pool":"paused.pool.test.near"}"#, "130000000000000", "0"));

    click(&host, "[data-srw=claim][data-token=\"linear-protocol.test.near\"]");
    sent(7).await;
    assert_eq!(
        last(),
        tx("stake-router.test.near", "claim", r#"{"token_id":"linear-protocol.test.near"}"#, "18850000000000", "1")
    );
    // Every transaction is valid JSON in wallet-selector's shape.
    for t in wallet.sent.borrow().iter() {
        assert!(JSON::parse(t).is_ok());
    }
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_retired_validator_asks_to_move_and_no_epoch_hides_the_unlock_line() {
    let stub = Stub::new(fixtures());
    let targets = get(&stub.fx, &["views", "get_targets"]);
    let aurora = js_sys::Array::from(&targets).get(0);
    Reflect::set(&aurora, &"status".into(), &"retired".into()).unwrap();
    Reflect::set(&aurora, &"retired".into(), &true.into()).unwrap();
    Reflect::set(&aurora, &"accepts_deposits".into(), &false.into()).unwrap();
    Reflect::set(&aurora, &"note".into(), &"Retired by the operators on 2026-11-01.".into()).unwrap();
    Reflect::delete_property(stub.fx.unchecked_ref::<js_sys::Object>(), &"epoch_height".into()).unwrap();
    let (_wallet, host, mut handle) = bob(&stub).await;
    assert_eq!(
        pool_text(&host, "aurora.pool.test.near", "retired"),
        "This validator is retiring: move your stake. Retired by the operators on 2026-11-01."
    );
    assert_eq!(q(&host, "[data-srw=pool][data-pool=\"zavodil.pool.test.near\"] [data-srw=retired]"), None);
    // The epoch is unknown: no unlock epoch line, and the timer warning says "about 4 epochs".
    assert_eq!(pool_text(&host, "zavodil.pool.test.near", "pool-unlock"), "");
    assert!(pool_text(&host, "zavodil.pool.test.near", "timer-warning").contains("about 4 epochs"));
    // The retired pool is not offered as a move target.
    let options: Vec<String> = all(&host, "[data-srw=move-to][data-pool=\"zavodil.pool.test.near\"] option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap())
        .collect();
    assert_eq!(options, vec!["figment.pool.test.near"]);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn an_account_without_a_proxy_sees_an_empty_position() {
    let stub = Stub::new(fixtures());
    let wallet = TestWallet::new("alice.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    wait_until(|| q(&host, "[data-srw=position-empty]").is_some(), "the position").await;
    assert_eq!(text(&host, "[data-srw=position-empty]"), "Nothing staked through this router yet.");
    assert!(q(&host, "[data-srw=totals]").is_none());
    assert!(all(&host, "[data-srw=pool]").is_empty());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_pool_below_the_records_shows_its_exact_loss_and_rounding_is_worded_as_such() {
    let stub = Stub::new(fixtures());
    let account = |pool: &str| get(&stub.fx, &["contracts", pool, "get_account", "by_account_id", PROXY]);
    // aurora's share price fell: 9.7 of the 10 NEAR put in. figment pays 3 yocto less than the
    // 4 NEAR recorded as unstaking: share rounding.
    Reflect::set(&account("aurora.pool.test.near"), &"staked_balance".into(), &"9700000000000000000000000".into())
        .unwrap();
    Reflect::set(&account("figment.pool.test.near"), &"unstaked_balance".into(), &"3999999999999999999999997".into())
        .unwrap();
    let want = expected_position(&stub.fx);
    let (_wallet, host, mut handle) = bob(&stub).await;
    let losses: Vec<(String, String)> = all(&host, "[data-srw=pool]")
        .iter()
        .map(|p| (p.get_attribute("data-pool").unwrap(), p.get_attribute("data-loss").unwrap()))
        .collect();
    let expect: Vec<(String, String)> =
        want.direct.iter().map(|d| (d.pool_id.to_string(), d.loss.0.to_string())).collect();
    assert_eq!(losses, expect);
    assert_eq!(want.direct[0].loss, Yocto(300_000_000_000_000_000_000_000));
    assert_eq!(want.direct[1].loss, Yocto(3));
    assert_eq!(pool_text(&host, "aurora.pool.test.near", "pool-rewards"), "Rewards: 0 NEAR");
    assert_eq!(
        pool_text(&host, "aurora.pool.test.near", "pool-loss"),
        "Loss: 0.3 NEAR (the pool reports 9.7 NEAR of the 10 NEAR put in)"
    );
    let notice = q(&host, "[data-srw=pool][data-pool=\"aurora.pool.test.near\"] [data-srw=pool-loss]").unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("note"));
    assert_eq!(
        pool_text(&host, "figment.pool.test.near", "pool-loss"),
        // Readable amounts are rounded down to 0.00001 NEAR; the exact yocto is in `data-loss`.
        "less than 0.00001 NEAR below the records: share rounding, not a loss."
    );
    assert_eq!(pool_text(&host, "zavodil.pool.test.near", "pool-loss"), "", "rewards, no loss");
    // Totals: the exact loss, and the net against the principal (10 + 4 + 1 + 5 NEAR recorded;
    // zavodil's 0.1 NEAR of rewards less the 0.3 NEAR and 3 yocto lost).
    let t = &want.totals;
    assert_eq!(
        (t.loss.0, t.rounding_loss.0, t.net_loss.0),
        (300_000_000_000_000_000_000_003, 3, 200_000_000_000_000_000_000_003)
    );
    assert_eq!(text(&host, "[data-srw=total-loss]"), "Loss: 0.3 NEAR");
    assert_eq!(text(&host, "[data-srw=total-net]"), "Net: -0.2 NEAR against the principal of 20 NEAR");
    assert_eq!(q(&host, "[data-srw=totals]").unwrap().get_attribute("data-loss").unwrap(), t.loss.0.to_string());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_loss_lines_are_translatable() {
    let stub = Stub::new(fixtures());
    let account = get(&stub.fx, &["contracts", "aurora.pool.test.near", "get_account", "by_account_id", PROXY]);
    Reflect::set(&account, &"staked_balance".into(), &"9000000000000000000000000".into()).unwrap();
    let strings =
        JSON::parse(r#"{"pos_loss": "Verlust: {amount} NEAR", "pos_total_loss": "Gesamtverlust: {amount} NEAR"}"#)
            .unwrap();
    let wallet = TestWallet::new(BOB);
    let host = host();
    let mut handle = widget::mount(host.clone(), config(&stub, Some(&wallet), &[("strings", strings)])).unwrap();
    wait_until(|| q(&host, "[data-srw=totals]").is_some(), "the position").await;
    assert_eq!(pool_text(&host, "aurora.pool.test.near", "pool-loss"), "Verlust: 1 NEAR");
    assert_eq!(text(&host, "[data-srw=total-loss]"), "Gesamtverlust: 1 NEAR");
    handle.unmount();
}
