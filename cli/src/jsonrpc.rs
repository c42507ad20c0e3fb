//! The one small NEAR JSON-RPC reader `position`, `dao-proposal`, `ledger` and `watch` use:
//! blocking calls over ureq, view calls (`query` / `call_function` on the final block or at a
//! past block), blocks, and the epoch height. It counts its calls per method (`calls`), for
//! `ledger-bench`.

use base64::Engine;
use router_core::AccountId;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// A JSON-RPC error: nearcore's error name (`cause.name`, e.g. `GARBAGE_COLLECTED_BLOCK`,
/// `UNKNOWN_ACCOUNT`; `None` for a transport failure) and the error in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpcFailure {
    /// nearcore's `cause.name` (or the error's `name`).
    pub name: Option<String>,
    /// What went wrong, for people.
    pub text: String,
}

impl std::fmt::Display for RpcFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Which block a read is at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    /// The final head.
    Final,
    /// A block by height.
    Height(u64),
    /// A block by hash (base58).
    Hash(String),
}

impl At {
    /// The `finality` / `block_id` fields of a `query` or `block` request.
    pub fn params(&self) -> Value {
        match self {
            At::Final => json!({ "finality": "final" }),
            At::Height(h) => json!({ "block_id": h }),
            At::Hash(h) => json!({ "block_id": h }),
        }
    }
}

/// A NEAR JSON-RPC endpoint.
pub struct Rpc {
    url: String,
    agent: ureq::Agent,
    calls: Mutex<BTreeMap<String, u64>>,
}

impl Rpc {
    /// A reader of `url` (e.g. `http://127.0.0.1:3030`).
    pub fn new(url: &str) -> Self {
        let config = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build();
        Rpc { url: url.to_string(), agent: config.into(), calls: Mutex::default() }
    }

    /// The JSON-RPC calls made so far, per method (`query`, `block`, ...).
    pub fn calls(&self) -> BTreeMap<String, u64> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// One JSON-RPC call; the `result`, or the `error` as text.
    pub fn call(&self, method: &str, params: Value) -> Result<Value, String> {
        self.call_named(method, params).map_err(|e| e.text)
    }

    /// One JSON-RPC call; the `result`, or the error with nearcore's name for it.
    pub fn call_named(&self, method: &str, params: Value) -> Result<Value, RpcFailure> {
        let plain = |text: String| RpcFailure { name: None, text };
        if let Ok(mut calls) = self.calls.lock() {
            *calls.entry(method.to_string()).or_default() += 1;
        }
        let body = json!({ "jsonrpc": "2.0", "id": "stake-router", "method": method, "params": params });
        let mut response = self
            .agent
            .post(&self.url)
            .content_type("application/json")
            .send(body.to_string())
            .map_err(|e| plain(format!("{method} at {}: {e}", self.url)))?;
        let text =
            response.body_mut().read_to_string().map_err(|e| plain(format!("{method}: reading the answer: {e}")))?;
        let reply: Value =
            serde_json::from_str(&text).map_err(|e| plain(format!("{method}: not JSON ({e}): {text}")))?;
        if let Some(error) = reply.get("error") {
            let name = error["cause"]["name"].as_str().or(error["name"].as_str()).map(str::to_string);
            let text = format!("{method}: {}", error.get("data").or(error.get("message")).unwrap_or(error));
            return Err(RpcFailure { name, text });
        }
        reply.get("result").cloned().ok_or_else(|| plain(format!("{method}: no result in {text}")))
    }

    /// A view call: `contract.method(args)` on the final block, its JSON result.
    pub fn view(&self, contract: &AccountId, method: &str, args: Value) -> Result<Value, String> {
        self.view_at(contract, method, args, &At::Final).map_err(|e| e.text)
    }

    /// A view call at block `at`, its JSON result; a failure keeps nearcore's error name
    /// (`GARBAGE_COLLECTED_BLOCK` for a block older than the node keeps, `UNKNOWN_ACCOUNT`, ...).
    pub fn view_at(&self, contract: &AccountId, method: &str, args: Value, at: &At) -> Result<Value, RpcFailure> {
        let args_base64 = base64::engine::general_purpose::STANDARD.encode(args.to_string());
        let mut params = json!({ "request_type": "call_function", "account_id": contract,
                                 "method_name": method, "args_base64": args_base64 });
        for (k, v) in at.params().as_object().into_iter().flatten() {
            params[k] = v.clone();
        }
        let failed =
            |name: Option<String>, why: String| RpcFailure { name, text: format!("{contract}.{method}: {why}") };
        let result = self.call_named("query", params).map_err(|e| failed(e.name, e.text))?;
        if let Some(error) = result.get("error") {
            let text = error.as_str().map_or_else(|| error.to_string(), str::to_string);
            return Err(failed(Some("CONTRACT_EXECUTION_ERROR".into()), text));
        }
        let bytes: Vec<u8> = serde_json::from_value(result["result"].clone())
            .map_err(|e| failed(None, format!("no result bytes: {e}")))?;
        serde_json::from_slice(&bytes).map_err(|e| failed(None, format!("result is not JSON: {e}")))
    }

    /// A view call at block `at` read as `T`.
    pub fn view_at_as<T: DeserializeOwned>(
        &self,
        contract: &AccountId,
        method: &str,
        args: Value,
        at: &At,
    ) -> Result<T, RpcFailure> {
        let value = self.view_at(contract, method, args, at)?;
        serde_json::from_value(value)
            .map_err(|e| RpcFailure { name: None, text: format!("{contract}.{method}: unexpected answer: {e}") })
    }

    /// The `block` at `at` (nearcore's `BlockView`).
    pub fn block(&self, at: &At) -> Result<Value, RpcFailure> {
        self.call_named("block", at.params())
    }

    /// A view call's result read as `T`.
    pub fn view_as<T: DeserializeOwned>(&self, contract: &AccountId, method: &str, args: Value) -> Result<T, String> {
        let value = self.view(contract, method, args)?;
        serde_json::from_value(value).map_err(|e| format!("{contract}.{method}: unexpected answer: {e}"))
    }

    /// The current epoch height (`validators` of the latest block).
    pub fn epoch(&self) -> Result<u64, String> {
        let result = self.call("validators", json!([null]))?;
        result["epoch_height"].as_u64().ok_or_else(|| "validators: no epoch_height".to_string())
    }

    /// The current validators and their stakes (`validators` of the latest block).
    pub fn validators(&self) -> Result<Vec<(AccountId, u128)>, String> {
        let result = self.call("validators", json!([null]))?;
        let list = result["current_validators"].as_array().ok_or("validators: no current_validators")?;
        list.iter()
            .map(|v| {
                let id = v["account_id"].as_str().and_then(|a| a.parse().ok());
                let stake = v["stake"].as_str().and_then(|s| s.parse().ok());
                id.zip(stake).ok_or_else(|| format!("validators: unreadable entry {v}"))
            })
            .collect()
    }
}
