//! The position section's DOM: loading, error and empty states, the pools (each by
//! [`super::pool_item`]), the liquid tokens, the totals and the exit status line.

use super::parts::{button, line, near};
use super::pool_item::pool_item;
use crate::data::Load;
use crate::dom::{append, attrs, clear, el, opt_attr, set_text, text_el, toggle_attr};
use crate::state::{State, Status};
use crate::strings::{Strings, S};
use router_core::position::PositionTotals;
use router_core::{format_near_display, Target, TargetKind, Yocto};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The empty, hidden slot the position view renders into.
pub fn slot() -> Element {
    attrs(el("section", "srw-position"), &[("data-srw", "position"), ("hidden", ""), ("aria-label", "Your position")])
}

/// The position section's state for [`render`]: the last rendered key (rebuilt only when
/// what it shows changes, so typed amounts and focus stay).
#[derive(Default)]
pub struct PositionView {
    key: String,
}

/// Renders the position section from the state.
pub fn render(section: &Element, view: &mut PositionView, state: &State, id: &str) {
    let s = &state.config.strings;
    let connected = state.account.is_some();
    toggle_attr(section, "hidden", !connected);
    let _ = section.set_attribute("aria-labelledby", &format!("{id}-position-title"));
    if !connected {
        clear(section);
        view.key.clear();
        return;
    }
    let status = exit_status_text(state, s);
    let key = format!(
        "{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
        state.position,
        state.data.ready().map(|d| &d.targets),
        state.target_notes,
        state.config.strings.get(S::PosHeading),
        id,
        state.exit_quotes,
        state.exit_amounts,
        state.exit_terms(),
    );
    if key != view.key {
        view.key = key;
        build(section, state, s, id);
    }
    if let Some(el) = section.query_selector("[data-srw=position-status]").ok().flatten() {
        set_text(&el, &status.0);
        opt_attr(&el, "data-tone", (!status.1.is_empty()).then_some(status.1));
        opt_attr(&el, "data-received", state.exit_received.map(|r| r.to_string()).as_deref());
    }
    if let Some(panel) = section.query_selector("[data-srw=exit-proposal]").ok().flatten() {
        let written = if state.exit_status == Status::Proposed { state.exit_proposals.as_slice() } else { &[] };
        crate::dao::render_panel(&panel, written, s);
    }
    if let Ok(list) = section.query_selector_all("button") {
        for i in 0..list.length() {
            if let Some(b) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                opt_attr(&b, "aria-busy", state.exit_sending.then_some("true"));
            }
        }
    }
}

fn exit_status_text(state: &State, s: &Strings) -> (String, &'static str) {
    let action = state.exit_action.as_str();
    match &state.exit_status {
        Status::Pending => (s.get(S::PosPending).to_string(), ""),
        Status::Sent(hash) => {
            let sent = match hash {
                Some(h) => s.fill(S::PosSent, &[("action", action), ("hash", h)]),
                None => s.fill(S::PosSentNoHash, &[("action", action)]),
            };
            match state.exit_received {
                Some(r) => {
                    (format!("{sent} {}", s.fill(S::ExitReceived, &[("amount", &format_near_display(r))])), "ok")
                }
                None => (sent, "ok"),
            }
        }
        Status::ChainFailed(e) => (s.fill(S::TxFailed, &[("error", e)]), "error"),
        Status::Rejected => (s.get(S::Rejected).to_string(), ""),
        Status::Failed(e) if action.is_empty() => (e.clone(), "error"),
        Status::Failed(e) => (s.fill(S::PosFailedTx, &[("action", action), ("error", e)]), "error"),
        Status::Proposed => (crate::dao::exit_status_line(&state.exit_proposals, action, s), "ok"),
        _ => (String::new(), ""),
    }
}

/// The status line and, under it, the panel of DAO mode's exit proposals.
fn append_status(section: &Element, status: &Element) {
    append(section, status);
    append(section, &crate::dao::panel("exit-proposal"));
}

