//! `stake-router watch` on a devnet: three Sputnik DAOs (the mock DAO, alice its council)
//! stake through the router; a commission change, an uptime drop and a retirement each raise
//! exactly one alert for the DAO watching, with the proposal that moves its stake off the
//! pool, which the DAO then executes successfully. Also `--exec` and a price fall for alice.
//! Needs `res/*.wasm` (scripts/build-contracts.sh).

mod common;

use common::{cli, start_net, Net, NEAR};
use near_primitives::account::AccessKey;
use near_primitives::action::{
    Action, AddKeyAction, CreateAccountAction, DeployContractAction, FunctionCallAction, TransferAction,
};
use near_primitives::types::{AccountId, Balance, Gas};
use serde_json::{json, Value};
use stake_router_cli::devnet_demo::setup::expect_success;
use std::time::Duration;

/// Creates `<name>.test.near` with the mock DAO (alice the council) and has it stake 100 NEAR
/// through the router by a proposal.
fn dao(net: &Net, name: &str) -> String {
    let root = net.demo.accounts.iter().find(|(_, role, _)| role.starts_with("root")).unwrap().0.clone();
    let id: AccountId = format!("{name}.{}", root.account_id).parse().unwrap();
    let wasm = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../res/mock_dao.wasm")).unwrap();
    let init = json!({ "council": [net.alice.account_id], "proposal_bond": NEAR.to_string() });
    let actions = vec![
        Action::CreateAccount(CreateAccountAction {}),
        Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(1_000 * NEAR) }),
        Action::AddKey(Box::new(AddKeyAction {
            public_key: root.secret_key.public_key(),
            access_key: AccessKey::full_access(),
        })),
        Action::DeployContract(DeployContractAction { code: wasm }),
        Action::FunctionCall(Box::new(FunctionCallAction {
            method_name: "new".into(),
            args: init.to_string().into_bytes(),
            gas: Gas::from_teragas(30),
            deposit: Balance::from_yoctonear(0),
        })),
    ];
    expect_success(net.rpc.sign_and_send(&root, &id, actions), "create the DAO").unwrap();
    let preview = json!({ "amount": (100 * NEAR).to_string(), "account_id": id, "profile": "balanced" });
    let plan = net.rpc.view(&net.router, "preview_deposit", preview).unwrap();
    let gas = plan["gas_required"].to_string().trim_matches('"').to_string();
    use base64::Engine;
    let kind = json!({ "FunctionCall": { "receiver_id": net.router, "actions": [{ "method_name": "deposit",
        "args": base64::engine::general_purpose::STANDARD.encode(r#"{"profile":"balanced"}"#),
        "deposit": (100 * NEAR).to_string(), "gas": gas }] } });
    assert_eq!(
        propose_and_approve(net, id.as_str(), json!({ "proposal": { "description": "stake", "kind": kind } })),
        "Approved"
    );
    id.to_string()
}

/// alice submits `add_proposal` (with the 1 NEAR bond) and approves it with 300 TGas; the
/// proposal's status.
fn propose_and_approve(net: &Net, dao: &str, add_proposal: Value) -> String {
    let out = net.call(&net.alice, dao, "add_proposal", add_proposal.clone(), NEAR, 100);
    use base64::Engine;
    let value = out["status"]["SuccessValue"].as_str().unwrap();
    let id: u64 =
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(value).unwrap()).unwrap().parse().unwrap();
    let kind = &add_proposal["proposal"]["kind"];
    net.call(&net.alice, dao, "act_proposal", json!({ "id": id, "action": "VoteApprove", "proposal": kind }), 0, 300);
    net.rpc.view(dao, "get_proposal", json!({ "id": id })).unwrap()["status"].as_str().unwrap().to_string()
}

