//! Callbacks: each with success and failure results; refunds, restored state, exact events.

use super::*;
use near_sdk::AccountId;
use router_core::callback_args::{Delivery, DirectSettlement, LiquidLeg};
use router_core::costs::CostSchedule;
use router_core::{GasSchedule, ONE_NEAR};

/// A router after Alice's first balanced deposit of 100 NEAR, and that plan.
pub(super) fn after_first_deposit() -> (Router, router_core::SplitPlan) {
    let mut r = setup();
    call_as(ALICE, 100 * ONE_NEAR);
    let plan = r.deposit(Some("balanced".into()), None, None);
    (r, plan)
}

fn settlement(r: &Router, plan: &router_core::SplitPlan) -> DirectSettlement {
    DirectSettlement {
        depositor: id(ALICE),
        beneficiary: id(ALICE),
        proxy: r.get_proxy(id(ALICE)).proxy_id,
        legs: plan.legs.iter().filter(|l| l.kind.is_validator()).map(|l| (l.target.clone(), l.amount)).collect(),
        amount: plan.direct_total,
        created: true,
        proxy_storage: plan.costs.proxy_storage,
        proxy_record: plan.costs.proxy_record,
    }
}

pub(super) fn liquid_leg(plan: &router_core::SplitPlan, token: &str) -> LiquidLeg {
    let leg = plan.legs.iter().find(|l| l.target.as_str() == token).unwrap();
    LiquidLeg {
        depositor: id(ALICE),
        beneficiary: id(ALICE),
        token: id(token),
        near_amount: leg.amount,
        reserve: leg.reserve,
        registration_deposit: Yocto(REGISTRATION),
    }
}

fn delivery(leg: LiquidLeg, minted: u128, registration_paid: u128) -> Delivery {
    Delivery { leg, minted: Yocto(minted), registration_paid: Yocto(registration_paid) }
}

fn routed(r: &Router, target: &str) -> u128 {
    r.get_targets().into_iter().find(|t| t.account_id.as_str() == target).unwrap().routed_total.0
}

#[test]
fn direct_accepted_reports_proxy_created_and_forwarded() {
    let (mut r, plan) = after_first_deposit();
    let s = settlement(&r, &plan);
    let proxy = s.proxy.clone();
    callback_with(vec![PromiseResult::Successful(b"2".to_vec())]);
    r.on_deposit_settled(Some(s), vec![]);
    assert_eq!(event_names(), vec!["proxy_created", "direct_forwarded"]);
    assert_eq!(events()[0]["data"]["proxy"], proxy.as_str());
    assert!(get_created_receipts().is_empty(), "nothing to refund");
    assert!(r.get_proxy(id(ALICE)).exists);
}

#[test]
fn direct_refused_undoes_proxy_and_totals_and_refunds_everything_it_took() {
    let (mut r, plan) = after_first_deposit();
    let s = settlement(&r, &plan);
    callback_with(vec![PromiseResult::Failed]);
    r.on_deposit_settled(Some(s), vec![]);
    assert!(!r.get_proxy(id(ALICE)).exists, "the proxy record is undone");
    assert_eq!(routed(&r, POOL_A), 0);
    assert_eq!(routed(&r, POOL_B), 0);
    let expected = plan.direct_total.0 + CostSchedule::DEFAULT.proxy_storage.0 + CostSchedule::DEFAULT.proxy_record.0;
    assert_eq!(transfers_to(ALICE), vec![expected]);
    assert_eq!(event_names(), vec!["direct_failed", "refunded"]);
    assert_eq!(events()[0]["data"]["proxy_creation_undone"], true);
}

