//! The transaction handed to the wallet, in the shape every NEAR wallet library takes.
//!
//! The widget builds each call as wallet-selector's `FunctionCall` action (`{ type:
//! "FunctionCall", params: { methodName, args, gas, deposit } }`, gas and deposit as decimal
//! strings). What the libraries take differs by version:
//!
//! - `@near-wallet-selector/core` 10.x types `actions` as near-api-js `Action`s
//!   (`@near-js/transactions`): `{ functionCall: { methodName, args: Uint8Array, gas: bigint,
//!   deposit: bigint }, enum: "functionCall" }`; its wallet modules sign them with borsh (which
//!   reads the action's first key) or convert them with `najActionToInternal` (which reads
//!   `functionCall`);
//! - wallet-selector 8.x and 9.x modules read `type` and `params`;
//! - near-connect takes either (`"type" in action` keeps it as is).
//!
//! So each action is both: its own keys are `functionCall` (first), `enum`, `type` and
//! `params`, and a non-enumerable `toJSON` gives the `{type, params}` form (a bigint has no JSON
//! form), which is what a wallet that posts the transaction as JSON sends. Nothing but
//! `FunctionCall` actions is ever built.

use js_sys::{Array, BigInt, Function, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(o: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(o, &key.into(), value);
}

fn bigint(v: &JsValue) -> JsValue {
    let text = v.as_string().unwrap_or_else(|| "0".into());
    BigInt::new(&JsValue::from_str(&text)).map(JsValue::from).unwrap_or_else(|_| v.clone())
}

/// One wallet-selector `FunctionCall` action (`{type, params}`) as the action every library
/// takes (see the module docs).
pub fn action(internal: &JsValue) -> JsValue {
    let params = get(internal, "params");
    let args = get(&params, "args");
    let json = JSON::stringify(&args).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "{}".into());
    let call = Object::new();
    set(&call, "methodName", &get(&params, "methodName"));
    set(&call, "args", &Uint8Array::from(json.as_bytes()).into());
    set(&call, "gas", &bigint(&get(&params, "gas")));
    set(&call, "deposit", &bigint(&get(&params, "deposit")));
    let action = Object::new();
    set(&action, "functionCall", &call.into());
    set(&action, "enum", &"functionCall".into());
    set(&action, "type", &"FunctionCall".into());
    set(&action, "params", &params);
    // `toJSON`: the {type, params} form, through `valueOf` bound to it (no code is evaluated).
    let value_of: Function = get(&Object::new().into(), "valueOf").unchecked_into();
    let plain = Object::new();
    set(&plain, "type", &"FunctionCall".into());
    set(&plain, "params", &params);
    let descriptor = Object::new();
    set(&descriptor, "value", &value_of.bind0(&plain).into());
    set(&descriptor, "enumerable", &JsValue::FALSE);
    Object::define_property(&action, &"toJSON".into(), &descriptor);
    action.into()
}

/// A transaction in wallet-selector's `{receiverId, actions}` shape, as handed to the wallet:
/// each action as [`action`] makes it, and `signerId` when the widget knows the account and the
/// wallet signs for one of several (`getAccounts`).
pub fn transaction(internal: &JsValue, signer: Option<&str>) -> JsValue {
    let tx = Object::new();
    if let Some(signer) = signer {
        set(&tx, "signerId", &signer.into());
    }
    set(&tx, "receiverId", &get(internal, "receiverId"));
    let actions = get(internal, "actions");
    let out = Array::new();
    if let Some(list) = actions.dyn_ref::<Array>() {
        for a in list.iter() {
            out.push(&action(&a));
        }
    }
    set(&tx, "actions", &out.into());
    tx.into()
}
