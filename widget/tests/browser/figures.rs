//! What a staker chooses by, in the page: each leg's yearly rate, fee, health and unlock, and
//! the deposit's blend, equal to what router-core computes from the same RPC answers (the
//! stand-in node's, read here without the widget); a read that fails is said in place of its
//! figure; the first render does not wait for these reads.

use crate::harness::*;
use js_sys::{Reflect, JSON};
use router_core::figure_legs::{blend, leg_figures, own_growth, own_growth_reads, target_reads, Answer, LegFigures};
use router_core::figure_reads::{base_requests, block_request, Base, Window};
use router_core::figures::describe_ppm;
use router_core::{AccountId, Target, TargetStatus};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The figures router-core computes from the stand-in node's answers; `proxy` for own growth.
fn expected(stub: &Stub, epochs: u64, proxy: Option<&str>) -> (Base, Window, Vec<LegFigures>) {
    let [config, head, validators, status] = base_requests().map(|r| stub.json(r.method, r.params).unwrap());
    let base = Base::parse(&config, &head, validators, &status).unwrap();
    let (_, from) = base.window_start(epochs);
    let r = block_request(from);
    let end = block_request(base.epoch_start);
    let w = base
        .window(epochs, &stub.json(r.method, r.params).unwrap(), &stub.json(end.method, end.params).unwrap())
        .unwrap();
    let view =
        |r: &router_core::figure_legs::ViewRead| -> Answer { stub.view(r.account.as_str(), r.method, &r.args, r.at) };
    let targets: Vec<Target> =
        router_data(&stub.fx).targets.into_iter().filter(|t| t.status == TargetStatus::Active).collect();
    let legs = targets
        .iter()
        .map(|t| {
            let answers: Vec<Answer> = target_reads(t, &w).iter().map(view).collect();
            let own = match proxy {
                Some(p) if t.kind.is_validator() => own_growth(
                    &t.account_id,
                    &own_growth_reads(&p.parse().unwrap(), &t.account_id, &w).map(|r| view(&r)),
                    &w,
                ),
                _ => None,
            };
            leg_figures(t, &base, &w, &answers, own)
        })
        .collect();
    (base, w, legs)
}

fn leg_attr(host: &web_sys::Element, target: &str, name: &str) -> Option<String> {
    q(host, &format!("[data-srw=leg][data-target=\"{target}\"]")).and_then(|l| l.get_attribute(name))
}

async fn figures_shown(host: &web_sys::Element, source: &str) {
    wait_until(
        || {
            let legs = all(host, "[data-srw=leg]");
            !legs.is_empty()
                && legs.iter().all(|l| l.has_attribute("data-apy-source"))
                && q(host, "[data-srw=blended][data-ppm]").is_some()
                && legs.iter().any(|l| l.get_attribute("data-apy-source").as_deref() == Some(source))
        },
        "the figures",
    )
    .await;
}

