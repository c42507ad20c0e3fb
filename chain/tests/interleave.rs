//! Transactions submitted in the same block run side by side, block by block: a receipt
//! created in one block runs in a later one, so another transaction's receipt can run between
//! a call and its callback, as on NEAR.

mod common;

use common::{setup, value, TGAS30};
use near_chain::Gas;

const TGAS100: Gas = Gas::from_teragas(100);
use near_chain::{Action, Balance};
use serde_json::json;

#[test]
fn two_transactions_of_one_block_interleave() {
    let mut chain = setup();
    // A: caller reads callee's value through a cross-contract call and a callback.
    let read = json!({ "target": "callee.near", "method": "get_value", "args": "{}", "deposit": "0", "gas_tgas": 20 });
    let a = chain
        .submit(
            "alice.near",
            "caller.near",
            vec![Action::function_call("call_then", read.to_string(), Balance::ZERO, TGAS100)],
        )
        .unwrap();
    // B, in the same block: callee's value changes.
    let write = json!({ "value": "from B" });
    let b = chain
        .submit(
            "alice.near",
            "callee.near",
            vec![Action::function_call("set_value", write.to_string(), Balance::ZERO, TGAS30)],
        )
        .unwrap();
    assert!(!chain.transaction_done(a) && !chain.transaction_done(b), "nothing ran at submission");
    let height = chain.block_height();

    let out_a = chain.finish_transaction(a);
    assert!(out_a.is_success(), "{:?}", out_a.failure_message());
    // A's first receipt and B's ran in the next block; A's read of callee in the one after,
    // so it saw B's write (run one after the other, it would read "clean").
    assert_eq!(out_a.json::<String>(), r#"ok:"from B""#);
    assert_eq!(out_a.receipts[0].block_height, height + 1);
    assert_eq!(out_a.receipts[1].block_height, height + 2);
    assert!(chain.transaction_done(b), "B's only receipt ran with A's first");
    let out_b = chain.finish_transaction(b);
    assert!(out_b.is_success());
    assert_eq!(out_b.receipts[0].block_height, height + 1);
    assert_eq!(value(&chain, "callee.near"), "from B");
}

#[test]
fn one_transaction_at_a_time_still_runs_to_the_end() {
    let mut chain = setup();
    let read = json!({ "target": "callee.near", "method": "get_value", "args": "{}", "deposit": "0", "gas_tgas": 20 });
    let out = chain.call("alice.near", "caller.near", "call_then", read.to_string(), Balance::ZERO, TGAS100).unwrap();
    assert_eq!(out.json::<String>(), r#"ok:"clean""#);
}
