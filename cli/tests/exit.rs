//! `stake-router exit` against the devnet demo: a user who routed a deposit by the default
//! profile holds both liquid tokens and stake in both pools. The printed quotes are checked
//! against the contracts' own views, and then the printed transactions are signed as they are:
//! Meta Pool's instant exit pays exactly the quote, the exchange's swap delivers exactly its
//! quote in wNEAR and the unwrap turns it into NEAR, and the delayed unstake is accepted with
//! the unlock epoch the quote named. Needs `res/*.wasm` (scripts/build-contracts.sh).

use base64::Engine;
use near_primitives::action::{Action, FunctionCallAction};
use near_primitives::types::{Balance, Gas};
use serde_json::{json, Value};
use stake_router_cli::devnet_demo::rpc::{DemoKey, RpcClient};
use stake_router_cli::devnet_demo::{setup::expect_success, start, DemoConfig};
use std::process::Command;
use std::time::Duration;

const NEAR: u128 = 10u128.pow(24);

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stake-router")).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn u128_of(v: &Value) -> u128 {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not an amount: {v}"))
}

/// Signs one printed wallet transaction (`{receiverId, actions: [FunctionCall]}`) as `key`;
/// returns the outcome.
fn sign_printed(rpc: &RpcClient, key: &DemoKey, tx: &Value) -> Value {
    let actions = tx["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["type"], "FunctionCall", "FunctionCall actions only");
            let p = &a["params"];
            Action::FunctionCall(Box::new(FunctionCallAction {
                method_name: p["methodName"].as_str().unwrap().into(),
                args: p["args"].to_string().into_bytes(),
                gas: Gas::from_gas(u128_of(&p["gas"]) as u64),
                deposit: Balance::from_yoctonear(u128_of(&p["deposit"])),
            }))
        })
        .collect();
    let receiver = tx["receiverId"].as_str().unwrap().parse().unwrap();
    expect_success(rpc.sign_and_send(key, &receiver, actions), &format!("{tx}")).unwrap()
}

