//! A click on an exit button: reads the amount, the move target and the timer-reset
//! confirmation, builds the exact call ([`super::calls`]) and hands it to the host wallet.

use super::calls::needs_timer_confirm;
use super::calls::{
    claim_transaction, finish_move_transaction, move_transaction, unstake_transaction, withdraw_transaction,
};
use crate::inner::{live, Inner};
use crate::state::Status;
use crate::strings::S;
use crate::tx::Transaction;
use crate::wallet::Outcome;
use router_core::position::DirectPosition;
use router_core::AccountId;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A change in the position section: a liquid exit's amount (its quotes are read again for
/// it) or the instant exits' slippage (the quotes are composed again; nothing is read).
pub(crate) fn on_change(inner: &Rc<Inner>, target: &Element) {
    match target.get_attribute("data-srw").as_deref() {
        Some("exit-token-amount") => {
            let Some(token) = target.get_attribute("data-token").and_then(|t| t.parse::<AccountId>().ok()) else {
                return;
            };
            let text = crate::dom::input(target).value();
            let changed = inner.state.borrow_mut().exit_amounts.insert(token.clone(), text.clone()) != Some(text);
            if changed {
                super::exit_load::load_quote(inner, token);
            }
        }
        Some("exit-slippage") => {
            let bps = target.unchecked_ref::<web_sys::HtmlSelectElement>().value().parse().ok();
            inner.state.borrow_mut().exit_slippage_bps = bps;
        }
        _ => return,
    }
    inner.render();
}

/// A click in the position section: builds the call its button stands for and sends it.
pub(crate) fn on_click(inner: &Rc<Inner>, target: &Element) {
    let Some(b) = target.closest("button[data-srw]").ok().flatten() else { return };
    if b.has_attribute("disabled") {
        return;
    }
    let name = b.get_attribute("data-srw").unwrap_or_default();
    if name.starts_with("liquid-") {
        inner.state.borrow_mut().exit_received = None;
        return super::liquid_actions::on_click(inner, &b, &name);
    }
    let section = inner.view.borrow().position.clone();
    let armed: std::cell::Cell<Option<String>> = std::cell::Cell::new(None);
    let built = {
        let st = inner.state.borrow();
        if st.exit_sending {
            return;
        }
        let s = &st.config.strings;
        let Some(data) = st.position.ready() else { return };
        let pool: Option<AccountId> = b.get_attribute("data-pool").and_then(|p| p.parse().ok());
        let direct = pool.as_ref().and_then(|p| data.position.direct.iter().find(|d| &d.pool_id == p));
        let proxy = data.position.proxy_id.clone();
        let field = |sel: &str| {
            let p = pool.as_ref().map(|p| p.as_str()).unwrap_or_default();
            section.query_selector(&format!("[data-srw={sel}][data-pool=\"{p}\"]")).ok().flatten()
        };
        let amount = || -> Result<Option<u128>, String> {
            let text = field("exit-amount").map(|e| crate::dom::input(&e).value()).unwrap_or_default();
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            router_core::parse_near(text).map(Some).map_err(|e| s.fill(S::PosBadAmount, &[("error", &e.to_string())]))
        };
        let confirm = |d: &DirectPosition| -> Result<bool, String> {
            if !needs_timer_confirm(d) {
                return Ok(false);
            }
            let checked = field("confirm-reset").is_some_and(|e| crate::dom::input(&e).checked());
            if checked {
                Ok(true)
            } else {
                if let Some(e) = field("confirm-reset") {
                    let _ = crate::dom::html(&e).focus();
                }
                Err(s.get(S::PosTimerNeedsConfirm).to_string())
            }
        };
        let label = b.text_content().unwrap_or_default();
        // An empty amount means "all": the first press only asks (the second sends).
        let ask_all = |a: Option<u128>, d: &DirectPosition| -> Result<Option<u128>, String> {
            let key = format!("{name}|{}", d.pool_id);
            if a.is_some() || st.exit_confirm_all.as_deref() == Some(key.as_str()) {
                return Ok(a);
            }
            armed.set(Some(key));
            let all = router_core::format_near_display(d.staked.0);
            Err(s.fill(S::PosConfirmAll, &[("amount", &all), ("pool", d.pool_id.as_str()), ("button", &label)]))
        };
        let router = st.config.router_id.clone();
        match (name.as_str(), proxy, direct) {
            ("unstake", Some(proxy), Some(d)) => amount()
                .and_then(|a| {
                    confirm(d).and_then(|c| ask_all(a, d).map(|a| unstake_transaction(&proxy, &d.pool_id, a, c)))
                })
                .map(|tx| (label.clone(), tx)),
            ("withdraw", Some(proxy), Some(d)) => Ok((label, withdraw_transaction(&proxy, &d.pool_id))),
            ("move", Some(proxy), Some(d)) => {
                let to: Option<AccountId> = field("move-to")
                    .map(|e| e.unchecked_into::<web_sys::HtmlSelectElement>().value())
                    .and_then(|v| v.parse().ok());
                match to {
                    Some(to) => amount()
                        .and_then(|a| {
                            confirm(d)
                                .and_then(|c| ask_all(a, d).map(|a| move_transaction(&proxy, &d.pool_id, &to, a, c)))
                        })
                        .map(|tx| (label.clone(), tx)),
                    None => return,
                }
            }
            ("finish-move", Some(proxy), Some(d)) => Ok((label, finish_move_transaction(&proxy, &d.pool_id))),
            ("claim", _, _) => {
                let token: Option<AccountId> = b.get_attribute("data-token").and_then(|t| t.parse().ok());
                match (router, token) {
                    (Some(r), Some(t)) => Ok((label, claim_transaction(&r, &t))),
                    _ => return,
                }
            }
            _ => return,
        }
    };
    // A press sends, asks (arming that one exit) or is refused; either way an earlier ask lapses.
    inner.state.borrow_mut().exit_confirm_all = armed.take();
    match built {
        Ok((label, tx)) => send(inner, label, tx),
        Err(message) => {
            {
                let mut st = inner.state.borrow_mut();
                st.exit_action.clear();
                st.exit_status = Status::Failed(message);
            }
            // A refusal before the wallet is shown as is (no action named).
            inner.render();
        }
    }
}

