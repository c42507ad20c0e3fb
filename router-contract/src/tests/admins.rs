//! Access control, 1 yoctoNEAR on every privileged call, two-step ownership, admin events.

use super::*;
use router_core::{Allocation, Leg, Policy, TargetStatus};

type AdminCall = fn(&mut Router);

fn privileged_calls() -> Vec<(&'static str, AdminCall)> {
    vec![
        ("propose_owner", |r| r.propose_owner(id(BOB))),
        ("set_operator", |r| r.set_operator(id(BOB), true)),
        ("set_guardian", |r| r.set_guardian(id(BOB), true)),
        ("pause", |r| r.pause()),
        ("unpause", |r| r.unpause()),
        ("set_min_deposit", |r| r.set_min_deposit(U128(2 * ONE_NEAR))),
        ("add_target", |r| {
            r.add_target(id("pool-c.poolv1.near"), TargetKind::Validator, TargetCaps::default()).detach()
        }),
        ("update_target", |r| r.update_target(id(POOL_A), TargetKind::Validator, TargetCaps::default())),
        ("set_target_paused", |r| r.set_target_paused(id(POOL_A), true)),
        ("retire_target", |r| r.retire_target(id(POOL_A))),
        ("set_profile", |r| {
            r.set_profile(
                "all-a".into(),
                "".into(),
                Allocation::Explicit { policy: Policy { legs: vec![Leg { target: id(POOL_A), bps: 10_000 }] } },
            )
        }),
        ("remove_profile", |r| r.remove_profile("balanced".into())),
        ("set_proxy_code_hash", |r| r.set_proxy_code_hash(code_hash())),
        ("resolve_unverified", |r| {
            let _ = r.resolve_unverified(0, U128(1));
        }),
        ("set_deposit_fee", |r| r.set_deposit_fee(10, Some(id(DAO)))),
        ("set_profile_guards", |r| r.set_profile_guards("balanced".into(), Default::default())),
        ("set_depeg_band", |r| r.set_depeg_band(id(LINEAR), U128(ONE_NEAR), 100)),
        ("remove_depeg_band", |r| r.remove_depeg_band(id(LINEAR))),
        ("upgrade", |r| drop(r.upgrade())),
    ]
}

fn attempt(caller: &str, deposit: u128, call: AdminCall) -> Result<(), String> {
    let mut r = setup();
    call_as(caller, deposit);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| call(&mut r)))
        .map_err(|e| e.downcast_ref::<String>().cloned().unwrap_or_default())
}

#[test]
fn strangers_are_refused_every_privileged_call() {
    for (name, call) in privileged_calls() {
        let err = attempt("stranger.near", 1, call).expect_err(name);
        assert!(err.contains("Only the owner"), "{name}: {err}");
    }
}

#[test]
fn privileged_calls_need_exactly_one_yocto() {
    for (name, call) in privileged_calls() {
        for deposit in [0, 2] {
            let err = attempt(OWNER, deposit, call).expect_err(name);
            assert!(err.contains("Requires attached deposit of exactly 1 yoctoNEAR"), "{name}: {err}");
        }
    }
}

#[test]
fn operators_manage_targets_and_profiles_but_not_roles() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.set_operator(id(BOB), true);
    call_as(BOB, 1);
    r.set_target_paused(id(POOL_A), true);
    assert_eq!(r.get_targets()[0].status, TargetStatus::Paused);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| r.set_guardian(id(BOB), true))).unwrap_err();
    assert_eq!(err.downcast_ref::<String>().unwrap(), crate::errors::ERR_NOT_OWNER);
}

#[test]
fn guardians_pause_but_only_the_owner_unpauses() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.set_guardian(id(BOB), true);
    call_as(BOB, 1);
    r.pause();
    assert!(r.get_config().paused);
    assert_eq!(event_names(), vec!["pause_changed"]);
    assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| r.unpause())).is_err());
    call_as(OWNER, 1);
    r.unpause();
    assert!(!r.get_config().paused);
}

