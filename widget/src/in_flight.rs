//! One request for identical reads asked while the first is still on its way.
//!
//! Parts of the widget read on their own and at once: the figures, the guards and the position
//! each ask the epoch clock (`validators`, `EXPERIMENTAL_protocol_config`, the head block), and
//! each leg's figures ask the proxy's `get_pools` at the window's two end blocks. Before this,
//! a connected staker with a position (the benchmark's bob) sent 71 requests on load, 16 of them
//! the same as one still unanswered. Now a second asker waits for the first one's answer: fewer
//! requests against a public node's rate limits, and fewer queued behind the browser's six
//! connections to one host.
//!
//! Only requests in flight are shared: once answered, the entry is gone, so a later read (a
//! refresh, a retry) asks the node again. Every request the widget sends is a read (views,
//! blocks, validators, gas price, a transaction's outcome); the wallet, not the widget, sends
//! transactions. A request is shared only by the same route: the same URL and the same host
//! `rpcTransport` (the very function), so two widgets on one page pointed at different nodes
//! never see each other's answers.
//!
//! The request runs as a promise of its own (`future_to_promise`), so it completes even when
//! the asker that started it is gone; each asker awaits that promise.

use core::future::Future;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::rpc_error::RpcError;

/// Where a request goes, and what it says.
#[derive(Clone, PartialEq)]
pub struct Route {
    /// The JSON-RPC endpoint.
    pub url: String,
    /// The host's transport, when it replaces `fetch`.
    pub transport: Option<js_sys::Function>,
    /// The request's JSON.
    pub body: String,
}

/// A request on its way: its promise, and its error once it failed (the promise then rejects).
#[derive(Clone)]
struct Pending {
    answer: js_sys::Promise,
    error: Rc<RefCell<Option<RpcError>>>,
}

thread_local! {
    /// The requests on their way, by endpoint and body (a few dozen at most: a list is enough,
    /// and links far less code than a map of its own type).
    static IN_FLIGHT: RefCell<Vec<(Route, Pending)>> = const { RefCell::new(Vec::new()) };
}

/// The answer to the request `route` names: the one already on its way, or the one `send`
/// makes. The entry is removed when the answer arrives.
pub async fn shared<F>(route: Route, send: F) -> Result<JsValue, RpcError>
where
    F: Future<Output = Result<JsValue, RpcError>> + 'static,
{
    let existing = IN_FLIGHT.with(|m| m.borrow().iter().find(|(r, _)| *r == route).map(|(_, p)| p.clone()));
    let pending = match existing {
        Some(pending) => pending,
        None => {
            let error = Rc::new(RefCell::new(None));
            let (done, failed) = (route.clone(), Rc::clone(&error));
            let answer = future_to_promise(async move {
                let answer = send.await;
                IN_FLIGHT.with(|m| m.borrow_mut().retain(|(r, _)| *r != done));
                answer.map_err(|e| {
                    *failed.borrow_mut() = Some(e);
                    JsValue::UNDEFINED
                })
            });
            let pending = Pending { answer, error };
            IN_FLIGHT.with(|m| m.borrow_mut().push((route, pending.clone())));
            pending
        }
    };
    JsFuture::from(pending.answer).await.map_err(|_| {
        let error = pending.error.borrow().clone();
        error.unwrap_or_else(|| RpcError::Network("the request was dropped".into()))
    })
}

/// How many requests to `url` are on their way.
pub fn in_flight(url: &str) -> usize {
    IN_FLIGHT.with(|m| m.borrow().iter().filter(|(r, _)| r.url == url).count())
}
