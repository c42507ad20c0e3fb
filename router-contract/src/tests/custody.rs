//! What a key holder or a rogue target cannot do: validator targets must pass the configured
//! staking-pool whitelist, retired targets leave room on the allow-list, and a new proxy code
//! hash reaches new proxies only a delay after it changed.

use super::*;
use crate::errors::*;

const DAY_NS: u64 = 24 * 60 * 60 * 1_000_000_000;
const WHITELIST: &str = "lockup-whitelist.near";
const NEW_POOL: &str = "pool-c.poolv1.near";

fn panics(f: impl FnOnce()) -> String {
    test_support::panic_message(f)
}

/// `setup()`'s router with a whitelist configured (no delay).
fn whitelisted() -> Router {
    let mut r = setup();
    call_as(OWNER, 1);
    r.set_pool_whitelist(Some(id(WHITELIST))).detach();
    assert_eq!(event_names(), vec!["pool_whitelist_set"]);
    assert_eq!(r.get_config().pool_whitelist_id, Some(id(WHITELIST)));
    r
}

/// Runs `on_pool_whitelist_read` for `NEW_POOL` with `result`, optionally for an announcement.
fn read_answer(r: &mut Router, result: PromiseResult, pending: Option<crate::timelock::PendingChange>) -> bool {
    callback_with(vec![result]);
    let announced = pending.map(|p| router_core::callback_args::Announced {
        id: p.id,
        announced_by: p.announced_by,
        announced_at_ns: p.announced_at_ns,
        executable_at_ns: p.executable_at_ns,
    });
    let out = r.on_pool_whitelist_read(id(NEW_POOL), TargetCaps::default(), id(WHITELIST), announced);
    matches!(out, near_sdk::PromiseOrValue::Value(()))
}

#[test]
fn a_validator_target_is_added_only_once_the_whitelist_confirms_it() {
    let mut r = whitelisted();
    call_as(OWNER, 1);
    r.add_target(id(NEW_POOL), TargetKind::Validator, TargetCaps::default()).detach();
    assert!(!r.targets.contains_key(&id(NEW_POOL)), "not before the answer");
    let reads = calls_to(WHITELIST);
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].0, "is_whitelisted");
    assert_eq!(reads[0].1, serde_json::json!({ "staking_pool_account_id": NEW_POOL }));

    assert!(read_answer(&mut r, PromiseResult::Successful(b"true".to_vec()), None));
    assert!(r.targets.contains_key(&id(NEW_POOL)));
    assert_eq!(event_names(), vec!["target_set"]);
}

#[test]
fn a_pool_off_the_whitelist_is_refused_and_the_call_fails() {
    let mut r = whitelisted();
    assert!(!read_answer(&mut r, PromiseResult::Successful(b"false".to_vec()), None), "fails for the caller");
    assert!(!r.targets.contains_key(&id(NEW_POOL)));
    let refused = &events()[0];
    assert_eq!(refused["event"], "target_refused");
    assert!(refused["data"]["reason"].as_str().unwrap().contains("is not on the staking-pool whitelist"));
    let reports = calls_to(ROUTER);
    assert_eq!(reports[0].0, "call_failed");
    // A bare answer that is not a boolean is no confirmation either.
    assert!(!read_answer(&mut r, PromiseResult::Successful(b"\"yes\"".to_vec()), None));
    assert!(!r.targets.contains_key(&id(NEW_POOL)));
}

#[test]
fn a_failed_whitelist_read_puts_the_announced_addition_back() {
    let mut r = whitelisted();
    r.timelock_ns = 2 * DAY_NS;
    call_as(OWNER, 1);
    r.add_target(id(NEW_POOL), TargetKind::Validator, TargetCaps::default()).detach();
    set_context(context(BOB, 0, 100).block_timestamp(2 * DAY_NS).build());
    r.execute_change(0).detach();
    assert!(r.get_pending_changes().is_empty(), "taken while the whitelist is read");
    let pending = crate::timelock::PendingChange {
        id: 0,
        change: crate::timelock::Change::AddTarget {
            account_id: id(NEW_POOL),
            kind: TargetKind::Validator,
            caps: TargetCaps::default(),
        },
        announced_by: id(OWNER),
        announced_at_ns: 0,
        executable_at_ns: 2 * DAY_NS,
    };
    assert!(!read_answer(&mut r, PromiseResult::Failed, Some(pending.clone())));
    assert_eq!(r.get_pending_changes(), vec![pending], "back under its id, to execute again");
    assert_eq!(event_names(), vec!["change_restored", "target_refused"]);
}

