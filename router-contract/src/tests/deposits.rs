//! `deposit`: planning, gas and input checks, and the promises it fans out.

use super::*;
use crate::errors::*;
use router_core::callback_args::{DirectSettlement, LiquidLeg};
use router_core::{CostSchedule, GasSchedule, Leg, Policy, ONE_NEAR};

fn balanced_policy() -> Policy {
    Policy {
        legs: vec![
            Leg { target: id(POOL_A), bps: 2_500 },
            Leg { target: id(POOL_B), bps: 2_500 },
            Leg { target: id(LINEAR), bps: 2_500 },
            Leg { target: id(META), bps: 2_500 },
        ],
    }
}

#[test]
fn first_deposit_creates_the_proxy_and_fans_out_in_one_call() {
    let mut r = setup();
    call_as(ALICE, 100 * ONE_NEAR);
    let storage_before = near_sdk::env::storage_usage();
    let plan = r.deposit(Some("balanced".into()), None, None);
    assert!(plan.creates_proxy);
    // The proxy record costs exactly what the plan charged for it.
    let added = near_sdk::env::storage_usage() - storage_before;
    assert_eq!(u128::from(added) * 10_000_000_000_000_000_000, plan.costs.proxy_record.0);
    let legs: u128 = plan.legs.iter().map(|l| l.amount.0).sum();
    assert_eq!(legs + plan.costs.total.0, 100 * ONE_NEAR);

    // The proxy batch: create, fund, use the global code, init, stake.
    let proxy = r.get_proxy(id(ALICE)).proxy_id;
    assert!(r.get_proxy(id(ALICE)).exists);
    let receipt = get_created_receipts().into_iter().find(|x| x.receiver_id == proxy).unwrap();
    assert!(matches!(receipt.actions[0], MockAction::CreateAccount { .. }));
    assert!(
        matches!(receipt.actions[1], MockAction::Transfer { deposit, .. } if deposit.as_yoctonear() == CostSchedule::DEFAULT.proxy_storage.0)
    );
    assert!(matches!(receipt.actions[2], MockAction::UseGlobalContract { .. }));
    let calls = calls_to(proxy.as_str());
    assert_eq!(calls[0].0, "new");
    assert_eq!(calls[0].1, serde_json::json!({"owner_id": ALICE, "router_id": ROUTER}));
    assert_eq!(calls[1].0, "stake");
    assert_eq!(calls[1].2, plan.direct_total.0);
    assert_eq!(calls[1].3, GasSchedule::DEFAULT.proxy_stake_attached(2));
    assert_eq!(calls[1].1["refund_to"], ALICE);
    assert_eq!(calls[1].1["legs"].as_array().unwrap().len(), 2);

    // Each LST: deposit_and_stake with the leg's amount, and the registration view.
    for lst in [LINEAR, META] {
        let calls = calls_to(lst);
        let leg = plan.legs.iter().find(|l| l.target.as_str() == lst).unwrap();
        assert_eq!(calls[0].0, "deposit_and_stake");
        assert_eq!(calls[0].2, leg.amount.0);
        assert_eq!(calls[1].0, "storage_balance_of");
        assert_eq!(calls[1].1, serde_json::json!({"account_id": ALICE}));
    }
    // One callback back to the router settles every part (its gas grows with the legs).
    let callbacks: Vec<(String, u64)> = calls_to(ROUTER).into_iter().map(|c| (c.0, c.3)).collect();
    let settle = GasSchedule::DEFAULT.settle_callback_attached(2, 2);
    assert_eq!(callbacks, vec![("on_deposit_settled".to_string(), settle)]);
    let (direct, legs) = &callback_args::<(Option<DirectSettlement>, Vec<LiquidLeg>)>("on_deposit_settled")[0];
    assert_eq!(direct.as_ref().unwrap().legs.len(), 2);
    assert_eq!(legs.len(), 2);

    assert_eq!(event_names(), vec!["deposit_accepted"]);
    let e = &events()[0];
    assert_eq!(e["standard"], "stake-router");
    assert_eq!(e["version"], "1.0.0");
    assert_eq!(e["data"]["source"], "profile:balanced");
    // Routed totals grew by each leg.
    for leg in &plan.legs {
        let t = r.get_targets().into_iter().find(|t| t.account_id == leg.target).unwrap();
        assert_eq!(t.routed_total, leg.amount);
    }
}

#[test]
fn a_later_deposit_goes_straight_to_the_existing_proxy() {
    let mut r = setup();
    call_as(ALICE, 100 * ONE_NEAR);
    r.deposit(Some("balanced".into()), None, None);
    call_as(ALICE, 10 * ONE_NEAR);
    let plan = r.deposit(Some("direct-heavy".into()), None, None);
    assert!(!plan.creates_proxy);
    let proxy = r.get_proxy(id(ALICE)).proxy_id;
    let receipt = get_created_receipts().into_iter().find(|x| x.receiver_id == proxy).unwrap();
    assert_eq!(receipt.actions.len(), 1);
    assert_eq!(calls_to(proxy.as_str())[0].0, "stake");
}

