//! The widget's configuration, read from the host's JS object (`mount`, `update`, or the
//! custom element's attributes, which the element's glue turns into the same object).
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `routerId` | string | the router contract (required) |
//! | `rpcUrl` | string | NEAR JSON-RPC endpoint (required unless `rpcTransport`) |
//! | `rpcTransport` | `(request) => Promise<response>` | replaces `fetch` (a host provider, tests) |
//! | `wallet` | a wallet-selector or near-connect wallet as they hand it out, or `{ accountId, signAndSendTransaction }` | the host's wallet ([`crate::wallet`]); `null` disconnects |
//! | `defaultProfile` | string | the profile chosen at first (else `balanced`, else the first) |
//! | `presets` | string[] (NEAR) | quick amount buttons, e.g. `["10", "100"]` |
//! | `strings` | `{ key: text }` | overrides for other languages (`defaultStrings()` lists keys) |
//! | `theme` | `{ name: value }` | CSS custom properties, `accent` -> `--srw-accent` |
//! | `explorerTxUrl` | string | link for a sent transaction, `{hash}` is replaced |
//! | `exchange` | `{ accountId, wnearId, pools: { token: poolId } }` | a Ref-shaped exchange where liquid tokens sell at once (swap to wNEAR, then unwrapped); absent: no exchange exit |
//! | `exitSlippageBps` | number | the instant exits' slippage at first (default 50 = 0.5%; the person can change it) |
//! | `depegBandBps` | number | how far below the protocol's rate the market may pay before a token is flagged depegged (default 100) |
//! | `dao` | string or `{ accountId, onProposal }` | the account is this Sputnik DAO: the widget plans for it and writes proposals instead of asking to sign ([`crate::dao`]); `null` leaves DAO mode |
//! | `figureEpochs` | number | the window the yearly rates are measured over, in epochs (default 4; 1 to 100) |
//!
//! `update(config)` changes only the keys it names.

use crate::strings::Strings;
use crate::wallet::Wallet;
use js_sys::{Array, Function, Object, Reflect};
use router_core::exit_quote::ExitTerms;
use router_core::AccountId;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// The configuration in force.
#[derive(Clone, Debug)]
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
    /// The exchange of the instant exits.
    pub exchange: Option<Exchange>,
    /// The instant exits' terms (slippage at first, depeg band).
    pub exit_terms: ExitTerms,
    /// The window of the yearly rates, in epochs.
    pub figure_epochs: u64,
    /// DAO mode: the DAO the account is.
    pub dao: Option<crate::dao::Dao>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            router_id: None,
            rpc_url: String::new(),
            rpc_transport: None,
            wallet: None,
            default_profile: None,
            presets: Vec::new(),
            strings: Strings::default(),
            theme: Vec::new(),
            explorer_tx_url: None,
            exchange: None,
            exit_terms: ExitTerms::default(),
            figure_epochs: router_core::figure_reads::DEFAULT_EPOCHS,
            dao: None,
        }
    }
}

/// A Ref-shaped exchange where liquid tokens sell for wNEAR, which is then unwrapped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// The exchange contract.
    pub account_id: AccountId,
    /// Its wrapped NEAR.
    pub wnear_id: AccountId,
    /// Per liquid token, its pool against wNEAR.
    pub pools: BTreeMap<AccountId, u64>,
}

impl Exchange {
    /// Reads `{ accountId, wnearId, pools: { token: poolId } }`; errors name the bad key.
    fn from_js(v: &JsValue) -> Result<Exchange, String> {
        let id = |key: &str| -> Result<AccountId, String> {
            let text = get(v, key).and_then(|x| x.as_string()).ok_or(format!("exchange.{key} must be a string"))?;
            text.parse().map_err(|e| format!("exchange.{key} {text:?} is not an account id: {e}"))
        };
        let mut pools = BTreeMap::new();
        if let Some(obj) = get(v, "pools").as_ref().and_then(|p| p.dyn_ref::<Object>()) {
            for e in Object::entries(obj).iter() {
                let pair: Array = e.unchecked_into();
                let token = pair.get(0).as_string().unwrap_or_default();
                let token: AccountId = token.parse().map_err(|e| format!("exchange.pools: {token:?}: {e}"))?;
                let pool = pair.get(1);
                let pool = pool.as_f64().or_else(|| pool.as_string().and_then(|s| s.parse().ok()));
                let pool = pool
                    .filter(|p| *p >= 0.0 && p.fract() == 0.0)
                    .ok_or(format!("exchange.pools.{token} must be a pool id"))?;
                pools.insert(token, pool as u64);
            }
        }
        Ok(Exchange { account_id: id("accountId")?, wnear_id: id("wnearId")?, pools })
    }
}

/// Which parts of the widget an update touches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// Router id or RPC: reload everything.
    pub source: bool,
    /// Wallet: reload the account's proxy and balance.
    pub wallet: bool,
    /// The figures' window: read them again.
    pub figures: bool,
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
    /// Where this widget's reads go: its RPC URL, or the host's `rpcTransport`.
    pub fn rpc(&self) -> crate::rpc::Rpc {
        crate::rpc::Rpc { url: self.rpc_url.clone(), transport: self.rpc_transport.clone() }
    }

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
            let mut overrides = BTreeMap::new();
            for (k, v) in string_map(&s) {
                overrides.insert(k, v);
            }
            self.strings = Strings::new(overrides);
        }
        if let Some(t) = get(v, "theme") {
            self.theme = string_map(&t).into_iter().map(|(k, v)| (theme_property(&k), v)).collect();
        }
        if let Some(e) = get(v, "explorerTxUrl") {
            self.explorer_tx_url = e.as_string().filter(|s| !s.is_empty());
        }
        if let Some(x) = get(v, "exchange") {
            let exchange = if x.is_null() || x.is_undefined() { None } else { Some(Exchange::from_js(&x)?) };
            changed.wallet |= exchange != self.exchange;
            self.exchange = exchange;
        }
        for (key, field) in [("exitSlippageBps", 0), ("depegBandBps", 1)] {
            if let Some(b) = get(v, key) {
                let bps = b.as_f64().filter(|b| (0.0..=10_000.0).contains(b) && b.fract() == 0.0);
                let bps = bps.ok_or(format!("{key} must be whole basis points from 0 to 10000"))? as u16;
                match field {
                    0 => self.exit_terms.slippage_bps = bps,
                    _ => self.exit_terms.depeg_band_bps = bps,
                }
            }
        }
        if let Some(d) = get(v, "dao") {
            let dao = if d.is_null() || d.is_undefined() { None } else { Some(crate::dao::Dao::from_js(&d)?) };
            changed.wallet |= dao.as_ref().map(|d| &d.account_id) != self.dao.as_ref().map(|d| &d.account_id);
            self.dao = dao;
        }
        if let Some(e) = get(v, "figureEpochs") {
            let n = e.as_f64().filter(|n| (1.0..=100.0).contains(n) && n.fract() == 0.0);
            let n = n.ok_or("figureEpochs must be a whole number of epochs from 1 to 100")? as u64;
            changed.figures |= n != self.figure_epochs;
            self.figure_epochs = n;
        }
        if self.router_id.is_none() {
            return Err("routerId is required".into());
        }
        if self.rpc_url.is_empty() && self.rpc_transport.is_none() {
            return Err("rpcUrl is required".into());
        }
        Ok(changed)
    }
}
