//! Views read at once: the position's reads that do not depend on each other go out together,
//! whatever each returns, as one kind of future.

use crate::rpc::{view_decode, with_retry, Rpc, RpcError};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// Views read at once, each with its retries (one future type for all of them, whatever each
/// view returns: decode each answer with [`ViewBatch::get`]).
#[derive(Default)]
pub struct ViewBatch {
    views: Vec<(String, &'static str, String)>,
    answers: Vec<Result<JsValue, RpcError>>,
}

impl ViewBatch {
    /// Adds view `method` of `account` with JSON `args`; the index of its answer.
    pub fn add(&mut self, account: &str, method: &'static str, args: &str) -> usize {
        self.views.push((account.to_string(), method, args.to_string()));
        self.views.len() - 1
    }

    /// Reads every view added, at once.
    pub async fn read(&mut self, rpc: &Rpc) {
        let quiet = |_: u32, _: i32, _: &RpcError| {};
        let reads = self
            .views
            .iter()
            .map(|(account, method, args)| with_retry(|| rpc.view_value(account, method, args), quiet));
        self.answers = futures_util::future::join_all(reads).await;
    }

    /// The answer to view `i`, decoded.
    pub fn get<T: DeserializeOwned>(&self, i: usize) -> Result<T, RpcError> {
        let answer = self.answers.get(i).cloned().unwrap_or_else(|| Err(RpcError::Decode("not read".into())));
        view_decode(answer?, self.views.get(i).map_or("", |v| v.1))
    }
}
