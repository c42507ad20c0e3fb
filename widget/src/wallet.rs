//! The host page's wallet: `{ accountId, signAndSendTransaction(tx) -> Promise }`, the shape of
//! a NEAR wallet-selector wallet. The widget never holds keys; it hands one transaction over.

use crate::failure::{describe_failure, describe_in_text};
use crate::strings::Strings;
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
    /// Sent, but the chain reports the transaction failed (the deposit is refunded); the
    /// reason in words ([`crate::failure`]).
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

    /// Hands `tx` to the wallet and waits for its answer; a chain failure is worded with `s`.
    pub async fn send(&self, tx: &Transaction, s: &Strings) -> Outcome {
        match tx.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
            Ok(v) => self.send_value(&v, s).await.outcome,
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    /// Hands a transaction already in wallet-selector's shape to the wallet and reads its
    /// answer, with the return value and any failed receipt an exit's next step needs.
    pub async fn send_value(&self, tx: &JsValue, s: &Strings) -> Answer {
        let f: Function = get(&self.obj, "signAndSendTransaction").unchecked_into();
        let promise = match f.call1(&self.obj, tx) {
            Ok(p) => Promise::resolve(&p),
            Err(e) => return Answer::of(classify_error(&e, s)),
        };
        match JsFuture::from(promise).await {
            Ok(result) => Answer {
                outcome: classify_result(&result, s),
                value: success_value(&result),
                receipt_failure: receipt_failure(&result, s),
            },
            Err(e) => Answer::of(classify_error(&e, s)),
        }
    }
}

/// What the wallet answered for one transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// What became of it.
    pub outcome: Outcome,
    /// The transaction's return value (`status.SuccessValue`, decoded), when the wallet
    /// returned the outcome.
    pub value: Option<String>,
    /// The first failed receipt, worded, when the transaction itself succeeded (a swap that
    /// the exchange refused is refunded: the token's `ft_transfer_call` still succeeds).
    pub receipt_failure: Option<String>,
}

impl Answer {
    fn of(outcome: Outcome) -> Answer {
        Answer { outcome, value: None, receipt_failure: None }
    }
}

/// A JS value as JSON for [`crate::failure`] (`None` if it is not JSON-shaped).
fn json_of(v: &JsValue) -> Option<serde_json::Value> {
    serde_wasm_bindgen::from_value(v.clone()).ok()
}

fn worded(failure: &JsValue, s: &Strings) -> String {
    match json_of(failure) {
        Some(v) => describe_failure(&v, s),
        None => message_of(failure),
    }
}

fn success_value(r: &JsValue) -> Option<String> {
    let b64 = get(&get(r, "status"), "SuccessValue").as_string()?;
    web_sys::window()?.atob(&b64).ok()
}

fn receipt_failure(r: &JsValue, s: &Strings) -> Option<String> {
    let receipts = get(r, "receipts_outcome");
    let receipts = receipts.dyn_ref::<js_sys::Array>()?;
    receipts.iter().find_map(|receipt| {
        let failure = get(&get(&get(&receipt, "outcome"), "status"), "Failure");
        (!failure.is_undefined() && !failure.is_null()).then(|| worded(&failure, s))
    })
}

fn classify_error(e: &JsValue, s: &Strings) -> Outcome {
    let message = message_of(e);
    if is_rejection(&message, get(e, "code").as_f64()) {
        return Outcome::Rejected;
    }
    // A wallet relaying the node's refusal ("Server error: {...}"): its JSON in words.
    let parse = |text: &str| JSON::parse(text).ok().as_ref().and_then(json_of);
    Outcome::Failed(describe_in_text(&message, parse, s).unwrap_or(message))
}

/// Reads a wallet-selector `FinalExecutionOutcome` (or a bare hash string, or nothing).
fn classify_result(r: &JsValue, s: &Strings) -> Outcome {
    let failure = get(&get(r, "status"), "Failure");
    if !failure.is_undefined() && !failure.is_null() {
        return Outcome::ChainFailure(worded(&failure, s));
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
