//! `upgrade` and `migrate`: from hand-written version-1 and version-2 states, and from the
//! current one.

use super::*;
use crate::errors::*;
use crate::legacy::{RouterV1, RouterV2, RouterV3};
use crate::{StorageKey, STATE_VERSION};
use near_sdk::store::{IterableMap, IterableSet, LookupMap, LookupSet};
use near_sdk::{env, CryptoHash};
use router_core::{default_profiles, CostSchedule, GasSchedule, Leg, Policy, Target, TargetStatus};

/// Writes a version-1 state by hand: one operator, two targets (one paused), the default
/// profiles, a DAO policy, a proxy record, a claimable and an owed refund.
fn write_v1_state() {
    call_as(ROUTER, 0);
    near_sdk::mock::with_mocked_blockchain(|b| drop(b.take_storage()));
    call_as(ROUTER, 0);
    let mut v1 = RouterV1 {
        state_version: 1,
        owner_id: id(OWNER),
        pending_owner_id: Some(id(BOB)),
        operators: IterableSet::new(StorageKey::Operators),
        guardians: IterableSet::new(StorageKey::Guardians),
        paused: false,
        targets: IterableMap::new(StorageKey::Targets),
        profiles: IterableMap::new(StorageKey::Profiles),
        account_policies: LookupMap::new(StorageKey::AccountPolicies),
        proxies: LookupSet::new(StorageKey::Proxies),
        claimables: LookupMap::new(StorageKey::Claimables),
        owed_refunds: LookupMap::new(StorageKey::OwedRefunds),
        unverified: IterableMap::new(StorageKey::Unverified),
        owed_total: 7,
        next_unverified_id: 3,
        proxy_code_hash: Some([7u8; 32]),
        min_deposit: 2 * ONE_NEAR,
        costs: CostSchedule::DEFAULT,
        gas: [1_000_000_000_000; 16],
    };
    v1.operators.insert(id(BOB));
    for (t, kind, status) in [
        (POOL_A, TargetKind::Validator, TargetStatus::Active),
        (LINEAR, liquid(router_core::LstProtocol::Linear), TargetStatus::Paused),
    ] {
        v1.targets.insert(
            id(t),
            Target { account_id: id(t), kind, status, caps: TargetCaps::default(), routed_total: Yocto(5 * ONE_NEAR) },
        );
    }
    for p in default_profiles() {
        v1.profiles.insert(p.name.clone(), p);
    }
    v1.account_policies.insert(id(DAO), Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] });
    let key: CryptoHash = env::sha256_array(ALICE.as_bytes());
    v1.proxies.insert(key);
    v1.claimables.insert(id(ALICE), [(id(LINEAR), 42u128)].into_iter().collect());
    v1.owed_refunds.insert(id(BOB), 7);
    v1.operators.flush();
    v1.targets.flush();
    v1.profiles.flush();
    v1.account_policies.flush();
    v1.claimables.flush();
    v1.owed_refunds.flush();
    env::state_write(&v1);
}

#[test]
fn migrate_moves_a_version_1_state_to_the_current_layout() {
    write_v1_state();
    assert_eq!(env::storage_read(b"STATE").unwrap()[0], 1);
    call_as(ROUTER, 0);
    let mut r = Router::migrate();
    assert_eq!(event_names(), vec!["state_migrated"]);
    assert_eq!(events()[0]["data"], serde_json::json!({"from_version": 1, "to_version": STATE_VERSION}));
    let c = r.get_config();
    assert_eq!((c.owner_id, c.pending_owner_id, c.operators), (id(OWNER), Some(id(BOB)), vec![id(BOB)]));
    assert_eq!(c.min_deposit.0, 2 * ONE_NEAR);
    assert_eq!((c.deposit_fee_bps, c.treasury_id), (0, None), "the fee starts off");
    assert_eq!(c.proxy_code_hash, Some(String::from(&code_hash())));
    let targets = r.get_targets();
    assert_eq!(targets.len(), 2);
    assert_eq!(targets[1].status, TargetStatus::Paused);
    assert_eq!(targets[0].routed_total.0, 5 * ONE_NEAR);
    assert_eq!(r.get_profiles(), default_profiles());
    assert!(r.get_account_policy(id(DAO)).is_some());
    assert!(r.get_proxy(id(ALICE)).exists);
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)).map(|v| v.0), Some(42));
    assert_eq!(r.get_owed_refund(id(BOB)).0, 7);
    assert!(r.get_depeg_bands().is_empty());
    // The migrated router works: new fields are usable and a deposit plans and fans out.
    // It has the default timelock: the fee is announced, and anyone executes it two days on.
    call_as(OWNER, 1);
    r.set_deposit_fee(10, Some(id(DAO)));
    assert_eq!(r.get_pending_changes().len(), 1, "announced, not applied");
    let ripe = crate::timelock::DEFAULT_TIMELOCK_SECONDS * 1_000_000_000;
    set_context(context(BOB, 0, 300).block_timestamp(ripe).build());
    r.execute_change(0).detach();
    call_as(ALICE, 10 * ONE_NEAR);
    let plan = r.deposit(None, Some(Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] }), None);
    assert!(!plan.creates_proxy, "Alice's proxy record survived");
    assert_eq!(plan.costs.deposit_fee.0, ONE_NEAR / 100, "10 bps of 10 NEAR");
}

