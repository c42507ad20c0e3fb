//! `deploy_proxy_code`: the owner's deposit pays the burnt global-contract storage and nothing
//! more; a deployment that fails sends it all back, puts the announcement back and fails.

use super::*;
use crate::proxy_code::GLOBAL_CONTRACT_PRICE_PER_BYTE;
use near_sdk::PromiseOrValue;
use router_core::callback_args::{Announced, CodeDeposit};

const DAY_NS: u64 = 24 * 60 * 60 * 1_000_000_000;
/// Stand-in proxy code: 1,000 bytes, so the burn is 0.1 NEAR.
const CODE: [u8; 1_000] = [0x61; 1_000];
const COST: u128 = 1_000 * GLOBAL_CONTRACT_PRICE_PER_BYTE;

type Args = (Base58CryptoHash, CodeDeposit, Option<Announced>);

/// `deploy_proxy_code` as the owner with `deposit` at `at_ns`; the callback's arguments.
fn deploy(r: &mut Router, deposit: u128, at_ns: u64) -> Args {
    set_context(with_code(context(OWNER, deposit, 300).block_timestamp(at_ns).build()));
    r.deploy_proxy_code().detach();
    let mut args = callback_args::<Args>("on_proxy_code_deployed");
    assert_eq!(args.len(), 1);
    args.remove(0)
}

/// `ctx` with [`CODE`] as the call's whole input.
fn with_code(mut ctx: near_sdk::VMContext) -> near_sdk::VMContext {
    ctx.input = CODE.to_vec().into();
    ctx
}

fn hash() -> Base58CryptoHash {
    Base58CryptoHash::from(near_sdk::env::sha256_array(CODE))
}

#[test]
fn the_deposit_beyond_the_burnt_storage_goes_back_to_the_owner() {
    let mut r = setup();
    let (code_hash, deposit, announced) = deploy(&mut r, COST + 7 * ONE_NEAR / 10, 0);
    assert_eq!(code_hash, hash());
    assert_eq!(deposit, CodeDeposit { owner: id(OWNER), attached: Yocto(COST + 7 * ONE_NEAR / 10), cost: Yocto(COST) });
    assert_eq!(announced, None, "no delay, no announcement");

    callback_with(vec![PromiseResult::Successful(vec![])]);
    let out = r.on_proxy_code_deployed(code_hash, deposit, None);
    assert!(matches!(out, PromiseOrValue::Value(h) if h == hash()));
    assert_eq!(r.get_proxy_code_hash(), Some(hash()));
    assert_eq!(transfers_to(OWNER), vec![7 * ONE_NEAR / 10], "only the surplus: the burn is the protocol's");
    let refund = events().into_iter().find(|e| e["event"] == "refunded").expect("the refund is said");
    assert_eq!(refund["data"]["amount"], (7 * ONE_NEAR / 10).to_string());

    // Exactly the burn attached: nothing to send back, no event.
    let (code_hash, deposit, _) = deploy(&mut r, COST, 0);
    callback_with(vec![PromiseResult::Successful(vec![])]);
    let _ = r.on_proxy_code_deployed(code_hash, deposit, None);
    assert!(transfers_to(OWNER).is_empty());
    assert!(!event_names().contains(&"refunded".to_string()));
}

#[test]
fn a_failed_deployment_sends_everything_back_restores_the_announcement_and_fails() {
    let mut r = setup();
    r.timelock_ns = 2 * DAY_NS;
    set_context(context(OWNER, 1, 300).block_timestamp(10).build());
    r.announce_proxy_code(hash());
    let before = r.get_pending_changes();
    assert_eq!(before.len(), 1);

    let (h, deposit, announced) = deploy(&mut r, COST + ONE_NEAR, 10 + 2 * DAY_NS);
    assert!(r.get_pending_changes().is_empty(), "taken while the deployment is in flight");
    let announced_args = announced.clone().expect("the announcement travels to the callback");
    assert_eq!(announced_args.id, before[0].id);

    callback_with(vec![PromiseResult::Failed]);
    let out = r.on_proxy_code_deployed(h, deposit, announced);
    assert!(matches!(out, PromiseOrValue::Promise(_)), "fails for the owner through call_failed");
    drop(out); // a promise is created when dropped
    let reports = calls_to(ROUTER);
    assert_eq!(reports.iter().filter(|c| c.0 == "call_failed").count(), 1);
    assert_eq!(transfers_to(OWNER), vec![COST + ONE_NEAR], "nothing was burnt: all of it back");
    assert_eq!(r.get_pending_changes(), before, "the same announcement, same id and times");
    assert_eq!(r.get_proxy_code_hash(), Some(code_hash()), "the recorded code is unchanged");
    let names = event_names();
    assert!(names.contains(&"change_restored".to_string()) && names.contains(&"refunded".to_string()), "{names:?}");

    // The owner can deploy it again at once, without a new delay.
    let (_, _, again) = deploy(&mut r, COST, 10 + 2 * DAY_NS + 1);
    assert_eq!(again.map(|a| a.id), Some(before[0].id));
}

#[test]
fn too_little_for_the_burn_is_refused_before_anything_happens() {
    let mut r = setup();
    set_context(with_code(context(OWNER, COST - 1, 300).build()));
    let msg = test_support::panic_message(|| r.deploy_proxy_code().detach());
    assert!(msg.contains(crate::errors::ERR_STORAGE_DEPOSIT), "{msg}");
}
