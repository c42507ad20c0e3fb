//! A liquid exit's transactions, one after the other, to the host wallet (FunctionCall
//! actions only; the calls are `router_core::exit_track`'s): the delayed `unstake`, the
//! withdrawal of a pending unstake, Meta Pool's `liquid_unstake`, or on an exchange the
//! registration on wNEAR when needed, the swap and the unwrap of exactly the wNEAR the swap
//! paid (its balance read before and after; at least the swap's `min_out`).
//!
//! A step the wallet declines or the chain refuses stops the rest; the status says which.

use super::quotes::quote_of;
use crate::inner::{live, Inner};
use crate::rpc::{sleep, with_retry, Rpc};
use crate::state::Status;
use crate::strings::{Strings, S};
use crate::wallet::{Outcome, Wallet};
use js_sys::{Array, Object, Reflect, JSON};
use router_core::exit_calls::{self, ExitCall};
use router_core::exit_quote::InstantVenue;
use router_core::exit_track::{delayed_call, instant_calls};
use router_core::{lst_api, AccountId, Yocto};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// How often, and how many times, the wNEAR balance is read after a swap.
const POLL_MS: i32 = 400;
const POLLS: u32 = 25;

/// The exit's calls in wallet-selector's shape: `{receiverId, actions: [{type, params}]}`.
pub fn call_js(call: &ExitCall) -> JsValue {
    let params = Object::new();
    let args = JSON::parse(&call.args).unwrap_or_else(|_| Object::new().into());
    for (k, v) in [
        ("methodName", JsValue::from(call.method)),
        ("args", args),
        ("gas", call.gas.to_string().into()),
        ("deposit", call.deposit.0.to_string().into()),
    ] {
        let _ = Reflect::set(&params, &k.into(), &v);
    }
    let action = Object::new();
    let _ = Reflect::set(&action, &"type".into(), &"FunctionCall".into());
    let _ = Reflect::set(&action, &"params".into(), &params);
    let tx = Object::new();
    let _ = Reflect::set(&tx, &"receiverId".into(), &call.receiver_id.as_str().into());
    let _ = Reflect::set(&tx, &"actions".into(), &Array::of1(&action));
    tx.into()
}

/// After a swap: the wNEAR to unwrap is what the swap paid in.
struct Unwrap {
    wnear: AccountId,
    account: AccountId,
    min_out: u128,
}

/// A click on a liquid exit's button (`liquid-delayed`, `liquid-instant`, `liquid-withdraw`).
pub(super) fn on_click(inner: &Rc<Inner>, b: &Element, name: &str) {
    let built = {
        let st = inner.state.borrow();
        if st.exit_sending {
            return;
        }
        let Some(token) = b.get_attribute("data-token").and_then(|t| t.parse::<AccountId>().ok()) else { return };
        let Some(data) = st.position.ready() else { return };
        let label = b.text_content().unwrap_or_default();
        match name {
            "liquid-withdraw" => match data.pending.iter().find(|p| p.token == token) {
                Some(p) => (label, vec![p.withdraw_call()], None),
                None => return,
            },
            "liquid-delayed" => {
                let (Some(q), Some(r)) = (quote_of(&st, &token), st.exit_quotes.get(&token).and_then(|l| l.ready()))
                else {
                    return;
                };
                (label, vec![delayed_call(&token, &q, r.all)], None)
            }
            "liquid-instant" => {
                let k: usize = b.get_attribute("data-venue").and_then(|v| v.parse().ok()).unwrap_or(usize::MAX);
                let (Some(q), Some(account)) = (quote_of(&st, &token), st.account.clone()) else { return };
                let Some(exit) = q.instant.get(k) else { return };
                let x = st.config.exchange.as_ref();
                let wnear = x.map(|x| &x.wnear_id);
                let register = match (wnear, data.wnear_registration) {
                    (Some(w), Some(min)) => Some(exit_calls::register(w, &account, min)),
                    _ => None,
                };
                let calls = instant_calls(&token, &q, exit, wnear, register, exit.min_out.0);
                let unwrap = match (&exit.venue, wnear) {
                    (InstantVenue::Exchange { .. }, Some(w)) => {
                        Some(Unwrap { wnear: w.clone(), account, min_out: exit.min_out.0 })
                    }
                    _ => None,
                };
                (label, calls, unwrap)
            }
            _ => return,
        }
    };
    let (label, calls, unwrap) = built;
    if calls.is_empty()
        || super::propose::propose(inner, &label, |st| {
            st.dao_writer().map(|w| w.calls(&label, &calls)).unwrap_or_default()
        })
    {
        return;
    }
    let Some(wallet) = inner.state.borrow().config.wallet.clone() else {
        let mut st = inner.state.borrow_mut();
        st.exit_action.clear();
        st.exit_status = Status::Failed(st.config.strings.get(S::PosNotConnected).to_string());
        drop(st);
        inner.render();
        return;
    };
    {
        let mut st = inner.state.borrow_mut();
        st.exit_confirm_all = None;
        st.exit_sending = true;
        st.exit_action = label.clone();
        st.exit_status = Status::Pending;
    }
    inner.render();
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        run(weak, wallet, label, calls, unwrap).await;
    });
}

