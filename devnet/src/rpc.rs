//! JSON-RPC 2.0: the envelope, parameter parsing and dispatch to the methods, with nearcore's
//! error shapes (`RpcError` of near-jsonrpc-primitives: `code`, `message`, `data`, `name`,
//! `cause`).

use crate::node::Node;
use crate::shared::SharedNode;
use crate::{chain_info, query, sandbox, transactions, validators, view_cache};
use near_jsonrpc_primitives::errors::RpcError;
use near_jsonrpc_primitives::types::blocks::RpcBlockError;
use near_jsonrpc_primitives::types::query::RpcQueryRequest;
use near_jsonrpc_primitives::types::sandbox::{
    RpcSandboxFastForwardError, RpcSandboxFastForwardRequest, RpcSandboxPatchStateError, RpcSandboxPatchStateRequest,
};
use near_jsonrpc_primitives::types::transactions::{
    RpcSendTransactionRequest, RpcTransactionError, RpcTransactionResponse, RpcTransactionStatusRequest,
    TransactionInfo,
};
use near_primitives::hash::CryptoHash;
use near_primitives::transaction::SignedTransaction;
use near_primitives::types::{BlockId, BlockReference, Finality};
use near_primitives::views::{FinalExecutionOutcomeViewEnum, TxExecutionStatus};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::sync::PoisonError;

/// Answers one HTTP body: a JSON-RPC request (or a batch, an array of them), encoded.
pub fn handle_body(node: &SharedNode, body: &[u8]) -> Vec<u8> {
    answer_body(node, parse_body(body))
}

/// An HTTP body, parsed: one request, a batch, or not JSON (the parser's message).
pub type Body = Result<Value, String>;

/// Parses an HTTP body as JSON.
pub fn parse_body(body: &[u8]) -> Body {
    serde_json::from_slice::<Value>(body).map_err(|e| e.to_string())
}

/// Answers a parsed body (a request, or a batch of them), encoded.
pub fn answer_body(node: &SharedNode, body: Body) -> Vec<u8> {
    match body {
        Ok(Value::Array(requests)) => {
            let answers: Vec<Vec<u8>> = requests.into_iter().map(|r| handle_request(node, r)).collect();
            let mut out = b"[".to_vec();
            out.extend_from_slice(&answers.join(&b","[..]));
            out.push(b']');
            out
        }
        Ok(request) => handle_request(node, request),
        Err(e) => envelope(Value::Null, Err(RpcError::parse_error(format!("Invalid JSON: {e}")))),
    }
}

/// The answer to a single `query` `call_function` request from the view cache, encoded, when
/// it is there and no writer holds or awaits the node; `None` otherwise (then the body is
/// answered by [`answer_body`]). Nothing runs and nothing waits, so the HTTP server answers
/// these on its own task.
pub fn cached_answer(shared: &SharedNode, body: &Body) -> Option<Vec<u8>> {
    let request = body.as_ref().ok()?;
    if request.get("method").and_then(Value::as_str) != Some("query") {
        return None;
    }
    let params: RpcQueryRequest = serde_json::from_value(request.get("params")?.clone()).ok()?;
    let node = shared.try_read()?;
    let hit = view_cache::cached(&shared.views, &node, &params)?;
    Some(envelope(request.get("id").cloned().unwrap_or(Value::Null), Ok(hit.to_vec())))
}

/// Answers one JSON-RPC request object, encoded. A method that only reads ([`READS`]) runs on
/// read access, side by side with other reads (a view call's answer may come from the view
/// cache, `view_cache.rs`); any other takes the node alone. Results are encoded straight from
/// their response types: a view's result is a byte array, and a `Value` tree of it (one node
/// per byte, built, encoded and dropped) was most of a view call's JSON work.
pub fn handle_request(shared: &SharedNode, request: Value) -> Vec<u8> {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let Some(method) = request.get("method").and_then(Value::as_str) else {
        return envelope(id, Err(RpcError::parse_error("Request has no \"method\"".into())));
    };
    let params = request.get("params").cloned().unwrap_or(Value::Null);
    let result = if READS.contains(&method) { read(shared, method, params) } else { write(shared, method, params) };
    envelope(id, result)
}

