//! The example commands, run as a person would run them.

use base64::Engine;
use std::process::Command;

fn run(bin: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(bin).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn plan_prints_every_leg_and_the_gas() {
    let (ok, out, _) =
        run(env!("CARGO_BIN_EXE_plan"), &["--amount", "100", "--profile", "balanced", "--first-deposit"]);
    assert!(ok);
    for needle in [
        "astro-stakers.poolv1.near",
        "epic.poolv1.near",
        "linear-protocol.near",
        "meta-pool.near",
        "creates your staking proxy",
        "TGas",
    ] {
        assert!(out.contains(needle), "missing {needle} in\n{out}");
    }
}

#[test]
fn plan_json_adds_up_to_the_deposit() {
    let (ok, out, _) = run(
        env!("CARGO_BIN_EXE_plan"),
        &["--amount", "12.345", "--policy", "epic.poolv1.near=6000,meta-pool.near=4000", "--json"],
    );
    assert!(ok);
    let plan: router_core::SplitPlan = serde_json::from_str(&out).unwrap();
    let legs: u128 = plan.legs.iter().map(|l| l.amount.0).sum();
    assert_eq!(legs + plan.costs.total.0, router_core::parse_near("12.345").unwrap());
}

#[test]
fn plan_explains_a_refusal() {
    let (ok, _, err) = run(env!("CARGO_BIN_EXE_plan"), &["--amount", "10", "--policy", "epic.poolv1.near=6000"]);
    assert!(!ok);
    assert!(err.contains("the shares add up to 6000 bps"), "{err}");
}

#[test]
fn dao_proposal_calls_deposit_with_the_treasury_amount() {
    let (ok, out, _) = run(
        env!("CARGO_BIN_EXE_dao-proposal"),
        &[
            "--dao",
            "treasury.sputnik-dao.near",
            "--router",
            "stake-router.near",
            "--amount",
            "1000",
            "--profile",
            "balanced",
        ],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let call = &v["proposal"]["kind"]["FunctionCall"];
    assert_eq!(call["receiver_id"], "stake-router.near");
    let action = &call["actions"][0];
    assert_eq!(action["method_name"], "deposit");
    assert_eq!(action["deposit"], "1000000000000000000000000000");
    let args = base64::engine::general_purpose::STANDARD.decode(action["args"].as_str().unwrap()).unwrap();
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&args).unwrap(), serde_json::json!({"profile": "balanced"}));
    let gas: u64 = action["gas"].as_str().unwrap().parse().unwrap();
    assert!(gas > 0 && gas <= router_core::gas::MAX_TX_GAS);
}
