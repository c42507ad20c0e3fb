//! One mounted widget: its state, its view, the event listeners and the handle given to JS.

use crate::config::Config;
use crate::inner::Inner;
use crate::input::Choice;
use crate::loader;
use crate::state::{State, Status};
use crate::tx::deposit_transaction;
use crate::view::View;
use crate::wallet::Outcome;
use crate::{dom, style};
use router_core::TargetStatus;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event};

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// What `mount` returns: `update(config)` and `unmount()`.
#[wasm_bindgen]
pub struct WidgetHandle {
    inner: Option<Rc<Inner>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Changes the keys `config` names (a new wallet, strings, presets, theme, router...).
    pub fn update(&self, config: JsValue) -> Result<(), JsError> {
        let Some(inner) = &self.inner else { return Ok(()) };
        let mut next = inner.state.borrow().config.clone();
        let changed = next.apply(&config).map_err(|e| JsError::new(&e))?;
        inner.state.borrow_mut().config = next;
        inner.apply_theme();
        if changed.source {
            loader::load_source(inner, false);
            loader::load_account(inner);
        } else if changed.wallet {
            loader::load_account(inner);
        }
        if changed.figures && !changed.source {
            crate::figure_loader::load(inner, false);
        }
        if changed.source || changed.wallet {
            // An exit's message was about the previous account.
            let mut st = inner.state.borrow_mut();
            st.exit_status = crate::state::Status::Idle;
            st.exit_action.clear();
        }
        inner.render();
        Ok(())
    }

    /// Removes the widget and its listeners; pending network answers are ignored. Safe to
    /// call twice.
    pub fn unmount(&mut self) {
        let Some(inner) = self.inner.take() else { return };
        inner.alive.set(false);
        let view = inner.view.borrow();
        for (kind, closure) in inner.listeners.borrow_mut().drain(..) {
            let _ = view.form.remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
            let _ = view.position.remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        }
        let _ = inner.host.remove_child(&view.root);
    }

    /// Whether the widget is mounted.
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        self.inner.is_some()
    }
}

/// Mounts a widget inside `element` (appended after its current children).
pub fn mount(element: Element, config: JsValue) -> Result<WidgetHandle, JsError> {
    mount_with_views(element, config, None)
}

/// [`mount`], with the router's first views already being read: `early` is a promise of the
/// JSON-RPC answers to `get_targets`, `get_profiles` and `get_config` (`loader::FIRST_VIEWS`),
/// or of `null`. The package's `index.js` starts that read before the wasm module has
/// downloaded, so the first render does not wait for the module and then for the node.
pub fn mount_with_views(
    element: Element,
    config: JsValue,
    early: Option<js_sys::Promise>,
) -> Result<WidgetHandle, JsError> {
    let mut cfg = Config::default();
    cfg.apply(&config).map_err(|e| JsError::new(&e))?;
    style::install(&element);
    let view = View::build(&format!("srw{}", NEXT_ID.fetch_add(1, Ordering::Relaxed)));
    element.append_child(&view.root).map_err(|_| JsError::new("cannot append to the element"))?;
    let inner = Rc::new(Inner {
        state: RefCell::new(State::new(cfg)),
        view: RefCell::new(view),
        host: element,
        listeners: RefCell::new(Vec::new()),
        theme: RefCell::new(Vec::new()),
        alive: Cell::new(true),
    });
    for kind in ["input", "change", "click", "submit"] {
        let weak = Rc::downgrade(&inner);
        let closure = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            if let Some(inner) = weak.upgrade() {
                on_event(&inner, &ev);
            }
        });
        let form = inner.view.borrow().form.clone();
        let _ = form.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        if kind == "click" || kind == "change" {
            let position = inner.view.borrow().position.clone();
            let _ = position.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        }
        inner.listeners.borrow_mut().push((kind, closure));
    }
    inner.apply_theme();
    inner.render();
    loader::load_source_with(&inner, false, early);
    loader::load_account(&inner);
    Ok(WidgetHandle { inner: Some(inner) })
}

fn on_event(inner: &Rc<Inner>, ev: &Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    if target.closest("[data-srw=position]").ok().flatten().is_some() {
        match ev.type_().as_str() {
            "click" => crate::position::actions::on_click(inner, &target),
            "change" => crate::position::actions::on_change(inner, &target),
            _ => {}
        }
        return;
    }
    let Some(el) = target.closest("[data-srw]").ok().flatten() else { return };
    let name = el.get_attribute("data-srw").unwrap_or_default();
    let value = || dom::input(&el).value();
    match (ev.type_().as_str(), name.as_str()) {
        ("submit", _) => {
            ev.prevent_default();
            stake(inner);
            return;
        }
        ("input", "amount") => {
            let mut st = inner.state.borrow_mut();
            st.amount_text = value();
            st.touched = true;
        }
        ("input", "bps") => {
            let target = el.get_attribute("data-target").unwrap_or_default();
            if let Choice::Custom(shares) = &mut inner.state.borrow_mut().choice {
                if let Some(share) = shares.iter_mut().find(|(a, _)| a.as_str() == target) {
                    share.1 = value();
                }
            }
        }
        ("change", "stored") => inner.state.borrow_mut().choice = Choice::Stored,
        ("change", "profile") => {
            inner.state.borrow_mut().choice = Choice::Profile(value());
            crate::guard_loader::load_guards(inner, true);
        }
        ("change", "custom") => {
            let shares = custom_from_current(&inner.state.borrow());
            inner.state.borrow_mut().choice = Choice::Custom(shares.clone());
            inner.render();
            inner.view.borrow().fill_custom(&shares);
        }
        ("click", "preset" | "max") if el.get_attribute("aria-disabled").as_deref() != Some("true") => {
            let amount = el.get_attribute("data-amount").unwrap_or_default();
            inner.view.borrow().set_amount(&amount);
            let mut st = inner.state.borrow_mut();
            st.amount_text = amount;
            st.touched = true;
        }
        ("click", "guards-retry") => crate::guard_loader::load_guards(inner, true),
        ("click", "figures-retry") => crate::figure_loader::load(inner, false),
        ("click", "retry") => {
            loader::load_source(inner, false);
            loader::load_account(inner);
        }
        _ => return,
    }
    inner.state.borrow_mut().forget_failure();
    inner.render();
}

