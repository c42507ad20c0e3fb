//! The widget's pure logic, natively (part of `cargo test --workspace`): the fixtures match
//! router-core's types, the widget plans exactly as `plan_deposit`, refusals read right, and
//! the transaction is exact. The same checks run in Chromium in `tests/browser`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{Rng, FIXTURES, ROUTER};
use router_core::{
    format_near, plan_deposit, AccountId, AmountError, CostSchedule, GasSchedule, PlanError, PolicyError, Profile,
    Target, ONE_NEAR,
};
use widget::data::{RouterConfigView, RouterData};
use widget::input::{plan_inputs, Choice, InputError, Inputs};
use widget::preview::describe;
use widget::strings::Strings;
use widget::tx::deposit_transaction;

fn fixtures() -> RouterData {
    let v: serde_json::Value = serde_json::from_str(FIXTURES).unwrap();
    let views = &v["views"];
    RouterData {
        targets: serde_json::from_value::<Vec<Target>>(views["get_targets"].clone()).unwrap(),
        profiles: serde_json::from_value::<Vec<Profile>>(views["get_profiles"].clone()).unwrap(),
        config: serde_json::from_value::<RouterConfigView>(views["get_config"].clone()).unwrap(),
    }
}

fn router() -> AccountId {
    ROUTER.parse().unwrap()
}

fn plan(
    data: &RouterData,
    amount: &str,
    choice: &Choice,
    account: Option<&AccountId>,
    available: Option<u128>,
) -> Result<widget::input::Planned, InputError> {
    let r = router();
    plan_inputs(Inputs {
        amount_text: amount,
        choice,
        data,
        router_id: &r,
        account,
        proxy_exists: false,
        available,
        guards: None,
        stored: None,
    })
}

#[test]
fn fixtures_are_the_contract_shapes() {
    // Parsing is the check: the widget reads these exactly as it reads the router's views.
    // (Their costs and gas are a snapshot of router-core's defaults; the widget plans with
    // whatever the router reports, so a later change of the defaults does not matter here.)
    let data = fixtures();
    assert_eq!(data.targets.len(), 6);
    assert_eq!(data.profiles.len(), 4);
}

#[test]
fn the_widget_plans_exactly_as_plan_deposit_for_seeded_random_inputs() {
    let mut rng = Rng(0x5EED_0001);
    let mut ok = 0;
    for case in 0..3_000 {
        let targets = rng.targets();
        let config = RouterConfigView {
            owner_id: "owner.near".parse().unwrap(),
            pending_owner_id: None,
            operators: vec![],
            guardians: vec![],
            paused: false,
            min_deposit: router_core::Yocto(if rng.chance(50) { ONE_NEAR } else { rng.u128() % (3 * ONE_NEAR) }),
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
        };
        let alloc = rng.by_kind();
        let profiles = vec![Profile { name: "p".into(), description: String::new(), allocation: alloc.clone() }];
        let data = RouterData { targets: targets.clone(), profiles, config: config.clone() };
        let amount = rng.amount();
        let proxy_exists = rng.chance(50);
        let r = router();
        let (choice, policy) = if rng.chance(50) {
            let p = rng.policy(&targets);
            (Choice::Custom(p.legs.iter().map(|l| (l.target.clone(), l.bps.to_string())).collect()), Ok(p))
        } else {
            (Choice::Profile("p".into()), alloc.resolve(&targets))
        };
        let text = format_near(amount);
        let got = plan_inputs(Inputs {
            amount_text: &text,
            choice: &choice,
            data: &data,
            router_id: &r,
            account: None,
            proxy_exists,
            available: None,
            guards: None,
            stored: None,
        });
        let want = policy
            .map_err(PlanError::from)
            .and_then(|p| plan_deposit(amount, &p, &targets, &data.limits(proxy_exists)));
        match (got, want) {
            (Ok(g), Ok(w)) => {
                assert_eq!(g.plan, w, "case {case}");
                assert_eq!(g.amount, amount);
                let view = describe(&g.plan, &targets, &Default::default(), None, &Strings::default());
                let shown: Vec<u128> = view.legs.iter().map(|l| l.amount).collect();
                assert_eq!(shown, w.legs.iter().map(|l| l.amount.0).collect::<Vec<_>>(), "case {case}");
                for (l, v) in w.legs.iter().zip(&view.legs) {
                    assert_eq!(v.amount_text, format!("{} NEAR", router_core::format_near_display(l.amount.0)));
                    assert_eq!(
                        v.exact,
                        format!("Exactly {} NEAR ({} yoctoNEAR).", format_near(l.amount.0), l.amount.0)
                    );
                }
                ok += 1;
            }
            (Err(InputError::Plan(g)), Err(w)) => assert_eq!(g, w, "case {case}"),
            (g, w) => panic!("case {case}: widget {g:?} vs planner {w:?}"),
        }
    }
    assert!(ok > 500, "too few accepted plans ({ok}) to mean anything");
}