#[test]
fn ownership_moves_in_two_steps() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.propose_owner(id(BOB));
    assert_eq!(r.get_config().owner_id, id(OWNER));
    call_as(ALICE, 1);
    assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| r.accept_ownership())).is_err());
    call_as(BOB, 1);
    r.accept_ownership();
    assert_eq!(r.get_config().owner_id, id(BOB));
    assert_eq!(r.get_config().pending_owner_id, None);
    assert_eq!(
        near_sdk::test_utils::get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"owner_changed","data":{"old":"owner.near","new":"bob.near"}}"#
        ]
    );
}

#[test]
fn retired_targets_cannot_come_back_and_kinds_cannot_change() {
    let mut r = setup();
    call_as(OWNER, 1);
    r.retire_target(id(POOL_A));
    assert_eq!(
        near_sdk::test_utils::get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"target_status_changed","data":{"target":"pool-a.poolv1.near","status":"retired","by":"owner.near"}}"#
        ]
    );
    assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| r.set_target_paused(id(POOL_A), false))).is_err());
    let mut r = setup();
    call_as(OWNER, 1);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        r.update_target(id(POOL_A), liquid(LstProtocol::Linear), TargetCaps::default())
    }))
    .unwrap_err();
    assert_eq!(err.downcast_ref::<String>().unwrap(), crate::errors::ERR_TARGET_KIND_CHANGE);
}

#[test]
fn bad_targets_and_profiles_are_refused_at_set_time() {
    let cases: Vec<(AdminCall, &str)> = vec![
        (
            |r| r.add_target(id(POOL_A), TargetKind::Validator, TargetCaps::default()).detach(),
            crate::errors::ERR_TARGET_EXISTS,
        ),
        (
            |r| r.add_target(id(ROUTER), TargetKind::Validator, TargetCaps::default()).detach(),
            crate::errors::ERR_TARGET_IS_ROUTER,
        ),
        (
            |r| {
                r.add_target(
                    id("x.near"),
                    TargetKind::Validator,
                    TargetCaps { max_share_bps: 0, ..TargetCaps::default() },
                )
                .detach()
            },
            crate::errors::ERR_BAD_CAPS,
        ),
        (
            |r| {
                let kind = TargetKind::Liquid {
                    protocol: LstProtocol::Linear,
                    registration_deposit: Yocto(router_core::MAX_REGISTRATION_DEPOSIT.0 + 1),
                };
                r.add_target(id("x.near"), kind, TargetCaps::default()).detach()
            },
            crate::errors::ERR_REGISTRATION_DEPOSIT,
        ),
        (
            |r| {
                r.set_profile(
                    "x".into(),
                    "".into(),
                    Allocation::Explicit { policy: Policy { legs: vec![Leg { target: id(POOL_A), bps: 9_000 }] } },
                )
            },
            "the shares add up to 9000 bps",
        ),
        (
            |r| r.set_profile("x".into(), "".into(), Allocation::Explicit { policy: Policy { legs: vec![] } }),
            "the split has no legs",
        ),
        (
            |r| {
                r.set_profile(
                    "x".into(),
                    "".into(),
                    Allocation::Explicit {
                        policy: Policy { legs: vec![Leg { target: id("nope.near"), bps: 10_000 }] },
                    },
                )
            },
            "nope.near is not an allowed staking target",
        ),
        (
            |r| {
                r.set_profile(
                    "Bad Name".into(),
                    "".into(),
                    Allocation::ByKind { validator_bps: 5_000, max_validators: 1, max_liquid: 1 },
                )
            },
            crate::errors::ERR_BAD_NAME,
        ),
    ];
    for (call, expected) in cases {
        let err = attempt(OWNER, 1, call).expect_err(expected);
        assert!(err.contains(expected), "{err} should contain {expected}");
    }
}

#[test]
fn the_three_default_profiles_exist() {
    let r = setup();
    let names: Vec<String> = r.get_profiles().into_iter().map(|p| p.name).collect();
    assert_eq!(names, vec!["direct-heavy", "balanced", "liquid-heavy"]);
    let p = r.get_profile_policy("direct-heavy".into()).unwrap();
    let direct: u16 = p.legs.iter().filter(|l| l.target.as_str().starts_with("pool-")).map(|l| l.bps).sum();
    assert_eq!(direct, 8_000);
}