fn build(section: &Element, state: &State, s: &Strings, id: &str) {
    clear(section);
    append(section, &attrs(text_el("h3", "", s.get(S::PosHeading)), &[("id", &format!("{id}-position-title"))]));
    let status =
        attrs(el("p", "srw-status"), &[("role", "status"), ("aria-live", "polite"), ("data-srw", "position-status")]);
    let data = match &state.position {
        Load::Ready(d) => d,
        Load::Failed(e) => {
            line(section, "position-error", &s.fill(S::PosFailed, &[("error", e)]));
            append_status(section, &status);
            return;
        }
        _ => {
            line(section, "position-loading", s.get(S::PosLoading));
            append_status(section, &status);
            return;
        }
    };
    let p = &data.position;
    let targets: &[Target] = state.data.ready().map(|d| d.targets.as_slice()).unwrap_or(&[]);
    if p.direct.is_empty() && p.liquid.is_empty() && data.pending.is_empty() {
        line(section, "position-empty", s.get(S::PosEmpty));
        append_status(section, &status);
        return;
    }
    if !p.direct.is_empty() {
        append(section, &text_el("h4", "", s.get(S::PosPoolsHeading)));
        let list = attrs(el("ul", "srw-pools"), &[("data-srw", "pools")]);
        for (k, d) in p.direct.iter().enumerate() {
            append(&list, &pool_item(d, data, state, targets, s, &format!("{id}-pool-{k}")));
        }
        append(section, &list);
    }
    if !p.liquid.is_empty() {
        append(section, &text_el("h4", "", s.get(S::PosLiquidHeading)));
        if p.liquid.iter().any(|l| l.balance.0 > 0) {
            append(section, &super::liquid_exit::slippage(state, s, id));
        }
        let list = attrs(el("ul", "srw-pools"), &[("data-srw", "tokens")]);
        for (k, l) in p.liquid.iter().enumerate() {
            let token = l.token_id.as_str();
            let item = attrs(
                el("li", "srw-pool"),
                &[
                    ("data-srw", "token"),
                    ("data-token", token),
                    ("data-balance", &l.balance.0.to_string()),
                    ("data-claimable", &l.claimable.0.to_string()),
                    ("data-value", &l.value.map(|v| v.0.to_string()).unwrap_or_default()),
                ],
            );
            append(&item, &text_el("strong", "srw-pool-id", token));
            let symbol = targets
                .iter()
                .find(|t| t.account_id == l.token_id)
                .and_then(|t| match t.kind {
                    TargetKind::Liquid { protocol, .. } => Some(crate::preview::token_symbol(protocol)),
                    TargetKind::Validator => None,
                })
                .unwrap_or(token);
            let amt = |y: Yocto| format_near_display(y.0);
            line(&item, "token-balance", &s.fill(S::PosBalance, &[("amount", &amt(l.balance)), ("token", symbol)]));
            if l.claimable.0 > 0 {
                line(
                    &item,
                    "token-claimable",
                    &s.fill(S::PosClaimable, &[("amount", &amt(l.claimable)), ("token", symbol)]),
                );
            }
            match l.value {
                Some(v) => line(&item, "token-value", &s.fill(S::PosValue, &[("amount", &near(v))])),
                None => line(&item, "token-value", s.get(S::PosValueUnknown)),
            };
            if l.claimable.0 > 0 {
                if data.registered.get(&l.token_id) == Some(&false) {
                    line(&item, "register-first", &s.fill(S::PosRegisterFirst, &[("token", token)]))
                        .set_class_name("srw-pos-line srw-notice");
                }
                let row = el("div", "srw-pos-actions");
                append(&row, &button(&s.fill(S::PosClaim, &[("token", token)]), "claim", &[("data-token", token)]));
                append(&item, &row);
            }
            super::liquid_exit::exits(&item, l, state, s, symbol, &format!("{id}-token-{k}"));
            append(&list, &item);
        }
        append(section, &list);
    }
    super::liquid_exit::pending(section, data, state, s);
    let t = &p.totals;
    append(section, &text_el("h4", "", s.get(S::PosTotalsHeading)));
    let totals = attrs(
        el("div", "srw-pos-totals"),
        &[("data-srw", "totals"), ("data-total", &t.total_near.0.to_string()), ("data-loss", &t.loss.0.to_string())],
    );
    line(&totals, "total-staked", &s.fill(S::PosTotalStaked, &[("amount", &near(t.staked))]));
    line(
        &totals,
        "total-unstaked",
        &s.fill(S::PosTotalUnstaked, &[("amount", &near(t.unstaked)), ("now", &near(t.withdrawable_now))]),
    );
    line(&totals, "total-rewards", &s.fill(S::PosTotalRewards, &[("amount", &near(t.rewards))]));
    if t.loss.0 > 0 {
        loss_totals(&totals, t, s);
    }
    line(&totals, "total-liquid", &s.fill(S::PosTotalLiquid, &[("amount", &near(t.liquid_value))]));
    line(&totals, "total", &s.fill(S::PosTotal, &[("amount", &near(t.total_near))]));
    append(section, &totals);
    append_status(section, &status);
}

/// The totals' loss (worded as share rounding when all of it is) and the net of the direct
/// stake against its principal.
fn loss_totals(totals: &Element, t: &PositionTotals, s: &Strings) {
    if t.rounding_loss == t.loss {
        line(totals, "total-loss", &s.fill(S::PosLossRounding, &[("amount", &near(t.loss))]));
    } else {
        line(totals, "total-loss", &s.fill(S::PosTotalLoss, &[("amount", &near(t.loss))]))
            .set_class_name("srw-pos-line srw-notice");
    }
    let (key, amount) = if t.net_loss.0 > 0 { (S::PosNetLoss, t.net_loss) } else { (S::PosNetGain, t.net_gain) };
    line(totals, "total-net", &s.fill(key, &[("amount", &near(amount)), ("principal", &near(t.principal))]));
}
