//! The built router (`res/router_contract.wasm`) on the real VM: panic messages reach the caller,
//! private callbacks refuse outsiders, admin calls need 1 yoctoNEAR and the right role.
//!
//! The expected messages are copied from `router-contract/src/errors.rs` and near-sdk 5.30's
//! macros (`near-sdk-macros/src/core_impl/code_generator/impl_item_method_info.rs`,
//! `near-sdk/src/utils/mod.rs`): the contract crates build natively only with near-sdk's
//! `unit-testing` feature, so this crate does not link them.

use borsh::to_vec;
use near_vm_runner::logic::types::PromiseResult;
use router_core::callback_args::{Delivery, DirectSettlement, LiquidLeg};
use router_core::{AccountId, Yocto};
use serde_json::json;
use wasm_checks::{load_wasm, CallOptions, ContractAccount, ONE_NEAR};

const ROUTER: &str = "router.near";
const OWNER: &str = "owner.near";
const ATTACKER: &str = "attacker.near";

/// near-sdk's `assert_one_yocto` message.
const ERR_ONE_YOCTO: &str = "Requires attached deposit of exactly 1 yoctoNEAR";
/// `router-contract/src/errors.rs`.
const ERR_NOT_OWNER: &str = "Only the owner may do this";
const ERR_NOT_GUARDIAN: &str = "Only the owner or a guardian may do this";
const ERR_PAUSED: &str = "The router is paused: deposits are off (exits and claims still work)";

/// A router initialised by `new({"owner_id": "owner.near"})` on `router.near`.
fn router() -> ContractAccount {
    let mut router = ContractAccount::deploy(ROUTER, load_wasm("router_contract"));
    let out = router.call("new", json!({ "owner_id": OWNER, "timelock_seconds": 0 }), ROUTER, 0);
    out.assert_ok();
    println!("{}", out.gas_line("router init"));
    router
}

#[test]
fn contract_panic_reaches_the_caller_with_its_message() {
    let mut router = router();
    let out = router.call("deposit", json!({ "profile": "nope" }), "alice.near", 10 * ONE_NEAR);
    // A wasm built without `--cfg near` (near-sdk 5.30's pure-Rust fallback flavour) aborts
    // here with a bare `WasmTrap(Unreachable)` and no message: this is the check that the
    // contracts were built with scripts/build-contracts.sh's RUSTFLAGS.
    out.assert_panic_contains("Unknown profile: nope");
    assert!(out.actions.is_empty(), "a refused deposit sends nothing");
    println!("{}", out.gas_line("deposit with an unknown profile (refused)"));
}

#[test]
fn init_twice_is_refused() {
    let mut router = router();
    let out = router.call("new", json!({ "owner_id": ATTACKER }), ATTACKER, 0);
    out.assert_panic_contains("The contract has already been initialized");
    println!("{}", out.gas_line("second new (refused)"));
}

/// Every `#[private]` callback of the router with well-formed arguments: the borsh of its
/// arguments in signature order (`router_core::callback_args`).
fn private_callbacks() -> Vec<(&'static str, Vec<u8>)> {
    let a = || "a.near".parse::<AccountId>().unwrap();
    let settlement = DirectSettlement {
        depositor: a(),
        beneficiary: a(),
        proxy: "0123456789abcdef01234567.router.near".parse().unwrap(),
        legs: vec![],
        amount: Yocto(0),
        created: false,
        proxy_storage: Yocto(0),
        proxy_record: Yocto(0),
    };
    let leg = LiquidLeg {
        depositor: a(),
        beneficiary: a(),
        token: "t.near".parse().unwrap(),
        near_amount: Yocto(1),
        reserve: Yocto(1),
        registration_deposit: Yocto(1),
    };
    let delivery = Delivery { leg, minted: Yocto(1), registration_paid: Yocto(0) };
    vec![
        ("on_deposit_settled", to_vec(&(Some(settlement), Vec::<LiquidLeg>::new())).unwrap()),
        ("on_liquid_delivered", to_vec(&vec![delivery]).unwrap()),
        ("on_claim_resolved", to_vec(&(a(), "t.near".parse::<AccountId>().unwrap(), Yocto(1), Yocto(0))).unwrap()),
        ("on_refund_released", to_vec(&(a(), Yocto(1))).unwrap()),
        // 32 zero bytes: the code hash
        ("on_proxy_code_deployed", to_vec(&[0u8; 32]).unwrap()),
    ]
}

