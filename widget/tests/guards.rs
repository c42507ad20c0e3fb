//! The profile's guards in the widget, natively: with what it read over RPC (`get_profile_guards`,
//! `validators`, `get_depeg_bands`) the widget plans exactly what `plan_deposit` plans with the
//! guards the router builds on chain; it waits for, and names, a read its guards need; a custom
//! split has none; guarded legs say why they were folded, in translatable words.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{Rng, ROUTER};
use router_core::guards::network_share_bps;
use router_core::{
    format_near, plan_deposit, AccountId, CostSchedule, DepegBand, FoldReason, GasSchedule, GuardOptions, PlanGuards,
    Policy, Profile, Target, Yocto, ONE_NEAR,
};
use widget::data::{Load, RouterConfigView, RouterData};
use widget::guards::{GuardData, GuardError, GuardRead, ValidatorsAnswer};
use widget::input::{plan_inputs, Choice, InputError, Inputs, Planned};
use widget::preview::describe_guarded;
use widget::strings::Strings;

/// The router contract's guards, written out as `router-contract/src/guards.rs` built them
/// before the shared `read_guards` (an independent oracle): the options of the profile; with a
/// share limit, `network_share_bps(env::validator_stake(leg), env::validator_total_stake())`
/// for each validator leg of the policy; with the depeg skip, every out-of-band band.
fn contract_guards(
    options: GuardOptions,
    policy: &Policy,
    targets: &[Target],
    validators: &[(AccountId, u128)],
    bands: &[(AccountId, DepegBand)],
) -> PlanGuards {
    let mut g = PlanGuards { options, ..Default::default() };
    if options.max_validator_network_share_bps.is_some() {
        let total: u128 = validators.iter().map(|(_, s)| s).sum();
        for leg in &policy.legs {
            if targets.iter().any(|t| t.account_id == leg.target && t.kind.is_validator()) {
                let stake = validators.iter().find(|(a, _)| a == &leg.target).map_or(0, |(_, s)| *s);
                if let Some(share) = network_share_bps(stake, total) {
                    g.network_share_bps.push((leg.target.clone(), share));
                }
            }
        }
    }
    if options.skip_out_of_band_liquid {
        g.out_of_band_liquid = bands.iter().filter(|(_, b)| b.last_price_out_of_band).map(|(a, _)| a.clone()).collect();
    }
    g
}

fn config() -> RouterConfigView {
    RouterConfigView {
        owner_id: "owner.near".parse().unwrap(),
        pending_owner_id: None,
        operators: vec![],
        guardians: vec![],
        paused: false,
        min_deposit: Yocto(ONE_NEAR),
        proxy_code_hash: Some("hash".into()),
        costs: CostSchedule::DEFAULT,
        gas: GasSchedule::DEFAULT,
        state_version: 3,
        deposit_fee_bps: 0,
        max_deposit_fee_bps: 100,
        treasury_id: None,
        pool_whitelist_id: None,
        next_proxy_code_hash: None,
        next_proxy_code_from_ns: None,
    }
}

fn inputs<'a>(
    text: &'a str,
    choice: &'a Choice,
    data: &'a RouterData,
    r: &'a AccountId,
    g: &'a GuardData,
) -> Inputs<'a> {
    Inputs {
        amount_text: text,
        choice,
        data,
        router_id: r,
        account: None,
        proxy_exists: false,
        available: None,
        guards: Some(g),
        stored: None,
    }
}

fn ready(options: GuardOptions, validators: Vec<(AccountId, u128)>, bands: Vec<(AccountId, DepegBand)>) -> GuardData {
    let mut g = GuardData::new(1);
    g.options.insert("p".into(), Load::Ready(options));
    g.validators = Load::Ready(validators);
    g.bands = Load::Ready(bands);
    g
}