/// `watch --once --json` for `account`: the alerts.
fn watch(net: &Net, account: &str, extra: &[&str]) -> Vec<Value> {
    let db = std::env::temp_dir().join(format!("watch-test-{}-{account}.sqlite3", std::process::id()));
    let base = ["watch", "--rpc", &net.url, "--router", &net.router, "--account", account, "--once", "--json"];
    let (ok, out, err) = cli(&[&base[..], &["--db", db.to_str().unwrap()], extra].concat());
    assert!(ok, "watch failed: {err}");
    out.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Exactly one alert of `kind` about `subject`, with a proposal the DAO executes.
fn one_alert_executed(net: &Net, dao: &str, alerts: &[Value], kind: &str, subject: &str) {
    assert_eq!(alerts.len(), 1, "exactly one alert: {alerts:#?}");
    let a = &alerts[0];
    assert_eq!((a["kind"].as_str().unwrap(), a["subject"].as_str().unwrap()), (kind, subject), "{a:#}");
    let proposal = &a["proposal"];
    assert_eq!(proposal["bond"], NEAR.to_string(), "the DAO's bond: {a:#}");
    let action = &proposal["add_proposal"]["proposal"]["kind"]["FunctionCall"]["actions"][0];
    assert_eq!(action["method_name"], "move_stake");
    assert_eq!(propose_and_approve(net, dao, proposal["add_proposal"].clone()), "Approved", "the DAO executes it");
    assert!(watch(net, dao, &[]).is_empty(), "nothing twice");
}

fn checks(net: Net) {
    let (pool_a, pool_b) = (net.pools[0].clone(), net.pools[1].clone());
    let daos: Vec<String> = ["dao-one", "dao-two", "dao-three"].iter().map(|n| dao(&net, n)).collect();
    net.deposit(&net.alice, 100, "balanced");

    // A commission change: pool-a's owner raises its fee.
    assert!(watch(&net, &daos[0], &[]).is_empty(), "a first run records the baseline");
    let fee = json!({ "reward_fee_fraction": { "numerator": 10, "denominator": 100 } });
    net.call(&net.owner, &pool_a, "update_reward_fee_fraction", fee, 0, 100);
    let alerts = watch(&net, &daos[0], &[]);
    assert!(alerts[0]["message"].as_str().unwrap().contains("0/1 to 10/100 (10%)"), "{alerts:#?}");
    one_alert_executed(&net, &daos[0], &alerts, "commission_changed", &pool_a);

    // An uptime drop: pool-b produces a third of what it should this epoch.
    assert!(watch(&net, &daos[1], &[]).is_empty());
    {
        let mut node = net.demo.devnet.node.write().unwrap();
        node.chain.set_validator_uptime(pool_b.as_str(), near_chain::Uptime::all(1, 3));
    }
    net.next_epoch();
    let alerts = watch(&net, &daos[1], &["--min-uptime", "90"]);
    one_alert_executed(&net, &daos[1], &alerts, "uptime_low", &pool_b);
    {
        let mut node = net.demo.devnet.node.write().unwrap();
        node.chain.set_validator_uptime(pool_b.as_str(), near_chain::Uptime::FULL);
    }
    net.next_epoch();

    // A retirement: the router's owner retires pool-a.
    assert!(watch(&net, &daos[2], &[]).is_empty());
    net.call(&net.owner, &net.router, "retire_target", json!({ "account_id": pool_a }), 1, 30);
    let alerts = watch(&net, &daos[2], &[]);
    one_alert_executed(&net, &daos[2], &alerts, "target_retired", &pool_a);

    // alice (not a DAO): a price fall, no proposal, delivered to --exec.
    let alice = net.alice.account_id.to_string();
    watch(&net, &alice, &[]);
    let lst = &net.lsts[0];
    net.call(&net.owner, lst, "set_price", json!({ "price": (NEAR / 2).to_string() }), 0, 30);
    let sink = std::env::temp_dir().join(format!("watch-exec-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&sink);
    let exec = format!("cat >> {} && echo >> {}", sink.display(), sink.display());
    let alerts = watch(&net, &alice, &["--exec", &exec]);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert_eq!((alerts[0]["kind"].as_str(), alerts[0]["proposal"].is_null()), (Some("price_fall"), true));
    let delivered: Value = serde_json::from_str(std::fs::read_to_string(&sink).unwrap().trim()).unwrap();
    assert_eq!(delivered, alerts[0], "--exec gets the alert's JSON");
    let _ = std::fs::remove_file(sink);

    // The human lines.
    net.call(
        &net.owner,
        &pool_b,
        "update_reward_fee_fraction",
        json!({ "reward_fee_fraction": { "numerator": 5, "denominator": 100 } }),
        0,
        100,
    );
    let db = std::env::temp_dir().join(format!("watch-test-{}-{}.sqlite3", std::process::id(), daos[1]));
    let (ok, out, err) = cli(&[
        "watch",
        "--rpc",
        &net.url,
        "--router",
        &net.router,
        "--account",
        &daos[1],
        "--once",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("commission_changed: ") && out.contains("DAO proposal"), "{out}");
    println!("{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commission_uptime_and_retirement_each_raise_one_alert_and_a_dao_proposal() {
    let net = start_net("watch-test", 5).await;
    tokio::time::timeout(Duration::from_secs(600), tokio::task::spawn_blocking(move || checks(net)))
        .await
        .expect("in time")
        .expect("checks pass");
}