#[test]
fn private_callbacks_refuse_outsiders() {
    let mut router = router();
    for (method, args) in private_callbacks() {
        let before = router.ext.fake_trie.clone();
        let out = router.call_with(
            method,
            CallOptions::new(ATTACKER, json!({}))
                .raw_input(args)
                .promise_results(vec![PromiseResult::Successful(Vec::new().into())]),
        );
        // near-sdk 5.30's exact wording (`#[private]`): "Method <name> is private".
        out.assert_panic_contains(&format!("Method {method} is private"));
        assert!(out.actions.is_empty());
        assert_eq!(router.ext.fake_trie, before, "{method}: a refused call changes nothing");
        println!("{}", out.gas_line(&format!("{method} from {ATTACKER} (refused)")));
    }
}

#[test]
fn private_callbacks_run_for_the_router_itself() {
    // Control for the test above: the same calls made by the router itself get past the
    // `#[private]` check (these two settle without sending anything).
    let mut router = router();
    for (method, args) in private_callbacks() {
        if !matches!(method, "on_deposit_settled" | "on_claim_resolved") {
            continue;
        }
        let out = router.call_with(
            method,
            CallOptions::new(ROUTER, json!({}))
                .raw_input(args)
                .promise_results(vec![PromiseResult::Successful(Vec::new().into())]),
        );
        out.assert_ok();
        println!("{}", out.gas_line(&format!("{method} from the router (success result)")));
    }
}

#[test]
fn admin_calls_need_one_yocto() {
    let mut router = router();
    let calls = [("set_operator", json!({ "account_id": "op.near", "granted": true })), ("pause", json!({}))];
    for (method, args) in calls {
        for deposit in [0, 2] {
            let out = router.call(method, args.clone(), OWNER, deposit);
            out.assert_panic_contains(ERR_ONE_YOCTO);
            println!("{}", out.gas_line(&format!("{method} by the owner with {deposit} yocto (refused)")));
        }
    }
}

#[test]
fn privileged_calls_from_a_stranger_are_refused() {
    let mut router = router();
    let refused = [
        ("set_operator", json!({ "account_id": ATTACKER, "granted": true }), ERR_NOT_OWNER),
        ("set_guardian", json!({ "account_id": ATTACKER, "granted": true }), ERR_NOT_OWNER),
        ("propose_owner", json!({ "new_owner_id": ATTACKER }), ERR_NOT_OWNER),
        ("set_min_deposit", json!({ "min_deposit": "1000000000000000000000" }), ERR_NOT_OWNER),
        ("unpause", json!({}), ERR_NOT_OWNER),
        ("pause", json!({}), ERR_NOT_GUARDIAN),
    ];
    for (method, args, message) in refused {
        let out = router.call(method, args, ATTACKER, 1);
        out.assert_panic_contains(message);
        println!("{}", out.gas_line(&format!("{method} by a stranger with 1 yocto (refused)")));
    }
}

#[test]
fn owner_admin_calls_with_one_yocto_work_and_state_persists() {
    // Control for the two tests above, and a check that storage is kept between calls.
    let mut router = router();
    let out = router.call("set_operator", json!({ "account_id": "op.near", "granted": true }), OWNER, 1);
    out.assert_ok();
    assert!(out.logs.iter().any(|l| l.starts_with("EVENT_JSON:") && l.contains("op.near")), "logs: {:?}", out.logs);
    println!("{}", out.gas_line("set_operator by the owner"));

    let out = router.call("pause", json!({}), OWNER, 1);
    out.assert_ok();
    println!("{}", out.gas_line("pause by the owner"));

    let out = router.call("deposit", json!({ "profile": "balanced" }), "alice.near", 10 * ONE_NEAR);
    out.assert_panic_contains(ERR_PAUSED);
    println!("{}", out.gas_line("deposit while paused (refused)"));
}
