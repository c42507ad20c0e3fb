//! NEAR JSON-RPC view calls over `fetch` (or a host-supplied transport), with retries.
//!
//! A view is `query` with `request_type: "call_function"`; the answer's `result.result` is the
//! bytes of the method's JSON return. An HTTP 200 can still carry a JSON-RPC `error` or a
//! `result.error` (the view panicked): both are errors here, never data. Network failures,
//! HTTP 5xx/429 and the node's own transient errors are retried with backoff.

use js_sys::{Function, Promise, Reflect, Uint8Array, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub use crate::rpc_error::RpcError;

/// How long one request may take.
const TIMEOUT_MS: u32 = 15_000;

/// Where requests go: an RPC URL, or a host function `(request) => Promise<response JSON>`.
#[derive(Clone, Debug)]
pub struct Rpc {
    /// The JSON-RPC endpoint (also shown in messages).
    pub url: String,
    /// Replaces `fetch` when set (tests, or a host with its own provider).
    pub transport: Option<Function>,
}

fn text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| Reflect::get(v, &"message".into()).ok().and_then(|m| m.as_string()))
        .or_else(|| JSON::stringify(v).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown".into())
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Standard base64 of `bytes` (for `args_base64`).
pub fn base64(bytes: &[u8]) -> String {
    router_core::dao_proposal::base64(bytes)
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            // No window to time it with: go on at once rather than never.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

impl Rpc {
    /// Sends one JSON-RPC request and returns its `result`. The same request already on its way
    /// by the same route is not sent twice (`crate::in_flight`).
    async fn request(&self, method: &str, params: JsValue) -> Result<JsValue, RpcError> {
        let body = js_sys::Object::new();
        let _ = Reflect::set(&body, &"jsonrpc".into(), &"2.0".into());
        let _ = Reflect::set(&body, &"id".into(), &"stake-router-widget".into());
        let _ = Reflect::set(&body, &"method".into(), &method.into());
        let _ = Reflect::set(&body, &"params".into(), &params);
        let json = String::from(JSON::stringify(&body).map_err(|e| RpcError::Decode(text(&e)))?);
        let route = crate::in_flight::Route { url: self.url.clone(), transport: self.transport.clone(), body: json };
        let send = route.clone();
        let answer = crate::in_flight::shared(route, async move {
            match &send.transport {
                Some(f) => {
                    let p = f.call1(&JsValue::NULL, &body).map_err(|e| RpcError::Network(text(&e)))?;
                    JsFuture::from(Promise::resolve(&p)).await.map_err(|e| RpcError::Network(text(&e)))
                }
                None => Self::fetch_once(&send.url, &send.body).await,
            }
        })
        .await?;
        answer_result(answer)
    }

    /// One POST of `json` to `url`; the answer's JSON.
    async fn fetch_once(url: &str, json: &str) -> Result<JsValue, RpcError> {
        let window = web_sys::window().ok_or_else(|| RpcError::Network("no window".into()))?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(json));
        let headers = web_sys::Headers::new().map_err(|e| RpcError::Network(text(&e)))?;
        let _ = headers.set("Content-Type", "application/json");
        init.set_headers(&headers);
        init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
        let resp = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|e| RpcError::Network(text(&e)))?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| RpcError::Decode("not a response".into()))?;
        if resp.status() != 200 {
            return Err(RpcError::Http(resp.status()));
        }
        let json = resp.json().map_err(|e| RpcError::Decode(text(&e)))?;
        JsFuture::from(json).await.map_err(|e| RpcError::Decode(text(&e)))
    }

    /// One JSON-RPC call with JSON `params`; its `result` as JSON (a number above 2^53 arrives
    /// as a float, as the browser parsed it).
    pub async fn call_json(&self, method: &str, params: &serde_json::Value) -> Result<serde_json::Value, RpcError> {
        let params = params
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| RpcError::Decode(e.to_string()))?;
        let result = self.request(method, params).await?;
        serde_wasm_bindgen::from_value(result).map_err(|e| RpcError::Decode(format!("{method}: {e}")))
    }

    /// View `method` of `account` with JSON `args` at block height `at` (`None`: final), its
    /// JSON return (amounts are decimal strings, so none loses a digit).
    pub async fn view_json_at(
        &self,
        account: &str,
        method: &str,
        args: &serde_json::Value,
        at: Option<u64>,
    ) -> Result<serde_json::Value, RpcError> {
        let params = js_sys::Object::new();
        for (k, v) in [
            ("request_type", "call_function"),
            ("account_id", account),
            ("method_name", method),
            ("args_base64", &base64(args.to_string().as_bytes())),
        ] {
            let _ = Reflect::set(&params, &k.into(), &v.into());
        }
        let _ = match at {
            Some(h) => Reflect::set(&params, &"block_id".into(), &(h as f64).into()),
            None => Reflect::set(&params, &"finality".into(), &"final".into()),
        };
        let result = self.request("query", params.into()).await?;
        let bytes = get(&result, "result");
        if !js_sys::Array::is_array(&bytes) && !bytes.is_instance_of::<Uint8Array>() {
            return Err(RpcError::Decode("result.result is not bytes".into()));
        }
        let json =
            String::from_utf8(Uint8Array::new(&bytes).to_vec()).map_err(|_| RpcError::Decode("not UTF-8".into()))?;
        let value = JSON::parse(&json).map_err(|e| RpcError::Decode(text(&e)))?;
        serde_wasm_bindgen::from_value(value).map_err(|e| RpcError::Decode(format!("{method}: {e}")))
    }

    /// Calls view `method` of `account` with JSON `args` and decodes its JSON return.
    pub async fn view<T: DeserializeOwned>(&self, account: &str, method: &str, args: &str) -> Result<T, RpcError> {
        view_decode(self.view_value(account, method, args).await?, method)
    }

    /// Calls view `method` of `account` and returns its JSON return as a JS value.
    pub async fn view_value(&self, account: &str, method: &str, args: &str) -> Result<JsValue, RpcError> {
        let params = js_sys::Object::new();
        for (k, v) in [
            ("request_type", "call_function"),
            ("finality", "final"),
            ("account_id", account),
            ("method_name", method),
            ("args_base64", &base64(args.as_bytes())),
        ] {
            let _ = Reflect::set(&params, &k.into(), &v.into());
        }
        view_return(&self.request("query", params.into()).await?)
    }

    /// The current epoch height: RPC `validators` with `[null]` (the latest epoch), whose
    /// answer carries `epoch_height`.
    pub async fn epoch_height(&self) -> Result<u64, RpcError> {
        let params = js_sys::Array::of1(&JsValue::NULL);
        let result = self.request("validators", params.into()).await?;
        get(&result, "epoch_height")
            .as_f64()
            .map(|h| h as u64)
            .ok_or_else(|| RpcError::Decode("no epoch_height".into()))
    }

    /// The epoch clock, read as `stake-router exit` reads it: `validators` (`[null]`: the epoch
    /// and its first block), `EXPERIMENTAL_protocol_config` (the epoch length) and two
    /// `block`s, the final head and the one the block time is measured from
    /// (`router_core::exit_track::clock_reference_height`), composed by
    /// `router_core::exit_track::epoch_clock`.
    pub async fn epoch_clock(&self) -> Result<router_core::exit_quote::EpochClock, RpcError> {
        use router_core::exit_track::{clock_reference_height, epoch_clock};
        let number = |v: &JsValue, key: &str, what: &str| {
            get(v, key).as_f64().map(|n| n as u64).ok_or_else(|| RpcError::Decode(format!("{what}: no {key}")))
        };
        let finality = || {
            let o = js_sys::Object::new();
            let _ = Reflect::set(&o, &"finality".into(), &"final".into());
            o
        };
        // The epoch, its length and the head at once; then the block the clock is measured from.
        let (validators, config, head) = futures_util::future::join3(
            self.request("validators", js_sys::Array::of1(&JsValue::NULL).into()),
            self.request("EXPERIMENTAL_protocol_config", finality().into()),
            self.request("block", finality().into()),
        )
        .await;
        let validators = validators?;
        let epoch_height = number(&validators, "epoch_height", "validators")?;
        let start = number(&validators, "epoch_start_height", "validators")?;
        let epoch_length = number(&config?, "epoch_length", "EXPERIMENTAL_protocol_config")?;
        let header = |block: JsValue| -> Result<(u64, u64), RpcError> {
            let h = get(&block, "header");
            Ok((number(&h, "height", "block")?, number(&h, "timestamp", "block")?))
        };
        let head = header(head?)?;
        let at = js_sys::Object::new();
        let _ = Reflect::set(&at, &"block_id".into(), &(clock_reference_height(head.0, start) as f64).into());
        let earlier = header(self.request("block", at.into()).await?)?;
        Ok(epoch_clock(epoch_height, start, epoch_length, head, earlier))
    }

    /// The current epoch's validators and their stakes: RPC `validators` with `[null]`,
    /// `current_validators[].{account_id, stake}` (for the concentration guard).
    pub async fn current_validators(&self) -> Result<Vec<(router_core::AccountId, u128)>, RpcError> {
        let params = js_sys::Array::of1(&JsValue::NULL);
        let result = self.request("validators", params.into()).await?;
        let answer: crate::guards::ValidatorsAnswer =
            serde_wasm_bindgen::from_value(result).map_err(|e| RpcError::Decode(format!("validators: {e}")))?;
        Ok(answer.stakes())
    }

    /// The chain's gas prices: RPC `gas_price` (`[null]`: the latest block) and
    /// `EXPERIMENTAL_protocol_config`'s `runtime_config.min_gas_purchase_price` (0 when a node
    /// does not report it: protocols before 85).
    pub async fn gas_prices(&self) -> Result<router_core::signer_cost::GasPrices, RpcError> {
        let yocto = |v: JsValue, what: &str| -> Result<u128, RpcError> {
            let text = v.as_string().or_else(|| v.as_f64().map(|n| format!("{n:.0}")));
            text.and_then(|t| t.parse().ok()).ok_or_else(|| RpcError::Decode(format!("{what} is not an amount")))
        };
        let price = self.request("gas_price", js_sys::Array::of1(&JsValue::NULL).into()).await?;
        let gas_price = yocto(get(&price, "gas_price"), "gas_price")?;
        let finality = js_sys::Object::new();
        let _ = Reflect::set(&finality, &"finality".into(), &"final".into());
        let config = self.request("EXPERIMENTAL_protocol_config", finality.into()).await?;
        let min = get(&get(&config, "runtime_config"), "min_gas_purchase_price");
        let min_purchase_price =
            if min.is_undefined() || min.is_null() { 0 } else { yocto(min, "min_gas_purchase_price")? };
        Ok(router_core::signer_cost::GasPrices { gas_price, min_purchase_price })
    }

    /// A sent transaction's final outcome: RPC `tx` (`tx_hash`, `sender_account_id`, waiting
    /// for `FINAL`), for a wallet that answered with a hash only.
    pub async fn tx_outcome(&self, hash: &str, sender: &str) -> Result<JsValue, RpcError> {
        let params = js_sys::Object::new();
        for (k, v) in [("tx_hash", hash), ("sender_account_id", sender), ("wait_until", "FINAL")] {
            let _ = Reflect::set(&params, &k.into(), &v.into());
        }
        self.request("tx", params.into()).await
    }

    /// RPC `view_account` of `account`.
    pub async fn view_account<T: DeserializeOwned>(&self, account: &str) -> Result<T, RpcError> {
        let params = js_sys::Object::new();
        for (k, v) in [("request_type", "view_account"), ("finality", "final"), ("account_id", account)] {
            let _ = Reflect::set(&params, &k.into(), &v.into());
        }
        let result = self.request("query", params.into()).await?;
        serde_wasm_bindgen::from_value(result).map_err(|e| RpcError::Decode(format!("view_account: {e}")))
    }
}

