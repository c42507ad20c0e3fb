//! Test helpers: the RPC stub as an in-page transport, a recording wallet, DOM helpers.

use crate::common::{FIXTURES, RPC_ANSWER_JS};
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use router_core::{Profile, Target};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use widget::data::{RouterConfigView, RouterData};
use widget::WidgetHandle;

/// The fixtures as a JS object (a fresh copy each call).
pub fn fixtures() -> JsValue {
    JSON::parse(FIXTURES).unwrap()
}

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |v, k| Reflect::get(&v, &(*k).into()).unwrap())
}

/// The router's views in the fixtures, as the widget reads them.
pub fn router_data(fx: &JsValue) -> RouterData {
    RouterData {
        targets: serde_wasm_bindgen::from_value::<Vec<Target>>(get(fx, &["views", "get_targets"])).unwrap(),
        profiles: serde_wasm_bindgen::from_value::<Vec<Profile>>(get(fx, &["views", "get_profiles"])).unwrap(),
        config: serde_wasm_bindgen::from_value::<RouterConfigView>(get(fx, &["views", "get_config"])).unwrap(),
    }
}

/// A value as plain JSON-shaped JS (strings for yocto, objects for maps).
pub fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

/// The stand-in node: answers from the fixtures; can fail the next requests as a network would.
pub struct Stub {
    pub fx: JsValue,
    pub fail_next: Rc<Cell<u32>>,
    pub delay_ms: Rc<Cell<i32>>,
    pub requests: Rc<Cell<u32>>,
    /// Each request's view method (`params.method_name`) or else its JSON-RPC method, in order.
    pub asked: Rc<RefCell<Vec<String>>>,
    /// Requests of this JSON-RPC method are held unanswered until [`Stub::release`].
    pub hold: Rc<RefCell<Option<&'static str>>>,
    held: Rc<RefCell<Vec<(Function, JsValue)>>>,
    pub transport: Function,
    answer: Function,
    _closure: Closure<dyn FnMut(JsValue) -> JsValue>,
}

impl Stub {
    pub fn new(fx: JsValue) -> Stub {
        let make: Function = js_sys::eval(RPC_ANSWER_JS).unwrap().unchecked_into();
        let answer: Function = make.call1(&JsValue::NULL, &fx).unwrap().unchecked_into();
        let (fail_next, delay_ms, requests) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let (hold, held) = (Rc::new(RefCell::new(None::<&'static str>)), Rc::new(RefCell::new(Vec::new())));
        let asked = Rc::new(RefCell::new(Vec::new()));
        let (f, d, r, h, hd) = (fail_next.clone(), delay_ms.clone(), requests.clone(), hold.clone(), held.clone());
        let log = asked.clone();
        let stub_answer = answer.clone();
        let closure = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |req: JsValue| -> JsValue {
            r.set(r.get() + 1);
            let view = Reflect::get(&req, &"params".into()).and_then(|p| Reflect::get(&p, &"method_name".into()));
            let rpc_method = Reflect::get(&req, &"method".into());
            log.borrow_mut().push(
                view.ok()
                    .and_then(|v| v.as_string())
                    .or(rpc_method.ok().and_then(|m| m.as_string()))
                    .unwrap_or_default(),
            );
            if f.get() > 0 {
                f.set(f.get() - 1);
                return Promise::reject(&js_sys::Error::new("Failed to fetch").into()).into();
            }
            let response = answer.call1(&JsValue::NULL, &req).unwrap();
            let method = Reflect::get(&req, &"method".into()).unwrap().as_string().unwrap_or_default();
            if h.borrow().is_some_and(|m| m == method) {
                let hd = hd.clone();
                return Promise::new(&mut |resolve, _| hd.borrow_mut().push((resolve, response.clone()))).into();
            }
            let delay = d.get();
            if delay == 0 {
                return Promise::resolve(&response).into();
            }
            Promise::new(&mut |resolve, _| {
                let later = Function::new_with_args("resolve, value", "return () => resolve(value)")
                    .call2(&JsValue::NULL, &resolve, &response)
                    .unwrap();
                let _ = web_sys::window()
                    .unwrap()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), delay);
            })
            .into()
        });
        let transport = closure.as_ref().clone().unchecked_into();
        Stub { fx, fail_next, delay_ms, requests, asked, hold, held, transport, answer: stub_answer, _closure: closure }
    }

