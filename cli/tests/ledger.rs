//! `stake-router ledger sync` against a devnet whose validators (the two pools) earn the
//! chain's epoch rewards: alice stakes, more than 20 epochs pass (a keeper pings the pools each
//! epoch; alice adds a deposit; an LST's price rises), and the ledger's rewards add up, to the
//! yoctoNEAR, to the growth of what the pools report for her proxy less what she put in, read
//! independently at the first and last epochs' first blocks; the token's reward is its price
//! change on what she held. A second sync adds nothing; a sync interrupted (`--limit`) and
//! resumed gives the same database. Needs `res/*.wasm` (scripts/build-contracts.sh).

mod common;

use common::{cli, start_net, u128_of, Net, NEAR};
use serde_json::json;
use stake_router_cli::ledger::{Kind, Store};
use std::path::{Path, PathBuf};
use std::time::Duration;

const EPOCHS: u64 = 21;

fn sync(net: &Net, db: &Path, extra: &[&str]) -> String {
    let db = db.to_str().unwrap();
    let account = net.alice.account_id.to_string();
    let base = ["ledger", "sync", "--rpc", &net.url, "--router", &net.router, "--account", &account, "--db", db];
    let (ok, out, err) = cli(&[&base[..], extra].concat());
    assert!(ok, "sync failed: {err}");
    out
}

fn open(net: &Net, db: &Path) -> Store {
    Store::open(db, &net.router.parse().unwrap(), &net.alice.account_id.as_str().parse().unwrap()).unwrap()
}

