//! What a sent deposit did, leg by leg: the logs of its transaction's outcome (what the wallet
//! resolved to: a `FinalExecutionOutcome`), or, when the wallet answered with a hash only, of
//! the outcome RPC `tx` returns; read by `router_core::events::deposit_outcome`.

use crate::rpc::{with_retry, Rpc};
use js_sys::{Array, Reflect};
use router_core::events::{deposit_outcome, DepositOutcome};
use router_core::AccountId;
use wasm_bindgen::{JsCast, JsValue};

fn get(v: &JsValue, key: &str) -> JsValue {
    if !v.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Every `(executor, log line)` of an outcome: the transaction's own, then each receipt's.
/// `None` when it is not an outcome (no `receipts_outcome`).
pub fn logs_of(outcome: &JsValue) -> Option<Vec<(String, String)>> {
    let receipts = get(outcome, "receipts_outcome");
    let receipts = receipts.dyn_ref::<Array>()?;
    let mut out = Vec::new();
    let mut add = |o: JsValue| {
        let o = get(&o, "outcome");
        let executor = get(&o, "executor_id").as_string().unwrap_or_default();
        if let Some(lines) = get(&o, "logs").dyn_ref::<Array>() {
            out.extend(lines.iter().filter_map(|l| l.as_string()).map(|l| (executor.clone(), l)));
        }
    };
    add(get(outcome, "transaction_outcome"));
    for r in receipts.iter() {
        add(r);
    }
    Some(out)
}

/// The deposit's outcome from the wallet's `result`, or from RPC `tx` for `hash` sent by
/// `signer` when the result carries no receipts. `None` when neither can be read or the logs
/// hold no deposit of `router`.
pub async fn read(
    rpc: &Rpc,
    router: &AccountId,
    result: &JsValue,
    hash: Option<&str>,
    signer: &AccountId,
) -> Option<DepositOutcome> {
    let logs = match logs_of(result) {
        Some(logs) => logs,
        None => {
            let hash = hash?;
            let fetched = with_retry(|| rpc.tx_outcome(hash, signer.as_str()), |_, _, _| {}).await.ok()?;
            logs_of(&fetched)?
        }
    };
    deposit_outcome(router, logs.iter().map(|(x, l)| (x.as_str(), l.as_str())))
}