fn send(inner: &Rc<Inner>, action: String, tx: Transaction) {
    let write = |st: &crate::state::State| st.dao_writer().map(|w| w.exit_transaction(&action, &tx));
    if super::propose::propose(inner, &action, |st| write(st).unwrap_or_default()) {
        return;
    }
    let wallet = {
        let mut st = inner.state.borrow_mut();
        let Some(wallet) = st.config.wallet.clone() else {
            st.exit_action.clear();
            st.exit_status = Status::Failed(st.config.strings.get(S::PosNotConnected).to_string());
            drop(st);
            inner.render();
            return;
        };
        st.exit_sending = true;
        st.exit_action = action;
        st.exit_status = Status::Pending;
        wallet
    };
    let (strings, signer) = {
        let st = inner.state.borrow();
        (st.config.strings.clone(), st.account.clone())
    };
    inner.render();
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = wallet.send(&tx, signer.as_ref().map(|a| a.as_str()), &strings).await.outcome;
        let Some(inner) = live(&weak) else { return };
        let sent = matches!(outcome, Outcome::Sent { .. } | Outcome::ChainFailure(_));
        {
            let mut st = inner.state.borrow_mut();
            st.exit_sending = false;
            st.exit_status = match outcome {
                Outcome::Sent { hash } => Status::Sent(hash),
                Outcome::ChainFailure(e) => Status::ChainFailed(e),
                Outcome::Rejected => Status::Rejected,
                Outcome::Failed(e) => Status::Failed(e),
            };
        }
        if sent {
            crate::loader::load_account(&inner);
        }
        inner.render();
    });
}