fn checks(net: Net, dir: PathBuf) {
    let alice = net.alice.account_id.to_string();
    net.deposit(&net.alice, 100, "balanced");
    let start_epoch = net.epoch();
    for i in 1..=EPOCHS {
        net.next_epoch();
        if i == 8 {
            net.deposit(&net.alice, 50, "balanced");
        }
        if i == 12 {
            // The protocol's price rises by 1% (rewards reach a real LST's price).
            let price = u128_of(&net.rpc.view(&net.lsts[0], "ft_price", json!({})).unwrap());
            net.call(
                &net.owner,
                &net.lsts[0],
                "set_price",
                json!({ "price": (price + price / 100).to_string() }),
                0,
                30,
            );
        }
    }
    assert_eq!(net.epoch(), start_epoch + EPOCHS);

    let full = dir.join("full.sqlite3");
    let out = sync(&net, &full, &[]);
    assert!(out.contains("Recorded"), "{out}");
    assert!(out.contains("Skipped epochs 1 to 1: the router was not there yet"), "{out}");
    let store = open(&net, &full);
    let epochs = store.epochs().unwrap();
    let numbers: Vec<u64> = epochs.iter().map(|e| e.epoch).collect();
    let expected: Vec<u64> = (2..=start_epoch + EPOCHS).collect();
    assert_eq!(numbers, expected, "every epoch since the router's deployment, none twice");
    let rewards = store.rewards().unwrap();
    let (first, last) = (&epochs[0], epochs.last().unwrap());

    // Pools: the rewards add up to the growth of the pool's figures beyond the principal,
    // read here with plain queries at the first blocks of the first and last epochs.
    let proxy = net.rpc.view(&net.router, "get_proxy", json!({ "beneficiary_id": alice })).unwrap();
    let proxy_id = proxy["proxy_id"].as_str().unwrap().to_string();
    let mut pool_total = 0i128;
    for pool in &net.pools {
        let at = |height: u64| {
            let account = net.view_at(pool, "get_account", json!({ "account_id": proxy_id }), height);
            let value = u128_of(&account["staked_balance"]) + u128_of(&account["unstaked_balance"]);
            let records = net.view_at(&proxy_id, "get_pools", json!({}), height);
            let record = records.as_array().unwrap().iter().find(|r| r["pool_id"] == pool.as_str()).unwrap().clone();
            (value as i128, (u128_of(&record["principal"]) + u128_of(&record["unstaked_pending"])) as i128)
        };
        let ((v0, p0), (v1, p1)) = (at(first.start_height), at(last.start_height));
        let growth = (v1 - v0) - (p1 - p0);
        let rows: Vec<_> = rewards.iter().filter(|r| &r.position == pool).collect();
        let sum: i128 = rows.iter().map(|r| r.reward).sum();
        let flows: i128 = rows.iter().map(|r| r.flow).sum();
        assert!(growth > 0, "{pool} earned rewards");
        assert_eq!(sum, growth, "{pool}: the rewards add up to the chain's growth, to the yocto");
        assert_eq!(flows, p1 - p0, "{pool}: the flows are the principal put in");
        let earning = rows.iter().filter(|r| r.reward > 0).count();
        assert!(earning >= EPOCHS as usize - 2, "{pool} earns every epoch once staked: {earning}");
        pool_total += sum;
    }
    assert!(pool_total > 0);

    // The token whose price rose: its reward is exactly the rise on what alice held.
    let token = &net.lsts[0];
    let rows: Vec<_> = rewards.iter().filter(|r| &r.position == token).collect();
    assert!(rows.iter().all(|r| r.kind == Kind::Token));
    let rose: Vec<_> = rows.iter().filter(|r| r.reward != 0).collect();
    assert_eq!(rose.len(), 1, "one epoch's price change: {rose:?}");
    let e = rose[0].epoch;
    let before = store.snapshot(e - 1).unwrap().into_iter().find(|s| &s.position == token).unwrap().token.unwrap();
    let after = store.snapshot(e).unwrap().into_iter().find(|s| &s.position == token).unwrap().token.unwrap();
    let rise = after.price.unwrap() - before.price.unwrap();
    let expected = router_core::wide::mul_div_floor(before.units, rise, NEAR).unwrap();
    assert!(expected > 0);
    assert_eq!(rose[0].reward, expected as i128, "units × Δprice / 1e24, rounded down");

    // A second sync adds nothing.
    let dump = store.dump().unwrap();
    drop(store);
    let out = sync(&net, &full, &[]);
    assert!(out.contains("Recorded no new epochs"), "{out}");
    assert_eq!(open(&net, &full).dump().unwrap(), dump, "a second sync adds nothing twice");

    // Interrupted after a few epochs and resumed: the same database.
    let pieces = dir.join("pieces.sqlite3");
    let out = sync(&net, &pieces, &["--limit", "6"]);
    assert!(out.contains("Recorded 6 epochs (2 to 7)") && out.contains("more epochs to record"), "{out}");
    for _ in 0..5 {
        sync(&net, &pieces, &["--limit", "6"]);
    }
    assert_eq!(open(&net, &pieces).dump().unwrap(), dump, "an interrupted sync resumed gives the same database");

    // Killed mid-sync (SIGKILL) and resumed: whole epochs only, then the same database.
    let killed = dir.join("killed.sqlite3");
    let account = net.alice.account_id.to_string();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stake-router"))
        .args(["ledger", "sync", "--rpc", &net.url, "--router", &net.router, "--account", &account])
        .arg("--db")
        .arg(&killed)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(60));
    let _ = child.kill();
    let _ = child.wait();
    sync(&net, &killed, &[]);
    assert_eq!(open(&net, &killed).dump().unwrap(), dump, "a killed sync resumed gives the same database");

    // Out of reach: a node keeping fewer epochs says which epochs and why.
    net.demo.devnet.node.write().unwrap().chain.set_history_epochs(5);
    let out = sync(&net, &dir.join("short.sqlite3"), &[]);
    let newest = start_epoch + EPOCHS;
    assert!(out.contains(&format!("Recorded 5 epochs ({} to {newest})", newest - 4)), "{out}");
    assert!(out.contains(&format!("Out of reach: epochs up to {}", newest - 5)), "{out}");
    assert!(out.contains("older than the node keeps"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_across_21_epochs_adds_up_to_the_chains_growth() {
    let net = start_net("ledger-test", 30).await;
    let dir = std::env::temp_dir().join(format!("ledger-test-dbs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.clone();
    tokio::time::timeout(Duration::from_secs(600), tokio::task::spawn_blocking(move || checks(net, d)))
        .await
        .expect("in time")
        .expect("checks pass");
    let _ = std::fs::remove_dir_all(dir);
}