#[wasm_bindgen_test]
async fn each_legs_figures_and_the_blend_are_router_cores_from_the_same_answers() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "100");
    figures_shown(&host, "protocol_figures").await;
    let (_, w, legs) = expected(&stub, 4, None);
    assert_eq!((w.from, w.to, w.seconds, w.shortened), (267_200, 440_000, 172_800, false));
    let shown = all(&host, "[data-srw=leg]");
    for l in &shown {
        let target = l.get_attribute("data-target").unwrap();
        let f = legs.iter().find(|f| f.target.as_str() == target).unwrap();
        let rate = f.rate_ppm.expect("every fixture leg has a rate");
        assert_eq!(l.get_attribute("data-apy-ppm"), Some(rate.to_string()), "{target}");
        let line = text(&host, &format!("[data-srw=leg][data-target=\"{target}\"] [data-srw=leg-apy]"));
        assert!(line.starts_with(&format!("Yearly rate {}", describe_ppm(rate))), "{target}: {line}");
        let details = text(&host, &format!("[data-srw=leg][data-target=\"{target}\"] [data-srw=leg-details]"));
        let exact = text(&host, &format!("[data-srw=leg][data-target=\"{target}\"] [data-srw=leg-exact]"));
        let amount: u128 = l.get_attribute("data-amount").unwrap().parse().unwrap();
        assert_eq!(exact, format!("Exactly {} NEAR ({amount} yoctoNEAR).", router_core::format_near(amount)));
        let readable = text(&host, &format!("[data-srw=leg][data-target=\"{target}\"] [data-srw=leg-amount]"));
        assert_eq!(readable, format!("{} NEAR", router_core::format_near_display(amount)));
        let unlock = text(&host, &format!("[data-srw=leg][data-target=\"{target}\"] [data-srw=leg-unlock]"));
        if l.get_attribute("data-kind").as_deref() == Some("validator") {
            assert_eq!(l.get_attribute("data-apy-source").as_deref(), Some("protocol_figures"));
            assert!(details.contains("the protocol's reward figures"), "{details}");
            // 4 epochs of 43,200 blocks at 1 s.
            assert!(
                unlock.starts_with("Unstaking takes 4 epochs, about 2 days (43200-block epochs at about 1 s"),
                "{unlock}"
            );
        } else {
            assert_eq!(l.get_attribute("data-apy-source").as_deref(), Some("price_growth"));
            assert!(details.contains("price growth between blocks 267200 and 440000 (2 days)"), "{details}");
            assert!(unlock.starts_with("Its delayed unstake takes 4 to "), "{unlock}");
        }
    }
    // zavodil: 5% fee, all its blocks and chunks; figment: 80% uptime, below the 90% minimum.
    let zavodil = text(&host, "[data-srw=leg][data-target=\"zavodil.pool.test.near\"]");
    assert!(zavodil.contains("fee 5.00% · uptime 100.00%"), "{zavodil}");
    assert!(zavodil.contains("produced 100 of 100 expected blocks and 1000 of 1000 expected chunks"), "{zavodil}");
    assert!(zavodil.contains("it holds 3% of the network's stake"), "{zavodil}");
    assert_eq!(leg_attr(&host, "figment.pool.test.near", "data-apy-ppm").as_deref(), Some("0"));
    let linear = text(&host, "[data-srw=leg][data-target=\"linear-protocol.test.near\"]");
    assert!(linear.contains("protocol fee 10.00%") && linear.contains("(its get_beneficiaries)"), "{linear}");
    let meta = text(&host, "[data-srw=leg][data-target=\"meta-pool.test.near\"]");
    assert!(meta.contains("protocol fee 0.70%") && meta.contains("(its get_reward_fee_fraction)"), "{meta}");
    // The blend: the legs' rates by their amounts.
    let amounts: Vec<(AccountId, u128)> =
        legs_shown(&host).iter().map(|(t, a)| (t.parse().unwrap(), a.parse().unwrap())).collect();
    let staked: u128 = amounts.iter().map(|(_, a)| a).sum();
    let shares: Vec<(AccountId, u16)> =
        amounts.iter().map(|(t, a)| (t.clone(), (a * 10_000 / staked) as u16)).collect();
    let (rate, missing) = blend(&shares, &legs);
    assert_eq!(missing, 0);
    let blended = q(&host, "[data-srw=blended]").unwrap();
    assert_eq!(blended.get_attribute("data-ppm"), rate.map(|r| r.to_string()));
    assert!(blended
        .text_content()
        .unwrap()
        .starts_with(&format!("Expected yearly rate of this deposit: {}", describe_ppm(rate.unwrap()))));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_connected_account_with_stake_in_a_pool_gets_its_own_growth() {
    let stub = Stub::new(fixtures());
    let wallet = TestWallet::new("bob.test.near");
    let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
    click(&host, "input[data-srw=profile][value=\"validators-only\"]");
    type_into(&host, "[data-srw=amount]", "100");
    figures_shown(&host, "own_growth").await;
    let (_, w, legs) = expected(&stub, 4, Some("b8d7f586f28f098f49e4bdda.stake-router.test.near"));
    for target in ["aurora.pool.test.near", "zavodil.pool.test.near"] {
        let f = legs.iter().find(|f| f.target.as_str() == target).unwrap();
        assert_eq!(f.source, router_core::figure_legs::RateSource::OwnGrowth, "{target}");
        assert!(f.rate_ppm.unwrap() > 0);
        assert_eq!(leg_attr(&host, target, "data-apy-ppm"), f.rate_ppm.map(|r| r.to_string()), "{target}");
        assert_eq!(leg_attr(&host, target, "data-apy-source").as_deref(), Some("own_growth"));
    }
    let details = text(&host, "[data-srw=leg][data-target=\"aurora.pool.test.near\"] [data-srw=leg-details]");
    assert!(
        details.contains(&format!("your own stake's growth in this pool between blocks {} and {}", w.from, w.to)),
        "{details}"
    );
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_failing_read_is_said_in_place_of_its_figure_and_try_again_reads_it() {
    // A pool without its fee view: no protocol rate for it, and the reason.
    let fx = fixtures();
    let figment =
        Reflect::get(&Reflect::get(&fx, &"contracts".into()).unwrap(), &"figment.pool.test.near".into()).unwrap();
    Reflect::delete_property(figment.unchecked_ref::<js_sys::Object>(), &"get_reward_fee_fraction".into()).unwrap();
    // The chain-wide reads fail first: `validators` answers UNKNOWN_EPOCH.
    Reflect::set(&fx, &"epoch_height".into(), &JsValue::NULL).unwrap();
    let stub = Stub::new(fx);
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "100");
    wait_until(|| q(&host, "[data-srw=figures-retry]").is_some(), "the failure").await;
    let said = text(&host, "[data-srw=blended]");
    assert!(
        said.starts_with("Yearly rates, fees and validator health unavailable: validators: RPC error: Unknown Epoch"),
        "{said}"
    );
    let line = text(&host, "[data-srw=leg][data-target=\"zavodil.pool.test.near\"] [data-srw=leg-apy]");
    assert!(line.starts_with("Yearly rate unavailable: validators: RPC error: Unknown Epoch"), "{line}");
    assert!(!legs_shown(&host).is_empty(), "the plan itself is shown");
    // The node answers again: Try again reads everything.
    Reflect::set(&stub.fx, &"epoch_height".into(), &JsValue::from(102)).unwrap();
    click(&host, "[data-srw=figures-retry]");
    wait_until(|| q(&host, "[data-srw=blended][data-ppm]").is_some(), "the figures").await;
    let line = text(&host, "[data-srw=leg][data-target=\"figment.pool.test.near\"] [data-srw=leg-apy]");
    assert_eq!(
        line,
        "Yearly rate unavailable: the pool's fee is needed: figment.pool.test.near has no get_reward_fee_fraction view \
         · fee unavailable · uptime 80.00%"
    );
    assert!(leg_attr(&host, "figment.pool.test.near", "data-apy-ppm").is_none());
    let blended = text(&host, "[data-srw=blended]");
    assert!(text(&host, "[data-srw=blended-note]").contains("Left out of the blend for lack of a rate: 1 of 4 legs."));
    assert!(blended.starts_with("Expected yearly rate of this deposit: "), "{blended}");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_node_keeping_fewer_epochs_gives_a_shorter_window_and_says_so() {
    let fx = fixtures();
    let clock = Reflect::get(&fx, &"clock".into()).unwrap();
    Reflect::set(&clock, &"earliest_height".into(), &JsValue::from(300_000)).unwrap();
    Reflect::set(&clock, &"missing_heights".into(), &JSON::parse("[300000, 300001]").unwrap()).unwrap();
    Reflect::set(
        &Reflect::get(&fx, &"history".into()).unwrap(),
        &"300002".into(),
        &JSON::parse(r#"{"linear-protocol.test.near": {"ft_price": "1082800000000000000000000"}}"#).unwrap(),
    )
    .unwrap();
    let stub = Stub::new(fx);
    let (host, mut handle) = mounted(&stub, None).await;
    click(&host, "input[data-srw=profile][value=\"liquid-heavy\"]");
    type_into(&host, "[data-srw=amount]", "100");
    figures_shown(&host, "price_growth").await;
    // Heights 300,000 and 300,001 have no block: the window starts at the next one.
    let (_, w, legs) = {
        let [config, head, validators, status] = base_requests().map(|r| stub.json(r.method, r.params).unwrap());
        let base = Base::parse(&config, &head, validators, &status).unwrap();
        let r = block_request(300_002);
        let end = block_request(base.epoch_start);
        let w = base
            .window(4, &stub.json(r.method, r.params).unwrap(), &stub.json(end.method, end.params).unwrap())
            .unwrap();
        let t = router_data(&stub.fx)
            .targets
            .into_iter()
            .find(|t| t.account_id.as_str() == "linear-protocol.test.near")
            .unwrap();
        let answers: Vec<Answer> =
            target_reads(&t, &w).iter().map(|r| stub.view(r.account.as_str(), r.method, &r.args, r.at)).collect();
        let f = leg_figures(&t, &base, &w, &answers, None);
        (base, w, vec![f])
    };
    assert_eq!((w.from, w.shortened), (300_002, true));
    assert!(legs[0].rate_ppm.unwrap() > 0);
    assert_eq!(leg_attr(&host, "linear-protocol.test.near", "data-apy-ppm"), legs[0].rate_ppm.map(|r| r.to_string()));
    let details = text(&host, "[data-srw=leg][data-target=\"linear-protocol.test.near\"] [data-srw=leg-details]");
    assert!(details.contains("between blocks 300002 and 440000"), "{details}");
    assert!(
        details.contains("The node keeps fewer than the 4 epochs asked for, so the window is shorter."),
        "{details}"
    );
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_first_render_does_not_wait_for_the_figures() {
    let stub = Stub::new(fixtures());
    *stub.hold.borrow_mut() = Some("EXPERIMENTAL_protocol_config");
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "100");
    assert!(!legs_shown(&host).is_empty(), "the plan is shown while the figures are read");
    wait_until(|| stub.held() > 0, "the figures' first read").await;
    assert_eq!(text(&host, "[data-srw=blended]"), "Expected yearly rate: reading the chain's figures…");
    assert!(all(&host, "[data-srw=leg-apy]").iter().all(|e| e.text_content().unwrap() == "Yearly rate: loading…"));
    assert!(
        text(&host, "[data-srw=leg-unlock]").starts_with("Unstaking takes 4 epochs. ")
            || text(&host, "[data-srw=leg-unlock]").starts_with("Its delayed unstake takes")
    );
    stub.release();
    wait_until(|| q(&host, "[data-srw=blended][data-ppm]").is_some(), "the figures").await;
    handle.unmount();
}

#[wasm_bindgen_test]
async fn each_profile_option_shows_its_splits_recent_rate() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    let option = |name: &str| text(&host, &format!("[data-srw=option-rate][data-option=\"profile:{name}\"]"));
    let data = router_data(&stub.fx);
    wait_until(|| data.profiles.iter().all(|p| !option(&p.name).is_empty()), "every option's rate").await;
    let (_, _, legs) = expected(&stub, 4, None);
    let mut rates = Vec::new();
    for p in &data.profiles {
        // The profile's split as the router resolves it now, weighted by each leg's rate.
        let policy = p.allocation.resolve(&data.targets).unwrap();
        let (mut sum, mut weight) = (0i64, 0i64);
        for l in &policy.legs {
            let rate = legs.iter().find(|f| f.target == l.target).and_then(|f| f.rate_ppm).unwrap();
            sum += i64::from(l.bps) * rate;
            weight += i64::from(l.bps);
        }
        let want = sum / weight;
        assert_eq!(option(&p.name), format!("Recent yearly rate of this split: {}", describe_ppm(want)), "{}", p.name);
        rates.push(want);
    }
    // The profiles differ in their rates (liquid tokens earn more than these pools here).
    assert!(rates.windows(2).any(|w| w[0] != w[1]), "{rates:?}");
    // Before any amount is typed the options already say it; the custom split has no line.
    assert!(q(&host, "[data-srw=option-rate][data-option=\"\"]").is_none());
    handle.unmount();
}
