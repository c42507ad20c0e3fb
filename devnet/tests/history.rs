//! Queries at a past block over JSON-RPC: every `query` request type, `block` and `validators`
//! answer from that block's state, by height and by hash; blocks past the kept window are
//! `GARBAGE_COLLECTED_BLOCK`, heights a fast-forward skipped and unknown blocks `UNKNOWN_BLOCK`.

mod common;
use common::*;
use near_jsonrpc_client::{methods, JsonRpcClient};
use near_primitives::action::{
    Action, AddKeyAction, CreateAccountAction, DeployContractAction, FunctionCallAction, TransferAction,
};
use near_primitives::types::{AccountId, Balance, BlockId, BlockReference, Gas};
use near_primitives::views::QueryRequest;
use serde_json::{json, Value};

const NEAR: u128 = 10u128.pow(24);

/// `query` of `request_type` with `fields`, at `at` (`{"block_id": ..}` or `{"finality": ..}`).
async fn query(d: &devnet::Devnet, request_type: &str, at: Value, fields: Value) -> Value {
    let mut params = json!({ "request_type": request_type });
    params.as_object_mut().unwrap().extend(at.as_object().unwrap().clone());
    params.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    rpc(d, "query", params).await
}

/// The result of a `query`, panicking on an error.
async fn query_ok(d: &devnet::Devnet, request_type: &str, at: Value, fields: Value) -> Value {
    let answer = query(d, request_type, at, fields).await;
    assert!(answer.get("error").is_none(), "{request_type}: {answer}");
    answer["result"].clone()
}

/// `get_value` of the test contract on `app` at `at`.
async fn stored_value(d: &devnet::Devnet, app: &AccountId, at: Value) -> String {
    let view = query_ok(
        d,
        "call_function",
        at,
        json!({ "account_id": app, "method_name": "get_value", "args_base64": "e30=" }),
    )
    .await;
    let bytes: Vec<u8> = view["result"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    serde_json::from_slice(&bytes).unwrap()
}

fn call(method: &str, args: Value) -> Action {
    Action::FunctionCall(Box::new(FunctionCallAction {
        method_name: method.into(),
        args: args.to_string().into_bytes(),
        gas: Gas::from_teragas(30),
        deposit: Balance::ZERO,
    }))
}

async fn run(d: &devnet::Devnet, signer: &near_crypto::Signer, receiver: &AccountId, actions: Vec<Action>) {
    let tx = sign(d, signer, receiver, actions).await;
    let out = commit(d, &tx).await;
    assert!(out["result"]["status"]["SuccessValue"].is_string(), "{out}");
}

/// The head: (height, hash).
async fn head(d: &devnet::Devnet) -> (u64, String) {
    let block = ok(d, "block", json!({ "finality": "final" })).await;
    (block["header"]["height"].as_u64().unwrap(), block["header"]["hash"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn every_query_at_an_old_block_answers_that_blocks_state() {
    let d = devnet().await;
    let root = root_signer(&d);
    let app: AccountId = "app.test.near".parse().unwrap();
    let app_signer = new_signer(&app);
    let (before, _) = head(&d).await;
    let create = vec![
        Action::CreateAccount(CreateAccountAction {}),
        Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(10 * NEAR) }),
        Action::AddKey(Box::new(AddKeyAction {
            public_key: app_signer.public_key(),
            access_key: near_primitives::account::AccessKey::full_access(),
        })),
        Action::DeployContract(DeployContractAction { code: wasm("near_chain_test_contract") }),
    ];
    run(&d, &root, &app, create).await;
    run(&d, &app_signer, &app, vec![call("set_value", json!({ "value": "one" }))]).await;
    let (old, old_hash) = head(&d).await;
    let at_old = json!({ "block_id": old });
    let account_then = query_ok(&d, "view_account", at_old.clone(), json!({ "account_id": app })).await;

    // Later: a transfer to app, a new value, a second key.
    let transfer = Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(NEAR) });
    run(&d, &root, &app, vec![transfer]).await;
    run(&d, &app_signer, &app, vec![call("set_value", json!({ "value": "two" }))]).await;
    let second = new_signer(&app);
    let add_key = Action::AddKey(Box::new(AddKeyAction {
        public_key: second.public_key(),
        access_key: near_primitives::account::AccessKey::full_access(),
    }));
    run(&d, &app_signer, &app, vec![add_key]).await;
    let final_ = json!({ "finality": "final" });
    assert_eq!(stored_value(&d, &app, final_.clone()).await, "two");

    for at in [at_old.clone(), json!({ "block_id": old_hash })] {
        assert_eq!(stored_value(&d, &app, at.clone()).await, "one", "{at}");
        let account = query_ok(&d, "view_account", at.clone(), json!({ "account_id": app })).await;
        assert_eq!(account["block_height"], old, "{account}");
        assert_eq!(account["block_hash"], old_hash.as_str());
        assert_eq!(account["amount"], account_then["amount"], "before the transfer");
        let keys = query_ok(&d, "view_access_key_list", at.clone(), json!({ "account_id": app })).await;
        assert_eq!(keys["keys"].as_array().unwrap().len(), 1, "{keys}");
        let missing =
            query(&d, "view_access_key", at.clone(), json!({ "account_id": app, "public_key": second.public_key() }))
                .await;
        assert_eq!(missing["error"]["cause"]["name"], "UNKNOWN_ACCESS_KEY", "{missing}");
        let state = query_ok(&d, "view_state", at.clone(), json!({ "account_id": app, "prefix_base64": "" })).await;
        let value = state["values"][0]["value"].as_str().unwrap();
        assert_eq!(value, "AwAAAG9uZQAAAAA=", "borsh of (\"one\", []): {state}");
        let code = query_ok(&d, "view_code", at, json!({ "account_id": app })).await;
        assert!(code["code_base64"].as_str().unwrap().len() > 1000);
    }
    let now = query_ok(&d, "view_account", final_.clone(), json!({ "account_id": app })).await;
    assert_ne!(now["amount"], account_then["amount"]);
    let keys = query_ok(&d, "view_access_key_list", final_, json!({ "account_id": app })).await;
    assert_eq!(keys["keys"].as_array().unwrap().len(), 2);
    // Before it existed.
    let missing = query(&d, "view_account", json!({ "block_id": before }), json!({ "account_id": app })).await;
    assert_eq!(missing["error"]["cause"]["name"], "UNKNOWN_ACCOUNT", "{missing}");
    assert_eq!(missing["error"]["cause"]["info"]["block_height"], before);
}

