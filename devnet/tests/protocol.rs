//! The wire: an oversized body is refused with nearcore's error shape and the server keeps
//! serving; near-jsonrpc-client's typed methods parse the devnet's answers.

mod common;

use common::*;
use near_jsonrpc_client::{methods, JsonRpcClient};
use near_jsonrpc_primitives::types::query::QueryResponseKind;
use near_primitives::action::{Action, TransferAction};
use near_primitives::types::{AccountId, Balance, BlockReference, Finality};
use near_primitives::views::{FinalExecutionStatus, QueryRequest};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn an_oversized_body_is_refused_without_reading_it() {
    let d = devnet().await;
    let length = devnet::http::MAX_BODY + 1;
    let mut stream = TcpStream::connect(d.addr).await.unwrap();
    // Only the head: the server must answer from the Content-Length alone.
    let head = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("an HTTP response");
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert!(head.contains("Connection: close"), "{head}");
    let answer: Value = serde_json::from_str(body).unwrap();
    let e = &answer["error"];
    assert_eq!(answer["jsonrpc"], "2.0", "{answer}");
    assert_eq!(e["code"], -32700, "{answer}");
    assert_eq!(e["name"], "REQUEST_VALIDATION_ERROR", "{answer}");
    assert_eq!(e["cause"]["name"], "PARSE_ERROR", "{answer}");
    let message = e["cause"]["info"]["error_message"].as_str().unwrap();
    assert!(message.contains(&format!("limit: {} bytes", devnet::http::MAX_BODY)), "{answer}");
    // Still serving.
    let status = ok(&d, "status", json!([])).await;
    assert_eq!(status["chain_id"], "localnet");
}

#[tokio::test]
async fn malformed_json_is_a_parse_error_and_the_server_keeps_serving() {
    let d = devnet().await;
    for body in ["{\"jsonrpc\": \"2.0\", \"method\": ", "not json", "[1, 2", "\u{0}"] {
        let answer = post_raw(&d, body).await;
        let e = &answer["error"];
        assert_eq!(e["code"], -32700, "{body}: {answer}");
        assert_eq!(e["cause"]["name"], "PARSE_ERROR", "{body}: {answer}");
        assert_eq!(answer["id"], Value::Null, "{answer}");
    }
    ok(&d, "health", json!([])).await;
}

#[tokio::test]
async fn near_jsonrpc_client_typed_methods() {
    let d = devnet().await;
    let client = JsonRpcClient::connect(&d.url);

    let status = client.call(methods::status::RpcStatusRequest).await.unwrap();
    assert_eq!(status.chain_id, "localnet");
    assert_eq!(status.validator_account_id.as_ref(), Some(&d.root_account));
    let head_height = status.sync_info.latest_block_height;
    let head_hash = status.sync_info.latest_block_hash;

    let query = |account_id: AccountId| methods::query::RpcQueryRequest {
        block_reference: BlockReference::Finality(Finality::Final),
        request: QueryRequest::ViewAccount { account_id },
    };
    let answer = client.call(query(d.root_account.clone())).await.unwrap();
    assert_eq!(answer.block_height, head_height);
    let QueryResponseKind::ViewAccount(root) = answer.kind else { panic!("not an account view: {:?}", answer.kind) };
    assert!(root.amount > Balance::from_near(1_000));

    // A refused view comes back as the typed handler error.
    let missing = client.call(query("nobody.test.near".parse().unwrap())).await;
    let err = missing.unwrap_err();
    assert!(format!("{err:?}").contains("UnknownAccount"), "{err:?}");

    // A signed transfer through broadcast_tx_commit: the typed outcome parses.
    let signer = root_signer(&d);
    let key = client
        .call(methods::query::RpcQueryRequest {
            block_reference: BlockReference::Finality(Finality::Final),
            request: QueryRequest::ViewAccessKey {
                account_id: d.root_account.clone(),
                public_key: signer.public_key(),
            },
        })
        .await
        .unwrap();
    let QueryResponseKind::AccessKey(key) = key.kind else { panic!("not an access key view") };
    let tx = near_primitives::transaction::SignedTransaction::from_actions(
        key.nonce + 1,
        d.root_account.clone(),
        d.root_account.clone(),
        &signer,
        vec![Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(1) })],
        head_hash,
    );
    let outcome = client
        .call(methods::broadcast_tx_commit::RpcBroadcastTxCommitRequest { signed_transaction: tx.clone() })
        .await
        .unwrap();
    assert_eq!(outcome.status, FinalExecutionStatus::SuccessValue(vec![]));
    assert_eq!(outcome.transaction.hash, tx.get_hash());
    assert!(!outcome.receipts_outcome.is_empty());

    // The same transaction again is answered with its outcome (as nearcore does for a known
    // transaction); another one with the same nonce is the typed InvalidTxError.
    let again = client
        .call(methods::broadcast_tx_commit::RpcBroadcastTxCommitRequest { signed_transaction: tx.clone() })
        .await
        .unwrap();
    assert_eq!(again.transaction.hash, tx.get_hash());
    let reused = near_primitives::transaction::SignedTransaction::from_actions(
        key.nonce + 1,
        d.root_account.clone(),
        d.root_account.clone(),
        &signer,
        vec![Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(2) })],
        head_hash,
    );
    let err = client
        .call(methods::broadcast_tx_commit::RpcBroadcastTxCommitRequest { signed_transaction: reused })
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("InvalidNonce"), "{err:?}");
}