#[test]
fn amounts_above_2_pow_53_yocto_stay_exact() {
    let data = fixtures();
    let text = "123456789.123456789123456789123456";
    let p = plan(&data, text, &Choice::Profile("balanced".into()), None, None).unwrap();
    assert_eq!(p.amount, 123_456_789_123_456_789_123_456_789_123_456);
    let tx = deposit_transaction(&router(), &p);
    assert_eq!(tx.actions[0].params.deposit, "123456789123456789123456789123456");
    let sum: u128 = p.plan.legs.iter().map(|l| l.amount.0).sum::<u128>() + p.plan.costs.total.0;
    assert_eq!(sum, p.amount);
}

#[test]
fn the_transaction_is_exactly_the_deposit_call() {
    let data = fixtures();
    let p = plan(&data, "12.5", &Choice::Profile("balanced".into()), None, None).unwrap();
    let json = serde_json::to_string(&deposit_transaction(&router(), &p)).unwrap();
    assert_eq!(
        json,
        format!(
            r#"{{"receiverId":"stake-router.test.near","actions":[{{"type":"FunctionCall","params":{{"methodName":"deposit","args":{{"profile":"balanced"}},"gas":"{}","deposit":"12500000000000000000000000"}}}}]}}"#,
            p.plan.gas_required
        )
    );
    let shares = vec![
        ("aurora.pool.test.near".parse().unwrap(), "7000".to_string()),
        ("meta-pool.test.near".parse().unwrap(), "3000".to_string()),
    ];
    let p = plan(&data, "3", &Choice::Custom(shares), None, None).unwrap();
    let json = serde_json::to_string(&deposit_transaction(&router(), &p)).unwrap();
    assert!(json.contains(r#""args":{"policy":{"legs":[{"target":"aurora.pool.test.near","bps":7000},{"target":"meta-pool.test.near","bps":3000}]}}"#), "{json}");
}

#[test]
fn bad_input_gets_a_clear_message() {
    let data = fixtures();
    let s = Strings::default();
    let balanced = Choice::Profile("balanced".into());
    let msg = |e: InputError| e.message(&s);
    assert_eq!(plan(&data, "", &balanced, None, None).unwrap_err(), InputError::Amount(AmountError::Empty));
    assert_eq!(msg(plan(&data, "0", &balanced, None, None).unwrap_err()).0, "Enter an amount above zero.");
    assert_eq!(
        msg(plan(&data, "1.0000000000000000000000001", &balanced, None, None).unwrap_err()).0,
        "NEAR has at most 24 decimal places."
    );
    assert_eq!(
        msg(plan(&data, "12,5", &balanced, None, None).unwrap_err()).0,
        "Use digits and at most one decimal point, e.g. 12.5."
    );
    let (m, hint) = msg(plan(&data, "0.5", &balanced, None, None).unwrap_err());
    assert_eq!(m, "The deposit of 0.5 NEAR is below the minimum of 1 NEAR.");
    assert_eq!(hint.as_deref(), Some("Deposit at least 1 NEAR."));
    let alice: AccountId = "alice.test.near".parse().unwrap();
    let e = plan(&data, "2000", &balanced, Some(&alice), Some(1_000 * ONE_NEAR - 5 * ONE_NEAR / 1_000)).unwrap_err();
    assert_eq!(
        msg(e).0,
        "That is more than you can stake now: 999.995 NEAR (your balance less what its storage needs and the gas this deposit pays up front; unused gas is refunded)."
    );
    let pool: AccountId = "aurora.pool.test.near".parse().unwrap();
    assert_eq!(plan(&data, "5", &balanced, Some(&pool), None).unwrap_err(), InputError::Beneficiary(pool.clone()));
    let bad = Choice::Custom(vec![(pool.clone(), "50%".into())]);
    assert_eq!(
        msg(plan(&data, "5", &bad, None, None).unwrap_err()).0,
        "Use whole basis points from 0 to 10000 for aurora.pool.test.near."
    );
    let short = Choice::Custom(vec![(pool, "9000".into())]);
    assert_eq!(
        plan(&data, "5", &short, None, None).unwrap_err(),
        InputError::Plan(PlanError::Policy(PolicyError::SharesDoNotSum { sum: 9000 }))
    );
    let mut paused = data.clone();
    paused.config.paused = true;
    assert_eq!(plan(&paused, "5", &balanced, None, None).unwrap_err(), InputError::Paused);
    let mut no_code = data.clone();
    no_code.config.proxy_code_hash = None;
    assert_eq!(plan(&no_code, "5", &balanced, None, None).unwrap_err(), InputError::NoProxyCode);
}

#[test]
fn a_leg_below_its_minimum_is_folded_and_explained() {
    let data = fixtures();
    // validators-only is explicit: 60% aurora, 40% zavodil, minimum leg 1 NEAR each.
    let p = plan(&data, "2", &Choice::Profile("validators-only".into()), None, None).unwrap();
    assert_eq!(p.plan.folded.len(), 1);
    let view =
        describe(&p.plan, &data.targets, &Default::default(), Some("x.stake-router.test.near"), &Strings::default());
    assert!(view.folded[0].text.contains("below its minimum leg size of 1 NEAR"), "{}", view.folded[0].text);
    assert!(view.costs[0].contains("x.stake-router.test.near"), "{:?}", view.costs);
    assert!(view.gas.starts_with("Gas: "), "{}", view.gas);
}

#[test]
fn a_plan_above_what_wallets_attach_says_so_before_the_wallet_is_asked() {
    let data = fixtures();
    let mut p = plan(&data, "100", &Choice::Profile("balanced".into()), None, None).unwrap().plan;
    let line =
        |p: &router_core::SplitPlan| describe(p, &data.targets, &Default::default(), None, &Strings::default()).gas;
    for (gas, above) in [(router_core::gas::WALLET_GAS, false), (router_core::gas::WALLET_GAS + 1, true)] {
        p.gas_required = gas;
        let text = line(&p);
        assert!(text.starts_with("Gas: "), "{text}");
        assert_eq!(text.contains("more than the 300 TGas many wallets and DAO apps attach"), above, "{gas}: {text}");
    }
}

/// The staking proxy's documented gas minimums (its error messages), read from its source.
const PROXY_ERRORS: &str = include_str!("../../staking-proxy/src/errors.rs");

#[test]
fn exit_calls_use_the_proxys_documented_gas_minimums() {
    use widget::position::*;
    let tgas = |g: u64| g / router_core::gas::TGAS;
    for (what, gas) in [
        ("to unstake", UNSTAKE_GAS),
        ("to withdraw", WITHDRAW_GAS),
        ("to move stake", MOVE_STAKE_GAS),
        ("to finish a move", FINISH_MOVE_GAS),
    ] {
        let needle = format!("Not enough gas attached {what} (attach at least {} TGas)", tgas(gas));
        let flat: String = PROXY_ERRORS.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&needle), "staking-proxy documents: {needle}");
    }
}

