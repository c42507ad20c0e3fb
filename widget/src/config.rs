//! The widget's configuration, read from the host's JS object (`mount`, `update`, or the
//! custom element's attributes, which the element's glue turns into the same object).
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `routerId` | string | the router contract (required) |
//! | `rpcUrl` | string | NEAR JSON-RPC endpoint (required unless `rpcTransport`) |
//! | `rpcTransport` | `(request) => Promise<response>` | replaces `fetch` (a host provider, tests) |
//! | `wallet` | `{ accountId, signAndSendTransaction }` | the host's wallet; `null` disconnects |
//! | `defaultProfile` | string | the profile chosen at first (else `balanced`, else the first) |
//! | `presets` | string[] (NEAR) | quick amount buttons, e.g. `["10", "100"]` |
//! | `strings` | `{ key: text }` | overrides for other languages (`defaultStrings()` lists keys) |
//! | `theme` | `{ name: value }` | CSS custom properties, `accent` -> `--srw-accent` |
//! | `explorerTxUrl` | string | link for a sent transaction, `{hash}` is replaced |
//!
//! `update(config)` changes only the keys it names.

use crate::strings::Strings;
use crate::wallet::Wallet;
use js_sys::{Array, Function, Object, Reflect};
use router_core::AccountId;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// The configuration in force.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The router contract.
    pub router_id: Option<AccountId>,
    /// The JSON-RPC endpoint.
    pub rpc_url: String,
    /// A host transport replacing `fetch`.
    pub rpc_transport: Option<Function>,
    /// The host's wallet.
    pub wallet: Option<Wallet>,
    /// The profile chosen at first.
    pub default_profile: Option<String>,
    /// Quick amounts in NEAR.
    pub presets: Vec<String>,
    /// Text overrides.
    pub strings: Strings,
    /// CSS custom properties (full `--srw-...` names).
    pub theme: Vec<(String, String)>,
    /// Explorer link template with `{hash}`.
    pub explorer_tx_url: Option<String>,
}

/// Which parts of the widget an update touches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// Router id or RPC: reload everything.
    pub source: bool,
    /// Wallet: reload the account's proxy and balance.
    pub wallet: bool,
}

fn get(v: &JsValue, key: &str) -> Option<JsValue> {
    if !v.is_object() || !Reflect::has(v, &key.into()).unwrap_or(false) {
        return None;
    }
    Reflect::get(v, &key.into()).ok()
}

fn string_map(v: &JsValue) -> Vec<(String, String)> {
    let Some(obj) = v.dyn_ref::<Object>() else { return Vec::new() };
    Object::entries(obj)
        .iter()
        .filter_map(|e| {
            let pair: Array = e.unchecked_into();
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// A theme key as a CSS custom property: `accent` -> `--srw-accent`; `--x` stays.
pub fn theme_property(key: &str) -> String {
    if key.starts_with("--") {
        key.to_string()
    } else {
        format!("--srw-{key}")
    }
}

impl Config {
    /// Applies the keys present in `v`; errors name the bad key.
    pub fn apply(&mut self, v: &JsValue) -> Result<Changed, String> {
        let mut changed = Changed::default();
        if let Some(r) = get(v, "routerId") {
            let id = r.as_string().ok_or("routerId must be a string")?;
            let id: AccountId = id.parse().map_err(|e| format!("routerId {id:?} is not an account id: {e}"))?;
            changed.source |= self.router_id.as_ref() != Some(&id);
            self.router_id = Some(id);
        }
        if let Some(u) = get(v, "rpcUrl") {
            let url = u.as_string().unwrap_or_default();
            changed.source |= url != self.rpc_url;
            self.rpc_url = url;
        }
        if let Some(t) = get(v, "rpcTransport") {
            let transport = t.dyn_into::<Function>().ok();
            let same = match (&self.rpc_transport, &transport) {
                (Some(a), Some(b)) => JsValue::from(a) == JsValue::from(b),
                (None, None) => true,
                _ => false,
            };
            changed.source |= !same;
            self.rpc_transport = transport;
        }
        if let Some(w) = get(v, "wallet") {
            let wallet = if w.is_null() || w.is_undefined() {
                None
            } else {
                Some(Wallet::from_js(w).ok_or("wallet must have a signAndSendTransaction function")?)
            };
            changed.wallet = true;
            self.wallet = wallet;
        }
        if let Some(p) = get(v, "defaultProfile") {
            self.default_profile = p.as_string().filter(|s| !s.is_empty());
        }
        if let Some(p) = get(v, "presets") {
            let list = p.dyn_into::<Array>().map_err(|_| "presets must be an array of strings")?;
            self.presets = list
                .iter()
                .filter_map(|x| {
                    x.as_string().or_else(|| {
                        x.dyn_ref::<js_sys::Number>().and_then(|n| n.to_string_with_radix(10).ok()).map(String::from)
                    })
                })
                .collect();
        }
        if let Some(s) = get(v, "strings") {
            self.strings = Strings::new(string_map(&s).into_iter().collect::<BTreeMap<_, _>>());
        }
        if let Some(t) = get(v, "theme") {
            self.theme = string_map(&t).into_iter().map(|(k, v)| (theme_property(&k), v)).collect();
        }
        if let Some(e) = get(v, "explorerTxUrl") {
            self.explorer_tx_url = e.as_string().filter(|s| !s.is_empty());
        }
        if self.router_id.is_none() {
            return Err("routerId is required".into());
        }
        if self.rpc_url.is_empty() && self.rpc_transport.is_none() {
            return Err("rpcUrl is required".into());
        }
        Ok(changed)
    }

    /// The connected account, if the wallet has one and it is a valid id.
    pub fn account(&self) -> Option<AccountId> {
        self.wallet.as_ref()?.account_id()?.parse().ok()
    }
}
