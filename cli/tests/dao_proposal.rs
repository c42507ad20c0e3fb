//! `stake-router dao-proposal` against a live router on the local devnet (the devnet demo's
//! deployment: the DAO `treasury-dao` stores a 40/30/20/10 policy; `direct-heavy` is guarded).
//! The printed split must be the router's own `preview_deposit` for the DAO: by its stored
//! policy, by a guarded profile, by an explicit policy, and once its proxy exists. Needs
//! `res/*.wasm` (scripts/build-contracts.sh).

use base64::Engine;
use near_primitives::action::{Action, FunctionCallAction};
use near_primitives::types::{Balance, Gas};
use serde_json::{json, Value};
use stake_router_cli::devnet_demo::rpc::RpcClient;
use stake_router_cli::devnet_demo::{setup::expect_success, start, DemoConfig};
use std::process::Command;
use std::time::Duration;

const NEAR: u128 = 10u128.pow(24);

/// Runs the binary: (success, stdout, stderr).
fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stake-router")).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The router's preview of `amount` from `dao` with `extra` arguments (profile or policy).
fn preview(rpc: &RpcClient, router: &str, dao: &str, amount: u128, extra: Value) -> router_core::SplitPlan {
    let mut args = extra;
    args["amount"] = json!(amount.to_string());
    args["account_id"] = json!(dao);
    serde_json::from_value(rpc.view(router, "preview_deposit", args).unwrap()).unwrap()
}