/// A custom split starting from the chosen profile's current policy, over the active targets.
fn custom_from_current(st: &State) -> Vec<(router_core::AccountId, String)> {
    let Some(data) = st.data.ready() else { return Vec::new() };
    let policy = match &st.choice {
        Choice::Profile(name) => data.profile(name).and_then(|p| p.allocation.resolve(&data.targets).ok()),
        Choice::Custom(_) => None,
        Choice::Stored => st.stored_policy.clone(),
    };
    data.targets
        .iter()
        .filter(|t| t.status == TargetStatus::Active)
        .map(|t| {
            let bps = policy
                .as_ref()
                .and_then(|p| p.legs.iter().find(|l| l.target == t.account_id))
                .map(|l| l.bps.to_string());
            (t.account_id.clone(), bps.unwrap_or_default())
        })
        .collect()
}

fn stake(inner: &Rc<Inner>) {
    let (wallet, tx) = {
        let mut st = inner.state.borrow_mut();
        st.touched = true;
        if st.sending || st.proxy_loading() {
            return;
        }
        let planned = match st.planned() {
            Some(Ok(p)) => p,
            Some(Err(e)) => {
                let about_amount = e.is_about_amount();
                drop(st);
                inner.render();
                if about_amount {
                    let _ = dom::html(&inner.view.borrow().root)
                        .query_selector("[data-srw=amount]")
                        .ok()
                        .flatten()
                        .map(|a| dom::html(&a).focus());
                }
                return;
            }
            None => return,
        };
        let router = st.config.router_id.clone().expect("checked by Config::apply");
        // DAO mode: the proposal the members vote on, not a transaction to sign.
        let tx = deposit_transaction(&router, &planned);
        // The CLI's deposit proposal, for the same `deposit` arguments the wallet would get.
        let deposit_args = serde_json::to_string(&tx.actions[0].params.args).unwrap_or_default();
        let proposal = || router_core::dao_proposal::deposit_proposal(&router, &planned.plan, &deposit_args);
        if let Some(written) = st.dao_writer().map(|w| w.written(proposal())) {
            let on_proposal = st.config.dao.as_ref().and_then(|d| d.on_proposal.clone());
            st.proposal = Some(written.clone());
            st.status = Status::Proposed;
            st.deposit_outcome = None;
            drop(st);
            inner.render();
            // After the state is released: the host may call `update` from its callback.
            crate::dao::hand_over(on_proposal.as_ref(), &written);
            return;
        }
        let Some(wallet) = st.config.wallet.clone() else {
            st.status = Status::Failed(st.config.strings.get(crate::strings::S::ErrNotConnected).to_string());
            drop(st);
            inner.render();
            return;
        };
        st.sending = true;
        st.status = Status::Pending;
        st.deposit_outcome = None;
        (wallet, tx)
    };
    let (strings, signer, rpc, router) = {
        let st = inner.state.borrow();
        let rpc = st.config.rpc();
        (st.config.strings.clone(), st.account.clone(), rpc, tx.receiver_id.clone())
    };
    inner.render();
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let answer = wallet.send(&tx, signer.as_ref().map(|a| a.as_str()), &strings).await;
        // What became of each leg, from the transaction's events (read over RPC when the
        // wallet answered with a hash only).
        let outcome = match (&answer.outcome, &signer) {
            (Outcome::Sent { hash }, Some(signer)) => {
                crate::outcome::read(&rpc, &router, &answer.result, hash.as_deref(), signer).await
            }
            _ => None,
        };
        let Some(inner) = weak.upgrade().filter(|i| i.alive()) else { return };
        let sent = matches!(answer.outcome, Outcome::Sent { .. } | Outcome::ChainFailure(_));
        {
            let mut st = inner.state.borrow_mut();
            st.sending = false;
            st.deposit_outcome = outcome;
            st.status = match answer.outcome {
                Outcome::Sent { hash } => Status::Sent(hash),
                Outcome::ChainFailure(e) => Status::ChainFailed(e),
                Outcome::Rejected => Status::Rejected,
                Outcome::Failed(e) => Status::Failed(e),
            };
        }
        if sent {
            // Routed totals, the proxy and the balance changed: read them again, quietly.
            loader::load_source(&inner, true);
            loader::load_account(&inner);
        }
        inner.render();
    });
}
