//! Signed transactions: outcomes in nearcore's shape, signature / nonce / key checks with
//! nearcore's `InvalidTxError`, function-call keys, and a contract's view.

mod common;
use common::*;
use near_primitives::account::{AccessKey, AccessKeyPermission, FunctionCallPermission};
use near_primitives::action::{
    Action, AddKeyAction, CreateAccountAction, DeployContractAction, FunctionCallAction, TransferAction,
};
use near_primitives::types::{AccountId, Balance, Gas};
use serde_json::{json, Value};

const NEAR: u128 = 10u128.pow(24);

/// The `TxExecutionError.InvalidTxError` nearcore puts in `error.data` for a refused tx.
fn invalid_tx(answer: &Value) -> Value {
    let e = &answer["error"];
    assert_eq!(e["cause"]["name"], "INVALID_TRANSACTION", "{answer}");
    e["data"]["TxExecutionError"]["InvalidTxError"].clone()
}

/// Creates `name.test.near` with a fresh full-access key and 10 NEAR.
async fn create(d: &devnet::Devnet, name: &str) -> near_crypto::Signer {
    let id: AccountId = format!("{name}.test.near").parse().unwrap();
    let signer = new_signer(&id);
    let actions = vec![
        Action::CreateAccount(CreateAccountAction {}),
        Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(10 * NEAR) }),
        Action::AddKey(Box::new(AddKeyAction {
            public_key: signer.public_key(),
            access_key: AccessKey::full_access(),
        })),
    ];
    let tx = sign(d, &root_signer(d), &id, actions).await;
    let out = commit(d, &tx).await;
    assert_eq!(out["result"]["status"], json!({ "SuccessValue": "" }), "{out}");
    signer
}

#[tokio::test]
async fn a_transaction_runs_and_reports_nearcores_outcome() {
    let d = devnet().await;
    let height = ok(&d, "status", json!([])).await["sync_info"]["latest_block_height"].as_u64().unwrap();
    let alice = create(&d, "alice").await;
    let account = ok(
        &d,
        "query",
        json!({ "request_type": "view_account", "finality": "final", "account_id": "alice.test.near" }),
    )
    .await;
    assert_eq!(account["amount"], (10 * NEAR).to_string());
    let after = ok(&d, "status", json!([])).await["sync_info"]["latest_block_height"].as_u64().unwrap();
    assert!(after > height, "blocks advance with transactions");

    let bob: AccountId = "bob.test.near".parse().unwrap();
    let tx =
        sign(&d, &alice, &bob, vec![Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(1) })]).await;
    let out = ok(&d, "send_tx", json!({ "signed_tx_base64": tx, "wait_until": "FINAL" })).await;
    assert_eq!(out["final_execution_status"], "FINAL");
    let failure = &out["status"]["Failure"]["ActionError"];
    assert_eq!(failure["kind"], json!({ "AccountDoesNotExist": { "account_id": "bob.test.near" } }), "{out}");
    assert_eq!(out["transaction"]["signer_id"], "alice.test.near");
    assert_eq!(out["transaction_outcome"]["id"], tx.get_hash().to_string());
    assert!(out["receipts_outcome"].as_array().unwrap().len() >= 2, "the receipt and its refund: {out}");
    let status = ok(&d, "tx", json!({ "tx_hash": tx.get_hash(), "sender_account_id": "alice.test.near" })).await;
    assert_eq!(status["transaction_outcome"], out["transaction_outcome"]);
    let status = ok(&d, "EXPERIMENTAL_tx_status", json!([tx.get_hash(), "alice.test.near"])).await;
    assert_eq!(status["status"], out["status"]);
}

#[tokio::test]
async fn signatures_nonces_and_keys_are_checked() {
    let d = devnet().await;
    let alice = create(&d, "alice").await;
    let root = root_signer(&d);
    let transfer = |n| vec![Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(n) })];
    let alice_id = alice.get_account_id();

    // Signed by a key alice does not have, under alice's name.
    let stranger = new_signer(&alice_id);
    let hash = head_hash(&d).await;
    let tx = near_primitives::transaction::SignedTransaction::from_actions(
        1,
        alice_id.clone(),
        root.get_account_id(),
        &stranger,
        transfer(1),
        hash,
    );
    assert!(invalid_tx(&commit(&d, &tx).await)["InvalidAccessKeyError"]["AccessKeyNotFound"].is_object());

    // A signature that does not match the transaction.
    let mut tx = sign(&d, &alice, &root.get_account_id(), transfer(1)).await;
    tx.signature = root.sign(b"something else");
    assert_eq!(invalid_tx(&commit(&d, &tx).await), json!("InvalidSignature"));

    // A used nonce.
    let tx = sign(&d, &alice, &root.get_account_id(), transfer(2)).await;
    assert!(commit(&d, &tx).await["result"].is_object());
    let again = near_primitives::transaction::SignedTransaction::from_actions(
        tx.transaction.nonce().nonce(),
        alice_id.clone(),
        root.get_account_id(),
        &alice,
        transfer(3),
        head_hash(&d).await,
    );
    let e = invalid_tx(&commit(&d, &again).await);
    assert!(e["InvalidNonce"]["ak_nonce"].is_u64(), "{e}");

    // An unknown block hash.
    let tx = near_primitives::transaction::SignedTransaction::from_actions(
        nonce(&d, &alice).await + 1,
        alice_id.clone(),
        root.get_account_id(),
        &alice,
        transfer(4),
        Default::default(),
    );
    assert_eq!(invalid_tx(&commit(&d, &tx).await), json!("Expired"));

    // More than the signer has.
    let tx = sign(&d, &alice, &root.get_account_id(), transfer(1000 * NEAR)).await;
    assert!(invalid_tx(&commit(&d, &tx).await)["NotEnoughBalance"].is_object());
    // Nothing refused consumed a nonce.
    assert_eq!(nonce(&d, &alice).await, tx.transaction.nonce().nonce() - 1);
}