/// The proposal printed by `--json`, checked against the router's preview; returns it.
fn check(url: &str, router: &str, dao: &str, flags: &[&str], extra: Value) -> Value {
    let rpc = RpcClient::new(url);
    let base = ["dao-proposal", "--rpc", url, "--router", router, "--dao", dao, "--amount", "1000"];
    let args: Vec<&str> = base.iter().chain(flags).copied().collect();
    let (ok, out, err) = cli(&[&args[..], &["--json"]].concat());
    assert!(ok, "{err}");
    let printed: Value = serde_json::from_str(&out).unwrap();
    let router_plan = preview(&rpc, router, dao, 1_000 * NEAR, extra.clone());
    let plan: router_core::SplitPlan = serde_json::from_value(printed["plan"].clone()).unwrap();
    assert_eq!(plan, router_plan, "the printed split is the router's preview ({flags:?})");

    let call = &printed["add_proposal"]["proposal"]["kind"]["FunctionCall"];
    assert_eq!(call["receiver_id"], router);
    let action = &call["actions"][0];
    assert_eq!(action["method_name"], "deposit");
    assert_eq!(action["deposit"], (1_000 * NEAR).to_string());
    assert_eq!(action["gas"], router_plan.gas_required.to_string(), "the action carries the plan's gas");
    let decoded = base64::engine::general_purpose::STANDARD.decode(action["args"].as_str().unwrap()).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&decoded).unwrap(), extra);
    let near_cli = printed["near_cli"].as_str().unwrap();
    let head = format!("near contract call-function as-transaction {dao} add_proposal json-args '");
    assert!(near_cli.starts_with(&head), "{near_cli}");
    let tail = "' prepaid-gas '100 Tgas' attached-deposit '1 NEAR' sign-as MEMBER_ACCOUNT network-config localnet \
                sign-with-keychain send";
    assert!(near_cli.ends_with(tail), "no Sputnik policy to read: the default bond; {near_cli}");
    let json_args: Value = serde_json::from_str(&near_cli[head.len()..near_cli.len() - tail.len()]).unwrap();
    assert_eq!(json_args, printed["add_proposal"]);

    // The text members read: the split in words is the router's plan, described.
    let (ok, text, err) = cli(&args);
    assert!(ok, "{err}");
    assert!(text.contains(&stake_router_cli::describe_plan(&router_plan)), "{text}");
    assert!(text.contains(&format!("What {dao} votes on: 1000 NEAR")), "{text}");
    assert!(text.contains("near contract call-function as-transaction"), "{text}");
    printed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proposal_plans_against_the_live_router() {
    let home = std::env::temp_dir().join(format!("dao-proposal-test-{}", std::process::id()));
    let demo = tokio::time::timeout(Duration::from_secs(300), start(DemoConfig::new(home.clone())))
        .await
        .expect("the devnet starts in time")
        .expect("the devnet starts");
    let url = demo.devnet.url.clone();
    let router = demo.deployment.router.to_string();
    let pools: Vec<String> = demo.deployment.pools.iter().map(|p| p.to_string()).collect();
    let lst = demo.deployment.lsts[0].to_string();
    let dao_key = demo.accounts.iter().find(|(_, role, _)| role.starts_with("DAO")).unwrap().0.clone();
    let dao = dao_key.account_id.to_string();

    let checks = tokio::task::spawn_blocking(move || {
        // By the DAO's stored policy (no --profile, no --policy): a first deposit.
        let stored = check(&url, &router, &dao, &[], json!({}));
        assert_eq!(stored["plan"]["creates_proxy"], true);
        assert_eq!(stored["plan"]["legs"].as_array().unwrap().len(), 4);
        // A guarded profile: the first pool is above its network-share limit and folded.
        let guarded = check(&url, &router, &dao, &["--profile", "direct-heavy"], json!({ "profile": "direct-heavy" }));
        assert_eq!(guarded["plan"]["folded"][0]["target"], pools[0].as_str());
        assert_eq!(guarded["plan"]["folded"][0]["reason"], "concentration_guard");
        let policy = format!("{}=5000,{lst}=5000", pools[1]);
        let legs = json!({ "legs": [{ "target": pools[1], "bps": 5_000 }, { "target": lst, "bps": 5_000 }] });
        check(&url, &router, &dao, &["--policy", &policy], json!({ "policy": legs }));

        // The DAO deposits once (its proxy now exists): the next proposal is a later deposit.
        let rpc = RpcClient::new(&url);
        let plan = preview(&rpc, &router, &dao, 10 * NEAR, json!({}));
        let call = Action::FunctionCall(Box::new(FunctionCallAction {
            method_name: "deposit".into(),
            args: b"{}".to_vec(),
            gas: Gas::from_gas(plan.gas_required),
            deposit: Balance::from_yoctonear(10 * NEAR),
        }));
        let receiver = router.parse().unwrap();
        expect_success(rpc.sign_and_send(&dao_key, &receiver, vec![call]), "the DAO's deposit").unwrap();
        let later = check(&url, &router, &dao, &[], json!({}));
        assert_eq!(later["plan"]["creates_proxy"], false);

        // The bond and the signing member as given.
        let base = ["dao-proposal", "--rpc", &url, "--router", &router, "--dao", &dao, "--amount", "5"];
        let (ok, out, err) = cli(&[&base[..], &["--bond", "0.1", "--member", "alice.test.near", "--json"]].concat());
        assert!(ok, "{err}");
        let printed: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(printed["bond"], (NEAR / 10).to_string());
        let near_cli = printed["near_cli"].as_str().unwrap();
        assert!(near_cli.contains("attached-deposit '0.1 NEAR' sign-as alice.test.near network-config"), "{near_cli}");

        // Refusals: an unknown profile names the router's profiles; no stored policy says so.
        let (ok, _, err) = cli(&[
            "dao-proposal",
            "--rpc",
            &url,
            "--router",
            &router,
            "--dao",
            &dao,
            "--amount",
            "5",
            "--profile",
            "nope",
        ]);
        assert!(!ok && err.contains("has no profile `nope`") && err.contains("balanced"), "{err}");
        let (ok, _, err) =
            cli(&["dao-proposal", "--rpc", &url, "--router", &router, "--dao", "alice.test.near", "--amount", "5"]);
        assert!(!ok && err.contains("no policy stored"), "{err}");
    });
    tokio::time::timeout(Duration::from_secs(240), checks).await.expect("checks in time").expect("checks pass");
    drop(demo);
    let _ = std::fs::remove_dir_all(home);
}
