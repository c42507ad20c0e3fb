//! The view cache (`devnet/src/view_cache.rs`): a view call answered from the cache is byte for
//! byte the answer the contract gives afresh, and after any change of state the answer is the
//! new state's, also when the head's height did not move (a sandbox patch writes into the open
//! head block, so only emptying the cache on every write can tell the two states apart).

mod common;

use common::*;
use near_primitives::state_record::StateRecord;
use near_primitives::types::{AccountId, Balance};
use serde_json::{json, Value};

/// The whole HTTP body of a `call_function` of `method` on `account` (raw bytes, to compare).
async fn view_body(d: &devnet::Devnet, account: &AccountId, method: &str, args: Value) -> String {
    let args_base64 = near_primitives::serialize::to_base64(args.to_string().as_bytes());
    let body = json!({ "jsonrpc": "2.0", "id": "v", "method": "query", "params": {
        "request_type": "call_function", "finality": "final", "account_id": account,
        "method_name": method, "args_base64": args_base64 } })
    .to_string();
    post_text(d, &body).await.1
}

/// The view's result in a body from [`view_body`], as JSON.
fn result_of(body: &str) -> Value {
    let answer: Value = serde_json::from_str(body).unwrap();
    let bytes: Vec<u8> =
        serde_json::from_value(answer["result"]["result"].clone()).unwrap_or_else(|_| panic!("{body}"));
    serde_json::from_slice(&bytes).unwrap()
}

/// The test contract's state (`TestContract { value, results }`, borsh) with `value`.
fn state(account: &AccountId, value: &str) -> StateRecord {
    let value = borsh::to_vec(&(value.to_string(), Vec::<String>::new())).unwrap();
    StateRecord::Data { account_id: account.clone(), data_key: b"STATE".to_vec().into(), value: value.into() }
}

async fn patch(d: &devnet::Devnet, records: Vec<StateRecord>) {
    ok(d, "sandbox_patch_state", json!({ "records": records })).await;
}

async fn head_height(d: &devnet::Devnet) -> u64 {
    ok(d, "block", json!({ "finality": "final" })).await["header"]["height"].as_u64().unwrap()
}

#[tokio::test]
async fn a_cached_view_is_the_fresh_answer_and_every_write_forgets_it() {
    let d = devnet().await;
    let root = d.root_account.clone();
    let code = StateRecord::Contract { account_id: root.clone(), code: wasm("near_chain_test_contract") };
    patch(&d, vec![code, state(&root, "first")]).await;
    let height = head_height(&d).await;

    // Answered once, then from the cache: the same bytes.
    let first = view_body(&d, &root, "get_value", json!({})).await;
    assert_eq!(result_of(&first), json!("first"), "{first}");
    assert_eq!(d.node.cached_views(), 1);
    let cached = view_body(&d, &root, "get_value", json!({})).await;
    assert_eq!(cached, first);
    // Other arguments are another answer.
    view_body(&d, &root, "get_account_unstaked_balance", json!({ "account_id": "a.test.near" })).await;
    assert_eq!(d.node.cached_views(), 2);

    // A patch changes the head block's state without a new block: the new value, not the cached one.
    patch(&d, vec![state(&root, "second")]).await;
    assert_eq!(head_height(&d).await, height, "the patch went into the same block");
    let after = view_body(&d, &root, "get_value", json!({})).await;
    assert_eq!(result_of(&after), json!("second"), "{after}");
    assert_eq!(d.node.cached_views(), 1);

    // A write access (changing nothing) empties the cache: the fresh answer is the cached one.
    drop(d.node.write().unwrap());
    assert_eq!(d.node.cached_views(), 0);
    let fresh = view_body(&d, &root, "get_value", json!({})).await;
    assert_eq!(fresh, after);

    // A change through the node itself (what a setup does with `node.write()`).
    let args = json!({ "account": root });
    let before = result_of(&view_body(&d, &root, "stakes", args.clone()).await);
    d.node.write().unwrap().chain.set_validator_stake(root.clone(), Balance::from_near(5));
    let changed = result_of(&view_body(&d, &root, "stakes", args).await);
    assert_ne!(changed, before);
    assert_eq!(changed[0], json!(Balance::from_near(5).as_yoctonear().to_string()), "{changed}");

    // A transaction (a new block) too.
    let tx = sign(&d, &root_signer(&d), &root, vec![set_value_action("third")]).await;
    let outcome = commit(&d, &tx).await;
    assert!(outcome.get("error").is_none(), "{outcome}");
    assert_eq!(result_of(&view_body(&d, &root, "get_value", json!({})).await), json!("third"));
}

fn set_value_action(value: &str) -> near_primitives::action::Action {
    near_primitives::action::Action::FunctionCall(Box::new(near_primitives::action::FunctionCallAction {
        method_name: "set_value".into(),
        args: json!({ "value": value }).to_string().into_bytes(),
        gas: near_primitives::types::Gas::from_teragas(30),
        deposit: Balance::ZERO,
    }))
}

/// The HTTP server answers a cached view on its own task (`rpc::cached_answer`): only a single
/// `query` whose answer is cached, with the same bytes as the full path, and never while a
/// writer holds the node (it does not wait for it either).
#[tokio::test]
async fn only_a_cached_view_is_answered_without_running_and_never_beside_a_writer() {
    let d = devnet().await;
    let root = d.root_account.clone();
    let code = StateRecord::Contract { account_id: root.clone(), code: wasm("near_chain_test_contract") };
    patch(&d, vec![code, state(&root, "first")]).await;
    let request = |method: &str| {
        json!({ "jsonrpc": "2.0", "id": 7, "method": "query", "params": {
            "request_type": "call_function", "finality": "final", "account_id": root,
            "method_name": method, "args_base64": "e30=" } })
    };
    let body = |v: &Value| devnet::rpc::parse_body(v.to_string().as_bytes());

    let get_value = request("get_value");
    assert_eq!(devnet::rpc::cached_answer(&d.node, &body(&get_value)), None, "nothing is cached yet");
    let fresh = devnet::rpc::answer_body(&d.node, body(&get_value));
    let hit = devnet::rpc::cached_answer(&d.node, &body(&get_value)).expect("answered from the cache");
    assert_eq!(String::from_utf8(hit).unwrap(), String::from_utf8(fresh).unwrap());

    // Not cached: another method, a batch, another request type, text that is not JSON.
    assert_eq!(devnet::rpc::cached_answer(&d.node, &body(&request("stakes"))), None);
    assert_eq!(devnet::rpc::cached_answer(&d.node, &body(&json!([get_value.clone()]))), None);
    let block = json!({ "jsonrpc": "2.0", "id": 1, "method": "block", "params": { "finality": "final" } });
    assert_eq!(devnet::rpc::cached_answer(&d.node, &body(&block)), None);
    assert_eq!(devnet::rpc::cached_answer(&d.node, &devnet::rpc::parse_body(b"{")), None);

    // A writer holds the node: not answered, and not waited for (a blocking read would hang here).
    let writer = d.node.write().unwrap();
    assert_eq!(devnet::rpc::cached_answer(&d.node, &body(&get_value)), None);
    drop(writer);
    assert_eq!(devnet::rpc::cached_answer(&d.node, &body(&get_value)), None, "the write emptied the cache");
}