#[test]
#[should_panic(expected = "its routed total would overflow; nothing was sent")]
fn a_routed_total_that_would_overflow_refuses_the_deposit_whole() {
    let mut r = setup();
    r.targets.get_mut(&id(POOL_A)).unwrap().routed_total.0 = u128::MAX - ONE_NEAR;
    call_as(ALICE, 100 * ONE_NEAR);
    r.deposit(None, Some(Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] }), None);
}

#[test]
fn liquid_only_deposit_needs_no_proxy_or_code_hash() {
    call_as(OWNER, 1);
    let mut r = Router::new(id(OWNER), None, Some(0), None);
    r.add_target(id(LINEAR), liquid(LstProtocol::Linear), TargetCaps::default()).detach();
    call_as(ALICE, 5 * ONE_NEAR);
    let plan = r.deposit(None, Some(Policy { legs: vec![Leg { target: id(LINEAR), bps: 10_000 }] }), None);
    assert!(!plan.creates_proxy);
    assert!(!r.get_proxy(id(ALICE)).exists);
}

#[test]
#[should_panic(expected = "Direct staking is not available yet")]
fn direct_deposit_without_proxy_code_is_refused() {
    call_as(OWNER, 1);
    let mut r = Router::new(id(OWNER), None, Some(0), None);
    r.add_target(id(POOL_A), TargetKind::Validator, TargetCaps::default()).detach();
    call_as(ALICE, 5 * ONE_NEAR);
    r.deposit(None, Some(Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] }), None);
}

#[test]
fn gas_one_below_the_need_is_refused_and_exactly_the_need_passes() {
    let mut r = setup();
    let need = GasSchedule::DEFAULT.required(2, 2, true);
    let mut ctx = context(ALICE, 100 * ONE_NEAR, 0);
    ctx.prepaid_gas(Gas::from_gas(need - 1));
    set_context(ctx.build());
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        r.deposit(Some("balanced".into()), None, None);
    }));
    assert!(refused.is_err());
    assert!(get_created_receipts().is_empty(), "no promise before the gas check");
    let mut r = setup();
    let mut ctx = context(ALICE, 100 * ONE_NEAR, 0);
    ctx.prepaid_gas(Gas::from_gas(need));
    set_context(ctx.build());
    assert_eq!(r.deposit(Some("balanced".into()), None, None).gas_required, need);
}

#[test]
#[should_panic(expected = "Not enough prepaid gas for this split: attach at least")]
fn too_little_gas_names_what_is_needed() {
    let mut r = setup();
    set_context(context(ALICE, 100 * ONE_NEAR, 100).build());
    r.deposit(Some("balanced".into()), None, None);
}

#[test]
#[should_panic(expected = "attach some NEAR to deposit")]
fn zero_deposit_is_refused() {
    let mut r = setup();
    call_as(ALICE, 0);
    r.deposit(Some("balanced".into()), None, None);
}

#[test]
#[should_panic(expected = "the deposit of 0.000000000000000000000001 NEAR is below the minimum")]
fn one_yocto_is_refused() {
    let mut r = setup();
    call_as(ALICE, 1);
    r.deposit(Some("balanced".into()), None, None);
}

#[test]
#[should_panic(expected = "Unknown profile: yolo")]
fn unknown_profile_is_refused() {
    let mut r = setup();
    call_as(ALICE, 10 * ONE_NEAR);
    r.deposit(Some("yolo".into()), None, None);
}

#[test]
#[should_panic(expected = "Give either a profile name or an explicit policy, not both")]
fn profile_and_policy_together_are_refused() {
    let mut r = setup();
    call_as(ALICE, 10 * ONE_NEAR);
    r.deposit(Some("balanced".into()), Some(balanced_policy()), None);
}

#[test]
#[should_panic(expected = "the shares add up to 9000 bps")]
fn policy_not_summing_to_10000_is_refused() {
    let mut r = setup();
    call_as(ALICE, 10 * ONE_NEAR);
    let mut p = balanced_policy();
    p.legs[0].bps = 1_500;
    r.deposit(None, Some(p), None);
}

#[test]
#[should_panic(expected = "appears twice in the split")]
fn duplicate_target_is_refused() {
    let mut r = setup();
    call_as(ALICE, 10 * ONE_NEAR);
    let p = Policy { legs: vec![Leg { target: id(POOL_A), bps: 5_000 }, Leg { target: id(POOL_A), bps: 5_000 }] };
    r.deposit(None, Some(p), None);
}

#[test]
#[should_panic(expected = "evil.near is not an allowed staking target")]
fn unknown_target_is_refused() {
    let mut r = setup();
    call_as(ALICE, 10 * ONE_NEAR);
    r.deposit(None, Some(Policy { legs: vec![Leg { target: id("evil.near"), bps: 10_000 }] }), None);
}