/// A reading method on read access.
fn read(shared: &SharedNode, method: &str, params: Value) -> Result<Vec<u8>, RpcError> {
    let node = shared.read().unwrap_or_else(PoisonError::into_inner);
    guarded(|| match method {
        "query" => parse::<RpcQueryRequest>(params).and_then(|request| {
            view_cache::query(&shared.views, &node, request, |node, request| {
                query::query(node, request).map_err(RpcError::from).and_then(encode)
            })
        }),
        _ => read_call(&node, method, params),
    })
}

/// Any other method on write access; the state is saved (if it is kept in a file) when it
/// may have changed.
fn write(shared: &SharedNode, method: &str, params: Value) -> Result<Vec<u8>, RpcError> {
    let mut node = shared.write().unwrap_or_else(PoisonError::into_inner);
    guarded(|| {
        let had_running = !node.running.is_empty();
        let result = call(&mut node, method, params);
        if (CHANGES_STATE.contains(&method) || had_running) && node.running.is_empty() {
            // Durable before it is answered (nearcore answers FINAL for what its store holds).
            // While accepted transactions are still running, the state is saved when they end.
            if let Err(e) = node.persist() {
                eprintln!("devnet: {e}");
                return Err(RpcError::new_internal_error(None, format!("the devnet ran it but {e}")));
            }
        }
        result
    })
}

/// `f`'s answer, or an internal error if it panicked (the node stays usable).
fn guarded(f: impl FnOnce() -> Result<Vec<u8>, RpcError>) -> Result<Vec<u8>, RpcError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let msg = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic".into());
        Err(RpcError::new_internal_error(None, format!("the devnet failed: {msg}")))
    })
}

/// Methods that only read the node: they run side by side, on read access.
pub const READS: &[&str] = &[
    "status",
    "health",
    "block",
    "gas_price",
    "validators",
    "query",
    "EXPERIMENTAL_genesis_config",
    "genesis_config",
    "EXPERIMENTAL_protocol_config",
];

/// Methods after which the state file (if any) is saved.
const CHANGES_STATE: &[&str] =
    &["send_tx", "broadcast_tx_commit", "broadcast_tx_async", "sandbox_patch_state", "sandbox_fast_forward"];