/// Writes a version-2 state by hand: the version-1 fixture's records plus a fee, profile
/// guards and a depeg band, with the stored schedules version 2 had.
fn write_v2_state() {
    write_v1_state();
    let v1 = env::state_read::<RouterV1>().unwrap();
    let mut v2 = RouterV2 {
        state_version: 2,
        owner_id: v1.owner_id,
        pending_owner_id: v1.pending_owner_id,
        operators: v1.operators,
        guardians: v1.guardians,
        paused: true,
        targets: v1.targets,
        profiles: v1.profiles,
        account_policies: v1.account_policies,
        proxies: v1.proxies,
        claimables: v1.claimables,
        owed_refunds: v1.owed_refunds,
        unverified: v1.unverified,
        owed_total: v1.owed_total,
        next_unverified_id: v1.next_unverified_id,
        proxy_code_hash: v1.proxy_code_hash,
        min_deposit: v1.min_deposit,
        costs: CostSchedule::DEFAULT,
        gas: [1_000_000_000_000; 16],
        deposit_fee_bps: 25,
        treasury_id: Some(id(DAO)),
        profile_guards: LookupMap::new(StorageKey::ProfileGuards),
        depeg_bands: IterableMap::new(StorageKey::DepegBands),
    };
    let options = router_core::GuardOptions { max_validator_network_share_bps: None, skip_out_of_band_liquid: true };
    v2.profile_guards.insert("balanced".to_string(), options);
    v2.depeg_bands.insert(id(LINEAR), router_core::DepegBand::new(ONE_NEAR, 100));
    v2.profile_guards.flush();
    v2.depeg_bands.flush();
    env::state_write(&v2);
}

#[test]
fn migrate_moves_a_version_2_state_to_the_current_layout() {
    write_v2_state();
    assert_eq!(env::storage_read(b"STATE").unwrap()[0], 2);
    call_as(ROUTER, 0);
    let r = Router::migrate();
    assert_eq!(events()[0]["data"], serde_json::json!({"from_version": 2, "to_version": STATE_VERSION}));
    assert_eq!(STATE_VERSION, 4);
    assert_eq!(r.get_timelock(), crate::timelock::DEFAULT_TIMELOCK_SECONDS, "an older router gets the safe delay");
    assert!(r.get_pending_changes().is_empty());
    let c = r.get_config();
    assert_eq!((c.owner_id, c.min_deposit.0, c.paused), (id(OWNER), 2 * ONE_NEAR, true));
    assert_eq!((c.deposit_fee_bps, c.treasury_id), (25, Some(id(DAO))), "the fee survives");
    assert_eq!((c.costs, c.gas), (CostSchedule::DEFAULT, GasSchedule::DEFAULT), "the schedules are the constants");
    assert!(r.get_profile_guards("balanced".into()).skip_out_of_band_liquid);
    assert_eq!(r.get_depeg_bands().len(), 1);
    assert_eq!(r.get_targets().len(), 2);
    assert!(r.get_proxy(id(ALICE)).exists);
    assert_eq!(r.get_claimables(id(ALICE)).get(&id(LINEAR)).map(|v| v.0), Some(42));
    assert_eq!(r.get_owed_refund(id(BOB)).0, 7);
    // The migrated state is stored in the new layout: one byte of version, no schedules, the
    // timelock's three fields.
    let stored = near_sdk::borsh::to_vec(&r).unwrap();
    let old = near_sdk::borsh::to_vec(&CostSchedule::DEFAULT).unwrap().len()
        + near_sdk::borsh::to_vec(&[0u64; 16]).unwrap().len();
    let new = 8 + near_sdk::borsh::to_vec(&r.pending_changes).unwrap().len() + 8;
    assert_eq!(stored[0], STATE_VERSION);
    assert_eq!(
        stored.len() + old,
        near_sdk::borsh::to_vec(&env::state_read::<RouterV2>().unwrap()).unwrap().len() + new
    );
}