/// The JSON a successful outcome returned.
fn returned(outcome: &Value) -> Value {
    let b64 = outcome["status"]["SuccessValue"].as_str().unwrap_or_default();
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printed_exits_pay_what_they_quote() {
    let home = std::env::temp_dir().join(format!("exit-test-{}", std::process::id()));
    let demo = tokio::time::timeout(Duration::from_secs(300), start(DemoConfig::new(home.clone())))
        .await
        .expect("the devnet starts in time")
        .expect("the devnet starts");
    let url = demo.devnet.url.clone();
    let d = demo.deployment.clone();
    let alice = demo.accounts.iter().find(|(_, role, _)| role == "user").unwrap().0.clone();

    let checks = tokio::task::spawn_blocking(move || {
        let rpc = RpcClient::new(&url);
        let (router, user) = (d.router.to_string(), alice.account_id.to_string());
        // Alice routes 100 NEAR by the default profile: both pools, both tokens.
        let preview = rpc
            .view(
                &router,
                "preview_deposit",
                json!({ "amount": (100 * NEAR).to_string(), "account_id": user, "profile": "balanced" }),
            )
            .unwrap();
        let deposit = Action::FunctionCall(Box::new(FunctionCallAction {
            method_name: "deposit".into(),
            args: br#"{"profile":"balanced"}"#.to_vec(),
            gas: Gas::from_gas(preview["gas_required"].as_u64().unwrap()),
            deposit: Balance::from_yoctonear(100 * NEAR),
        }));
        expect_success(rpc.sign_and_send(&alice, &d.router, vec![deposit]), "deposit").unwrap();

        let pools: Vec<String> = d.dex_pools.iter().map(|(t, p)| format!("{t}={p}")).collect();
        let (dex, wnear, pools) = (d.dex.to_string(), d.wnear.to_string(), pools.join(","));
        let base = ["exit", "--rpc", &url, "--router", &router, "--account", &user, "--dex", &dex, "--wnear", &wnear];
        let args: Vec<&str> = base.iter().copied().chain(["--dex-pool", pools.as_str()]).collect();
        let (ok, out, err) = cli(&[&args[..], &["--json"]].concat());
        assert!(ok, "{err}");
        let report: Value = serde_json::from_str(&out).unwrap();
        let (text_ok, text, _) = cli(&args);
        assert!(text_ok && text.contains("delayed:") && text.contains("instant via"), "{text}");
        println!("{text}");

        let tokens = report["tokens"].as_array().unwrap();
        assert_eq!(tokens.len(), 2, "both tokens: {report}");
        assert_eq!(report["pools"].as_array().unwrap().len(), 2, "both pools: {report}");
        let epoch = report["clock"]["epoch_height"].as_u64().unwrap();
        for t in tokens {
            let q = &t["quote"];
            let token = q["token"].as_str().unwrap();
            let held = u128_of(&rpc.view(token, "ft_balance_of", json!({ "account_id": user })).unwrap());
            assert_eq!(u128_of(&q["amount"]), held, "{token}: the whole balance");
            assert_eq!(q["delayed"]["near"], q["redemption"], "no fee on the delayed exit");
            assert_eq!(q["delayed"]["unlock_epoch"].as_u64().unwrap(), epoch + 4, "{token}");
            let venues: Vec<&str> =
                q["instant"].as_array().unwrap().iter().map(|i| i["venue"].as_str().unwrap()).collect();
            // The exchange pools sit at the protocol's rate with 500 tokens: one token sells
            // for the rate less the 0.3% pool fee and its own impact (1 in 500: 0.2%), 0.5% in
            // all, inside the 1% band.
            let discount = q["market_discount_bps"].as_u64().unwrap();
            assert!((49..=51).contains(&discount) && q["depegged"] == false, "{token}: {q}");
            let meta = q["protocol"] == "meta_pool";
            assert_eq!(venues.len(), if meta { 2 } else { 1 }, "{token}: {venues:?}");
            for i in t["instant"].as_array().unwrap() {
                let quoted = u128_of(&i["quote"]["near"]);
                assert!(quoted < u128_of(&q["redemption"]), "a fee or an impact: {i}");
            }
        }

        // Meta Pool's instant exit, signed as printed: it pays exactly the quote.
        let meta = tokens.iter().find(|t| t["quote"]["protocol"] == "meta_pool").unwrap();
        let own = meta["instant"].as_array().unwrap().iter().find(|i| i["quote"]["venue"] == "protocol").unwrap();
        let outcome = sign_printed(&rpc, &alice, &own["calls"][0]);
        assert_eq!(returned(&outcome)["near"], own["quote"]["near"], "liquid_unstake paid the quote");

        // The LiNEAR-shaped token sold on the exchange, signed as printed (registration on
        // wNEAR first): exactly the quote arrives in wNEAR, and the unwrap pays NEAR.
        let linear = tokens.iter().find(|t| t["quote"]["protocol"] == "linear").unwrap();
        let swap = &linear["instant"][0];
        let calls = swap["calls"].as_array().unwrap();
        assert_eq!(calls.len(), 3, "register, swap, unwrap: {calls:?}");
        sign_printed(&rpc, &alice, &calls[0]);
        sign_printed(&rpc, &alice, &calls[1]);
        let got = u128_of(&rpc.view(&wnear, "ft_balance_of", json!({ "account_id": user })).unwrap());
        assert_eq!(got, u128_of(&swap["quote"]["near"]), "the swap delivered its quote");
        sign_printed(&rpc, &alice, &calls[2]);
        let left = u128_of(&rpc.view(&wnear, "ft_balance_of", json!({ "account_id": user })).unwrap());
        assert_eq!(left, got - u128_of(&swap["quote"]["min_out"]), "the unwrap burnt what it names");

        // A validator leg's delayed exit through the proxy, as printed: accepted, unlocking at
        // the epoch the quote named.
        let pool = &report["pools"][0];
        let outcome = sign_printed(&rpc, &alice, &pool["calls"][0]);
        assert_eq!(returned(&outcome), json!(true), "the proxy's unstake happened");
        let proxy = pool["calls"][0]["receiverId"].as_str().unwrap();
        let records = rpc.view(proxy, "get_pools", json!({})).unwrap();
        let record = records.as_array().unwrap().iter().find(|r| r["pool_id"] == pool["pool_id"]).unwrap();
        assert_eq!(record["unlock_epoch"], pool["unlock_epoch"]);
    });
    tokio::time::timeout(Duration::from_secs(240), checks).await.expect("checks in time").expect("checks pass");
    drop(demo);
    let _ = std::fs::remove_dir_all(home);
}
