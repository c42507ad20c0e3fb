//! Unverified mints: held, never guessed; released by the owner's figure or the beneficiary's
//! priced path, never beyond what the router holds of the token past what it owes others.

use super::callbacks::{after_first_deposit, liquid_leg};
use super::*;
use near_sdk::PromiseOrValue;
use router_core::callback_args::Release;
use router_core::unverified::unverified_required;
use router_core::GasSchedule;

const GAS_TGAS: u64 = 60;
/// The storage a taken-out record freed (300 bytes), passed to the callback.
const RECORD_COST: u128 = 300 * 10_000_000_000_000_000_000;

/// Alice's LiNEAR leg settles with an unreadable answer: one record, its mint_id.
fn unreadable_mint(r: &mut Router, plan: &router_core::SplitPlan) -> u64 {
    let leg = liquid_leg(plan, LINEAR);
    callback_with(vec![PromiseResult::Successful(b"{not json".to_vec()), PromiseResult::Successful(b"null".to_vec())]);
    r.on_deposit_settled(None, vec![leg]);
    r.get_unverified_mints()[0].0
}

/// Settles the release of `mint_id` with the token's answers (balance, and the price when read).
fn settle(r: &mut Router, mint_id: u64, answers: Vec<PromiseResult>, release: Release) -> PromiseOrValue<U128> {
    let mint = r.get_unverified_mints().into_iter().find(|(i, _)| *i == mint_id).map(|(_, m)| m);
    let mint = mint.unwrap_or_else(|| pending(mint_id));
    callback_with(answers);
    let caller = CALLER.with(|c| c.borrow().clone());
    r.on_unverified_read(mint_id, mint, release, U128(RECORD_COST), id(&caller))
}

thread_local! {
    /// Who started the last release (the callback's `caller`).
    static CALLER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    static PENDING: std::cell::RefCell<Vec<(u64, crate::views::UnverifiedMint)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The record a release took out (kept by the test, as the callback's arguments carry it).
fn pending(mint_id: u64) -> crate::views::UnverifiedMint {
    PENDING.with(|p| p.borrow().iter().find(|(i, _)| *i == mint_id).map(|(_, m)| m.clone()).expect("taken out"))
}

/// Starts a release as `who` and keeps the record it took out.
fn start(r: &mut Router, mint_id: u64, who: &str, release: &Release) {
    let mint = r.get_unverified_mints().into_iter().find(|(i, _)| *i == mint_id).unwrap().1;
    PENDING.with(|p| p.borrow_mut().push((mint_id, mint)));
    CALLER.with(|c| *c.borrow_mut() = who.to_string());
    set_context(context(who, 1, GAS_TGAS).build());
    let _ = match release {
        Release::Owner { minted } => r.resolve_unverified(mint_id, U128(minted.0)),
        Release::Beneficiary => r.claim_unverified(mint_id),
    };
    assert!(r.get_unverified_mints().iter().all(|(i, _)| *i != mint_id), "taken out while the reads run");
}

#[test]
fn an_unreadable_mint_is_held_for_verification_not_guessed() {
    let (mut r, plan) = after_first_deposit();
    let mint_id = unreadable_mint(&mut r, &plan);
    assert!(calls_to(LINEAR).is_empty(), "nothing is delivered on a guess");
    assert_eq!(event_names(), vec!["liquid_mint_unverified", "refunded"]);
    let release = Release::Owner { minted: Yocto(42) };
    start(&mut r, mint_id, OWNER, &release);
    // The router reads its own balance of the token in the same call.
    let reads = calls_to(LINEAR);
    assert_eq!((reads[0].0.as_str(), &reads[0].1), ("ft_balance_of", &serde_json::json!({ "account_id": ROUTER })));
    let out = settle(&mut r, mint_id, vec![ok_u128(42)], release);
    assert!(matches!(out, PromiseOrValue::Value(U128(42))));
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)), Some(&U128(42)));
    assert!(r.get_unverified_mints().is_empty());
    assert_eq!(event_names(), vec!["unverified_resolved", "claimable_recorded", "refunded", "refunded"]);
    // The record's storage goes back to the depositor less what the claimable reuses; the
    // owner's yoctoNEAR goes back to the owner.
    let back = transfers_to(ALICE);
    assert!(back.len() == 1 && back[0] > 0 && back[0] < RECORD_COST, "{back:?}");
    assert_eq!(transfers_to(OWNER), vec![1]);
}