#[test]
fn guarded_profiles_plan_exactly_as_the_router_for_seeded_random_inputs() {
    let mut rng = Rng(0x6A4D_0001);
    let (mut folded_by_guard, mut planned) = (0, 0);
    for case in 0..3_000 {
        let targets = rng.targets();
        let alloc = rng.by_kind();
        let profiles = vec![Profile { name: "p".into(), description: String::new(), allocation: alloc.clone() }];
        let data = RouterData { targets: targets.clone(), profiles, config: config() };
        // The network: some of the router's pools (some not validators at all), and others.
        let mut validators: Vec<(AccountId, u128)> = Vec::new();
        let mut bands: Vec<(AccountId, DepegBand)> = Vec::new();
        for t in &targets {
            if t.kind.is_validator() && rng.chance(80) {
                validators.push((t.account_id.clone(), rng.u128() % (50_000_000 * ONE_NEAR)));
            } else if !t.kind.is_validator() && rng.chance(70) {
                let mut b = DepegBand::new(ONE_NEAR, 100);
                b.last_price_out_of_band = rng.chance(50);
                bands.push((t.account_id.clone(), b));
            }
        }
        for i in 0..rng.below(4) {
            validators.push((format!("other{i}.pool.near").parse().unwrap(), rng.u128() % (100_000_000 * ONE_NEAR)));
        }
        let options = GuardOptions {
            max_validator_network_share_bps: rng.chance(70).then(|| 1 + rng.below(10_000) as u16),
            skip_out_of_band_liquid: rng.chance(60),
        };
        let g = ready(options, validators.clone(), bands.clone());
        let amount = rng.amount();
        let text = format_near(amount);
        let r: AccountId = ROUTER.parse().unwrap();
        let choice = Choice::Profile("p".into());
        let got = plan_inputs(inputs(&text, &choice, &data, &r, &g));
        let want = alloc.resolve(&targets).map_err(router_core::PlanError::from).and_then(|policy| {
            let guards = contract_guards(options, &policy, &targets, &validators, &bands);
            plan_deposit(amount, &policy, &targets, &data.limits_guarded(false, guards))
        });
        match (&got, &want) {
            (Ok(p), Ok(w)) => {
                assert_eq!(&p.plan, w, "case {case}");
                planned += 1;
                let guarded = [FoldReason::ConcentrationGuard, FoldReason::DepegGuard];
                folded_by_guard += p.plan.folded.iter().filter(|f| guarded.contains(&f.reason)).count();
            }
            (Err(InputError::Plan(e)), Err(w)) => assert_eq!(e, w, "case {case}"),
            (Err(InputError::NoProxyCode), _) => unreachable!(),
            _ => panic!("case {case}: widget {got:?}, router {want:?}"),
        }
    }
    assert!(
        planned > 1_000 && folded_by_guard > 300,
        "the cases exercise the guards: {planned} plans, {folded_by_guard} guarded folds"
    );
}

fn fixture() -> (RouterData, AccountId) {
    let v: serde_json::Value = serde_json::from_str(common::FIXTURES).unwrap();
    let views = &v["views"];
    let data = RouterData {
        targets: serde_json::from_value(views["get_targets"].clone()).unwrap(),
        profiles: serde_json::from_value(views["get_profiles"].clone()).unwrap(),
        config: serde_json::from_value(views["get_config"].clone()).unwrap(),
    };
    (data, ROUTER.parse().unwrap())
}

fn id(s: &str) -> AccountId {
    s.parse().unwrap()
}

fn plan(data: &RouterData, r: &AccountId, choice: &Choice, g: &GuardData) -> Result<Planned, InputError> {
    plan_inputs(inputs("100", choice, data, r, g))
}

#[test]
fn the_preview_waits_for_and_names_each_read_its_guards_need() {
    let (data, r) = fixture();
    let balanced = Choice::Profile("balanced".into());
    let mut g = GuardData::new(1);
    assert_eq!(g.missing(Some("balanced"), true), vec![GuardRead::Options]);
    assert_eq!(plan(&data, &r, &balanced, &g), Err(InputError::Guards(GuardError::Loading)));
    g.options.insert("balanced".into(), Load::Loading);
    assert_eq!(g.missing(Some("balanced"), true), vec![], "asked already");
    assert_eq!(plan(&data, &r, &balanced, &g), Err(InputError::Guards(GuardError::Loading)));

    // No guards on: nothing else is read, and a failed `validators` does not matter.
    g.options.insert("balanced".into(), Load::Ready(GuardOptions::default()));
    g.validators = Load::Failed("HTTP 503".into());
    assert_eq!(g.missing(Some("balanced"), true), vec![]);
    let unguarded = plan(&data, &r, &balanced, &g).unwrap();
    assert_eq!(unguarded.guards, PlanGuards::default());

    // The concentration guard needs the validators: a failure is said, never planned around.
    let share = GuardOptions { max_validator_network_share_bps: Some(2_000), skip_out_of_band_liquid: false };
    g.options.insert("balanced".into(), Load::Ready(share));
    assert_eq!(g.missing(Some("balanced"), true), vec![GuardRead::Validators], "a failed read is asked again");
    assert_eq!(g.missing(Some("balanced"), false), vec![], "but only when the person asks");
    let err = plan(&data, &r, &balanced, &g).unwrap_err();
    assert_eq!(err, InputError::Guards(GuardError::Failed { read: GuardRead::Validators, error: "HTTP 503".into() }));
    let (msg, _) = err.message(&Strings::default());
    assert!(msg.contains("did not return the validators' stakes (HTTP 503)"), "{msg}");
    let de = Strings::new([("guards_failed_validators".to_string(), "Keine Validatoren: {error}".to_string())].into());
    assert_eq!(err.message(&de).0, "Keine Validatoren: HTTP 503");

    // The depeg guard needs the bands only.
    let depeg = GuardOptions { max_validator_network_share_bps: None, skip_out_of_band_liquid: true };
    g.options.insert("balanced".into(), Load::Ready(depeg));
    assert_eq!(g.missing(Some("balanced"), true), vec![GuardRead::DepegBands]);
    g.bands = Load::Failed("view failed".into());
    let err = plan(&data, &r, &balanced, &g).unwrap_err();
    assert_eq!(
        err,
        InputError::Guards(GuardError::Failed { read: GuardRead::DepegBands, error: "view failed".into() })
    );

    // A custom split has no guards (the router gives explicit policies none), whatever was read.
    let custom = Choice::Custom(vec![(id("aurora.pool.test.near"), "10000".into())]);
    assert_eq!(g.missing(None, true), vec![]);
    assert_eq!(plan(&data, &r, &custom, &g).unwrap().guards, PlanGuards::default());
}