/// A JSON-RPC answer's `result`, or why it is an error: a JSON-RPC `error` object, no result, or
/// a view that failed (`result.error`). Shared by [`Rpc`]'s requests and answers read before the
/// module loaded (`index.js` reads the router's views while the wasm downloads).
pub fn answer_result(answer: JsValue) -> Result<JsValue, RpcError> {
    let error = get(&answer, "error");
    if !error.is_undefined() && !error.is_null() {
        let cause = get(&get(&error, "cause"), "name").as_string().unwrap_or_default();
        let name = get(&error, "name").as_string().unwrap_or_default();
        let info = get(&get(&error, "cause"), "info");
        let detail = get(&info, "error_message").as_string().or_else(|| get(&error, "data").as_string());
        let transient = name == "INTERNAL_ERROR"
            || matches!(cause.as_str(), "TIMEOUT_ERROR" | "NO_SYNCED_BLOCKS" | "UNAVAILABLE_SHARD" | "INTERNAL_ERROR");
        let message = detail.unwrap_or_else(|| if cause.is_empty() { text(&error) } else { cause.clone() });
        return Err(RpcError::Rpc { cause, message, transient });
    }
    let result = get(&answer, "result");
    if result.is_undefined() || result.is_null() {
        return Err(RpcError::Decode("no result".into()));
    }
    let view_error = get(&result, "error");
    if !view_error.is_undefined() && !view_error.is_null() {
        return Err(RpcError::View(text(&view_error)));
    }
    Ok(result)
}