#[test]
fn migrate_moves_a_version_3_state_to_the_current_layout() {
    write_v2_state();
    let v2 = env::state_read::<RouterV2>().unwrap();
    let v3 = RouterV3 {
        state_version: 3,
        owner_id: v2.owner_id,
        pending_owner_id: v2.pending_owner_id,
        operators: v2.operators,
        guardians: v2.guardians,
        paused: v2.paused,
        targets: v2.targets,
        profiles: v2.profiles,
        account_policies: v2.account_policies,
        proxies: v2.proxies,
        claimables: v2.claimables,
        owed_refunds: v2.owed_refunds,
        unverified: v2.unverified,
        owed_total: v2.owed_total,
        next_unverified_id: v2.next_unverified_id,
        proxy_code_hash: v2.proxy_code_hash,
        min_deposit: v2.min_deposit,
        deposit_fee_bps: v2.deposit_fee_bps,
        treasury_id: v2.treasury_id,
        profile_guards: v2.profile_guards,
        depeg_bands: v2.depeg_bands,
    };
    env::state_write(&v3);
    call_as(ROUTER, 0);
    let r = Router::migrate();
    assert_eq!(events()[0]["data"], serde_json::json!({"from_version": 3, "to_version": STATE_VERSION}));
    assert_eq!(r.get_timelock(), crate::timelock::DEFAULT_TIMELOCK_SECONDS);
    assert_eq!((r.get_config().deposit_fee_bps, r.get_targets().len()), (25, 2), "the records survive");
    assert!(r.get_profile_guards("balanced".into()).skip_out_of_band_liquid);
}

#[test]
fn migrate_keeps_a_current_state_as_it_is() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.set_deposit_fee(50, Some(id(DAO)));
    r.set_depeg_band(id(LINEAR), U128(ONE_NEAR), 100);
    // What near-sdk does at the end of a call: flush the collections, write the root.
    r.targets.flush();
    r.profiles.flush();
    r.depeg_bands.flush();
    env::state_write(&r);
    call_as(ROUTER, 0);
    let m = Router::migrate();
    assert_eq!(events()[0]["data"]["from_version"], STATE_VERSION);
    assert_eq!(m.get_config().deposit_fee_bps, 50);
    assert_eq!(m.get_depeg_bands().len(), 1);
    assert_eq!(m.get_targets().len(), 4);
}

#[test]
fn migrate_refuses_an_unknown_version() {
    setup();
    call_as(ROUTER, 0);
    env::storage_write(b"STATE", &[9u8, 0, 0]);
    let err = std::panic::catch_unwind(|| drop(Router::migrate())).unwrap_err();
    assert!(err.downcast_ref::<String>().unwrap().contains(ERR_UNKNOWN_STATE_VERSION));
    // `#[private]` is enforced by the wasm entry point: tests/wasm-checks call it from outside.
}

#[test]
fn upgrade_deploys_the_code_and_migrates_in_one_batch() {
    let mut r = setup();
    let mut ctx = context(OWNER, 1, 300).build();
    ctx.input = b"\0asm fake code".to_vec().into();
    set_context(ctx);
    let _ = r.upgrade();
    assert_eq!(event_names(), vec!["router_upgraded"]);
    let receipt = get_created_receipts().into_iter().find(|x| x.receiver_id.as_str() == ROUTER).unwrap();
    assert!(matches!(&receipt.actions[0], MockAction::DeployContract { code, .. } if code == b"\0asm fake code"));
    assert!(
        matches!(&receipt.actions[1], MockAction::FunctionCallWeight { method_name, .. } if method_name == b"migrate")
    );
    // No code is refused; only the owner may upgrade.
    let mut ctx = context(OWNER, 1, 300).build();
    ctx.input = Vec::<u8>::new().into();
    set_context(ctx);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(r.upgrade()))).unwrap_err();
    assert!(err.downcast_ref::<String>().unwrap().contains(ERR_NO_CODE));
}
