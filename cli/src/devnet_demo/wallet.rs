//! The DEVELOPMENT WALLET behind `POST /dev-wallet/send`: it takes a transaction in
//! wallet-selector's shape (`{receiverId, actions: [{type, params}]}`), turns it into nearcore
//! actions, signs it with the chosen demo account's key (kept by the demo server; a real
//! wallet would never hand keys to a server) and submits it to the devnet.

use super::rpc::{DemoKey, RpcClient};
use base64::Engine;
use near_primitives::action::{Action, FunctionCallAction, TransferAction};
use near_primitives::types::{AccountId, Balance, Gas};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The demo accounts' keys, one send at a time per wallet (nonces stay in order).
pub struct DevWallet {
    rpc: RpcClient,
    keys: BTreeMap<String, DemoKey>,
    lock: Mutex<()>,
}

/// Most gas a transaction may attach (protocol 88: 1 PGas).
const MAX_GAS: u64 = 1_000_000_000_000_000;

impl DevWallet {
    /// A wallet over `keys`, sending to `rpc`.
    pub fn new(rpc: RpcClient, keys: impl IntoIterator<Item = DemoKey>) -> Self {
        let keys = keys.into_iter().map(|k| (k.account_id.to_string(), k)).collect();
        DevWallet { rpc, keys, lock: Mutex::new(()) }
    }

    /// Handles `{"accountId", "transaction"}`: signs as `accountId` and sends. `Ok` is the
    /// final outcome (with `transaction.hash`); `Err` a message (unknown account, bad
    /// action, or the RPC's refusal).
    pub fn send(&self, request: &Value) -> Result<Value, String> {
        let account = request["accountId"].as_str().ok_or("accountId is missing")?;
        let key = self.keys.get(account).ok_or_else(|| format!("{account} is not a demo account of this wallet"))?;
        let tx = &request["transaction"];
        let receiver: AccountId = tx["receiverId"]
            .as_str()
            .ok_or("transaction.receiverId is missing")?
            .parse()
            .map_err(|e| format!("receiverId: {e}"))?;
        if let Some(signer) = tx["signerId"].as_str() {
            if signer != account {
                return Err(format!("signerId {signer} is not the chosen account {account}"));
            }
        }
        let actions = tx["actions"].as_array().ok_or("transaction.actions is missing")?;
        let actions = actions.iter().map(action_of).collect::<Result<Vec<_>, _>>()?;
        let _one_at_a_time = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        self.rpc.sign_and_send(key, &receiver, actions).map_err(|e| {
            let data = e.get("data").cloned().unwrap_or(Value::Null);
            format!(
                "{}: {}",
                e["message"].as_str().unwrap_or("RPC error"),
                if data.is_null() { e.to_string() } else { data.to_string() }
            )
        })
    }
}

/// One wallet-selector action: `FunctionCall` (`methodName`, `args` as JSON or a base64
/// string, `gas`, `deposit`) or `Transfer` (`deposit`).
fn action_of(a: &Value) -> Result<Action, String> {
    let p = &a["params"];
    match a["type"].as_str() {
        Some("FunctionCall") => {
            let method_name = p["methodName"].as_str().ok_or("FunctionCall.methodName is missing")?.to_string();
            let args = match &p["args"] {
                Value::String(b64) => {
                    base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| format!("args: base64: {e}"))?
                }
                Value::Null => b"{}".to_vec(),
                other => other.to_string().into_bytes(),
            };
            let gas = number(&p["gas"], "gas")?.unwrap_or(30_000_000_000_000);
            if gas > MAX_GAS as u128 {
                return Err(format!("gas {gas} is above 1 PGas"));
            }
            let deposit = number(&p["deposit"], "deposit")?.unwrap_or(0);
            Ok(Action::FunctionCall(Box::new(FunctionCallAction {
                method_name,
                args,
                gas: Gas::from_gas(gas as u64),
                deposit: Balance::from_yoctonear(deposit),
            })))
        }
        Some("Transfer") => {
            let deposit = number(&p["deposit"], "deposit")?.ok_or("Transfer.deposit is missing")?;
            Ok(Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(deposit) }))
        }
        other => Err(format!("the development wallet signs FunctionCall and Transfer actions, not {other:?}")),
    }
}

/// A decimal string or JSON number; `None` when absent.
fn number(v: &Value, what: &str) -> Result<Option<u128>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => s.parse().map(Some).map_err(|e| format!("{what} {s:?}: {e}")),
        Value::Number(n) => {
            n.as_u64().map(|n| Some(n as u128)).ok_or_else(|| format!("{what} {n} is not a whole number"))
        }
        other => Err(format!("{what}: {}", json!(other))),
    }
}
