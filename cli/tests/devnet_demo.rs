//! The local devnet demo end to end, in process, on loopback: the page and `/pkg/` are
//! served, and a `balanced` deposit sent through the development wallet for alice creates her
//! proxy and stakes with the pools; the guarded profile's router preview equals router-core's
//! plan with the guards read over RPC. Needs `res/*.wasm` (scripts/build-contracts.sh); uses
//! `widget/pkg` when built, else a stand-in package folder.

use serde_json::{json, Value};
use stake_router_cli::devnet_demo::rpc::RpcClient;
use stake_router_cli::devnet_demo::{start, DemoConfig};
use std::time::Duration;

const NEAR: u128 = 10u128.pow(24);

/// GET `url`: (status, content type, body).
fn get(url: &str) -> (u16, String, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut r = agent.get(url).call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let kind = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (r.status().as_u16(), kind, r.body_mut().read_to_vec().unwrap())
}

/// POST JSON to `url`: (status, JSON answer).
fn post(url: &str, body: &Value) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut r = agent.post(url).content_type("application/json").send(body.to_string()).unwrap();
    (r.status().as_u16(), serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_serves_the_page_and_the_dev_wallet_deposits_for_alice() {
    let home = std::env::temp_dir().join(format!("devnet-demo-test-{}", std::process::id()));
    let mut config = DemoConfig::new(home.clone());
    if !config.pkg_dir.join("stake-router-widget.js").exists() {
        // widget/pkg is not built (scripts/test.sh runs cargo before build-widget.sh).
        config.pkg_dir = home.join("pkg-stand-in");
        std::fs::create_dir_all(&config.pkg_dir).unwrap();
        std::fs::write(config.pkg_dir.join("stake-router-widget.js"), "export {};\n").unwrap();
    }
    let demo = tokio::time::timeout(Duration::from_secs(300), start(config))
        .await
        .expect("the demo starts in time")
        .expect("the demo starts");
    let page = demo.page_url.clone();
    let rpc_url = demo.devnet.url.clone();
    let alice = demo.accounts[0].0.account_id.to_string();
    assert_eq!(alice, "alice.test.near");
    let credentials: Value = serde_json::from_str(&std::fs::read_to_string(&demo.accounts[0].2).unwrap()).unwrap();
    assert_eq!(credentials["account_id"], alice);
    assert!(credentials["private_key"].as_str().unwrap().starts_with("ed25519:"));
    assert!(demo.accounts[0].2.ends_with("credentials/localnet/alice.test.near.json"));
    let router = demo.deployment.router.to_string();
    let pools: Vec<String> = demo.deployment.pools.iter().map(|p| p.to_string()).collect();

    let checks = tokio::task::spawn_blocking(move || {
        let (status, kind, body) = get(&page);
        assert_eq!(status, 200);
        assert!(kind.starts_with("text/html"), "{kind}");
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains("<stake-router-widget") && html.contains("Development wallet"), "{html}");
        let (status, kind, _) = get(&format!("{page}page.js"));
        assert_eq!((status, kind.starts_with("text/javascript")), (200, true));
        let (status, kind, _) = get(&format!("{page}pkg/stake-router-widget.js"));
        assert_eq!((status, kind.starts_with("text/javascript")), (200, true), "/pkg/ is served");
        assert_eq!(get(&format!("{page}pkg/../Cargo.toml")).0, 404);
        let (status, _, body) = get(&format!("{page}demo-config.json"));
        assert_eq!(status, 200);
        let config: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            (config["rpcUrl"].as_str(), config["routerId"].as_str()),
            (Some(rpc_url.as_str()), Some(router.as_str()))
        );

        // The widget's transaction, in wallet-selector's shape, with the plan's gas.
        let rpc = RpcClient::new(&rpc_url);
        let amount = 100 * NEAR;
        let plan = rpc
            .view(
                &router,
                "preview_deposit",
                json!({ "amount": amount.to_string(), "account_id": alice, "profile": "balanced" }),
            )
            .unwrap();
        let gas = plan["gas_required"].as_u64().unwrap();
        let tx = json!({ "receiverId": router, "actions": [{ "type": "FunctionCall", "params": {
            "methodName": "deposit", "args": { "profile": "balanced" }, "gas": gas.to_string(), "deposit": amount.to_string() } }] });
        let (status, outcome) =
            post(&format!("{page}dev-wallet/send"), &json!({ "accountId": alice, "transaction": tx }));
        assert_eq!(status, 200, "{outcome}");
        assert!(outcome["status"].get("SuccessValue").is_some(), "{}", outcome["status"]);
        assert!(outcome["transaction"]["hash"].is_string());
        let failed: Vec<_> = outcome["receipts_outcome"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["outcome"]["status"].get("Failure").is_some())
            .collect();
        assert!(failed.is_empty(), "every receipt succeeds: {failed:?}");

        let proxy = rpc.view(&router, "get_proxy", json!({ "beneficiary_id": alice })).unwrap();
        assert_eq!(proxy["exists"], true, "{proxy}");
        let mut staked = 0u128;
        for pool in &pools {
            let a = rpc.view(pool, "get_account", json!({ "account_id": proxy["proxy_id"] })).unwrap();
            staked += a["staked_balance"].as_str().unwrap().parse::<u128>().unwrap();
        }
        assert!(staked > 0, "the pools hold alice's direct stake");

        // The guarded profile: the router's own preview equals router-core's plan with the
        // guards `read_guards` builds from what a client reads over RPC (`get_profile_guards`,
        // `validators`, `get_depeg_bands`), the widget's path; the first pool (30% of the
        // network's stake, above 20%) is left out for that reason.
        let args = json!({ "amount": amount.to_string(), "account_id": "bob.test.near", "profile": "direct-heavy" });
        let router_plan: router_core::SplitPlan =
            serde_json::from_value(rpc.view(&router, "preview_deposit", args).unwrap()).unwrap();
        let options: router_core::GuardOptions =
            serde_json::from_value(rpc.view(&router, "get_profile_guards", json!({ "name": "direct-heavy" })).unwrap())
                .unwrap();
        assert_eq!(options.max_validator_network_share_bps, Some(2_000));
        let validators: Vec<(router_core::AccountId, u128)> = rpc.call("validators", json!([null])).unwrap()
            ["current_validators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (v["account_id"].as_str().unwrap().parse().unwrap(), v["stake"].as_str().unwrap().parse().unwrap())
            })
            .collect();
        let bands: Vec<(router_core::AccountId, router_core::DepegBand)> =
            serde_json::from_value(rpc.view(&router, "get_depeg_bands", json!({})).unwrap()).unwrap();
        let targets: Vec<router_core::Target> =
            serde_json::from_value(rpc.view(&router, "get_targets", json!({})).unwrap()).unwrap();
        let profiles: Vec<router_core::Profile> =
            serde_json::from_value(rpc.view(&router, "get_profiles", json!({})).unwrap()).unwrap();
        let policy = profiles.iter().find(|p| p.name == "direct-heavy").unwrap().allocation.resolve(&targets).unwrap();
        let is_validator =
            |id: &router_core::AccountId| targets.iter().any(|t| &t.account_id == id && t.kind.is_validator());
        let mut observed = router_core::Observed { validators: &validators, depeg_bands: &bands, market_watches: &[] };
        let guards = router_core::read_guards(options, &policy, is_validator, &mut observed);
        let config: Value = rpc.view(&router, "get_config", json!({})).unwrap();
        let config: router_core::views::RouterConfigView = serde_json::from_value(config).unwrap();
        let limits = router_core::PlanLimits::new(config.min_deposit.0, false)
            .with_costs(config.costs)
            .with_gas(config.gas)
            .with_fee(config.deposit_fee_bps)
            .with_guards(guards);
        assert_eq!(router_core::plan_deposit(amount, &policy, &targets, &limits).unwrap(), router_plan);
        let folded = router_plan.folded.iter().find(|f| f.reason == router_core::FoldReason::ConcentrationGuard);
        assert_eq!(folded.map(|f| f.target.to_string()), Some(pools[0].clone()), "{router_plan:?}");

        // Refusals are answered as errors, not signed: unknown account, a non-demo signer.
        let (status, answer) =
            post(&format!("{page}dev-wallet/send"), &json!({ "accountId": "test.near", "transaction": tx }));
        assert_eq!(status, 400, "{answer}");
        // The devnet answers CORS preflights (the page calls it cross-origin).
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let r = agent.options(&rpc_url).call().unwrap();
        assert_eq!(r.status().as_u16(), 204);
        assert_eq!(r.headers().get("access-control-allow-origin").unwrap(), "*");
    });
    tokio::time::timeout(Duration::from_secs(120), checks).await.expect("checks in time").expect("checks pass");
    drop(demo);
    let _ = std::fs::remove_dir_all(home);
}
