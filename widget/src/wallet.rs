//! The host page's wallet: `{ accountId, signAndSendTransaction(tx) -> Promise }`, the shape of
//! a NEAR wallet-selector wallet. The widget never holds keys; it hands one transaction over.

use crate::tx::Transaction;
use js_sys::{Function, Promise, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What became of a transaction handed to the wallet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Sent; the hash when the wallet returned one (redirecting wallets return nothing).
    Sent { hash: Option<String> },
    /// Sent, but the chain reports the transaction failed (the deposit is refunded).
    ChainFailure(String),
    /// The person declined or closed the wallet: not an error.
    Rejected,
    /// The wallet could not send it.
    Failed(String),
}

/// A host wallet adapter.
#[derive(Clone, Debug)]
pub struct Wallet {
    obj: JsValue,
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn message_of(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| get(e, "message").as_string())
        .or_else(|| JSON::stringify(e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

/// Whether a wallet error means "the person said no" (wallet-selector wallets use messages
/// such as "User rejected the request" or "User cancelled the action"; EIP-1193 uses 4001).
pub fn is_rejection(message: &str, code: Option<f64>) -> bool {
    let m = message.to_ascii_lowercase();
    code == Some(4001.0)
        || ["reject", "cancel", "denied", "declin", "closed the window", "user closed"].iter().any(|w| m.contains(w))
}

impl Wallet {
    /// Wraps a host object; `None` unless it has a `signAndSendTransaction` function.
    pub fn from_js(obj: JsValue) -> Option<Wallet> {
        get(&obj, "signAndSendTransaction").is_instance_of::<Function>().then_some(Wallet { obj })
    }

    /// The connected account id, read each time (a wallet may switch accounts).
    pub fn account_id(&self) -> Option<String> {
        get(&self.obj, "accountId").as_string().filter(|s| !s.is_empty())
    }

    /// Hands `tx` to the wallet and waits for its answer.
    pub async fn send(&self, tx: &Transaction) -> Outcome {
        let tx = match tx.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
            Ok(v) => v,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let f: Function = get(&self.obj, "signAndSendTransaction").unchecked_into();
        let promise = match f.call1(&self.obj, &tx) {
            Ok(p) => Promise::resolve(&p),
            Err(e) => return classify_error(&e),
        };
        match JsFuture::from(promise).await {
            Ok(result) => classify_result(&result),
            Err(e) => classify_error(&e),
        }
    }
}

fn classify_error(e: &JsValue) -> Outcome {
    let message = message_of(e);
    if is_rejection(&message, get(e, "code").as_f64()) {
        Outcome::Rejected
    } else {
        Outcome::Failed(message)
    }
}

/// Reads a wallet-selector `FinalExecutionOutcome` (or a bare hash string, or nothing).
fn classify_result(r: &JsValue) -> Outcome {
    let failure = get(&get(r, "status"), "Failure");
    if !failure.is_undefined() && !failure.is_null() {
        return Outcome::ChainFailure(message_of(&failure));
    }
    let hash = r
        .as_string()
        .or_else(|| get(&get(r, "transaction"), "hash").as_string())
        .or_else(|| get(&get(r, "transaction_outcome"), "id").as_string())
        .or_else(|| get(r, "transactionHash").as_string())
        .or_else(|| get(r, "hash").as_string());
    Outcome::Sent { hash }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rejections_are_told_apart() {
        assert!(super::is_rejection("User rejected the request", None));
        assert!(super::is_rejection("User cancelled the action", None));
        assert!(super::is_rejection("whatever", Some(4001.0)));
        assert!(!super::is_rejection("Exceeded the prepaid gas", None));
    }
}
