//! The `stake-router` command, run as a person would run it: offline subcommands, help, and
//! refusals of bad flags.

use std::process::Command;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stake-router")).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn plan_prints_every_leg_and_the_gas() {
    let (ok, out, _) = run(&["plan", "--amount", "100", "--profile", "balanced", "--first-deposit"]);
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
fn plan_says_when_the_gas_is_more_than_wallets_attach() {
    // A first deposit into 2 validators and 2 liquid tokens needs more than 300 TGas today.
    let (_, json, _) = run(&["plan", "--amount", "100", "--profile", "balanced", "--first-deposit", "--json"]);
    let plan: router_core::SplitPlan = serde_json::from_str(&json).unwrap();
    let (ok, out, _) = run(&["plan", "--amount", "100", "--profile", "balanced", "--first-deposit"]);
    assert!(ok);
    let note = "more than the 300 TGas many wallets and DAO apps attach";
    assert_eq!(out.contains(note), plan.gas_required > router_core::gas::WALLET_GAS, "{out}");
    let (_, small, _) = run(&["plan", "--amount", "100", "--policy", "epic.poolv1.near=10000"]);
    assert!(!small.contains(note), "{small}");
}

#[test]
fn plan_json_adds_up_to_the_deposit() {
    let (ok, out, _) =
        run(&["plan", "--amount", "12.345", "--policy", "epic.poolv1.near=6000,meta-pool.near=4000", "--json"]);
    assert!(ok);
    let plan: router_core::SplitPlan = serde_json::from_str(&out).unwrap();
    let legs: u128 = plan.legs.iter().map(|l| l.amount.0).sum();
    assert_eq!(legs + plan.costs.total.0, router_core::parse_near("12.345").unwrap());
}

#[test]
fn plan_explains_a_refusal() {
    let (ok, _, err) = run(&["plan", "--amount", "10", "--policy", "epic.poolv1.near=6000"]);
    assert!(!ok);
    assert!(err.contains("the shares add up to 6000 bps"), "{err}");
}

#[test]
fn a_misspelt_or_unknown_flag_is_an_error_that_names_it() {
    let (ok, out, err) = run(&["plan", "--amount", "100", "--profil", "liquid-heavy"]);
    assert!(!ok && out.is_empty(), "no plan is printed: {out}");
    assert!(err.contains("unexpected argument '--profil'") && err.contains("'--profile'"), "{err}");
    let (ok, _, err) = run(&["dao-proposal", "--dao", "d.near", "--rpc", "http://127.0.0.1:9", "--routr", "r.near"]);
    assert!(!ok);
    assert!(err.contains("'--routr'"), "{err}");
    let (ok, _, err) = run(&["demo", "--fast"]);
    assert!(!ok && err.contains("'--fast'"), "{err}");
}

#[test]
fn amounts_are_exact_or_refused() {
    let (ok, out, _) = run(&["plan", "--amount", "1000000.000000000000000000000001", "--json"]);
    assert!(ok);
    let plan: router_core::SplitPlan = serde_json::from_str(&out).unwrap();
    assert_eq!(plan.deposit.0, 1_000_000 * router_core::ONE_NEAR + 1);
    let (ok, _, err) = run(&["plan", "--amount", "1e3"]);
    assert!(!ok && err.contains("invalid value '1e3' for '--amount <NEAR>'"), "{err}");
    let (ok, _, err) = run(&["plan", "--amount", "100", "--profile", "balanced", "--policy", "a.near=10000"]);
    assert!(!ok && err.contains("cannot be used with"), "{err}");
}

#[test]
fn every_subcommand_has_help() {
    let (ok, out, _) = run(&["--help"]);
    assert!(ok);
    let subcommands = ["plan", "position", "dao-proposal", "demo", "devnet-demo", "devnet-bench", "gas-report"];
    for name in subcommands {
        assert!(out.contains(&format!("  {name} ")), "{name} is listed in\n{out}");
        let (ok, help, _) = run(&[name, "--help"]);
        assert!(ok && help.contains("Usage: stake-router"), "{name} --help:\n{help}");
    }
    let (_, help, _) = run(&["devnet-bench", "--help"]);
    assert!(help.contains("--smoke"), "{help}");
}
