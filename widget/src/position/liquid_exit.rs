//! A liquid token's exits side by side (the delayed unstake through its protocol and each
//! instant sale), the slippage they accept, and the liquid unstakes waiting to be withdrawn.
//! Every figure is `router_core::exit_quote`'s ([`super::quotes::quote_of`]); this file
//! only words them.

use super::parts::{button, line, near, percent};
use super::quotes::{protocol_of, quote_of};
use crate::data::{Load, PositionData};
use crate::dom::{append, attrs, el, text_el};
use crate::state::State;
use crate::strings::{Strings, S};
use router_core::exit_quote::{describe_wait, InstantExit, InstantVenue, LiquidExitQuote};
use router_core::exit_track::PendingUnstake;
use router_core::position::LiquidPosition;
use router_core::{format_near_display, Yocto};
use web_sys::Element;

/// The slippages offered, in bps (the configured one is added when it is not among them).
const SLIPPAGES: [u16; 4] = [10, 50, 100, 300];

/// The slippage chooser of the instant exits (element ids start with `id`).
pub(super) fn slippage(state: &State, s: &Strings, id: &str) -> Element {
    let row = el("div", "srw-pos-actions srw-slippage");
    let select_id = format!("{id}-slippage");
    append(&row, &attrs(text_el("label", "", s.get(S::ExitSlippageLabel)), &[("for", &select_id)]));
    let select = attrs(el("select", ""), &[("id", &select_id), ("data-srw", "exit-slippage")]);
    let now = state.exit_terms().slippage_bps;
    let mut offered = SLIPPAGES.to_vec();
    if !offered.contains(&now) {
        offered.push(now);
        offered.sort_unstable();
    }
    for bps in offered {
        let o = attrs(text_el("option", "", &percent(bps)), &[("value", &bps.to_string())]);
        if bps == now {
            let _ = o.set_attribute("selected", "");
        }
        append(&select, &o);
    }
    append(&row, &select);
    row
}

/// The exits of liquid holding `l`, appended to its item.
pub(super) fn exits(item: &Element, l: &LiquidPosition, state: &State, s: &Strings, symbol: &str, id: &str) {
    if l.balance.0 == 0 {
        return;
    }
    let token = l.token_id.as_str();
    let block = attrs(el("div", "srw-exits"), &[("data-srw", "exits"), ("data-token", token)]);
    let row = el("div", "srw-pos-actions");
    let amount_id = format!("{id}-exit-amount");
    let all = format!("{} {symbol}", format_near_display(l.balance.0));
    let label = s.fill(S::ExitAmountLabel, &[("token", symbol), ("amount", &all)]);
    append(&row, &attrs(text_el("label", "", &label), &[("for", &amount_id)]));
    let input = attrs(
        el("input", ""),
        &[
            ("id", &amount_id),
            ("type", "text"),
            ("inputmode", "decimal"),
            ("autocomplete", "off"),
            ("placeholder", s.get(S::PosAmountPlaceholder)),
            ("data-srw", "exit-token-amount"),
            ("data-token", token),
        ],
    );
    crate::dom::input(&input).set_value(state.exit_amounts.get(&l.token_id).map(String::as_str).unwrap_or(""));
    append(&row, &input);
    append(&block, &row);
    match state.exit_quotes.get(&l.token_id) {
        Some(Load::Failed(why)) => {
            line(&block, "exit-error", why).set_class_name("srw-pos-line srw-error");
        }
        Some(Load::Ready(r)) => match quote_of(state, &l.token_id) {
            Some(q) => options(&block, &q, &r.notes, state, s, symbol),
            None => {
                line(&block, "exit-error", s.get(S::ExitNoPrice));
            }
        },
        _ => {
            line(&block, "exit-loading", s.get(S::ExitLoading));
        }
    }
    append(item, &block);
}

/// The market line (or the depeg notice), then both exits side by side.
fn options(block: &Element, q: &LiquidExitQuote, notes: &[String], state: &State, s: &Strings, symbol: &str) {
    let protocol = q.protocol.display_name();
    let band = percent(state.exit_terms().depeg_band_bps);
    if let Some(bps) = q.market_discount_bps {
        let key = if q.depegged { S::ExitDepegged } else { S::ExitMarket };
        let text = s.fill(key, &[("percent", &percent(bps)), ("protocol", protocol), ("band", &band)]);
        let l = line(block, if q.depegged { "depeg" } else { "market" }, &text);
        if q.depegged {
            l.set_class_name("srw-pos-line srw-notice");
            let _ = l.set_attribute("role", "note");
        }
    }
    let grid = el("div", "srw-exit-options");
    let d = &q.delayed;
    let delayed = attrs(
        el("div", "srw-exit"),
        &[
            ("data-srw", "exit-delayed"),
            ("data-near", &d.near.0.to_string()),
            ("data-unlock-epoch", &d.unlock_epoch.to_string()),
        ],
    );
    append(&delayed, &text_el("strong", "", &s.fill(S::ExitDelayedTitle, &[("protocol", protocol)])));
    line(&delayed, "delayed-near", &s.fill(S::ExitDelayedGet, &[("amount", &near(d.near))]));
    let (epoch, latest) = (d.unlock_epoch.to_string(), d.unlock_epoch_latest.to_string());
    let when = match state.position.ready().and_then(|p| p.clock) {
        Some(_) => s.fill(
            S::ExitDelayedWhen,
            &[
                ("epoch", &epoch),
                ("wait", &describe_wait(d.unlock_seconds)),
                ("latest", &latest),
                ("latest_wait", &describe_wait(d.unlock_seconds_latest)),
            ],
        ),
        None => s.fill(S::ExitDelayedWhenNoClock, &[("epoch", &epoch), ("latest", &latest)]),
    };
    line(&delayed, "delayed-unlock", &when);
    let label = s.fill(S::ExitDelayedButton, &[("amount", &format_near_display(q.amount.0)), ("token", symbol)]);
    append(&delayed, &button(&label, "liquid-delayed", &[("data-token", &q.token)]));
    append(&grid, &delayed);
    for (k, exit) in q.instant.iter().enumerate() {
        append(&grid, &instant(exit, k, q, state, s));
    }
    append(block, &grid);
    if q.instant.is_empty() {
        line(block, "no-instant", s.get(S::ExitNoInstant));
    }
    for venue in notes {
        line(block, "exit-note", &s.fill(S::ExitNoQuote, &[("venue", venue)]));
    }
}

