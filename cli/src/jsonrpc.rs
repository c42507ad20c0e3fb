//! The one small NEAR JSON-RPC reader `position` and `dao-proposal` use: blocking calls over
//! ureq, view calls (`query` / `call_function` on the final block) and the epoch height.

use base64::Engine;
use router_core::AccountId;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::time::Duration;

/// A NEAR JSON-RPC endpoint.
pub struct Rpc {
    url: String,
    agent: ureq::Agent,
}

impl Rpc {
    /// A reader of `url` (e.g. `http://127.0.0.1:3030`).
    pub fn new(url: &str) -> Self {
        let config = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build();
        Rpc { url: url.to_string(), agent: config.into() }
    }

    /// One JSON-RPC call; the `result`, or the `error` as text.
    pub fn call(&self, method: &str, params: Value) -> Result<Value, String> {
        let body = json!({ "jsonrpc": "2.0", "id": "stake-router", "method": method, "params": params });
        let mut response = self
            .agent
            .post(&self.url)
            .content_type("application/json")
            .send(body.to_string())
            .map_err(|e| format!("{method} at {}: {e}", self.url))?;
        let text = response.body_mut().read_to_string().map_err(|e| format!("{method}: reading the answer: {e}"))?;
        let reply: Value = serde_json::from_str(&text).map_err(|e| format!("{method}: not JSON ({e}): {text}"))?;
        if let Some(error) = reply.get("error") {
            return Err(format!("{method}: {}", error.get("data").or(error.get("message")).unwrap_or(error)));
        }
        reply.get("result").cloned().ok_or_else(|| format!("{method}: no result in {text}"))
    }

    /// A view call: `contract.method(args)` on the final block, its JSON result.
    pub fn view(&self, contract: &AccountId, method: &str, args: Value) -> Result<Value, String> {
        let args_base64 = base64::engine::general_purpose::STANDARD.encode(args.to_string());
        let params = json!({ "request_type": "call_function", "finality": "final", "account_id": contract,
                             "method_name": method, "args_base64": args_base64 });
        let result = self.call("query", params).map_err(|e| format!("{contract}.{method}: {e}"))?;
        if let Some(error) = result.get("error") {
            return Err(format!("{contract}.{method}: {}", error.as_str().unwrap_or(&error.to_string())));
        }
        let bytes: Vec<u8> = serde_json::from_value(result["result"].clone())
            .map_err(|e| format!("{contract}.{method}: no result bytes: {e}"))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{contract}.{method}: result is not JSON: {e}"))
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
