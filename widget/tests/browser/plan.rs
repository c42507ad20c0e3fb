//! The preview in the page is `plan_deposit`'s plan, leg by leg, to the yoctoNEAR.

use crate::common::Rng;
use crate::harness::*;
use router_core::{format_near, plan_deposit, PlanError, Profile, Yocto, ONE_NEAR};
use wasm_bindgen_test::wasm_bindgen_test;
use widget::input::InputError;
use widget::strings::Strings;

/// Random routers (targets, a by-kind profile, minimum deposit) served by the stub; random
/// amounts typed into the page; the page must show exactly what `plan_deposit` returns, or
/// exactly its refusal.
#[wasm_bindgen_test]
async fn the_page_shows_exactly_plan_deposit_for_seeded_random_inputs() {
    let mut rng = Rng(0xB0_5EED);
    let base = router_data(&fixtures());
    let (mut shown_plans, mut shown_errors) = (0, 0);
    for round in 0..10 {
        let targets = rng.targets();
        let alloc = rng.by_kind();
        let mut config = base.config.clone();
        config.min_deposit = Yocto(if rng.chance(50) { ONE_NEAR } else { rng.u128() % (3 * ONE_NEAR) });
        let stub = Stub::new(fixtures());
        stub.set_view("get_targets", Some(to_js(&targets)));
        stub.set_view(
            "get_profiles",
            Some(to_js(&vec![Profile { name: "p".into(), description: "random".into(), allocation: alloc.clone() }])),
        );
        stub.set_view("get_config", Some(to_js(&config)));
        let (host, mut handle) = mounted(&stub, None).await;
        let limits = router_core::PlanLimits::new(config.min_deposit.0, false)
            .with_costs(config.costs)
            .with_gas(config.gas)
            .with_fee(config.deposit_fee_bps);
        for k in 0..12 {
            let amount = rng.amount();
            type_into(&host, "[data-srw=amount]", &format_near(amount));
            let expected = alloc
                .resolve(&targets)
                .map_err(PlanError::from)
                .and_then(|p| plan_deposit(amount, &p, &targets, &limits));
            let ctx = format!("round {round}, amount {amount} ({k})");
            match expected {
                Ok(plan) => {
                    let want: Vec<(String, String)> =
                        plan.legs.iter().map(|l| (l.target.to_string(), l.amount.0.to_string())).collect();
                    assert_eq!(legs_shown(&host), want, "{ctx}");
                    for (leg, el) in plan.legs.iter().zip(all(&host, "[data-srw=leg-amount]")) {
                        assert_eq!(
                            el.text_content().unwrap(),
                            format!("{} NEAR", router_core::format_near_display(leg.amount.0)),
                            "{ctx}"
                        );
                    }
                    let folded: Vec<String> = all(&host, "[data-srw=folded] li")
                        .iter()
                        .map(|e| e.get_attribute("data-target").unwrap())
                        .collect();
                    assert_eq!(folded, plan.folded.iter().map(|f| f.target.to_string()).collect::<Vec<_>>(), "{ctx}");
                    assert!(text(&host, "[data-srw=gas]").contains(&format!("({} gas)", plan.gas_required)), "{ctx}");
                    assert_eq!(text(&host, "[data-srw=stake]"), format!("Stake {} NEAR", format_near(amount)), "{ctx}");
                    assert_eq!(
                        text(&host, "[data-srw=amount-error]") + &text(&host, "[data-srw=form-error]"),
                        "",
                        "{ctx}"
                    );
                    shown_plans += 1;
                }
                Err(e) => {
                    assert!(legs_shown(&host).is_empty(), "{ctx}");
                    let (message, _) = InputError::Plan(e).message(&Strings::default());
                    let shown = text(&host, "[data-srw=amount-error]") + &text(&host, "[data-srw=form-error]");
                    assert_eq!(shown, message, "{ctx}");
                    assert_eq!(text(&host, "[data-srw=stake]"), "Stake", "{ctx}");
                    shown_errors += 1;
                }
            }
        }
        handle.unmount();
    }
    assert!(shown_plans > 20 && shown_errors > 5, "plans {shown_plans}, refusals {shown_errors}");
}

/// The fixture router's profiles, each at a few amounts, with a connected account whose
/// proxy exists (no creation costs) and one whose proxy does not.
#[wasm_bindgen_test]
async fn every_profile_matches_for_first_and_later_deposits() {
    for (account, proxy_exists) in [("alice.test.near", false), ("bob.test.near", true)] {
        let stub = Stub::new(fixtures());
        let data = router_data(&stub.fx);
        let wallet = TestWallet::new(account);
        let (host, mut handle) = mounted(&stub, Some(&wallet)).await;
        for profile in &data.profiles {
            click(&host, &format!("input[data-srw=profile][value=\"{}\"]", profile.name));
            for amount in ["1", "2.5", "7", "100", "999.123456789012345678901234"] {
                type_into(&host, "[data-srw=amount]", amount);
                let policy = profile.allocation.resolve(&data.targets).unwrap();
                let plan = plan_deposit(
                    router_core::parse_near(amount).unwrap(),
                    &policy,
                    &data.targets,
                    &data.limits(proxy_exists),
                );
                let want: Vec<(String, String)> = match &plan {
                    Ok(p) => p.legs.iter().map(|l| (l.target.to_string(), l.amount.0.to_string())).collect(),
                    Err(_) => Vec::new(),
                };
                assert_eq!(legs_shown(&host), want, "{account} {} {amount}", profile.name);
                if let Ok(p) = plan {
                    let creates = text(&host, "[data-srw=costs]").contains("First direct deposit");
                    assert_eq!(creates, p.creates_proxy, "{account} {} {amount}", profile.name);
                }
            }
        }
        handle.unmount();
    }
}

/// The rate line uses the LST's own price view and the exact leg amount.
#[wasm_bindgen_test]
async fn liquid_legs_show_the_protocol_rate() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "100");
    wait_until(
        || all(&host, "[data-srw=leg-rate]").iter().all(|e| !e.text_content().unwrap().contains("loading")),
        "the rates",
    )
    .await;
    let rates: Vec<String> = all(&host, "[data-srw=leg-rate]").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(rates.len(), 2, "{rates:?}");
    assert!(rates.iter().any(|r| r.contains("1 LiNEAR = 1.083 NEAR")), "{rates:?}");
    assert!(rates.iter().any(|r| r.contains("1 stNEAR = 1.21 NEAR")), "{rates:?}");
    handle.unmount();
}

/// Re-rendering while typing keeps the risks a person opened open.
#[wasm_bindgen_test]
async fn opened_risks_stay_open_while_typing() {
    let stub = Stub::new(fixtures());
    let (host, mut handle) = mounted(&stub, None).await;
    type_into(&host, "[data-srw=amount]", "50");
    let first = all(&host, "[data-srw=leg]")[0].get_attribute("data-target").unwrap();
    click(&host, &format!("[data-srw=leg][data-target=\"{first}\"] summary"));
    type_into(&host, "[data-srw=amount]", "60");
    let open: Vec<String> = all(&host, "[data-srw=leg] details[open]")
        .iter()
        .map(|d| d.closest("[data-srw=leg]").unwrap().unwrap().get_attribute("data-target").unwrap())
        .collect();
    assert_eq!(open, vec![first]);
    handle.unmount();
}
