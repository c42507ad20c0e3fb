//! A chain failure reads as a sentence, never as JSON: a contract's panic (the staking proxy's
//! `exit_failed(reason)` among them) as its reason, balances in NEAR, other refusals named in
//! words.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use widget::failure::{describe_failure, describe_in_text};
use widget::strings::Strings;

fn words(v: Value) -> String {
    describe_failure(&v, &Strings::default())
}

#[test]
fn a_contract_panic_is_its_reason() {
    // The proxy's exit that the pool refused: `exit_failed(reason)` panics with the reason.
    let reason = "The pool refused the withdrawal: The unstaked balance is not yet available due to unstaking delay";
    let failure = json!({ "ActionError": { "index": 0, "kind": { "FunctionCallError": {
        "ExecutionError": format!("Smart contract panicked: {reason}") } } } });
    assert_eq!(words(failure), reason);
    let guest = json!({ "ActionError": { "index": 0, "kind": { "FunctionCallError": {
        "HostError": { "GuestPanic": { "panic_msg": "Not enough liquidity in the liquidity pool" } } } } } });
    assert_eq!(words(guest), "Not enough liquidity in the liquidity pool");
    let gas = json!({ "ActionError": { "index": 0, "kind": { "FunctionCallError": {
        "ExecutionError": "Exceeded the prepaid gas." } } } });
    assert_eq!(words(gas), "it ran out of gas");
    let method = json!({ "ActionError": { "index": 0, "kind": { "FunctionCallError": {
        "MethodResolveError": "MethodNotFound" } } } });
    assert_eq!(words(method), "the contract has no method of that name");
}

#[test]
fn balances_are_said_in_near() {
    let poor = json!({ "InvalidTxError": { "NotEnoughBalance": { "signer_id": "alice.test.near",
        "balance": "1500000000000000000000000", "cost": "2000000000000000000000001" } } });
    assert_eq!(
        words(poor),
        "alice.test.near has 1.5 NEAR, less than the 2 NEAR this transaction needs (attached NEAR and gas)"
    );
    let state = json!({ "ActionError": { "index": 0, "kind": { "LackBalanceForState": {
        "account_id": "alice.test.near", "amount": "1250000000000000000000" } } } });
    assert_eq!(words(state), "alice.test.near would need 0.00125 NEAR more to keep paying for its storage");
    let wrapped = json!({ "TxExecutionError": { "InvalidTxError": { "LackBalanceForState": {
        "signer_id": "bob.test.near", "amount": "10000000000000000000000" } } } });
    assert_eq!(words(wrapped), "bob.test.near would need 0.01 NEAR more to keep paying for its storage");
    let missing = json!({ "ActionError": { "index": 0, "kind": { "AccountDoesNotExist": {
        "account_id": "nobody.test.near" } } } });
    assert_eq!(words(missing), "the account nobody.test.near does not exist");
}

#[test]
fn other_refusals_are_named_in_words_and_never_raw() {
    let nonce = json!({ "InvalidTxError": { "InvalidNonce": { "tx_nonce": 5, "ak_nonce": 7 } } });
    assert_eq!(words(nonce), "the chain refused it (invalid nonce)");
    let expired = json!({ "InvalidTxError": "Expired" });
    assert_eq!(words(expired), "the chain refused it (expired)");
    let odd = json!({ "Something": { "a": 1, "b": 2 } });
    assert_eq!(words(odd), "the chain refused it (something)");
    for text in [words(json!({})), words(json!(null)), words(json!([1, 2]))] {
        assert!(!text.contains('{') && !text.contains('"'), "{text}");
    }
}

#[test]
fn a_wallets_error_text_with_the_nodes_json_is_worded() {
    let parse = |t: &str| serde_json::from_str::<Value>(t).ok();
    let s = Strings::default();
    let relayed = r#"Server error: {"TxExecutionError":{"InvalidTxError":{"NotEnoughBalance":{"signer_id":"a.near","balance":"1000000000000000000000000","cost":"3000000000000000000000000"}}}}"#;
    assert_eq!(
        describe_in_text(relayed, parse, &s).unwrap(),
        "a.near has 1 NEAR, less than the 3 NEAR this transaction needs (attached NEAR and gas)"
    );
    assert_eq!(describe_in_text("Wallet is locked", parse, &s), None);
    assert_eq!(describe_in_text("odd {not json", parse, &s), None);
}