#[test]
fn a_refund_the_router_cannot_fund_yet_is_owed_and_released_later() {
    let (mut r, plan) = after_first_deposit();
    let s = settlement(&r, &plan);
    // The router's balance is only its storage: the pool's refund has not arrived yet.
    callback_with_balance(vec![PromiseResult::Failed], ONE_NEAR / 10);
    r.on_deposit_settled(Some(s), vec![]);
    assert!(transfers_to(ALICE).is_empty());
    assert_eq!(event_names(), vec!["direct_failed", "refund_owed"]);
    let owed = r.get_owed_refund(id(ALICE)).0;
    assert_eq!(owed, plan.direct_total.0 + plan.costs.proxy_storage.0 + plan.costs.proxy_record.0);

    call_as(BOB, 0); // anyone may release it, to Alice only
    let _ = r.release_refund(id(ALICE));
    assert_eq!(transfers_to(ALICE), vec![owed]);
    assert_eq!(r.get_owed_refund(id(ALICE)).0, 0);
    // The transfer fails (say Alice's account was deleted): the debt is restored.
    callback_with(vec![PromiseResult::Failed]);
    r.on_refund_released(id(ALICE), U128(owed), Err(near_sdk::PromiseError::Failed));
    assert_eq!(r.get_owed_refund(id(ALICE)).0, owed);
}

#[test]
fn liquid_leg_failure_refunds_the_leg_and_its_reserve_and_restores_the_total() {
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, LINEAR);
    callback_with(vec![PromiseResult::Failed, PromiseResult::Successful(b"null".to_vec())]);
    r.on_deposit_settled(None, vec![leg.clone()]);
    assert_eq!(transfers_to(ALICE), vec![leg.near_amount.0 + leg.reserve.0]);
    assert_eq!(routed(&r, LINEAR), 0);
    assert_eq!(event_names(), vec!["liquid_leg_failed", "refunded"]);
}

#[test]
fn minted_tokens_go_to_an_unregistered_beneficiary_with_registration() {
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, LINEAR);
    // The protocol minted less than any quote would say: the returned amount is what counts.
    let minted = leg.near_amount.0 * 9 / 10;
    callback_with(vec![ok_u128(minted), PromiseResult::Successful(b"null".to_vec())]);
    r.on_deposit_settled(None, vec![leg]);
    let calls = calls_to(LINEAR);
    assert_eq!(calls[0].0, "storage_deposit");
    assert_eq!(calls[0].2, REGISTRATION);
    assert_eq!(calls[0].1, serde_json::json!({"account_id": ALICE, "registration_only": true}));
    assert_eq!(calls[1].0, "ft_transfer");
    assert_eq!(calls[1].2, 1);
    assert_eq!(u128_of(&calls[1].1["amount"]), minted);
    assert_eq!(calls_to(ROUTER)[0].0, "on_liquid_delivered");
    assert_eq!(event_names(), vec!["liquid_leg_staked"]);
    assert_eq!(u128_of(&events()[0]["data"]["minted"]), minted);
}

#[test]
fn two_legs_for_one_unregistered_account_in_one_block_register_it_once() {
    // Two deposits' legs to one token for one beneficiary settle in the same block: both read
    // "not registered". Only the first pays the registration; the second's delivery follows it
    // (same token, sent after) and its reserve comes back whole.
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, LINEAR);
    callback_with(vec![ok_u128(7), PromiseResult::Successful(b"null".to_vec())]);
    let storage = near_sdk::env::storage_usage();
    r.on_deposit_settled(None, vec![leg.clone()]);
    assert_eq!(calls_to(LINEAR)[0].0, "storage_deposit");
    // The mark: one record of `reg:<token>/<account>` (40 bytes of overhead), covered by the
    // leg's reserve, which the router holds until the delivery settles.
    let mark = (4 + LINEAR.len() + 1 + ALICE.len() + 40) as u64;
    assert_eq!(near_sdk::env::storage_usage(), storage + mark);
    assert!(u128::from(mark) * near_sdk::env::storage_byte_cost().as_yoctonear() < leg.reserve.0);
    callback_with(vec![ok_u128(7), PromiseResult::Successful(b"null".to_vec())]);
    r.on_deposit_settled(None, vec![leg.clone()]);
    let calls = calls_to(LINEAR);
    assert_eq!(calls.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), vec!["ft_transfer"], "no second registration");
    let second = &calls_to(ROUTER)[0];
    assert_eq!(second.0, "on_liquid_delivered");
    assert_eq!(callback_args::<Vec<Delivery>>("on_liquid_delivered")[0][0].registration_paid, Yocto(0));

    // The first delivery settles (clearing the mark); a later leg reads the token again.
    callback_with(vec![PromiseResult::Successful(vec![])]);
    r.on_liquid_delivered(vec![delivery(leg.clone(), 7, REGISTRATION)]);
    callback_with(vec![PromiseResult::Successful(vec![])]);
    r.on_liquid_delivered(vec![delivery(leg.clone(), 7, 0)]);
    assert_eq!(transfers_to(ALICE), vec![leg.reserve.0 - 1], "the second leg's reserve, less its yoctoNEAR");
    assert_eq!(near_sdk::env::storage_usage(), storage, "the mark is gone");
    callback_with(vec![ok_u128(7), PromiseResult::Successful(b"null".to_vec())]);
    r.on_deposit_settled(None, vec![leg]);
    assert_eq!(calls_to(LINEAR)[0].0, "storage_deposit", "no mark left behind");
}