/// A view's return as a JS value: the JSON in a `call_function` query's `result.result` bytes.
pub fn view_return(result: &JsValue) -> Result<JsValue, RpcError> {
    let bytes = get(result, "result");
    if !js_sys::Array::is_array(&bytes) && !bytes.is_instance_of::<Uint8Array>() {
        return Err(RpcError::Decode("result.result is not bytes".into()));
    }
    let bytes = Uint8Array::new(&bytes).to_vec();
    let json = String::from_utf8(bytes).map_err(|_| RpcError::Decode("not UTF-8".into()))?;
    JSON::parse(&json).map_err(|e| RpcError::Decode(text(&e)))
}

/// Decodes the JSON-RPC `answer` to a view of `method` into `T`, as [`Rpc::view`] does.
pub fn view_answer<T: DeserializeOwned>(answer: JsValue, method: &str) -> Result<T, RpcError> {
    view_decode(view_return(&answer_result(answer)?)?, method)
}

/// Decodes a view's return (as [`Rpc::view_value`] gives it) into `T`.
pub fn view_decode<T: DeserializeOwned>(value: JsValue, method: &str) -> Result<T, RpcError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| RpcError::Decode(format!("{method}: {e}")))
}

/// Attempts before giving up, and the first delay (doubled after each failure).
pub const ATTEMPTS: u32 = 5;
const FIRST_DELAY_MS: i32 = 500;

/// Runs `op` until it succeeds, fails for good, or [`ATTEMPTS`] transient failures happened;
/// `on_retry(attempt, delay_ms, error)` is told before each wait.
pub async fn with_retry<T, F, Fut>(mut op: F, mut on_retry: impl FnMut(u32, i32, &RpcError)) -> Result<T, RpcError>
where
    F: FnMut() -> Fut,
    Fut: core::future::Future<Output = Result<T, RpcError>>,
{
    let mut delay = FIRST_DELAY_MS;
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(v) => return Ok(v),
            Err(e) if e.is_transient() && attempt < ATTEMPTS => {
                on_retry(attempt, delay, &e);
                sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}
