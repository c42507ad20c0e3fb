//! A chain's refusal in words: the `status.Failure` of a wallet-selector outcome (a
//! `TxExecutionError`), a failed receipt's `Failure`, or the JSON an RPC error carries, read
//! into a sentence with amounts in NEAR ([`router_core::format_near_display`]); never raw JSON.
//!
//! - A contract that panicked (`FunctionCallError` / `ExecutionError` "Smart contract
//!   panicked: X", or `HostError` / `GuestPanic`) is worded as its own reason X: the staking
//!   proxy's exits fail with the pool's reason (`exit_failed(reason)`), and that is what the
//!   person reads.
//! - `NotEnoughBalance` and `LackBalanceForState` (of the transaction or of an action) say the
//!   balance, the cost or the missing amount in NEAR.
//! - Anything else is named in words from the error's own variant (`InvalidNonce` -> "invalid
//!   nonce").

use crate::strings::{Strings, S};
use router_core::format_near_display;
use serde_json::Value;

/// The prefix nearcore puts before a contract's panic message.
const PANICKED: &str = "Smart contract panicked: ";

/// The failure in words. `failure` is a `TxExecutionError` (`{"ActionError": ...}` or
/// `{"InvalidTxError": ...}`), possibly wrapped in `{"TxExecutionError": ...}`.
pub fn describe_failure(failure: &Value, s: &Strings) -> String {
    explain(failure, s).unwrap_or_else(|| s.fill(S::FailOther, &[("what", &variant_words(failure))]))
}

/// The first JSON object inside `message` (a wallet's error text such as "Server error:
/// {...}"), worded, when it is a failure this module knows; `None` otherwise.
pub fn describe_in_text(message: &str, parse: impl Fn(&str) -> Option<Value>, s: &Strings) -> Option<String> {
    let start = message.find('{')?;
    let value = parse(&message[start..])?;
    explain(&value, s)
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("?")
}

fn near_of(v: &Value, key: &str) -> String {
    let yocto = v.get(key).and_then(Value::as_str).and_then(|t| t.parse::<u128>().ok());
    yocto.map_or_else(|| "?".to_owned(), format_near_display)
}

/// A recognised failure in words; `None` for a shape this module does not know.
fn explain(v: &Value, s: &Strings) -> Option<String> {
    if let Some(inner) = v.get("TxExecutionError") {
        return explain(inner, s);
    }
    if let Some(action) = v.get("ActionError") {
        return Some(action_error(action.get("kind").unwrap_or(&Value::Null), s));
    }
    if let Some(invalid) = v.get("InvalidTxError") {
        return Some(invalid_tx(invalid, s));
    }
    None
}

fn action_error(kind: &Value, s: &Strings) -> String {
    if let Some(call) = kind.get("FunctionCallError") {
        return function_call_error(call, s);
    }
    if let Some(e) = kind.get("AccountDoesNotExist") {
        return s.fill(S::FailNoAccount, &[("account", str_of(e, "account_id"))]);
    }
    if let Some(e) = kind.get("LackBalanceForState") {
        return s.fill(S::FailLackForState, &[("account", str_of(e, "account_id")), ("amount", &near_of(e, "amount"))]);
    }
    s.fill(S::FailOther, &[("what", &variant_words(kind))])
}

fn function_call_error(call: &Value, s: &Strings) -> String {
    if let Some(text) = call.get("ExecutionError").and_then(Value::as_str) {
        return panic_reason(text, s);
    }
    if let Some(host) = call.get("HostError") {
        if let Some(msg) = host.get("GuestPanic").and_then(|g| g.get("panic_msg")).and_then(Value::as_str) {
            return msg.to_owned();
        }
        if host.as_str() == Some("GasExceeded") || host.get("GasExceeded").is_some() {
            return s.get(S::FailGas).to_owned();
        }
    }
    if call.get("MethodResolveError").is_some() {
        return s.get(S::FailNoMethod).to_owned();
    }
    if let Some(e) = call.get("CompilationError").and_then(|c| c.get("CodeDoesNotExist")) {
        return s.fill(S::FailNoContract, &[("account", str_of(e, "account_id"))]);
    }
    s.fill(S::FailOther, &[("what", &variant_words(call))])
}

/// A contract's panic message without nearcore's prefix; gas exhaustion in words.
fn panic_reason(text: &str, s: &Strings) -> String {
    if let Some(reason) = text.strip_prefix(PANICKED) {
        return reason.to_owned();
    }
    if text.contains("Exceeded the prepaid gas") {
        return s.get(S::FailGas).to_owned();
    }
    text.to_owned()
}

fn invalid_tx(v: &Value, s: &Strings) -> String {
    if let Some(e) = v.get("NotEnoughBalance") {
        let values =
            [("account", str_of(e, "signer_id")), ("balance", &near_of(e, "balance")), ("cost", &near_of(e, "cost"))];
        return s.fill(S::FailNotEnoughBalance, &values);
    }
    if let Some(e) = v.get("LackBalanceForState") {
        return s.fill(S::FailLackForState, &[("account", str_of(e, "signer_id")), ("amount", &near_of(e, "amount"))]);
    }
    s.fill(S::FailOther, &[("what", &variant_words(v))])
}

/// The innermost variant name of an externally tagged error, in lower-case words:
/// `{"InvalidTxError": {"InvalidNonce": {...}}}` -> "invalid nonce".
fn variant_words(v: &Value) -> String {
    let mut name = None;
    let mut at = v;
    for _ in 0..6 {
        match at {
            Value::String(text) if text.chars().all(|c| c.is_ascii_alphanumeric()) => {
                name = Some(text.as_str());
                break;
            }
            Value::Object(map) if map.len() == 1 => {
                let (key, inner) = map.iter().next().expect("one entry");
                name = Some(key.as_str());
                at = inner;
            }
            _ => break,
        }
    }
    let Some(name) = name else { return "no reason given".to_owned() };
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