#[test]
fn resolve_unverified_cannot_credit_what_the_router_owes_others() {
    let (mut r, plan) = after_first_deposit();
    // Bob's earlier LiNEAR delivery failed: 7 NEAR of tokens are his claimable, held.
    let mut bobs = liquid_leg(&plan, LINEAR);
    bobs.beneficiary = id(BOB);
    callback_with(vec![ok_u128(7 * ONE_NEAR), PromiseResult::Successful(b"{}".to_vec())]);
    r.on_deposit_settled(None, vec![bobs.clone()]);
    callback_with(vec![PromiseResult::Failed]);
    r.on_liquid_delivered(vec![router_core::callback_args::Delivery {
        leg: bobs,
        minted: Yocto(7 * ONE_NEAR),
        registration_paid: Yocto(0),
    }]);
    assert_eq!(r.get_claimables(id(BOB)).get(&id(LINEAR)), Some(&U128(7 * ONE_NEAR)));
    // Alice's mint is unreadable; the router holds 12 NEAR of the token: 5 beyond Bob's 7.
    let mint_id = unreadable_mint(&mut r, &plan);
    let greedy = Release::Owner { minted: Yocto(6 * ONE_NEAR) };
    start(&mut r, mint_id, OWNER, &greedy);
    let out = settle(&mut r, mint_id, vec![ok_u128(12 * ONE_NEAR)], greedy);
    assert!(matches!(out, PromiseOrValue::Promise(_)), "the call fails for the owner");
    drop(out); // a promise is created when dropped (returned, on chain)
    assert_eq!(event_names(), vec!["unverified_refused", "refunded"]);
    assert_eq!(transfers_to(OWNER), vec![1], "a refused release gives the caller's yoctoNEAR back");
    assert!(events()[0]["data"]["reason"].as_str().unwrap().contains("holds only 5000000000000000000000000"));
    assert_eq!(calls_to(ROUTER).last().unwrap().0, "call_failed");
    assert_eq!(r.get_unverified_mints().len(), 1, "the record is back");
    assert!(r.get_claimables(id(ALICE)).is_empty());
    // What the router really holds beyond others' claims may be credited.
    let honest = Release::Owner { minted: Yocto(5 * ONE_NEAR) };
    start(&mut r, mint_id, OWNER, &honest);
    assert!(matches!(settle(&mut r, mint_id, vec![ok_u128(12 * ONE_NEAR)], honest), PromiseOrValue::Value(_)));
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)), Some(&U128(5 * ONE_NEAR)));
    // A read that fails changes nothing either.
    assert_eq!(r.get_claimables(id(BOB)).get(&id(LINEAR)), Some(&U128(7 * ONE_NEAR)));
}

#[test]
fn a_release_waits_while_a_deposit_into_the_token_settles() {
    let (mut r, plan) = after_first_deposit();
    let mint_id = unreadable_mint(&mut r, &plan);
    // Bob's deposit into LiNEAR is on its way: its mint may already be in the router's balance.
    call_as(BOB, 100 * ONE_NEAR);
    let _ = r.deposit(Some("balanced".into()), None, None);
    let release = Release::Owner { minted: Yocto(1) };
    start(&mut r, mint_id, OWNER, &release);
    assert!(matches!(settle(&mut r, mint_id, vec![ok_u128(ONE_NEAR)], release), PromiseOrValue::Promise(_)));
    assert!(events()[0]["data"]["reason"].as_str().unwrap().contains("is settling"), "{:?}", events());
    let failed = Release::Owner { minted: Yocto(1) };
    start(&mut r, mint_id, OWNER, &failed);
    assert!(matches!(settle(&mut r, mint_id, vec![PromiseResult::Failed], failed), PromiseOrValue::Promise(_)));
    assert_eq!(r.get_unverified_mints().len(), 1);
}

#[test]
fn the_beneficiary_claims_an_unverified_mint_at_the_protocols_price() {
    let (mut r, plan) = after_first_deposit();
    let mint_id = unreadable_mint(&mut r, &plan);
    let near = liquid_leg(&plan, LINEAR).near_amount.0;
    start(&mut r, mint_id, ALICE, &Release::Beneficiary);
    let reads: Vec<String> = calls_to(LINEAR).into_iter().map(|c| c.0).collect();
    assert_eq!(reads, ["ft_balance_of", "ft_price"]);
    // At 1.25 NEAR a token the leg's NEAR bought near / 1.25; the router holds more than that.
    let price = ONE_NEAR + ONE_NEAR / 4;
    let priced = router_core::wide::mul_div_floor(near, ONE_NEAR, price).unwrap();
    let out = settle(&mut r, mint_id, vec![ok_u128(priced * 2), ok_u128(price)], Release::Beneficiary);
    assert!(matches!(out, PromiseOrValue::Value(U128(v)) if v == priced));
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)), Some(&U128(priced)));
    assert_eq!(events()[0]["data"]["by"], "beneficiary");
    // Alice paid for the record and sent the yoctoNEAR: both come back in one payout.
    let back = transfers_to(ALICE);
    assert!(back.len() == 1 && back[0] > 1 && back[0] <= RECORD_COST, "{back:?}");
}

#[test]
#[should_panic(expected = "Only the mint's beneficiary may claim an unverified mint")]
fn only_the_beneficiary_claims_an_unverified_mint() {
    let (mut r, plan) = after_first_deposit();
    let mint_id = unreadable_mint(&mut r, &plan);
    set_context(context(BOB, 1, GAS_TGAS).build());
    let _ = r.claim_unverified(mint_id);
}

#[test]
#[should_panic(expected = "Not enough prepaid gas to release an unverified mint")]
fn a_release_needs_its_gas_before_the_record_is_touched() {
    let (mut r, plan) = after_first_deposit();
    let mint_id = unreadable_mint(&mut r, &plan);
    let short = unverified_required(&GasSchedule::DEFAULT) / router_core::gas::TGAS - 1;
    set_context(context(OWNER, 1, short).build());
    let _ = r.resolve_unverified(mint_id, U128(1));
}