#[test]
fn a_registered_beneficiary_gets_a_plain_transfer() {
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, META);
    let balance = br#"{"total":"1250000000000000000000","available":"0"}"#.to_vec();
    callback_with(vec![ok_u128(5 * ONE_NEAR), PromiseResult::Successful(balance)]);
    r.on_deposit_settled(None, vec![leg]);
    let calls = calls_to(META);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0, "ft_transfer");
}

#[test]
fn delivered_tokens_refund_the_unused_reserve() {
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, LINEAR);
    callback_with(vec![PromiseResult::Successful(vec![])]);
    r.on_liquid_delivered(vec![delivery(leg.clone(), 7, REGISTRATION)]);
    assert_eq!(event_names(), vec!["tokens_delivered", "refunded"]);
    assert_eq!(transfers_to(ALICE), vec![leg.reserve.0 - 1 - REGISTRATION]);
}

#[test]
fn failed_delivery_becomes_claimable_and_claim_works() {
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, LINEAR);
    callback_with(vec![PromiseResult::Failed]);
    r.on_liquid_delivered(vec![delivery(leg.clone(), 7 * ONE_NEAR, REGISTRATION)]);
    assert_eq!(event_names(), vec!["claimable_recorded", "refunded"]);
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)), Some(&U128(7 * ONE_NEAR)));
    let refund = transfers_to(ALICE)[0];
    assert!(refund < leg.reserve.0, "the claim record's storage is paid from the reserve");

    // Claim: the record goes, ft_transfer goes out with the caller's yoctoNEAR.
    call_as(ALICE, 1);
    let _ = r.claim(id(LINEAR));
    assert!(r.get_claimables(id(ALICE)).is_empty());
    let calls = calls_to(LINEAR);
    assert_eq!((calls[0].0.as_str(), calls[0].2), ("ft_transfer", 1));
    assert_eq!(u128_of(&calls[0].1["amount"]), 7 * ONE_NEAR);

    // The transfer fails: the claimable is restored, and the yoctoNEAR the token refunded to
    // the router goes back to the claimant.
    callback_with(vec![PromiseResult::Failed]);
    r.on_claim_resolved(id(ALICE), id(LINEAR), U128(7 * ONE_NEAR), U128(0));
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)), Some(&U128(7 * ONE_NEAR)));
    assert_eq!(event_names(), vec!["claim_failed", "refunded"]);
    assert_eq!(transfers_to(ALICE), vec![1]);

    // Retried and delivered: the storage it freed goes to the claimant.
    callback_with(vec![PromiseResult::Successful(vec![])]);
    r.on_claim_resolved(id(ALICE), id(LINEAR), U128(7 * ONE_NEAR), U128(1_000));
    assert_eq!(event_names(), vec!["claimed", "refunded"]);
    assert_eq!(transfers_to(ALICE), vec![1_000]);
}

#[test]
#[should_panic(expected = "Nothing to claim for this token")]
fn claiming_nothing_is_refused() {
    let mut r = setup();
    call_as(ALICE, 1);
    let _ = r.claim(id(LINEAR));
}

#[test]
#[should_panic(expected = "Requires attached deposit of exactly 1 yoctoNEAR")]
fn claim_needs_one_yocto() {
    let mut r = setup();
    call_as(ALICE, 0);
    let _ = r.claim(id(LINEAR));
}

