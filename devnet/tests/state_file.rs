//! `--state FILE`: the chain survives a restart; a bad file is a clear error.

mod common;

use common::*;
use near_primitives::account::AccessKey;
use near_primitives::action::{
    Action, AddKeyAction, CreateAccountAction, DeployContractAction, FunctionCallAction, TransferAction,
};
use near_primitives::types::{AccountId, Balance, Gas};
use serde_json::{json, Value};
use std::path::PathBuf;

const NEAR: u128 = 10u128.pow(24);

fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!("devnet-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn config(state: &std::path::Path) -> devnet::DevnetConfig {
    devnet::DevnetConfig { epoch_length: 10, state: Some(state.to_path_buf()), ..Default::default() }
}

fn call(method: &str, args: Value, deposit: u128) -> Action {
    Action::FunctionCall(Box::new(FunctionCallAction {
        method_name: method.into(),
        args: args.to_string().into_bytes(),
        // Enough for the mock pool's `new`, which restakes (a 20 TGas `on_stake_action`).
        gas: Gas::from_teragas(50),
        deposit: Balance::from_yoctonear(deposit),
    }))
}

/// The mock staking pool's `new` arguments (the real pool's): owner, validator key, no fee.
fn pool_init_args() -> Value {
    json!({
        "owner_id": "test.near",
        "stake_public_key": "ed25519:3tysLvy7KGoE8pznUgXvSHa4vYyGvrDZFcT8jgb8PEQ6",
        "reward_fee_fraction": { "numerator": 0, "denominator": 1 },
    })
}