#[test]
#[should_panic(expected = "takes no deposits now (it is paused)")]
fn paused_target_is_refused() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.set_target_paused(id(POOL_A), true);
    call_as(ALICE, 10 * ONE_NEAR);
    r.deposit(None, Some(Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] }), None);
}

#[test]
fn a_paused_target_drops_out_of_kind_profiles() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.set_target_paused(id(POOL_A), true);
    call_as(ALICE, 100 * ONE_NEAR);
    let plan = r.deposit(Some("balanced".into()), None, None);
    assert!(plan.legs.iter().all(|l| l.target.as_str() != POOL_A));
}

#[test]
#[should_panic(expected = "The router is paused")]
fn paused_router_refuses_deposits() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.pause();
    call_as(ALICE, 10 * ONE_NEAR);
    r.deposit(Some("balanced".into()), None, None);
}

#[test]
fn beneficiaries_that_are_router_proxy_or_target_are_refused() {
    for bad in [ROUTER, POOL_A, META, "0123456789abcdef01234567.router.near"] {
        let mut r = setup();
        call_as(ALICE, 10 * ONE_NEAR);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            r.deposit(Some("balanced".into()), None, Some(id(bad)));
        }));
        assert!(result.is_err(), "{bad} accepted as beneficiary");
    }
}

#[test]
fn a_deposit_for_another_beneficiary_creates_their_proxy_and_refunds_the_depositor() {
    let mut r = setup();
    call_as(ALICE, 100 * ONE_NEAR);
    r.deposit(Some("balanced".into()), None, Some(id(BOB)));
    assert!(r.get_proxy(id(BOB)).exists);
    assert!(!r.get_proxy(id(ALICE)).exists);
    let proxy = r.get_proxy(id(BOB)).proxy_id;
    let calls = calls_to(proxy.as_str());
    assert_eq!(calls[0].1["owner_id"], BOB);
    assert_eq!(calls[1].1["refund_to"], ALICE);
}

#[test]
fn dao_stored_policy_is_used_when_no_profile_is_given() {
    let mut r = setup();
    let policy = Policy { legs: vec![Leg { target: id(POOL_A), bps: 7_000 }, Leg { target: id(LINEAR), bps: 3_000 }] };
    call_as(DAO, ONE_NEAR / 100);
    r.set_account_policy(policy.clone());
    assert_eq!(r.get_account_policy(id(DAO)), Some(policy));
    let paid = u128_of(&events()[0]["data"]["storage_paid"]);
    assert!(paid > 0);
    assert_eq!(transfers_to(DAO), vec![ONE_NEAR / 100 - paid], "the excess is refunded");
    assert_eq!(calls_to(ROUTER)[0].0, "on_refund_released", "as a tracked payout");

    call_as(DAO, 1_000 * ONE_NEAR);
    let plan = r.deposit(None, None, None);
    assert_eq!(plan.legs.len(), 2);
    assert_eq!(events()[0]["data"]["source"], "stored");

    call_as(DAO, 1);
    r.remove_account_policy();
    assert_eq!(transfers_to(DAO), vec![paid + 1], "freed storage is refunded");
    assert_eq!(r.get_account_policy(id(DAO)), None);
}

#[test]
#[should_panic(expected = "Attach enough NEAR to pay for the storage this adds")]
fn dao_policy_without_storage_payment_is_refused() {
    let mut r = setup();
    call_as(DAO, 1);
    r.set_account_policy(Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] });
}

#[test]
fn rewriting_a_stored_policy_needs_a_deposit_even_when_storage_does_not_grow() {
    let mut r = setup();
    let policy = Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] };
    call_as(DAO, ONE_NEAR / 100);
    r.set_account_policy(policy.clone());
    // Same size, no deposit (what a function-call access key can send): refused.
    call_as(DAO, 0);
    let other = Policy { legs: vec![Leg { target: id(POOL_B), bps: 10_000 }] };
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| r.set_account_policy(other.clone())));
    let msg = refused.unwrap_err().downcast_ref::<String>().cloned().unwrap_or_default();
    assert_eq!(msg, crate::errors::ERR_POLICY_NEEDS_DEPOSIT);
    assert_eq!(r.get_account_policy(id(DAO)), Some(policy));
    call_as(DAO, 1);
    r.set_account_policy(other.clone());
    assert_eq!(r.get_account_policy(id(DAO)), Some(other));
}

#[test]
#[should_panic(expected = "No profile or policy given and the caller has no stored policy")]
fn no_policy_at_all_is_refused() {
    let mut r = setup();
    call_as(ALICE, 10 * ONE_NEAR);
    r.deposit(None, None, None);
}

#[test]
fn preview_equals_what_deposit_executes() {
    let mut r = setup();
    call_as(ALICE, 0);
    let preview = r.preview_deposit(U128(77 * ONE_NEAR + 3), id(ALICE), Some("liquid-heavy".into()), None, None);
    call_as(ALICE, 77 * ONE_NEAR + 3);
    let plan = r.deposit(Some("liquid-heavy".into()), None, None);
    assert_eq!(preview, plan);
    let _ = ERR_PAUSED;
}