#[test]
fn adding_a_validator_needs_the_gas_of_the_whitelist_read_and_liquid_targets_skip_it() {
    let mut r = whitelisted();
    set_context(context(OWNER, 1, 20).build());
    assert!(panics(|| r.add_target(id(NEW_POOL), TargetKind::Validator, TargetCaps::default()).detach())
        .contains(ERR_WHITELIST_GAS));
    call_as(OWNER, 1);
    r.add_target(id("lst.near"), liquid(LstProtocol::Linear), TargetCaps::default()).detach();
    assert!(r.targets.contains_key(&id("lst.near")), "a liquid target is not a pool: no whitelist read");
    assert!(calls_to(WHITELIST).is_empty());
}

#[test]
fn retired_targets_do_not_count_toward_the_target_limit() {
    let mut r = setup();
    let pool = |i: usize| id(&format!("pool-{i}.poolv1.near"));
    let add = |r: &mut Router, i: usize| {
        call_as(OWNER, 1);
        r.add_target(pool(i), TargetKind::Validator, TargetCaps::default()).detach();
    };
    let retire = |r: &mut Router, i: usize| {
        call_as(OWNER, 1);
        r.retire_target(pool(i));
    };
    // setup() has 4 targets: 28 more make 32 live ones, the most.
    (0..28).for_each(|i| add(&mut r, i));
    call_as(OWNER, 1);
    assert!(panics(|| add(&mut r, 28)).contains(ERR_TOO_MANY_TARGETS));
    // Each retirement leaves room for one more, until 64 records are kept.
    for i in 0..32 {
        retire(&mut r, i);
        add(&mut r, 28 + i);
    }
    assert_eq!(r.targets.len(), crate::MAX_TARGET_RECORDS);
    retire(&mut r, 32);
    assert!(panics(|| add(&mut r, 100)).contains(ERR_TOO_MANY_TARGET_RECORDS));
}

#[test]
fn a_new_proxy_code_reaches_new_proxies_only_a_delay_after_it_changed() {
    let mut r = setup();
    r.timelock_ns = 2 * DAY_NS;
    let old = code_hash();
    let new = Base58CryptoHash::from([9u8; 32]);
    set_context(context(OWNER, 1, 100).block_timestamp(0).build());
    r.set_proxy_code_hash(new);
    set_context(context(BOB, 0, 100).block_timestamp(2 * DAY_NS).build());
    r.execute_change(0).detach();
    assert_eq!(event_names(), vec!["change_executed", "proxy_code_hash_scheduled"]);
    assert_eq!(r.get_proxy_code_hash(), Some(old), "the old code until the second delay ends");
    let config = r.get_config();
    assert_eq!(config.next_proxy_code_hash, Some(String::from(&new)));
    assert_eq!(config.next_proxy_code_from_ns, Some(4 * DAY_NS));

    // A first deposit now still creates its proxy from the code users checked.
    set_context(context(ALICE, 100 * ONE_NEAR, 300).block_timestamp(4 * DAY_NS - 1).build());
    let plan = r.deposit(Some("balanced".into()), None, None);
    assert!(plan.creates_proxy);
    assert_eq!(r.proxy_code_hash, Some(old.into()));

    // From the second delay on, the new code.
    set_context(context(BOB, 100 * ONE_NEAR, 300).block_timestamp(4 * DAY_NS).build());
    assert_eq!(r.get_proxy_code_hash(), Some(new));
    r.deposit(Some("balanced".into()), None, None);
    assert_eq!(r.proxy_code_hash, Some(new.into()));
    assert!(event_names().contains(&"proxy_code_hash_set".to_string()));
    assert_eq!(r.get_config().next_proxy_code_hash, None);
}