    /// Answers every held request and stops holding.
    pub fn release(&self) {
        *self.hold.borrow_mut() = None;
        for (resolve, response) in self.held.borrow_mut().drain(..) {
            resolve.call1(&JsValue::NULL, &response).unwrap();
        }
    }

    /// The stand-in node's answer to one JSON-RPC request object.
    pub fn answer_to(&self, request: &JsValue) -> JsValue {
        self.answer.call1(&JsValue::NULL, request).unwrap()
    }

    /// The JSON-RPC answers to the router's first views as `js/prefetch.js` reads them before the
    /// module loads (`get_targets`, `get_profiles`, `get_config`).
    pub fn first_views(&self) -> js_sys::Array {
        let router = get(&self.fx, &["router_id"]);
        let answers = js_sys::Array::new();
        for method in ["get_targets", "get_profiles", "get_config"] {
            let req = serde_json::json!({ "jsonrpc": "2.0", "id": "stake-router-widget", "method": "query",
                "params": { "request_type": "call_function", "finality": "final", "account_id": router.as_string(),
                    "method_name": method, "args_base64": "e30=" } });
            answers.push(&self.answer_to(&JSON::parse(&req.to_string()).unwrap()));
        }
        answers
    }

    /// How many requests are held.
    pub fn held(&self) -> usize {
        self.held.borrow().len()
    }

    /// The stand-in node's answer to a JSON-RPC request, as JSON: the `result` (a view's return
    /// decoded from its bytes), or the `error` as `Err` text.
    pub fn json(&self, method: &str, params: serde_json::Value) -> Result<serde_json::Value, String> {
        let req = serde_json::json!({ "jsonrpc": "2.0", "id": "test", "method": method, "params": params });
        let req = JSON::parse(&req.to_string()).unwrap();
        let response = self.answer.call1(&JsValue::NULL, &req).unwrap();
        let response: serde_json::Value =
            serde_json::from_str(&JSON::stringify(&response).unwrap().as_string().unwrap()).unwrap();
        if let Some(e) = response.get("error") {
            return Err(e.to_string());
        }
        let result = response["result"].clone();
        if let Some(e) = result.get("error") {
            return Err(e.to_string());
        }
        match result.get("result").and_then(|b| b.as_array()) {
            Some(bytes) if method == "query" => {
                let bytes: Vec<u8> = bytes.iter().map(|b| b.as_u64().unwrap() as u8).collect();
                Ok(serde_json::from_slice(&bytes).unwrap())
            }
            _ => Ok(result),
        }
    }

    /// `account.method(args)` at `at` (`None`: final), as the stand-in node answers it.
    pub fn view(
        &self,
        account: &str,
        method: &str,
        args: &serde_json::Value,
        at: Option<u64>,
    ) -> Result<serde_json::Value, String> {
        let mut params = serde_json::json!({ "request_type": "call_function", "account_id": account,
            "method_name": method, "args_base64": widget::rpc::base64(args.to_string().as_bytes()) });
        match at {
            Some(h) => params["block_id"] = h.into(),
            None => params["finality"] = "final".into(),
        }
        self.json("query", params)
    }

    /// Replaces one of the router's views (`None` removes it: the view then fails).
    pub fn set_view(&self, method: &str, value: Option<JsValue>) {
        let views = get(&self.fx, &["views"]);
        match value {
            Some(v) => Reflect::set(&views, &method.into(), &v).unwrap(),
            None => Reflect::delete_property(views.unchecked_ref::<Object>(), &method.into()).unwrap(),
        };
    }
}

