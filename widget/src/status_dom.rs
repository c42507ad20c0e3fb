//! The form's status line and, after a deposit, what became of each leg.
//!
//! A deposit's status is never a plain "sent" when its outcome was read: the transaction's
//! events (`router_core::events::deposit_outcome`) say per leg whether it was staked, delivered,
//! left claimable, or refused and refunded, and the line says so in its tone: `ok` only when
//! every leg is staked, `warn` when some were refused, `error` when none was staked.

use crate::dom::{append, attrs, clear, opt_attr, set_text, text_el};
use crate::state::{State, Status};
use crate::strings::{Strings, S};
use router_core::events::{DepositOutcome, LegOutcome, LegResult};
use router_core::format_near_display;
use web_sys::Element;

/// The status line's text and tone for the form's status.
fn line(state: &State, s: &Strings) -> (String, &'static str) {
    let rpc = state.config.rpc_url.as_str();
    match &state.status {
        Status::Idle => (String::new(), ""),
        Status::Loading => (s.get(S::Loading).to_string(), ""),
        Status::Retrying { attempt, seconds, error } => (
            s.fill(
                S::Retrying,
                &[
                    ("rpc", rpc),
                    ("error", error),
                    ("seconds", seconds),
                    ("attempt", &attempt.to_string()),
                    ("attempts", &crate::rpc::ATTEMPTS.to_string()),
                ],
            ),
            "error",
        ),
        Status::LoadFailed(e) => (s.fill(S::LoadFailed, &[("rpc", rpc), ("error", e)]), "error"),
        Status::Ready => (s.get(S::Ready).to_string(), ""),
        Status::Pending => (s.get(S::Pending).to_string(), ""),
        Status::Sent(hash) => sent(hash.as_deref(), state.deposit_outcome.as_ref(), s),
        Status::ChainFailed(e) => (s.fill(S::TxFailed, &[("error", e)]), "error"),
        Status::Rejected => (s.get(S::Rejected).to_string(), ""),
        Status::Failed(e) => (s.fill(S::Failed, &[("error", e)]), "error"),
        Status::Proposed => match &state.proposal {
            Some(w) => (crate::dao::status_line(w, s), "ok"),
            None => (String::new(), ""),
        },
    }
}

/// A sent deposit: by its outcome when it was read.
fn sent(hash: Option<&str>, outcome: Option<&DepositOutcome>, s: &Strings) -> (String, &'static str) {
    let Some(hash) = hash else { return (s.get(S::SuccessNoHash).to_string(), "") };
    let Some(o) = outcome else { return (s.fill(S::DoneUnread, &[("hash", hash)]), "") };
    let count = o.legs.len().to_string();
    let staked = o.legs.iter().filter(|l| l.result.is_staked()).count().to_string();
    let refused = format_near_display(o.refused());
    let (mut text, tone) = if o.all_staked() {
        (s.fill(S::DoneAll, &[("count", &count), ("hash", hash)]), "ok")
    } else if o.none_staked() {
        (s.fill(S::DoneNone, &[("refused", &refused), ("hash", hash)]), "error")
    } else {
        let values = [("staked", staked.as_str()), ("count", &count), ("refused", &refused), ("hash", hash)];
        (s.fill(S::DonePartial, &values), "warn")
    };
    if o.owed.0 > 0 {
        text = format!("{text} {}", s.fill(S::DoneOwed, &[("amount", &format_near_display(o.owed.0))]));
    }
    (text, tone)
}

/// One leg's outcome in words.
pub fn leg_text(leg: &LegOutcome, s: &Strings) -> String {
    let amount = format_near_display(leg.amount.0);
    let base = [("target", leg.target.as_str()), ("amount", amount.as_str())];
    let with_tokens = |key: S, tokens: u128| {
        let tokens = format_near_display(tokens);
        s.fill(key, &[base[0], base[1], ("tokens", &tokens)])
    };
    match &leg.result {
        LegResult::Staked => s.fill(S::LegStaked, &base),
        LegResult::Delivered { tokens } => with_tokens(S::LegDelivered, tokens.0),
        LegResult::Claimable { tokens } => with_tokens(S::LegClaimable, tokens.0),
        LegResult::Minted { tokens } => with_tokens(S::LegMinted, tokens.0),
        LegResult::Unverified => s.fill(S::LegUnverified, &base),
        LegResult::Refunded => s.fill(S::LegRefunded, &base),
        LegResult::RefundOwed => s.fill(S::LegRefundOwed, &base),
        LegResult::Unknown => s.fill(S::LegUnknown, &base),
    }
}

/// The `data-result` of a leg's `<li>`.
fn result_name(r: &LegResult) -> &'static str {
    match r {
        LegResult::Staked => "staked",
        LegResult::Delivered { .. } => "delivered",
        LegResult::Claimable { .. } => "claimable",
        LegResult::Minted { .. } => "minted",
        LegResult::Unverified => "unverified",
        LegResult::Refunded => "refunded",
        LegResult::RefundOwed => "refund_owed",
        LegResult::Unknown => "unknown",
    }
}

/// Renders the status line (`[data-srw=status]`, with the explorer link for a hash), the
/// outcome list (`[data-srw=outcome]`, one `li[data-target][data-result][data-amount]` a leg)
/// and the Try-again button.
pub fn render(status: &Element, outcome: &Element, retry: &Element, state: &State) {
    let s = &state.config.strings;
    let (text, tone) = line(state, s);
    set_text(status, &text);
    opt_attr(status, "data-tone", (!tone.is_empty()).then_some(tone));
    if let (Status::Sent(Some(h)), Some(tpl)) = (&state.status, &state.config.explorer_tx_url) {
        let href = tpl.replace("{hash}", h);
        if href.starts_with("https://") || href.starts_with("http://") {
            clear(status);
            append(
                status,
                &attrs(text_el("a", "", &text), &[("href", &href), ("target", "_blank"), ("rel", "noopener")]),
            );
        }
    }
    clear(outcome);
    let legs = match (&state.status, &state.deposit_outcome) {
        (Status::Sent(_), Some(o)) => o.legs.as_slice(),
        _ => &[],
    };
    for leg in legs {
        let li = text_el("li", "srw-outcome-leg", &leg_text(leg, s));
        let amount = leg.amount.0.to_string();
        let pairs =
            [("data-target", leg.target.as_str()), ("data-result", result_name(&leg.result)), ("data-amount", &amount)];
        append(outcome, &attrs(li, &pairs));
    }
    let _ = outcome.class_list().toggle_with_force("srw-hidden", legs.is_empty());
    set_text(retry, s.get(S::RetryButton));
    let _ = retry.class_list().toggle_with_force("srw-hidden", !matches!(state.status, Status::LoadFailed(_)));
}
