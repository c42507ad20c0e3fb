//! nearcore's JSON-RPC shapes: reads, errors (`name`, `cause.name`), and a server that keeps
//! answering after bad requests and under concurrent requests.

mod common;
use common::*;
use serde_json::json;

#[tokio::test]
async fn status_block_gas_price_and_configs() {
    let d = devnet().await;
    let status = ok(&d, "status", json!([])).await;
    assert_eq!(status["chain_id"], "localnet");
    assert_eq!(status["validator_account_id"], "test.near");
    let height = status["sync_info"]["latest_block_height"].as_u64().unwrap();
    let block = ok(&d, "block", json!({ "block_id": height })).await;
    assert_eq!(block["header"]["hash"], status["sync_info"]["latest_block_hash"]);
    assert_eq!(ok(&d, "block", json!([height])).await["header"]["height"], height);
    let price = ok(&d, "gas_price", json!([null])).await;
    assert_eq!(price["gas_price"], "100000000");
    let genesis = ok(&d, "EXPERIMENTAL_genesis_config", json!({})).await;
    assert_eq!(genesis["epoch_length"], 10);
    let protocol = ok(&d, "EXPERIMENTAL_protocol_config", json!({ "finality": "final" })).await;
    assert_eq!(protocol["protocol_version"], status["protocol_version"]);
    assert!(protocol["runtime_config"]["transaction_costs"].is_object(), "{protocol}");
}

#[tokio::test]
async fn fast_forward_moves_heights_and_epochs() {
    let d = devnet().await;
    let before = ok(&d, "status", json!([])).await["sync_info"].clone();
    ok(&d, "sandbox_fast_forward", json!({ "delta_height": 25 })).await;
    let after = ok(&d, "status", json!([])).await["sync_info"].clone();
    let h = |s: &serde_json::Value| s["latest_block_height"].as_u64().unwrap();
    assert_eq!(h(&after), h(&before) + 25);
    assert_ne!(after["epoch_id"], before["epoch_id"]);
    assert_ne!(after["latest_block_hash"], before["latest_block_hash"]);
}

#[tokio::test]
async fn view_account_and_keys() {
    let d = devnet().await;
    let account =
        ok(&d, "query", json!({ "request_type": "view_account", "finality": "final", "account_id": "test.near" }))
            .await;
    assert_eq!(account["amount"], "1000000000000000000000000000000000");
    assert_eq!(account["code_hash"], "11111111111111111111111111111111");
    assert!(account["block_hash"].is_string() && account["block_height"].is_u64());
    let keys = ok(
        &d,
        "query",
        json!({ "request_type": "view_access_key_list", "finality": "final", "account_id": "test.near" }),
    )
    .await;
    let root_key = d.secret_key.public_key().to_string();
    assert!(keys["keys"].as_array().unwrap().iter().any(|k| k["public_key"] == root_key.as_str()), "{keys}");
}

#[tokio::test]
async fn error_shapes() {
    let d = devnet().await;
    let e =
        rpc(&d, "query", json!({ "request_type": "view_account", "finality": "final", "account_id": "nobody.near" }))
            .await["error"]
            .clone();
    assert_eq!(
        (e["name"].as_str(), e["cause"]["name"].as_str()),
        (Some("HANDLER_ERROR"), Some("UNKNOWN_ACCOUNT")),
        "{e}"
    );
    assert_eq!(e["cause"]["info"]["requested_account_id"], "nobody.near");
    assert_eq!(e["code"], -32000);

    let e = rpc(&d, "query", json!({ "request_type": "call_function", "finality": "final", "account_id": "test.near", "method_name": "x", "args_base64": "" })).await["error"].clone();
    assert_eq!(e["cause"]["name"], "CONTRACT_EXECUTION_ERROR", "{e}");

    let e = rpc(&d, "query", json!({ "request_type": "view_code", "finality": "final", "account_id": "test.near" }))
        .await["error"]
        .clone();
    assert_eq!(e["cause"]["name"], "NO_CONTRACT_CODE", "{e}");

    let e = rpc(&d, "block", json!({ "block_id": 1_000_000 })).await["error"].clone();
    assert_eq!(e["cause"]["name"], "UNKNOWN_BLOCK", "{e}");

    let e = rpc(&d, "no_such_method", json!([])).await["error"].clone();
    assert_eq!(
        (e["name"].as_str(), e["cause"]["name"].as_str(), e["code"].as_i64()),
        (Some("REQUEST_VALIDATION_ERROR"), Some("METHOD_NOT_FOUND"), Some(-32601))
    );

    let e = rpc(&d, "query", json!({ "request_type": "view_account" })).await["error"].clone();
    assert_eq!(e["cause"]["name"], "PARSE_ERROR", "{e}");

    let e = rpc(&d, "broadcast_tx_commit", json!(["not base64 borsh!"])).await["error"].clone();
    assert_eq!(e["cause"]["name"], "PARSE_ERROR", "{e}");

    let e = rpc(&d, "tx", json!({ "tx_hash": "11111111111111111111111111111111", "sender_account_id": "test.near" }))
        .await["error"]
        .clone();
    assert_eq!(e["cause"]["name"], "UNKNOWN_TRANSACTION", "{e}");

    let e = post_raw(&d, "{ this is not json").await["error"].clone();
    assert_eq!(e["cause"]["name"], "PARSE_ERROR", "{e}");
    // Still serving.
    ok(&d, "status", json!([])).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_are_served() {
    let d = std::sync::Arc::new(devnet().await);
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let d = d.clone();
            tokio::spawn(async move {
                if i % 2 == 0 {
                    ok(&d, "status", json!([])).await;
                } else {
                    ok(&d, "sandbox_fast_forward", json!({ "delta_height": 1 })).await;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let status = ok(&d, "status", json!([])).await;
    assert_eq!(status["sync_info"]["latest_block_height"], 1 + 8);
}
