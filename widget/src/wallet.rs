//! The host page's wallet, taken as the wallet libraries hand it out: a
//! `@near-wallet-selector/core` wallet (`await selector.wallet()`), a near-connect wallet, or
//! any object with `signAndSendTransaction(tx) -> Promise` and the account as `accountId`,
//! `accounts` or `getAccounts()`. The widget never holds keys; it hands one transaction over,
//! in the shape [`crate::wallet_shape`] describes.

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

    /// The account the host declares on the object: `accountId`, else the active (or first)
    /// entry of `accounts` (`[{ accountId, active? }]`).
    pub fn declared_account(&self) -> Option<String> {
        if let Some(id) = get(&self.obj, "accountId").as_string().filter(|s| !s.is_empty()) {
            return Some(id);
        }
        first_account(&get(&self.obj, "accounts"))
    }

    /// Whether the wallet names its accounts only through `getAccounts()` (wallet-selector and
    /// near-connect wallets): the transaction then carries `signerId`.
    fn signs_for_several(&self) -> bool {
        self.declared_account().is_none() && get(&self.obj, "getAccounts").is_instance_of::<Function>()
    }

    /// The connected account: [`Self::declared_account`], else the first account
    /// `getAccounts()` resolves to (none when it rejects: not signed in).
    pub async fn account_id(&self) -> Option<String> {
        if let Some(id) = self.declared_account() {
            return Some(id);
        }
        let f = get(&self.obj, "getAccounts");
        let f = f.dyn_ref::<Function>()?;
        let accounts = JsFuture::from(Promise::resolve(&f.call0(&self.obj).ok()?)).await.ok()?;
        first_account(&accounts)
    }

    /// Hands `tx` to the wallet as `signer` and waits for its answer; a chain failure is
    /// worded with `s`.
    pub async fn send(&self, tx: &Transaction, signer: Option<&str>, s: &Strings) -> Answer {
        match tx.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
            Ok(v) => self.send_value(&v, signer, s).await,
            Err(e) => Answer::of(Outcome::Failed(e.to_string())),
        }
    }

    /// Hands a transaction in wallet-selector's `{receiverId, actions}` shape to the wallet
    /// (as [`crate::wallet_shape::transaction`] makes it) and reads its answer, with the return
    /// value and any failed receipt an exit's next step needs.
    pub async fn send_value(&self, tx: &JsValue, signer: Option<&str>, s: &Strings) -> Answer {
        let signer = signer.filter(|_| self.signs_for_several());
        let tx = crate::wallet_shape::transaction(tx, signer);
        let f: Function = get(&self.obj, "signAndSendTransaction").unchecked_into();
        let promise = match f.call1(&self.obj, &tx) {
            Ok(p) => Promise::resolve(&p),
            Err(e) => return Answer::of(classify_error(&e, s)),
        };
        match JsFuture::from(promise).await {
            Ok(result) => Answer {
                outcome: classify_result(&result, s),
                value: success_value(&result),
                receipt_failure: receipt_failure(&result, s),
                result,
            },
            Err(e) => Answer::of(classify_error(&e, s)),
        }
    }
}

/// The active (or else first) `accountId` of an array of accounts.
fn first_account(accounts: &JsValue) -> Option<String> {
    let list = accounts.dyn_ref::<js_sys::Array>()?;
    let active = list.iter().find(|a| get(a, "active").as_bool() == Some(true));
    let account = active.or_else(|| list.iter().next())?;
    get(&account, "accountId").as_string().filter(|s| !s.is_empty())
}

/// What the wallet answered for one transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// What became of it.
    pub outcome: Outcome,
    /// The transaction's return value (`status.SuccessValue`, decoded), when the wallet
    /// returned the outcome.
    pub value: Option<String>,
    /// The first failed receipt, worded, when the transaction itself succeeded (a swap that
    /// the exchange refused is refunded: the token's `ft_transfer_call` still succeeds).
    pub receipt_failure: Option<String>,
    /// What the wallet resolved to (the outcome, a hash, or nothing), to read the logs of.
    pub result: JsValue,
}

impl Answer {
    fn of(outcome: Outcome) -> Answer {
        Answer { outcome, value: None, receipt_failure: None, result: JsValue::UNDEFINED }
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
    // near-api-js's errors carry the node's error as `type` and its fields on the error itself
    // (`{ type: "NotEnoughBalance", signer_id, balance, cost }`); others carry the node's JSON
    // in `data` or `cause`.
    if let Some(worded) = typed_error(e, s) {
        return Outcome::Failed(worded);
    }
    for key in ["data", "cause"] {
        if let Some(worded) = json_of(&get(e, key)).and_then(|v| describe_known(&v, s)) {
            return Outcome::Failed(worded);
        }
    }
    // A wallet relaying the node's refusal ("Server error: {...}"): its JSON in words.
    let parse = |text: &str| JSON::parse(text).ok().as_ref().and_then(json_of);
    Outcome::Failed(describe_in_text(&message, parse, s).unwrap_or_else(|| plain_words(&message, s)))
}

/// A near-api-js typed error (`type` plus the error's fields) in words, for the failures
/// [`crate::failure`] words with amounts.
fn typed_error(e: &JsValue, s: &Strings) -> Option<String> {
    let kind = get(e, "type").as_string()?;
    let fields = js_sys::Object::new();
    for key in ["signer_id", "account_id", "balance", "cost", "amount"] {
        let v = get(e, key);
        if let Some(text) = v.as_string().or_else(|| v.as_f64().map(|n| format!("{n:.0}"))) {
            let _ = Reflect::set(&fields, &key.into(), &text.into());
        }
    }
    let fields = json_of(&fields.into())?;
    let wrapped = match kind.as_str() {
        "NotEnoughBalance" | "LackBalanceForState" if fields.get("signer_id").is_some() => {
            serde_json::json!({ "InvalidTxError": { kind: fields } })
        }
        "LackBalanceForState" => serde_json::json!({ "ActionError": { "kind": { kind: fields } } }),
        _ => return None,
    };
    describe_known(&wrapped, s)
}

/// A failure's JSON in words, when [`crate::failure`] knows its shape.
fn describe_known(v: &serde_json::Value, s: &Strings) -> Option<String> {
    v.is_object().then(|| describe_in_text(&v.to_string(), |t| serde_json::from_str(t).ok(), s)).flatten()
}

/// A wallet's own message, never with raw JSON or yoctoNEAR: JSON this widget cannot word is
/// named by its variant ("the chain refused it (...)"), and a run of 16 or more digits (an
/// amount in yoctoNEAR) reads in NEAR.
fn plain_words(message: &str, s: &Strings) -> String {
    if let Some(start) = message.find('{') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&message[start..]) {
            let head = message[..start].trim_end_matches([' ', ':']);
            let what = crate::failure::describe_failure(&v, s);
            return if head.is_empty() { what } else { format!("{head}: {what}") };
        }
    }
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        match (digits.len() >= 16).then(|| digits.parse::<u128>().ok()).flatten() {
            Some(yocto) => out.push_str(&format!("{} NEAR", router_core::format_near_display(yocto))),
            None => out.push_str(digits),
        }
        digits.clear();
    };
    for c in message.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out.replace(" NEAR yoctoNEAR", " NEAR").replace(" NEAR yocto", " NEAR")
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