/// The JSON-RPC envelope around an encoded result or an error, encoded.
fn envelope(id: Value, result: Result<Vec<u8>, RpcError>) -> Vec<u8> {
    let result = match result {
        Ok(result) => result,
        Err(error) => return json!({ "jsonrpc": "2.0", "id": id, "error": error }).to_string().into_bytes(),
    };
    let mut out = br#"{"jsonrpc":"2.0","id":"#.to_vec();
    out.extend_from_slice(id.to_string().as_bytes());
    out.extend_from_slice(br#","result":"#);
    out.extend_from_slice(&result);
    out.push(b'}');
    out
}

/// A method's result, encoded.
fn encode(v: impl serde::Serialize) -> Result<Vec<u8>, RpcError> {
    serde_json::to_vec(&v).map_err(|e| RpcError::serialization_error(e.to_string()))
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, RpcError> {
    serde_json::from_value(params).map_err(|e| RpcError::parse_error(format!("Failed parsing args: {e}")))
}

/// Runs one method that only reads ([`READS`]), its result encoded; any other is
/// `METHOD_NOT_FOUND`.
pub fn read_call(node: &Node, method: &str, params: Value) -> Result<Vec<u8>, RpcError> {
    match method {
        "status" => encode(chain_info::status(node)),
        "health" => encode(Value::Null),
        "block" => {
            let reference = block_reference(params)?;
            // nearcore keeps no block body below its GC window either: `UNKNOWN_BLOCK`.
            let height = node
                .resolve(&reference)
                .map_err(|_| RpcError::from(RpcBlockError::UnknownBlock { error_message: format!("{reference:?}") }))?;
            encode(chain_info::block_view(node, height))
        }
        "gas_price" => encode(chain_info::gas_price(node)),
        "validators" => {
            let reference = validators::epoch_reference(params)?;
            validators::validators(node, reference).and_then(encode)
        }
        "query" => {
            let request: RpcQueryRequest = parse(params)?;
            query::query(node, request).map_err(RpcError::from).and_then(encode)
        }
        "EXPERIMENTAL_genesis_config" | "genesis_config" => encode(chain_info::genesis_config(node)),
        "EXPERIMENTAL_protocol_config" => encode(chain_info::protocol_config(node)),
        other => Err(RpcError::method_not_found(other.to_string())),
    }
}

/// Runs one method, its result encoded straight from its response type (no `Value` tree: a
/// transaction's outcome has a node per field of every receipt); every method nearcore has but
/// the devnet lacks is `METHOD_NOT_FOUND`.
pub fn call(node: &mut Node, method: &str, params: Value) -> Result<Vec<u8>, RpcError> {
    match method {
        m if READS.contains(&m) => read_call(node, m, params),
        "send_tx" => {
            let request: RpcSendTransactionRequest = parse(params)?;
            let wait_until = request.wait_until.clone();
            if !needs_execution(&wait_until) {
                // Answered once converted; it runs beside whatever is completed next.
                transactions::accept(node, &request.signed_transaction)
                    .map_err(|context| RpcError::from(RpcTransactionError::InvalidTransaction { context }))?;
                return status_only(node, &request.signed_transaction.get_hash(), wait_until);
            }
            let outcome = submit(node, &request.signed_transaction)?;
            tx_response(outcome, wait_until)
        }
        "broadcast_tx_commit" => {
            let tx = signed_tx_param(params)?;
            encode(submit(node, &tx)?)
        }
        "broadcast_tx_async" => {
            let tx = signed_tx_param(params)?;
            let hash = tx.get_hash();
            // Answered with the hash before anything runs (a refused transaction just never
            // gets a status); its receipts run when it or another transaction is completed.
            let _ = transactions::accept(node, &tx);
            encode(hash)
        }
        "tx" | "EXPERIMENTAL_tx_status" => {
            let request = tx_status_param(params)?;
            let hash = match &request.transaction_info {
                TransactionInfo::Transaction { signed_tx } => signed_tx.get_hash(),
                TransactionInfo::TransactionId { tx_hash, .. } => *tx_hash,
            };
            if let Some((id, _, _)) = node.running.get(&hash) {
                if !needs_execution(&request.wait_until) {
                    // A poll lets one block pass (the devnet has no clock of its own): what is
                    // running advances, side by side, and may end.
                    let id = *id;
                    if request.wait_until != TxExecutionStatus::None
                        && node.chain.run_block()
                        && node.chain.transaction_done(id)
                    {
                        transactions::complete(node, &hash);
                    }
                    return status_only(node, &hash, request.wait_until);
                }
            }
            let outcome = transactions::complete(node, &hash).ok_or_else(|| {
                RpcError::from(RpcTransactionError::UnknownTransaction { requested_transaction_hash: hash })
            })?;
            tx_response(outcome, request.wait_until)
        }
        "sandbox_patch_state" => {
            let request: RpcSandboxPatchStateRequest = parse(params)?;
            sandbox::patch_state(node, request.records)
                .map_err(|error_message| RpcError::from(RpcSandboxPatchStateError::InternalError { error_message }))?;
            encode(json!({}))
        }
        "sandbox_fast_forward" => {
            let request: RpcSandboxFastForwardRequest = parse(params)?;
            if request.delta_height > 100_000_000 {
                let error_message = format!("delta_height {} is too large", request.delta_height);
                return Err(RpcSandboxFastForwardError::InternalError { error_message }.into());
            }
            sandbox::fast_forward(node, request.delta_height);
            encode(json!({}))
        }
        other => Err(RpcError::method_not_found(other.to_string())),
    }
}

fn submit(
    node: &mut Node,
    tx: &SignedTransaction,
) -> Result<near_primitives::views::FinalExecutionOutcomeView, RpcError> {
    transactions::submit(node, tx)
        .map_err(|context| RpcError::from(RpcTransactionError::InvalidTransaction { context }))
}

/// Whether answering at `wait_until` needs the transaction's receipts to have run
/// (`EXECUTED_OPTIMISTIC` and above).
fn needs_execution(wait_until: &TxExecutionStatus) -> bool {
    !matches!(wait_until, TxExecutionStatus::None | TxExecutionStatus::Included | TxExecutionStatus::IncludedFinal)
}

/// The answer for a transaction converted but not run: `NONE` if that was asked, else
/// `INCLUDED` (the devnet's blocks are final at once, so `INCLUDED_FINAL` too), no outcome.
fn status_only(
    node: &Node,
    hash: &near_primitives::hash::CryptoHash,
    wait_until: TxExecutionStatus,
) -> Result<Vec<u8>, RpcError> {
    let status = match wait_until {
        TxExecutionStatus::None => TxExecutionStatus::None,
        _ if node.txs.contains_key(hash) => TxExecutionStatus::Final,
        _ => TxExecutionStatus::IncludedFinal,
    };
    encode(RpcTransactionResponse { final_execution_outcome: None, final_execution_status: status })
}

/// `send_tx` / `tx` answer: the whole outcome (everything is final once the call returns),
/// or only the status when the caller asked for `NONE`.
fn tx_response(
    outcome: near_primitives::views::FinalExecutionOutcomeView,
    wait_until: TxExecutionStatus,
) -> Result<Vec<u8>, RpcError> {
    let response = match wait_until {
        TxExecutionStatus::None => {
            RpcTransactionResponse { final_execution_outcome: None, final_execution_status: TxExecutionStatus::None }
        }
        _ => RpcTransactionResponse {
            final_execution_outcome: Some(FinalExecutionOutcomeViewEnum::FinalExecutionOutcome(outcome)),
            final_execution_status: TxExecutionStatus::Final,
        },
    };
    encode(response)
}

/// `{"finality": ..}` / `{"block_id": ..}` / `[block_id]`; nothing means the head.
fn block_reference(params: Value) -> Result<BlockReference, RpcError> {
    match params {
        Value::Null => Ok(BlockReference::Finality(Finality::Final)),
        Value::Array(mut items) if items.len() == 1 => Ok(BlockReference::BlockId(parse::<BlockId>(items.remove(0))?)),
        Value::Array(items) if items.is_empty() => Ok(BlockReference::Finality(Finality::Final)),
        other => parse(other),
    }
}

/// `["<base64>"]` or `{"signed_tx_base64": "<base64>"}`.
fn signed_tx_param(params: Value) -> Result<SignedTransaction, RpcError> {
    let b64 = match params {
        Value::Array(mut items) if !items.is_empty() => items.remove(0),
        Value::Object(mut map) => map.remove("signed_tx_base64").unwrap_or(Value::Null),
        other => other,
    };
    parse(b64)
}

/// `{"tx_hash", "sender_account_id", "wait_until"}`, `{"signed_tx_base64"}` or
/// `["<hash>", "<sender>"]`.
fn tx_status_param(params: Value) -> Result<RpcTransactionStatusRequest, RpcError> {
    match params {
        Value::Array(items) if items.len() == 2 => {
            let tx_hash: CryptoHash = parse(items[0].clone())?;
            let sender_account_id = parse(items[1].clone())?;
            Ok(RpcTransactionStatusRequest {
                transaction_info: TransactionInfo::TransactionId { tx_hash, sender_account_id },
                wait_until: TxExecutionStatus::default(),
            })
        }
        other => parse(other),
    }
}