#[test]
fn guarded_legs_say_why_in_translatable_words() {
    let (data, r) = fixture();
    let options = GuardOptions { max_validator_network_share_bps: Some(2_000), skip_out_of_band_liquid: true };
    // balanced picks figment and zavodil: figment holds 30% of the network, zavodil 10%; meta-pool's last mint was out of band.
    let validators = vec![
        (id("figment.pool.test.near"), 300 * ONE_NEAR),
        (id("zavodil.pool.test.near"), 100 * ONE_NEAR),
        (id("aurora.pool.test.near"), 600 * ONE_NEAR),
    ];
    let mut out = DepegBand::new(ONE_NEAR, 100);
    out.last_price_out_of_band = true;
    let bands =
        vec![(id("meta-pool.test.near"), out), (id("linear-protocol.test.near"), DepegBand::new(ONE_NEAR, 100))];
    let mut g = ready(options, validators, bands);
    g.options.insert("balanced".into(), Load::Ready(options));
    let p = plan(&data, &r, &Choice::Profile("balanced".into()), &g).unwrap();
    let reasons: Vec<_> = p.plan.folded.iter().map(|f| (f.target.as_str(), f.reason)).collect();
    assert!(reasons.contains(&("figment.pool.test.near", FoldReason::ConcentrationGuard)), "{reasons:?}");
    assert!(reasons.contains(&("meta-pool.test.near", FoldReason::DepegGuard)), "{reasons:?}");
    assert!(p.plan.legs.iter().all(|l| l.target.as_str() != "figment.pool.test.near"));

    let view = describe_guarded(&p.plan, &p.guards, &data.targets, &Default::default(), None, &Strings::default());
    let text = |t: &str| view.folded.iter().find(|f| f.target == t).unwrap().text.clone();
    let figment = p.plan.folded.iter().find(|f| f.target.as_str() == "figment.pool.test.near").unwrap();
    assert_eq!(
        text("figment.pool.test.near"),
        format!(
            "figment.pool.test.near: holds 30% of the network's stake, above this profile's limit of 20%; its share of {} NEAR went to the other legs.",
            widget::preview::approx_near(figment.would_have_been.0)
        )
    );
    assert!(text("meta-pool.test.near").contains("outside its depeg band"), "{}", text("meta-pool.test.near"));
    let de = Strings::new([("folded_concentration".to_string(), "{target}: {share} % > {limit} %".to_string())].into());
    let view = describe_guarded(&p.plan, &p.guards, &data.targets, &Default::default(), None, &de);
    assert_eq!(
        view.folded.iter().find(|f| f.target == "figment.pool.test.near").unwrap().text,
        "figment.pool.test.near: 30 % > 20 %"
    );
}

#[test]
fn the_validators_answer_is_read_from_nearcores_shape() {
    let answer = serde_json::json!({
        "current_validators": [
            { "account_id": "a.pool.near", "public_key": "ed25519:11111111111111111111111111111111", "is_slashed": false,
              "stake": "340282366920938463463374607431768211455", "shards": [0], "num_produced_blocks": 1, "num_expected_blocks": 1 },
            { "account_id": "b.pool.near", "public_key": "ed25519:11111111111111111111111111111111", "is_slashed": false,
              "stake": "1", "shards": [0], "num_produced_blocks": 1, "num_expected_blocks": 1 }
        ],
        "next_validators": [], "current_fishermen": [], "next_fishermen": [], "current_proposals": [],
        "prev_epoch_kickout": [], "epoch_start_height": 1, "epoch_height": 7
    });
    let v: ValidatorsAnswer = serde_json::from_value(answer).unwrap();
    assert_eq!(v.stakes(), vec![(id("a.pool.near"), u128::MAX), (id("b.pool.near"), 1)]);
}