/// One instant exit: what it pays, its cost, its worst accepted fill and the transactions.
fn instant(exit: &InstantExit, k: usize, q: &LiquidExitQuote, state: &State, s: &Strings) -> Element {
    let card = attrs(
        el("div", "srw-exit"),
        &[
            ("data-srw", "exit-instant"),
            ("data-venue", &k.to_string()),
            ("data-kind", if exit.venue == InstantVenue::Protocol { "protocol" } else { "exchange" }),
            ("data-near", &exit.near.0.to_string()),
            ("data-min", &exit.min_out.0.to_string()),
            ("data-cost-bps", &exit.cost_bps.to_string()),
        ],
    );
    let title = match &exit.venue {
        InstantVenue::Protocol => s.fill(S::ExitInstantProtocol, &[("protocol", q.protocol.display_name())]),
        InstantVenue::Exchange { exchange, pool_id } => {
            s.fill(S::ExitInstantExchange, &[("exchange", exchange), ("pool", &pool_id.to_string())])
        }
    };
    append(&card, &text_el("strong", "", &title));
    let got = [("amount", near(exit.near)), ("cost", near(exit.cost)), ("percent", percent(exit.cost_bps))];
    let got: Vec<(&str, &str)> = got.iter().map(|(k, v)| (*k, v.as_str())).collect();
    line(&card, "instant-near", &s.fill(S::ExitInstantGet, &got));
    let slippage = percent(state.exit_terms().slippage_bps);
    line(&card, "instant-min", &s.fill(S::ExitInstantMin, &[("min", &near(exit.min_out)), ("slippage", &slippage)]));
    if let InstantVenue::Exchange { .. } = exit.venue {
        let register = state.position.ready().and_then(|p| p.wnear_registration).is_some();
        let steps: Vec<&str> =
            [register.then_some(S::ExitStepRegister), Some(S::ExitStepSwap), Some(S::ExitStepUnwrap)]
                .into_iter()
                .flatten()
                .map(|k| s.get(k))
                .collect();
        let count = steps.len().to_string();
        line(&card, "instant-steps", &s.fill(S::ExitInstantSteps, &[("count", &count), ("steps", &steps.join(", "))]));
    }
    append(
        &card,
        &button(
            s.get(S::ExitInstantButton),
            "liquid-instant",
            &[("data-token", &q.token), ("data-venue", &k.to_string())],
        ),
    );
    card
}

/// The liquid unstakes under way, each with its unlock and, once the protocol allows it, a
/// Withdraw button.
pub(super) fn pending(section: &Element, data: &PositionData, state: &State, s: &Strings) {
    if data.pending.is_empty() {
        return;
    }
    append(section, &text_el("h4", "", s.get(S::PendingHeading)));
    let list = attrs(el("ul", "srw-pools"), &[("data-srw", "liquid-pending")]);
    for p in &data.pending {
        append(&list, &pending_item(p, data, state, s));
    }
    append(section, &list);
}

fn pending_item(p: &PendingUnstake, data: &PositionData, state: &State, s: &Strings) -> Element {
    let token = p.token.as_str();
    let item = attrs(
        el("li", "srw-pool"),
        &[
            ("data-srw", "pending"),
            ("data-token", token),
            ("data-amount", &p.amount.0.to_string()),
            ("data-unlock-epoch", &p.unlock_epoch.to_string()),
            ("data-ready", if p.can_withdraw { "true" } else { "false" }),
        ],
    );
    append(&item, &text_el("strong", "srw-pool-id", token));
    let protocol = protocol_of(state, &p.token).map_or(p.protocol.display_name(), |x| x.display_name());
    line(&item, "pending-amount", &s.fill(S::PendingAmount, &[("protocol", protocol), ("amount", &near(p.amount))]));
    if p.can_withdraw {
        line(&item, "pending-unlock", s.get(S::PendingReady));
        let row = el("div", "srw-pos-actions");
        let label = s.fill(S::PendingWithdraw, &[("amount", &near(Yocto(p.amount.0)))]);
        append(&row, &button(&label, "liquid-withdraw", &[("data-token", token)]));
        append(&item, &row);
    } else {
        let (epoch, current) = (p.unlock_epoch.to_string(), data.position.current_epoch.to_string());
        let text = match p.unlock_seconds {
            Some(secs) => s.fill(
                S::PosWithdrawableFromWait,
                &[("epoch", &epoch), ("current", &current), ("wait", &describe_wait(secs))],
            ),
            None => s.fill(S::PosWithdrawableFrom, &[("epoch", &epoch), ("current", &current)]),
        };
        line(&item, "pending-unlock", &text);
    }
    item
}