#[test]
fn exit_transactions_are_exact() {
    use widget::position::*;
    let proxy: AccountId = "p.stake-router.near".parse().unwrap();
    let pool: AccountId = "a.pool.near".parse().unwrap();
    let to: AccountId = "b.pool.near".parse().unwrap();
    let json = |t: &widget::tx::Transaction| serde_json::to_string(t).unwrap();
    let call = |receiver: &str, method: &str, args: &str, gas: &str, deposit: &str| {
        format!(
            r#"{{"receiverId":"{receiver}","actions":[{{"type":"FunctionCall","params":{{"methodName":"{method}","args":{args},"gas":"{gas}","deposit":"{deposit}"}}}}]}}"#
        )
    };
    let big = u128::MAX - 7;
    assert_eq!(
        json(&unstake_transaction(&proxy, &pool, None, false)),
        call("p.stake-router.near", "unstake", r#"{"pool_id":"a.pool.near"}"#, "68000000000000", "1")
    );
    assert_eq!(
        json(&unstake_transaction(&proxy, &pool, Some(big), true)),
        call(
            "p.stake-router.near",
            "unstake",
            &format!(r#"{{"pool_id":"a.pool.near","amount":"{big}","confirm_timer_reset":true}}"#),
            "68000000000000",
            "1"
        )
    );
    assert_eq!(
        json(&withdraw_transaction(&proxy, &pool)),
        call("p.stake-router.near", "withdraw", r#"{"pool_id":"a.pool.near"}"#, "86000000000000", "1")
    );
    assert_eq!(
        json(&move_transaction(&proxy, &pool, &to, Some(5), true)),
        call(
            "p.stake-router.near",
            "move_stake",
            r#"{"from_pool":"a.pool.near","to_pool":"b.pool.near","amount":"5","confirm_timer_reset":true}"#,
            "68000000000000",
            "1"
        )
    );
    assert_eq!(
        json(&finish_move_transaction(&proxy, &pool)),
        call("p.stake-router.near", "finish_move", r#"{"from_pool":"a.pool.near"}"#, "130000000000000", "0")
    );
    let router: AccountId = ROUTER.parse().unwrap();
    assert_eq!(
        json(&claim_transaction(&router, &"lst.near".parse().unwrap())),
        call(ROUTER, "claim", r#"{"token_id":"lst.near"}"#, "18850000000000", "1")
    );
}