// `#[private]` is enforced by the wasm entry point near-sdk generates, so it is proven on the
// real VM (tests/wasm-checks), not here where methods are called as plain Rust.

#[test]
fn every_refund_is_a_tracked_payout_and_a_bounce_is_owed_again() {
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, LINEAR);
    callback_with(vec![PromiseResult::Failed, PromiseResult::Successful(b"null".to_vec())]);
    r.on_deposit_settled(None, vec![leg.clone()]);
    let refund = leg.near_amount.0 + leg.reserve.0;
    assert_eq!(transfers_to(ALICE), vec![refund]);
    // The transfer is followed by the router's own `on_refund_released` with the payout gas.
    let callbacks = calls_to(ROUTER);
    assert_eq!(callbacks.len(), 1);
    assert_eq!(callbacks[0].0, "on_refund_released");
    assert_eq!(callback_args::<(AccountId, U128)>("on_refund_released"), vec![(id(ALICE), U128(refund))]);
    assert_eq!(callbacks[0].3, router_core::gas::PAYOUT_CALLBACK);
    // Alice deleted her account meanwhile: the NEAR bounced back and is owed to her.
    callback_with(vec![PromiseResult::Failed]);
    assert!(!r.on_refund_released(id(ALICE), U128(refund), Err(near_sdk::PromiseError::Failed)));
    assert_eq!(r.get_owed_refund(id(ALICE)).0, refund);
    assert_eq!(event_names(), vec!["refund_owed"]);
    // Delivered: nothing changes.
    callback_with(vec![PromiseResult::Successful(vec![])]);
    assert!(r.on_refund_released(id(ALICE), U128(1), Ok(())));
    assert_eq!(r.get_owed_refund(id(ALICE)).0, refund);
}

#[test]
fn claim_with_too_little_gas_is_refused_before_the_record_is_touched() {
    let (mut r, plan) = after_first_deposit();
    let leg = liquid_leg(&plan, LINEAR);
    callback_with(vec![PromiseResult::Failed]);
    r.on_liquid_delivered(vec![delivery(leg, 7 * ONE_NEAR, REGISTRATION)]);
    let needed = r.claim_gas();
    assert_eq!(needed, 18_850 * router_core::gas::GGAS, "the figure ERR_CLAIM_GAS names");
    assert!(crate::errors::ERR_CLAIM_GAS.contains("18.85 TGas"));
    set_context(context(ALICE, 1, 0).prepaid_gas(near_sdk::Gas::from_gas(needed - 1)).build());
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(r.claim(id(LINEAR)))));
    assert!(refused.is_err());
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)), Some(&U128(7 * ONE_NEAR)));
    set_context(context(ALICE, 1, 0).prepaid_gas(near_sdk::Gas::from_gas(needed)).build());
    drop(r.claim(id(LINEAR)));
    assert!(r.get_claimables(id(ALICE)).is_empty());
}

#[test]
fn one_callback_settles_every_liquid_leg_with_one_payout() {
    // LiNEAR's leg fails, Meta Pool's mints for a registered beneficiary: the failed leg's NEAR
    // and reserve go back in one payout, and the one delivery is settled by one callback.
    let (mut r, plan) = after_first_deposit();
    let (linear, meta) = (liquid_leg(&plan, LINEAR), liquid_leg(&plan, META));
    let balance = br#"{"total":"1250000000000000000000","available":"0"}"#.to_vec();
    callback_with(vec![
        PromiseResult::Failed,
        PromiseResult::Successful(b"null".to_vec()),
        ok_u128(5 * ONE_NEAR),
        PromiseResult::Successful(balance),
    ]);
    r.on_deposit_settled(None, vec![linear.clone(), meta.clone()]);
    assert_eq!(event_names(), vec!["liquid_leg_failed", "liquid_leg_staked", "refunded"]);
    assert_eq!(transfers_to(ALICE), vec![linear.near_amount.0 + linear.reserve.0]);
    assert_eq!(routed(&r, LINEAR), 0);
    assert_eq!(calls_to(META).iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), vec!["ft_transfer"]);
    let settle: Vec<_> = calls_to(ROUTER).into_iter().filter(|c| c.0 == "on_liquid_delivered").collect();
    assert_eq!(settle.len(), 1);
    assert_eq!(callback_args::<Vec<Delivery>>("on_liquid_delivered")[0].len(), 1);
    assert_eq!(settle[0].3, GasSchedule::DEFAULT.delivery_callback_attached(1));

    // Two deliveries, one refused: one claimable, and one payout of both unused reserves.
    callback_with(vec![PromiseResult::Successful(vec![]), PromiseResult::Failed]);
    r.on_liquid_delivered(vec![delivery(meta.clone(), 5, 0), delivery(linear.clone(), 7, 0)]);
    assert_eq!(event_names(), vec!["tokens_delivered", "claimable_recorded", "refunded"]);
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)), Some(&U128(7)));
    let back = transfers_to(ALICE);
    assert_eq!(back.len(), 1);
    assert!(back[0] > meta.reserve.0 - 1 && back[0] < meta.reserve.0 - 1 + linear.reserve.0, "{back:?}");
}

