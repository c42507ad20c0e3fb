//! Helpers for the devnet's tests: a devnet on a free port, raw JSON-RPC over HTTP, signing.

#![allow(dead_code)]

use near_crypto::{InMemorySigner, KeyType, SecretKey, Signer};
use near_primitives::action::Action;
use near_primitives::hash::CryptoHash;
use near_primitives::transaction::SignedTransaction;
use near_primitives::types::AccountId;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A devnet with a 10-block epoch.
pub async fn devnet() -> devnet::Devnet {
    let config = devnet::DevnetConfig { epoch_length: 10, ..Default::default() };
    devnet::start(config).await.expect("devnet starts")
}

/// POSTs `body`; returns the response's status line and headers, and its body as text.
pub async fn post_text(d: &devnet::Devnet, body: &str) -> (String, String) {
    let mut stream = TcpStream::connect(d.addr).await.unwrap();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("an HTTP response");
    (head.to_string(), body.to_string())
}

/// POSTs `body` and returns the parsed answer.
pub async fn post_raw(d: &devnet::Devnet, body: &str) -> Value {
    let (head, body) = post_text(d, body).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Calls `method` with `params`.
pub async fn rpc(d: &devnet::Devnet, method: &str, params: Value) -> Value {
    let body = json!({ "jsonrpc": "2.0", "id": "t", "method": method, "params": params });
    post_raw(d, &body.to_string()).await
}

/// The `result` of a call, panicking with the error if there is one.
pub async fn ok(d: &devnet::Devnet, method: &str, params: Value) -> Value {
    let answer = rpc(d, method, params).await;
    assert!(answer.get("error").is_none(), "{method}: {answer}");
    answer["result"].clone()
}

/// The root account's signer.
pub fn root_signer(d: &devnet::Devnet) -> Signer {
    InMemorySigner::from_secret_key(d.root_account.clone(), d.secret_key.clone())
}

/// A fresh ed25519 signer for `account`.
pub fn new_signer(account: &AccountId) -> Signer {
    InMemorySigner::from_secret_key(account.clone(), SecretKey::from_random(KeyType::ED25519))
}

/// The head's hash.
pub async fn head_hash(d: &devnet::Devnet) -> CryptoHash {
    let block = ok(d, "block", json!({ "finality": "final" })).await;
    block["header"]["hash"].as_str().unwrap().parse().unwrap()
}

/// The nonce of `signer`'s access key.
pub async fn nonce(d: &devnet::Devnet, signer: &Signer) -> u64 {
    let key = ok(
        d,
        "query",
        json!({ "request_type": "view_access_key", "finality": "final",
                "account_id": signer.get_account_id(), "public_key": signer.public_key() }),
    )
    .await;
    key["nonce"].as_u64().unwrap()
}

/// A transaction signed by `signer` with the next nonce and the head's hash.
pub async fn sign(
    d: &devnet::Devnet,
    signer: &Signer,
    receiver: &AccountId,
    actions: Vec<Action>,
) -> SignedTransaction {
    let nonce = nonce(d, signer).await + 1;
    let hash = head_hash(d).await;
    SignedTransaction::from_actions(nonce, signer.get_account_id(), receiver.clone(), signer, actions, hash)
}

/// Sends `tx` with `broadcast_tx_commit`; returns the whole answer (result or error).
pub async fn commit(d: &devnet::Devnet, tx: &SignedTransaction) -> Value {
    rpc(d, "broadcast_tx_commit", json!([serde_json::to_value(tx).unwrap()])).await
}

/// The wasm of a built contract in `res/` (scripts/build-contracts.sh builds them).
pub fn wasm(name: &str) -> Vec<u8> {
    // Cargo sets the variable when it runs a test; read it then rather than at compile time, so
    // a test binary built from another checkout of the repository reads this one's res/.
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
    let path = format!("{dir}/../res/{name}.wasm");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}; run scripts/build-contracts.sh"))
}