async fn wnear_balance(rpc: &Rpc, u: &Unwrap) -> Option<u128> {
    let args = format!(r#"{{"account_id":"{}"}}"#, u.account.as_str());
    let got: Yocto =
        with_retry(|| rpc.view(u.wnear.as_str(), lst_api::FT_BALANCE_OF, &args), |_, _, _| {}).await.ok()?;
    Some(got.0)
}

/// The NEAR a `liquid_unstake` paid (its `LiquidUnstakeResult.near`), from the return value.
fn liquid_unstake_near(value: &str) -> Option<u128> {
    let v = JSON::parse(value).ok()?;
    Reflect::get(&v, &"near".into()).ok()?.as_string()?.parse().ok()
}

/// Sends `calls` in order, each after the previous one succeeded.
async fn run(weak: std::rc::Weak<Inner>, wallet: Wallet, label: String, calls: Vec<ExitCall>, unwrap: Option<Unwrap>) {
    let steps = calls.len();
    let mut before = None;
    let mut received = None;
    let mut last = Outcome::Sent { hash: None };
    for (i, mut call) in calls.into_iter().enumerate() {
        let Some(inner) = live(&weak) else { return };
        let strings: Strings = inner.state.borrow().config.strings.clone();
        let signer = inner.state.borrow().account.clone();
        let rpc = inner.state.borrow().config.rpc();
        if let Some(u) = unwrap.as_ref() {
            if call.method == exit_calls::FT_TRANSFER_CALL {
                before = wnear_balance(&rpc, u).await;
            } else if call.method == exit_calls::WNEAR_WITHDRAW {
                let paid = swap_paid(&rpc, u, before).await;
                call = exit_calls::unwrap_near(&u.wnear, paid);
                received = Some(paid);
            }
        }
        {
            let mut st = inner.state.borrow_mut();
            st.exit_sending = true;
            st.exit_received = None;
            st.exit_action = if steps > 1 {
                let (step, total) = ((i + 1).to_string(), steps.to_string());
                strings.fill(S::ExitStep, &[("action", &label), ("step", &step), ("steps", &total)])
            } else {
                label.clone()
            };
            st.exit_status = Status::Pending;
        }
        inner.render();
        drop(inner);
        let answer = wallet.send_value(&call_js(&call), signer.as_ref().map(|a| a.as_str()), &strings).await;
        last = answer.outcome.clone();
        if call.method == exit_calls::META_LIQUID_UNSTAKE {
            received = answer.value.as_deref().and_then(liquid_unstake_near);
        }
        // A swap the exchange refused still "succeeds": the token returns what was not used.
        if call.method == exit_calls::FT_TRANSFER_CALL && matches!(last, Outcome::Sent { .. }) {
            let used = answer.value.as_deref().map(|v| v.trim_matches('"').to_owned());
            if used.as_deref() == Some("0") || answer.receipt_failure.is_some() {
                let reason = answer.receipt_failure.unwrap_or_default();
                last = Outcome::ChainFailure(strings.fill(S::ExitSwapRefused, &[("reason", &reason)]));
            }
        }
        if !matches!(last, Outcome::Sent { .. }) {
            break;
        }
    }
    let Some(inner) = live(&weak) else { return };
    let reload = !matches!(last, Outcome::Rejected | Outcome::Failed(_)) || steps > 1;
    {
        let mut st = inner.state.borrow_mut();
        st.exit_sending = false;
        st.exit_received = if matches!(last, Outcome::Sent { .. }) { received } else { None };
        if matches!(last, Outcome::Sent { .. }) {
            st.exit_action = label; // every step went through: the exit, not its last step
        }
        st.exit_status = match last {
            Outcome::Sent { hash } => Status::Sent(hash),
            Outcome::ChainFailure(e) => Status::ChainFailed(e),
            Outcome::Rejected => Status::Rejected,
            Outcome::Failed(e) => Status::Failed(e),
        };
    }
    if reload {
        crate::loader::load_account(&inner);
    }
    inner.render();
}

/// The wNEAR the swap paid in: the balance's growth since `before`, read until it shows (at
/// least `min_out`, which the swap guarantees; that is also the answer when it cannot be read).
async fn swap_paid(rpc: &Rpc, u: &Unwrap, before: Option<u128>) -> u128 {
    let Some(before) = before else { return u.min_out };
    for _ in 0..POLLS {
        if let Some(now) = wnear_balance(rpc, u).await {
            if now >= before.saturating_add(u.min_out) && now > before {
                return now - before;
            }
        }
        sleep(POLL_MS).await;
    }
    u.min_out
}
