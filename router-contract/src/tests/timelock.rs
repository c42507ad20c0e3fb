//! Timelocked powers: with a delay, a change is only announced; it executes from its time (by
//! anyone), a guardian can cancel it before, new code deploys only when announced, and
//! revoking a role stays immediate.

use super::*;
use crate::errors::*;
use crate::timelock::{Change, DEFAULT_TIMELOCK_SECONDS};

const DAY_NS: u64 = 24 * 60 * 60 * 1_000_000_000;

/// `setup()`'s router with a two-day delay from now on.
fn timelocked() -> Router {
    let mut r = setup();
    r.timelock_ns = 2 * DAY_NS;
    r
}

/// The next call as `predecessor` with `deposit`, at block time `at_ns`.
fn call_at(predecessor: &str, deposit: u128, at_ns: u64) {
    set_context(context(predecessor, deposit, 1000).block_timestamp(at_ns).build());
}

fn panics(f: impl FnOnce()) -> String {
    test_support::panic_message(f)
}

#[test]
fn new_defaults_to_two_days_and_caps_the_delay() {
    call_as(OWNER, 0);
    let r = Router::new(id(OWNER), None, None, None);
    assert_eq!(r.get_timelock(), DEFAULT_TIMELOCK_SECONDS);
    call_as(OWNER, 0);
    assert!(panics(|| drop(Router::new(id(OWNER), None, Some(31 * 24 * 3600), None))).contains(ERR_TIMELOCK_TOO_LONG));
}

#[test]
fn a_target_waits_for_its_time_then_anyone_executes_it() {
    let mut r = timelocked();
    call_at(OWNER, 1, 10);
    r.add_target(id("pool-c.poolv1.near"), TargetKind::Validator, TargetCaps::default()).detach();
    assert!(!r.targets.contains_key(&id("pool-c.poolv1.near")), "only announced");
    assert_eq!(event_names(), vec!["change_announced"]);
    let pending = r.get_pending_changes();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].announced_at_ns, pending[0].executable_at_ns), (10, 10 + 2 * DAY_NS));
    assert!(matches!(pending[0].change, Change::AddTarget { .. }));

    call_at(BOB, 0, 10 + 2 * DAY_NS - 1);
    assert!(panics(|| r.execute_change(0).detach()).contains("This change becomes executable at"));
    call_at(BOB, 0, 10 + 2 * DAY_NS);
    r.execute_change(0).detach();
    assert!(r.targets.contains_key(&id("pool-c.poolv1.near")));
    assert_eq!(event_names(), vec!["change_executed", "target_set"]);
    assert!(r.get_pending_changes().is_empty());
    assert!(panics(|| r.execute_change(0).detach()).contains(ERR_NO_CHANGE));
}

#[test]
fn a_guardian_cancels_and_nobody_else_can() {
    let mut r = timelocked();
    call_at(OWNER, 1, 0);
    r.set_deposit_fee(100, Some(id(DAO)));
    assert_eq!(r.deposit_fee_bps, 0, "not yet");
    call_at(BOB, 1, 1);
    assert!(panics(|| r.cancel_change(0)).contains(ERR_NOT_GUARDIAN));
    r.guardians.insert(id(BOB));
    call_at(BOB, 1, 1);
    r.cancel_change(0);
    assert_eq!(event_names(), vec!["change_cancelled"]);
    call_at(ALICE, 0, 3 * DAY_NS);
    assert!(panics(|| r.execute_change(0).detach()).contains(ERR_NO_CHANGE));
    assert_eq!(r.deposit_fee_bps, 0);
}

#[test]
fn grants_wait_and_revocations_do_not() {
    let mut r = timelocked();
    call_at(OWNER, 1, 0);
    r.set_operator(id(BOB), true);
    assert!(!r.operators.contains(&id(BOB)), "a grant waits");
    call_at(ALICE, 0, 2 * DAY_NS);
    r.execute_change(0).detach();
    assert!(r.operators.contains(&id(BOB)));
    call_at(OWNER, 1, 2 * DAY_NS);
    r.set_operator(id(BOB), false);
    assert!(!r.operators.contains(&id(BOB)), "a revocation is immediate");
    assert!(r.get_pending_changes().is_empty());
}

#[test]
fn new_code_deploys_only_once_announced_and_ripe() {
    let mut r = timelocked();
    let code = b"\0asm new router code".to_vec();
    let hash = Base58CryptoHash::from(near_sdk::env::sha256_array(&code));
    let with_code = |at: u64| {
        let mut ctx = context(OWNER, 1, 300).block_timestamp(at).build();
        ctx.input = code.clone().into();
        set_context(ctx);
    };
    let upgrade_at = |r: &mut Router, at: u64| {
        with_code(at);
        panics(|| drop(r.upgrade()))
    };
    assert!(upgrade_at(&mut r, 0).contains(ERR_CODE_NOT_ANNOUNCED));
    call_at(OWNER, 1, 0);
    r.announce_upgrade(hash);
    call_at(ALICE, 0, 2 * DAY_NS);
    assert!(panics(|| r.execute_change(0).detach()).contains(ERR_CODE_CHANGE));
    assert!(upgrade_at(&mut r, DAY_NS).contains("This change becomes executable at"));
    with_code(2 * DAY_NS);
    drop(r.upgrade());
    assert!(r.get_pending_changes().is_empty(), "the announcement is used up");
    assert_eq!(event_names(), vec!["change_executed", "router_upgraded"]);
}

#[test]
fn the_delay_itself_changes_only_after_the_delay() {
    let mut r = timelocked();
    call_at(OWNER, 1, 0);
    r.set_timelock(0);
    assert_eq!(r.get_timelock(), 2 * 24 * 3600);
    call_at(ALICE, 0, 2 * DAY_NS);
    r.execute_change(0).detach();
    assert_eq!(r.get_timelock(), 0);
    call_at(OWNER, 1, 2 * DAY_NS);
    r.add_target(id("pool-d.poolv1.near"), TargetKind::Validator, TargetCaps::default()).detach();
    assert!(r.targets.contains_key(&id("pool-d.poolv1.near")), "no delay: at once");
}

#[test]
fn at_most_sixteen_changes_wait() {
    let mut r = timelocked();
    for i in 0..16 {
        call_at(OWNER, 1, i);
        r.set_deposit_fee(0, None);
    }
    call_at(OWNER, 1, 20);
    assert!(panics(|| r.set_deposit_fee(0, None)).contains(ERR_TOO_MANY_CHANGES));
}
