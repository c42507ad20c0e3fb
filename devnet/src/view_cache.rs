//! The view cache: a `query` `call_function` answer, encoded, by (block height, account,
//! method, args). A view cannot change the state, so the same call on the same state answers
//! the same bytes; the cache saves running the contract and encoding its answer again.
//!
//! Every write access to the node (`SharedNode::write`: a transaction, a block run, a sandbox
//! patch, a caller setting something up) empties the cache before anything can change, and
//! answers are only stored under read access, so an answer is never one of an older state:
//! the height in the key alone would not be enough, since the head block is open (a
//! transaction or a patch changes its state without a new height). Bounded: at most
//! [`MAX_ENTRIES`] answers and [`MAX_BYTES`] bytes, the oldest forgotten first; a larger
//! answer is not kept.

use crate::node::Node;
use near_jsonrpc_primitives::errors::RpcError;
use near_jsonrpc_primitives::types::query::RpcQueryRequest;
use near_primitives::types::AccountId;
use near_primitives::views::QueryRequest;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError, RwLockReadGuard};

/// Most answers kept.
pub const MAX_ENTRIES: usize = 1024;
/// Most bytes of answers kept; an answer above an eighth of it is not kept.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    height: u64,
    account: AccountId,
    method: String,
    args: Vec<u8>,
}

/// Cached answers, oldest first in `order`.
#[derive(Default)]
pub struct ViewCache {
    answers: HashMap<Key, Arc<[u8]>>,
    order: VecDeque<Key>,
    bytes: usize,
}

impl ViewCache {
    /// Answers kept.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// Forgets every answer.
    pub fn clear(&mut self) {
        self.answers.clear();
        self.order.clear();
        self.bytes = 0;
    }

    fn get(&self, key: &Key) -> Option<Arc<[u8]>> {
        self.answers.get(key).cloned()
    }

    fn insert(&mut self, key: Key, answer: Arc<[u8]>) {
        if answer.len() > MAX_BYTES / 8 || self.answers.contains_key(&key) {
            return;
        }
        while self.answers.len() >= MAX_ENTRIES || self.bytes + answer.len() > MAX_BYTES {
            let Some(old) = self.order.pop_front() else { break };
            if let Some(a) = self.answers.remove(&old) {
                self.bytes -= a.len();
            }
        }
        self.bytes += answer.len();
        self.order.push_back(key.clone());
        self.answers.insert(key, answer);
    }
}

/// The cache key of `request` on `node`'s state: a `call_function` at a block the node has;
/// other request types are never cached.
fn key_of(node: &Node, request: &RpcQueryRequest) -> Option<Key> {
    match &request.request {
        QueryRequest::CallFunction { account_id, method_name, args } => {
            node.resolve(&request.block_reference).ok().map(|height| Key {
                height,
                account: account_id.clone(),
                method: method_name.clone(),
                args: args.to_vec(),
            })
        }
        _ => None,
    }
}

/// The cached answer to `request` under read access, if there is one; nothing runs. The HTTP
/// server answers these on its own task, without handing the request to a blocking thread.
pub fn cached(
    cache: &Mutex<ViewCache>,
    node: &RwLockReadGuard<'_, Node>,
    request: &RpcQueryRequest,
) -> Option<Arc<[u8]>> {
    let key = key_of(node, request)?;
    cache.lock().unwrap_or_else(PoisonError::into_inner).get(&key)
}

/// Answers `request` under read access, encoded, with `cache` (the node's, `SharedNode::views`):
/// a `call_function` from the cache when the same call on the same block was answered since the
/// last write, else from `answer(node, request)` (kept if it succeeded).
pub fn query(
    cache: &Mutex<ViewCache>,
    node: &RwLockReadGuard<'_, Node>,
    request: RpcQueryRequest,
    answer: impl FnOnce(&Node, RpcQueryRequest) -> Result<Vec<u8>, RpcError>,
) -> Result<Vec<u8>, RpcError> {
    let key = key_of(node, &request);
    let views = || cache.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(hit) = key.as_ref().and_then(|k| views().get(k)) {
        return Ok(hit.to_vec());
    }
    let encoded = answer(node, request)?;
    if let Some(key) = key {
        views().insert(key, encoded.as_slice().into());
    }
    Ok(encoded)
}
