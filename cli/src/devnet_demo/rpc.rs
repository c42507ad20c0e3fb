//! A blocking NEAR JSON-RPC client (ureq, keep-alive) with what the demo and the benchmark
//! need: views, the head's hash, access-key nonces, and signing + `send_tx` of real borsh
//! `SignedTransaction`s (ed25519 through near-crypto).

use base64::Engine;
use near_crypto::SecretKey;
use near_primitives::action::Action;
use near_primitives::hash::CryptoHash;
use near_primitives::transaction::{SignedTransaction, Transaction, TransactionV0};
use near_primitives::types::AccountId;
use serde_json::{json, Value};
use std::time::Duration;

/// A JSON-RPC endpoint.
#[derive(Clone)]
pub struct RpcClient {
    url: String,
    agent: ureq::Agent,
}

/// An account and its full-access key.
#[derive(Clone, Debug)]
pub struct DemoKey {
    /// The account.
    pub account_id: AccountId,
    /// Its ed25519 secret key.
    pub secret_key: SecretKey,
}

impl RpcClient {
    /// A client of `url` (e.g. `http://127.0.0.1:3030`).
    pub fn new(url: &str) -> Self {
        let config = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build();
        RpcClient { url: url.to_string(), agent: config.into() }
    }

    /// One call: `Ok(result)` or `Err(error object)` (a transport failure as `{"message"}`).
    pub fn call(&self, method: &str, params: Value) -> Result<Value, Value> {
        let text = self.post(method, params)?;
        let mut reply: Value =
            serde_json::from_str(&text).map_err(|e| json!({ "message": format!("not JSON ({e}): {text}") }))?;
        match reply.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(reply["result"].take()),
        }
    }

    /// Sends one JSON-RPC request; the answer's text.
    fn post(&self, method: &str, params: Value) -> Result<String, Value> {
        let body = json!({ "jsonrpc": "2.0", "id": "demo", "method": method, "params": params });
        let mut response = self
            .agent
            .post(&self.url)
            .content_type("application/json")
            .send(body.to_string())
            .map_err(|e| json!({ "message": format!("{method} at {}: {e}", self.url) }))?;
        response.body_mut().read_to_string().map_err(|e| json!({ "message": e.to_string() }))
    }

    /// A view call's JSON result. The answer is decoded straight into its bytes (no `Value`
    /// node per byte of the result).
    pub fn view(&self, contract: &str, method: &str, args: Value) -> Result<Value, String> {
        #[derive(serde::Deserialize)]
        struct Reply {
            result: Option<CallResult>,
            error: Option<Value>,
        }
        #[derive(serde::Deserialize)]
        struct CallResult {
            result: Vec<u8>,
        }
        let args_base64 = base64::engine::general_purpose::STANDARD.encode(args.to_string());
        let params = json!({ "request_type": "call_function", "finality": "final", "account_id": contract,
                             "method_name": method, "args_base64": args_base64 });
        let text = self.post("query", params).map_err(|e| format!("{contract}.{method}: {e}"))?;
        let reply: Reply = serde_json::from_str(&text).map_err(|_| format!("{contract}.{method}: {text}"))?;
        let bytes = match (reply.result, reply.error) {
            (_, Some(error)) => return Err(format!("{contract}.{method}: {error}")),
            (Some(result), None) => result.result,
            (None, None) => return Err(format!("{contract}.{method}: {text}")),
        };
        serde_json::from_slice(&bytes).map_err(|e| format!("{contract}.{method}: not JSON: {e}"))
    }

    /// The head block's hash.
    pub fn head_hash(&self) -> Result<CryptoHash, String> {
        let block = self.call("block", json!({ "finality": "final" })).map_err(|e| e.to_string())?;
        block["header"]["hash"].as_str().and_then(|h| h.parse().ok()).ok_or_else(|| format!("no head hash: {block}"))
    }

    /// The nonce of `key`'s access key.
    pub fn nonce(&self, key: &DemoKey) -> Result<u64, String> {
        let params = json!({ "request_type": "view_access_key", "finality": "final",
                             "account_id": key.account_id, "public_key": key.secret_key.public_key() });
        let view = self.call("query", params).map_err(|e| e.to_string())?;
        view["nonce"].as_u64().ok_or_else(|| format!("no nonce: {view}"))
    }

    /// Signs `actions` to `receiver` with `key` (next nonce, head's hash) and sends it with
    /// `send_tx` (`wait_until: FINAL`); `Ok` is the `FinalExecutionOutcomeView` (its
    /// `status` may still be a `Failure`), `Err` the RPC error (e.g. `INVALID_TRANSACTION`).
    pub fn sign_and_send(&self, key: &DemoKey, receiver: &AccountId, actions: Vec<Action>) -> Result<Value, Value> {
        let nonce = self.nonce(key).map_err(|m| json!({ "message": m }))? + 1;
        let block_hash = self.head_hash().map_err(|m| json!({ "message": m }))?;
        let tx = sign(key, nonce, receiver, actions, block_hash);
        self.send(&tx)
    }

    /// Sends a signed transaction with `send_tx`, waiting for `FINAL`.
    pub fn send(&self, tx: &SignedTransaction) -> Result<Value, Value> {
        let b64 = base64::engine::general_purpose::STANDARD.encode(borsh::to_vec(tx).expect("borsh"));
        // nearcore flattens the outcome into the answer, next to `final_execution_status`.
        self.call("send_tx", json!({ "signed_tx_base64": b64, "wait_until": "FINAL" }))
    }
}

/// A borsh `SignedTransaction` (V0) signed with `key`: ed25519 over the transaction's hash.
pub fn sign(
    key: &DemoKey,
    nonce: u64,
    receiver: &AccountId,
    actions: Vec<Action>,
    block_hash: CryptoHash,
) -> SignedTransaction {
    let tx = Transaction::V0(TransactionV0 {
        signer_id: key.account_id.clone(),
        public_key: key.secret_key.public_key(),
        nonce,
        receiver_id: receiver.clone(),
        block_hash,
        actions,
    });
    let (hash, _) = tx.get_hash_and_size();
    let signature = key.secret_key.sign(hash.as_ref());
    SignedTransaction::new(signature, tx)
}