#[tokio::test]
async fn function_call_keys_are_limited() {
    let d = devnet().await;
    let alice = create(&d, "alice").await;
    let alice_id = alice.get_account_id();
    let limited = new_signer(&alice_id);
    let permission = AccessKeyPermission::FunctionCall(FunctionCallPermission {
        allowance: Some(Balance::from_yoctonear(NEAR / 10)),
        receiver_id: "app.test.near".into(),
        method_names: vec!["allowed".into()],
    });
    let add = Action::AddKey(Box::new(AddKeyAction {
        public_key: limited.public_key(),
        access_key: AccessKey { nonce: 0, permission },
    }));
    let tx = sign(&d, &alice, &alice_id, vec![add]).await;
    assert!(commit(&d, &tx).await["result"].is_object());

    let call = |method: &str, deposit| {
        Action::FunctionCall(Box::new(FunctionCallAction {
            method_name: method.into(),
            args: b"{}".to_vec(),
            gas: Gas::from_teragas(10),
            deposit: Balance::from_yoctonear(deposit),
        }))
    };
    let app: AccountId = "app.test.near".parse().unwrap();
    let other: AccountId = "other.test.near".parse().unwrap();
    let key_error = |v: Value| invalid_tx(&v)["InvalidAccessKeyError"].clone();
    let tx =
        sign(&d, &limited, &app, vec![Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(1) })]).await;
    assert_eq!(key_error(commit(&d, &tx).await), json!("RequiresFullAccess"));
    let tx = sign(&d, &limited, &other, vec![call("allowed", 0)]).await;
    assert!(key_error(commit(&d, &tx).await)["ReceiverMismatch"].is_object());
    let tx = sign(&d, &limited, &app, vec![call("other", 0)]).await;
    assert!(key_error(commit(&d, &tx).await)["MethodNameMismatch"].is_object());
    let tx = sign(&d, &limited, &app, vec![call("allowed", 1)]).await;
    assert_eq!(key_error(commit(&d, &tx).await), json!("DepositWithFunctionCall"));
    // Allowed: runs (and fails, app does not exist), paid from the allowance.
    let tx = sign(&d, &limited, &app, vec![call("allowed", 0)]).await;
    assert!(commit(&d, &tx).await["result"]["status"]["Failure"].is_object());
    let key = ok(&d, "query", json!({ "request_type": "view_access_key", "finality": "final", "account_id": alice_id, "public_key": limited.public_key() })).await;
    let allowance: u128 = key["permission"]["FunctionCall"]["allowance"].as_str().unwrap().parse().unwrap();
    assert!(allowance < NEAR / 10, "{key}");
}

#[tokio::test]
async fn a_deployed_contract_answers_views_and_calls() {
    let d = devnet().await;
    let pool = create(&d, "pool").await;
    let pool_id = pool.get_account_id();
    let init = Action::FunctionCall(Box::new(FunctionCallAction {
        method_name: "new".into(),
        args: json!({
            "owner_id": "test.near",
            "stake_public_key": "ed25519:3tysLvy7KGoE8pznUgXvSHa4vYyGvrDZFcT8jgb8PEQ6",
            "reward_fee_fraction": { "numerator": 0, "denominator": 1 },
        })
        .to_string()
        .into_bytes(),
        // The mock pool's `new` restakes: its own work and a 20 TGas `on_stake_action`.
        gas: Gas::from_teragas(50),
        deposit: Balance::ZERO,
    }));
    let deploy = Action::DeployContract(DeployContractAction { code: wasm("mock_staking_pool") });
    let tx = sign(&d, &pool, &pool_id, vec![deploy, init]).await;
    let out = commit(&d, &tx).await;
    assert!(out["result"]["status"]["SuccessValue"].is_string(), "{out}");

    let args =
        near_primitives::types::FunctionArgs::from(json!({ "account_id": "alice.near" }).to_string().into_bytes());
    let view = ok(
        &d,
        "query",
        json!({ "request_type": "call_function", "finality": "optimistic", "account_id": pool_id,
        "method_name": "get_account_total_balance", "args_base64": args }),
    )
    .await;
    let bytes: Vec<u8> = view["result"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    assert_eq!(String::from_utf8(bytes).unwrap(), "\"0\"");
    let code =
        ok(&d, "query", json!({ "request_type": "view_code", "finality": "final", "account_id": pool_id })).await;
    assert!(code["code_base64"].as_str().unwrap().len() > 1000);
    let state = ok(
        &d,
        "query",
        json!({ "request_type": "view_state", "finality": "final", "account_id": pool_id, "prefix_base64": "" }),
    )
    .await;
    assert!(!state["values"].as_array().unwrap().is_empty(), "{state}");
}