#[tokio::test]
async fn old_blocks_are_garbage_collected_and_skipped_heights_unknown() {
    let d = devnet().await;
    let genesis = ok(&d, "block", json!({ "block_id": 1 })).await;
    let genesis_hash = genesis["header"]["hash"].as_str().unwrap().to_string();
    // 10-block epochs, 5 kept: from 1 to 61 (epoch 7) keeps epochs 3 to 7, from block 21.
    ok(&d, "sandbox_fast_forward", json!({ "delta_height": 60 })).await;
    let account = json!({ "account_id": "test.near" });
    for at in [json!({ "block_id": 1 }), json!({ "block_id": genesis_hash })] {
        let answer = query(&d, "view_account", at.clone(), account.clone()).await;
        let error = &answer["error"];
        assert_eq!(error["name"], "HANDLER_ERROR", "{answer}");
        assert_eq!(error["cause"]["name"], "GARBAGE_COLLECTED_BLOCK", "{at}: {answer}");
        assert_eq!(error["cause"]["info"]["block_height"], 1);
        assert_eq!(error["cause"]["info"]["block_hash"], genesis_hash.as_str());
        // nearcore keeps no body of a collected block: `block` does not know it.
        let block = rpc(&d, "block", at.clone()).await;
        assert_eq!(block["error"]["cause"]["name"], "UNKNOWN_BLOCK", "{block}");
        let validators = rpc(&d, "validators", at).await;
        assert_eq!(validators["error"]["cause"]["name"], "UNKNOWN_EPOCH", "{validators}");
    }
    // The window's first block answers; so do the blocks around each boundary the
    // fast-forward crossed, and the head.
    for height in [21, 30, 31, 40, 41, 50, 51, 60, 61] {
        query_ok(&d, "view_account", json!({ "block_id": height }), account.clone()).await;
    }
    let block = ok(&d, "block", json!({ "block_id": 50 })).await;
    assert_eq!(block["header"]["prev_height"], 41, "the fast-forward skipped 42..49");
    let prev = ok(&d, "block", json!({ "block_id": 41 })).await;
    assert_eq!(block["header"]["prev_hash"], prev["header"]["hash"]);
    let status = ok(&d, "status", json!([])).await;
    assert_eq!(status["sync_info"]["earliest_block_height"], 21);
    // Heights the fast-forward skipped have no block: `UNKNOWN_BLOCK`, as nearcore answers.
    for height in [25, 45, 59] {
        let answer = query(&d, "view_account", json!({ "block_id": height }), account.clone()).await;
        assert_eq!(answer["error"]["cause"]["name"], "UNKNOWN_BLOCK", "{height}: {answer}");
        let block = rpc(&d, "block", json!({ "block_id": height })).await;
        assert_eq!(block["error"]["cause"]["name"], "UNKNOWN_BLOCK", "{block}");
    }
    // Unknown: above the head, a hash never produced.
    for at in [json!({ "block_id": 62 }), json!({ "block_id": "11111111111111111111111111111111" })] {
        let answer = query(&d, "view_account", at.clone(), account.clone()).await;
        assert_eq!(answer["error"]["cause"]["name"], "UNKNOWN_BLOCK", "{at}: {answer}");
    }

    // near-jsonrpc-client reads the error as its typed `GarbageCollectedBlock`.
    let client = JsonRpcClient::connect(&d.url);
    let err = client
        .call(methods::query::RpcQueryRequest {
            block_reference: BlockReference::BlockId(BlockId::Height(5)),
            request: QueryRequest::ViewAccount { account_id: d.root_account.clone() },
        })
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("GarbageCollectedBlock"), "{err:?}");
}

#[tokio::test]
async fn history_epochs_is_a_setting() {
    let config = devnet::DevnetConfig { epoch_length: 10, history_epochs: 1, ..Default::default() };
    let d = devnet::start(config).await.expect("devnet starts");
    ok(&d, "sandbox_fast_forward", json!({ "delta_height": 15 })).await;
    // Head 16 in epoch 2: only epoch 2 (from block 11) is kept.
    let at_10 = query(&d, "view_account", json!({ "block_id": 10 }), json!({ "account_id": "test.near" })).await;
    assert_eq!(at_10["error"]["cause"]["name"], "GARBAGE_COLLECTED_BLOCK", "{at_10}");
    query_ok(&d, "view_account", json!({ "block_id": 11 }), json!({ "account_id": "test.near" })).await;
}
