//! Transactions sent together interleave as on NEAR: `broadcast_tx_async` answers with the hash
//! before anything runs, `tx` with `INCLUDED` answers without running it, and completing one
//! runs the others' receipts beside it, block by block.

mod common;
use common::*;
use near_primitives::action::{Action, CreateAccountAction, DeployContractAction, FunctionCallAction, TransferAction};
use near_primitives::transaction::SignedTransaction;
use near_primitives::types::{AccountId, Balance, Gas};
use serde_json::{json, Value};

const NEAR: u128 = 10u128.pow(24);

fn call(method: &str, args: Value, tgas: u64) -> Action {
    Action::FunctionCall(Box::new(FunctionCallAction {
        method_name: method.into(),
        args: args.to_string().into_bytes(),
        gas: Gas::from_teragas(tgas),
        deposit: Balance::ZERO,
    }))
}

/// `name.test.near` running the chain's test contract, its value set to "clean".
async fn contract(d: &devnet::Devnet, name: &str) -> AccountId {
    let id: AccountId = format!("{name}.test.near").parse().unwrap();
    let actions = vec![
        Action::CreateAccount(CreateAccountAction {}),
        Action::Transfer(TransferAction { deposit: Balance::from_yoctonear(10 * NEAR) }),
        Action::DeployContract(DeployContractAction { code: wasm("near_chain_test_contract") }),
        call("set_value", json!({ "value": "clean" }), 30),
    ];
    let out = commit(d, &sign(d, &root_signer(d), &id, actions).await).await;
    assert!(out["result"]["status"]["SuccessValue"].is_string(), "{out}");
    id
}

async fn value(d: &devnet::Devnet, account: &AccountId) -> String {
    let view = ok(
        d,
        "query",
        json!({ "request_type": "call_function", "finality": "final", "account_id": account,
                "method_name": "get_value", "args_base64": "" }),
    )
    .await;
    let bytes: Vec<u8> = view["result"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    String::from_utf8(bytes).unwrap()
}

fn status(d: &devnet::Devnet, hash: &str, wait_until: &str) -> Value {
    json!({ "tx_hash": hash, "sender_account_id": d.root_account, "wait_until": wait_until })
}

#[tokio::test]
async fn transactions_sent_together_interleave() {
    let d = devnet().await;
    let (caller, callee) = (contract(&d, "caller").await, contract(&d, "callee").await);
    let root = root_signer(&d);
    // A reads callee's value through a call and a callback; B, sent right after, writes it.
    let read = json!({ "target": callee, "method": "get_value", "args": "{}", "deposit": "0", "gas_tgas": 20 });
    let a = sign(&d, &root, &caller, vec![call("call_then", read, 100)]).await;
    let b = next_tx(&root, &callee, vec![call("set_value", json!({ "value": "from B" }), 30)], &a);
    let hash_a = ok(&d, "broadcast_tx_async", json!([serde_json::to_value(&a).unwrap()])).await;
    let hash_b = ok(&d, "broadcast_tx_async", json!([serde_json::to_value(&b).unwrap()])).await;
    assert_eq!(hash_a, json!(a.get_hash().to_string()));

    // Converted, not run: `NONE` answers at once and the value is unchanged.
    let none = ok(&d, "tx", status(&d, hash_b.as_str().unwrap(), "NONE")).await;
    assert_eq!(none, json!({ "final_execution_status": "NONE" }));
    assert_eq!(value(&d, &callee).await, "\"clean\"");
    // A poll at `INCLUDED` lets one block pass: B's call runs (beside A's first receipt); B's
    // gas refund is still to come, so B is included, not ended, and answers without an outcome.
    let polled = ok(&d, "tx", status(&d, hash_b.as_str().unwrap(), "INCLUDED")).await;
    assert_eq!(polled, json!({ "final_execution_status": "INCLUDED_FINAL" }));
    assert_eq!(value(&d, &callee).await, "\"from B\"");

    // A's read ran after B's write, in the next block: it saw it.
    let done = ok(&d, "tx", status(&d, hash_a.as_str().unwrap(), "FINAL")).await;
    assert_eq!(done["final_execution_status"], "FINAL");
    let result = done["status"]["SuccessValue"].as_str().unwrap();
    let text = String::from_utf8(near_primitives::serialize::from_base64(result).unwrap()).unwrap();
    assert_eq!(text, r#""ok:\"from B\"""#);
    let done_b = ok(&d, "EXPERIMENTAL_tx_status", status(&d, hash_b.as_str().unwrap(), "EXECUTED")).await;
    assert!(done_b["status"]["SuccessValue"].is_string(), "{done_b}");
    let (first_a, first_b) = (&done["receipts_outcome"][0]["block_hash"], &done_b["receipts_outcome"][0]["block_hash"]);
    assert_eq!(first_a, first_b, "A's first receipt and B's ran in one block");
}

/// A transaction signed right after `after`: the same block hash, the next nonce.
fn next_tx(
    signer: &near_crypto::Signer,
    receiver: &AccountId,
    actions: Vec<Action>,
    after: &SignedTransaction,
) -> SignedTransaction {
    let t = &after.transaction;
    SignedTransaction::from_actions(
        t.nonce().nonce() + 1,
        signer.get_account_id(),
        receiver.clone(),
        signer,
        actions,
        *t.block_hash(),
    )
}