#[test]
fn one_callback_settles_the_direct_part_and_the_liquid_legs_with_one_payout() {
    // The proxy refused the direct part and LiNEAR's leg failed; Meta Pool minted for a
    // registered beneficiary: both refunds go back in one payout, one delivery goes out.
    let (mut r, plan) = after_first_deposit();
    let s = settlement(&r, &plan);
    let (linear, meta) = (liquid_leg(&plan, LINEAR), liquid_leg(&plan, META));
    let balance = br#"{"total":"1250000000000000000000","available":"0"}"#.to_vec();
    callback_with(vec![
        PromiseResult::Failed,
        PromiseResult::Failed,
        PromiseResult::Successful(b"null".to_vec()),
        ok_u128(5 * ONE_NEAR),
        PromiseResult::Successful(balance),
    ]);
    r.on_deposit_settled(Some(s), vec![linear.clone(), meta]);
    assert_eq!(event_names(), vec!["direct_failed", "liquid_leg_failed", "liquid_leg_staked", "refunded"]);
    let direct = plan.direct_total.0 + plan.costs.proxy_storage.0 + plan.costs.proxy_record.0;
    assert_eq!(transfers_to(ALICE), vec![direct + linear.near_amount.0 + linear.reserve.0]);
    assert_eq!(events()[3]["data"]["reason"], "direct part refused", "the first reason names the payout");
    assert_eq!(calls_to(META).iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), vec!["ft_transfer"]);
    assert!(!r.get_proxy(id(ALICE)).exists);
}

#[test]
fn a_payout_never_spends_the_reserves_of_legs_still_settling() {
    // Alice's two liquid legs are in flight: their reserves stay on the router, counted.
    let (mut r, plan) = after_first_deposit();
    let held: u128 = plan.legs.iter().filter(|l| !l.kind.is_validator()).map(|l| l.reserve.0).sum();
    assert_eq!(r.get_reserves_in_flight().0, held);
    // A later deposit's direct part (the proxy exists) is refused before its NEAR is back: the
    // router holds its storage, the reserves, and 1 yocto less than the refund besides.
    callback_with_balance(vec![PromiseResult::Failed], 0);
    let storage = u128::from(near_sdk::env::storage_usage()) * near_sdk::env::storage_byte_cost().as_yoctonear();
    let refund = plan.direct_total.0;
    let mut later = settlement(&r, &plan);
    later.created = false;
    callback_with_balance(vec![PromiseResult::Failed], storage + refund + held - 1);
    r.on_deposit_settled(Some(later), vec![]);
    assert!(transfers_to(ALICE).is_empty(), "paying now would have spent the legs' reserves");
    assert_eq!(r.get_owed_refund(id(ALICE)).0, refund);
    // The legs settle (one fails, one mints nothing): their reserves are released.
    let (linear, meta) = (liquid_leg(&plan, LINEAR), liquid_leg(&plan, META));
    callback_with(vec![
        PromiseResult::Failed,
        PromiseResult::Successful(b"null".to_vec()),
        ok_u128(0),
        PromiseResult::Successful(b"null".to_vec()),
    ]);
    r.on_deposit_settled(None, vec![linear, meta]);
    assert_eq!(r.get_reserves_in_flight().0, 0);
}
