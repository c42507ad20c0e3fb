//! `stake-router figures` against the devnet with rewards accruing: alice routes a deposit by
//! `balanced`, epochs pass (the chain pays the validators, a keeper pings the pools) and the
//! Meta Pool-shaped token's price rises; the rate printed for each leg is the growth the chain
//! produced, read here with plain `query` calls at the window's two blocks, annualized by
//! `router_core::figures`; the pools' health and fees are the `validators` and pool views'.

mod common;

use common::{cli, start_net, u128_of, NEAR};
use router_core::figures::annualized_ppm;
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rates_shown_are_the_growth_the_chain_produced() {
    let net = start_net("figures", 10).await;
    let checks = tokio::task::spawn_blocking(move || {
        net.deposit(&net.alice, 100, "balanced");
        for _ in 0..3 {
            net.next_epoch();
        }
        // The Meta Pool-shaped token's rate rises 0.5% (its owner's switch).
        let meta = net.lsts[1].clone();
        let price = u128_of(&net.rpc.view(&meta, "get_st_near_price", json!({})).unwrap());
        net.call(&net.owner, &meta, "set_price", json!({ "price": (price + price / 200).to_string() }), 0, 30);
        net.next_epoch();

        let alice = net.alice.account_id.to_string();
        let args = [
            "figures",
            "--rpc",
            &net.url,
            "--router",
            &net.router,
            "--account",
            &alice,
            "--profile",
            "balanced",
            "--epochs",
            "3",
        ];
        let (ok, out, err) = cli(&[&args[..], &["--json"]].concat());
        assert!(ok, "{err}");
        let report: Value = serde_json::from_str(&out).unwrap();
        let (from, to, seconds) = (
            report["window"]["from"].as_u64().unwrap(),
            report["window"]["to"].as_u64().unwrap(),
            report["window"]["seconds"].as_u64().unwrap(),
        );
        assert!(to > from && seconds > 0 && report["window"]["shortened"] == false, "{}", report["window"]);
        let leg =
            |target: &str| report["legs"].as_array().unwrap().iter().find(|l| l["target"] == target).unwrap().clone();

        // The token: its price growth over the window, annualized.
        let then = u128_of(&net.view_at(&meta, "get_st_near_price", json!({}), from));
        let now = u128_of(&net.view_at(&meta, "get_st_near_price", json!({}), to));
        assert!(now > then, "the price rose in the window");
        let token = leg(&meta);
        assert_eq!(token["source"], "price_growth");
        assert_eq!(token["rate_ppm"].as_i64(), annualized_ppm(then, now, seconds));

        // A pool: alice's own stake there grew by the chain's rewards, without flows.
        let proxy = net.rpc.view(&net.router, "get_proxy", json!({ "beneficiary_id": alice })).unwrap()["proxy_id"]
            .as_str()
            .unwrap()
            .to_string();
        let pool = net.pools[1].clone();
        let value = |h: u64| {
            let a = net.view_at(&pool, "get_account", json!({ "account_id": proxy }), h);
            u128_of(&a["staked_balance"]) + u128_of(&a["unstaked_balance"])
        };
        let (v_then, v_now) = (value(from), value(to));
        assert!(v_now > v_then, "the chain paid rewards");
        let p = leg(&pool);
        assert_eq!(p["source"], "own_growth", "{p}");
        assert_eq!(p["rate_ppm"].as_i64(), annualized_ppm(v_then, v_now, seconds));
        assert_eq!(p["health"]["status"], "active", "{p}");
        assert!(p["fee"]["denominator"].as_u64().unwrap() > 0);

        // Without an account, the pool's rate is the protocol's figures with its fee and uptime.
        let (ok, out, err) = cli(&[&args[..5], &["--json"]].concat());
        assert!(ok, "{err}");
        let plain: Value = serde_json::from_str(&out).unwrap();
        let p = plain["legs"].as_array().unwrap().iter().find(|l| l["target"] == pool.as_str()).unwrap();
        assert_eq!(p["source"], "protocol_figures");
        assert!(p["rate_ppm"].as_i64().unwrap() > 0, "{p} {}", plain["rewards"]);

        // Every profile's blend (without --profile) is its split's legs weighted by their rates.
        let blends = plain["blends"].as_array().unwrap();
        let names: Vec<&str> = blends.iter().map(|b| b["profile"].as_str().unwrap()).collect();
        assert_eq!(names, ["direct-heavy", "balanced", "liquid-heavy"], "{}", plain["blends"]);
        for b in blends {
            let rate_of = |t: &Value| {
                plain["legs"].as_array().unwrap().iter().find(|l| l["target"] == *t).unwrap()["rate_ppm"].as_i64()
            };
            let (mut sum, mut weight) = (0i64, 0i64);
            for leg in b["legs"].as_array().unwrap() {
                if let Some(r) = rate_of(&leg[0]) {
                    sum += leg[1].as_i64().unwrap() * r;
                    weight += leg[1].as_i64().unwrap();
                }
            }
            assert!(weight > 0, "{b}");
            assert_eq!(b["rate_ppm"].as_i64(), Some(sum / weight), "{b}");
        }
        // With --profile, that profile's blend only, and the text.
        let only = report["blends"].as_array().unwrap();
        assert_eq!(only.len(), 1, "{}", report["blends"]);
        assert!(only[0]["profile"] == "balanced" && only[0]["rate_ppm"].as_i64().unwrap() > 0, "{}", only[0]);
        let (ok, text, _) = cli(&args);
        assert!(ok && text.contains("Profile balanced:") && text.contains("your stake's growth over"), "{text}");
        println!("{text}");
        let _ = NEAR;
    });
    tokio::time::timeout(Duration::from_secs(300), checks).await.expect("in time").expect("checks pass");
}