/// What the test wallet does when asked to sign.
#[derive(Clone, Debug)]
pub enum Mode {
    Send(&'static str),
    /// Resolves to this outcome JSON (a chain failure, a return value, ...).
    Outcome(&'static str),
    Reject,
    Fail(&'static str),
    /// Rejects with the value of this JS expression (an error object as a library makes it).
    FailWith(&'static str),
}

/// A wallet that records every transaction (as JSON text) and answers per [`Mode`].
pub struct TestWallet {
    pub obj: JsValue,
    pub sent: Rc<RefCell<Vec<String>>>,
    pub mode: Rc<RefCell<Mode>>,
    _closure: Closure<dyn FnMut(JsValue) -> JsValue>,
}

impl TestWallet {
    pub fn new(account: &str) -> TestWallet {
        let sent = Rc::new(RefCell::new(Vec::new()));
        let mode = Rc::new(RefCell::new(Mode::Send("TxHash111")));
        let (s, m) = (sent.clone(), mode.clone());
        let closure = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |tx: JsValue| -> JsValue {
            s.borrow_mut().push(JSON::stringify(&tx).unwrap().as_string().unwrap());
            match &*m.borrow() {
                Mode::Send(hash) => Promise::resolve(
                    &JSON::parse(&format!(r#"{{"transaction":{{"hash":"{hash}"}},"status":{{"SuccessValue":""}}}}"#))
                        .unwrap(),
                )
                .into(),
                Mode::Outcome(json) => Promise::resolve(&JSON::parse(json).unwrap()).into(),
                Mode::Reject => Promise::reject(&js_sys::Error::new("User rejected the request").into()).into(),
                Mode::Fail(msg) => Promise::reject(&js_sys::Error::new(msg).into()).into(),
                Mode::FailWith(js) => Promise::reject(&js_sys::eval(js).unwrap()).into(),
            }
        });
        let obj = Object::new();
        Reflect::set(&obj, &"accountId".into(), &account.into()).unwrap();
        Reflect::set(&obj, &"signAndSendTransaction".into(), closure.as_ref()).unwrap();
        TestWallet { obj: obj.into(), sent, mode, _closure: closure }
    }
}

/// A config object for `mount`.
pub fn config(stub: &Stub, wallet: Option<&TestWallet>, extra: &[(&str, JsValue)]) -> JsValue {
    let c = Object::new();
    Reflect::set(&c, &"routerId".into(), &get(&stub.fx, &["router_id"])).unwrap();
    Reflect::set(&c, &"rpcUrl".into(), &"https://rpc.stub.invalid".into()).unwrap();
    Reflect::set(&c, &"rpcTransport".into(), &stub.transport).unwrap();
    Reflect::set(&c, &"presets".into(), &Array::of2(&"1".into(), &"10".into())).unwrap();
    if let Some(w) = wallet {
        Reflect::set(&c, &"wallet".into(), &w.obj).unwrap();
    }
    for (k, v) in extra {
        Reflect::set(&c, &(*k).into(), v).unwrap();
    }
    c.into()
}

/// A fresh host element in the page.
pub fn host() -> Element {
    let doc = widget::dom::document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    host
}

/// Mounts into a fresh host and waits until the router's views are shown.
pub async fn mounted(stub: &Stub, wallet: Option<&TestWallet>) -> (Element, WidgetHandle) {
    let host = host();
    let handle = widget::mount(host.clone(), config(stub, wallet, &[])).unwrap();
    wait_until(|| q(&host, "[data-srw=profile]").is_some(), "the profiles").await;
    if wallet.is_some() {
        wait_until(|| text(&host, "[data-srw=account]").contains("available"), "the balance").await;
    }
    (host, handle)
}

/// Polls `done` every 10 ms for up to 5 s.
pub async fn wait_until(mut done: impl FnMut() -> bool, what: &str) {
    for _ in 0..500 {
        if done() {
            return;
        }
        widget::rpc::sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

pub fn q(host: &Element, selector: &str) -> Option<Element> {
    host.query_selector(selector).unwrap()
}

pub fn all(host: &Element, selector: &str) -> Vec<Element> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.get(i).unwrap().unchecked_into()).collect()
}

pub fn text(host: &Element, selector: &str) -> String {
    q(host, selector).and_then(|e| e.text_content()).unwrap_or_default()
}

fn dispatch(el: &Element, kind: &str) {
    Function::new_with_args("el, kind", "el.dispatchEvent(new Event(kind, { bubbles: true }))")
        .call2(&JsValue::NULL, el, &kind.into())
        .unwrap();
}

/// Types `value` into the input matching `selector` (sets it and fires `input`).
pub fn type_into(host: &Element, selector: &str, value: &str) {
    let el = q(host, selector).unwrap_or_else(|| panic!("no {selector}"));
    widget::dom::input(&el).set_value(value);
    dispatch(&el, "input");
}

/// Clicks the element matching `selector`.
pub fn click(host: &Element, selector: &str) {
    let el = q(host, selector).unwrap_or_else(|| panic!("no {selector}"));
    widget::dom::html(&el).click();
}

/// The legs the preview shows: (target, exact yocto as shown in `data-amount`).
pub fn legs_shown(host: &Element) -> Vec<(String, String)> {
    all(host, "[data-srw=leg]")
        .iter()
        .map(|l| (l.get_attribute("data-target").unwrap(), l.get_attribute("data-amount").unwrap()))
        .collect()
}