async fn view_unstaked(d: &devnet::Devnet, pool: &AccountId) -> String {
    let args = near_primitives::types::FunctionArgs::from(json!({ "account_id": pool }).to_string().into_bytes());
    let view = ok(
        d,
        "query",
        json!({ "request_type": "call_function", "finality": "final", "account_id": pool,
                "method_name": "get_account_unstaked_balance", "args_base64": args }),
    )
    .await;
    let bytes: Vec<u8> = view["result"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    String::from_utf8(bytes).unwrap()
}

#[tokio::test]
async fn the_chain_survives_a_restart() {
    let dir = temp_dir("state");
    let path = dir.join("chain.state");

    let d = devnet::start(config(&path)).await.unwrap();
    assert!(path.exists(), "a fresh devnet writes its genesis state");
    let pool_id: AccountId = "pool.test.near".parse().unwrap();
    let pool = new_signer(&pool_id);
    let create = vec![
        Action::CreateAccount(CreateAccountAction {}),
        Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(20 * NEAR) }),
        Action::AddKey(Box::new(AddKeyAction { public_key: pool.public_key(), access_key: AccessKey::full_access() })),
    ];
    let tx = sign(&d, &root_signer(&d), &pool_id, create).await;
    let out = commit(&d, &tx).await;
    assert_eq!(out["result"]["status"], json!({ "SuccessValue": "" }), "{out}");
    let deploy = vec![
        Action::DeployContract(DeployContractAction { code: wasm("mock_staking_pool") }),
        call("new", pool_init_args(), 0),
    ];
    let tx = sign(&d, &pool, &pool_id, deploy).await;
    let out = commit(&d, &tx).await;
    assert!(out["result"]["status"]["SuccessValue"].is_string(), "{out}");
    // `new` staked the pool's whole balance (as the real pool does): the deposits below, which
    // the pool's account signs, are paid from a top-up.
    let top_up = vec![Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(10 * NEAR) })];
    let out = commit(&d, &sign(&d, &root_signer(&d), &pool_id, top_up).await).await;
    assert_eq!(out["result"]["status"], json!({ "SuccessValue": "" }), "{out}");
    let tx = sign(&d, &pool, &pool_id, vec![call("deposit", json!({}), 5 * NEAR)]).await;
    let deposit_hash = tx.get_hash();
    let out = commit(&d, &tx).await;
    assert!(out["result"]["status"]["SuccessValue"].is_string(), "{out}");

    let unstaked = view_unstaked(&d, &pool_id).await;
    assert_eq!(unstaked, format!("\"{}\"", 5 * NEAR));
    let account =
        ok(&d, "query", json!({ "request_type": "view_account", "finality": "final", "account_id": pool_id })).await;
    let pool_nonce = nonce(&d, &pool).await;
    let root_nonce = nonce(&d, &root_signer(&d)).await;
    let head = ok(&d, "block", json!({ "finality": "final" })).await["header"].clone();
    let root_key = d.secret_key.clone();
    // Shutdown: main saves once more; here the node saves and the server stops.
    d.node.read().unwrap().persist().unwrap();
    drop(d);

    let d = devnet::start(config(&path)).await.unwrap();
    assert_eq!(d.secret_key, root_key, "the root key comes from the state file");
    let head2 = ok(&d, "block", json!({ "finality": "final" })).await["header"].clone();
    assert_eq!(head2["height"], head["height"]);
    assert_eq!(head2["hash"], head["hash"]);
    assert_eq!(head2["epoch_id"], head["epoch_id"]);
    let account2 =
        ok(&d, "query", json!({ "request_type": "view_account", "finality": "final", "account_id": pool_id })).await;
    for field in ["amount", "locked", "code_hash", "storage_usage"] {
        assert_eq!(account2[field], account[field], "{field}: {account2}");
    }
    assert_eq!(view_unstaked(&d, &pool_id).await, unstaked, "contract storage survived");
    assert_eq!(nonce(&d, &pool).await, pool_nonce);
    assert_eq!(nonce(&d, &root_signer(&d)).await, root_nonce);
    // An old transaction is still known, and a transaction signed against a block hash from
    // before the restart still runs.
    let status =
        ok(&d, "tx", json!({ "tx_hash": deposit_hash, "sender_account_id": pool_id, "wait_until": "FINAL" })).await;
    assert!(status["status"]["SuccessValue"].is_string(), "{status}");
    let old_hash = head["hash"].as_str().unwrap().parse().unwrap();
    let tx = near_primitives::transaction::SignedTransaction::from_actions(
        pool_nonce + 1,
        pool_id.clone(),
        pool_id.clone(),
        &pool,
        vec![call("deposit", json!({}), NEAR)],
        old_hash,
    );
    let out = commit(&d, &tx).await;
    assert!(out["result"]["status"]["SuccessValue"].is_string(), "{out}");
    assert_eq!(view_unstaked(&d, &pool_id).await, format!("\"{}\"", 6 * NEAR));
    drop(d);

    // ... and that transaction was saved too.
    let d = devnet::start(config(&path)).await.unwrap();
    assert_eq!(view_unstaked(&d, &pool_id).await, format!("\"{}\"", 6 * NEAR));
    assert_eq!(nonce(&d, &pool).await, pool_nonce + 1);
    assert!(!dir.join("chain.state.tmp").exists());
    drop(d);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_bad_state_file_is_a_clear_error() {
    let dir = temp_dir("bad-state");
    let good = dir.join("good.state");
    drop(devnet::start(config(&good)).await.unwrap());
    let bytes = std::fs::read(&good).unwrap();

    async fn start_err(dir: &std::path::Path, name: &str, contents: Vec<u8>) -> String {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        match devnet::start(config(&path)).await {
            Ok(_) => panic!("{name} loaded"),
            Err(e) => e.to_string(),
        }
    }
    let e = start_err(&dir, "garbage.state", b"{\"not\": \"a state file\"}".to_vec()).await;
    assert!(e.contains("garbage.state") && e.contains("bad magic header"), "{e}");
    let mut wrong = bytes.clone();
    wrong[devnet::persist::STATE_MAGIC.len()] = 99;
    let e = start_err(&dir, "version.state", wrong).await;
    assert!(e.contains("unsupported devnet state file version 99"), "{e}");
    let e = start_err(&dir, "truncated.state", bytes[..bytes.len() / 2].to_vec()).await;
    assert!(e.contains("corrupt devnet state file"), "{e}");
    // A corrupt chain snapshot inside a well-formed file.
    let mut state: devnet::persist::DevnetStateV1 =
        borsh::from_slice(&bytes[devnet::persist::STATE_MAGIC.len() + 1..]).unwrap();
    state.chain[8] = 7;
    let mut inner = devnet::persist::STATE_MAGIC.to_vec();
    inner.push(devnet::persist::STATE_VERSION);
    inner.extend(borsh::to_vec(&state).unwrap());
    let e = start_err(&dir, "chain.state", inner).await;
    assert!(e.contains("unsupported near-chain snapshot version 7"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}
