//! One pool of the position view: the pool's figures, rewards or loss, what is unstaking or
//! moving, and the exit controls (amount, timer-reset confirmation, unstake, move, withdraw,
//! finish move).

use super::calls::needs_timer_confirm;
use super::parts::{button, line, near};
use crate::data::PositionData;
use crate::dom::{append, attrs, el, text_el, toggle_attr};
use crate::state::State;
use crate::strings::{Strings, S};
use router_core::exit_quote::describe_wait;
use router_core::position::DirectPosition;
use router_core::position::NUM_EPOCHS_TO_UNLOCK;
use router_core::{Target, TargetStatus, Yocto};
use web_sys::Element;

/// The `<li>` of pool `d` (element ids start with `id`).
pub(super) fn pool_item(
    d: &DirectPosition,
    data: &PositionData,
    state: &State,
    targets: &[Target],
    s: &Strings,
    id: &str,
) -> Element {
    let pool = d.pool_id.as_str();
    let item = attrs(
        el("li", "srw-pool"),
        &[
            ("data-srw", "pool"),
            ("data-pool", pool),
            ("data-staked", &d.staked.0.to_string()),
            ("data-unstaked", &d.unstaked.0.to_string()),
            ("data-rewards", &d.rewards.0.to_string()),
            ("data-loss", &d.loss.0.to_string()),
            ("role", "group"),
            ("aria-labelledby", &format!("{id}-name")),
        ],
    );
    append(&item, &attrs(text_el("strong", "srw-pool-id", pool), &[("id", &format!("{id}-name"))]));
    let target = targets.iter().find(|t| t.account_id == d.pool_id);
    let retired =
        target.is_some_and(|t| t.status == TargetStatus::Retired) || state.target_notes.contains_key(&d.pool_id);
    if retired {
        let notice = line(&item, "retired", s.get(S::PosRetired));
        notice.set_class_name("srw-pos-line srw-notice");
        let _ = notice.set_attribute("role", "note");
        if let Some(note) = state.target_notes.get(&d.pool_id).filter(|n| !n.is_empty()) {
            append(&notice, &text_el("span", "", &format!(" {note}")));
        }
    }
    line(&item, "pool-staked", &s.fill(S::PosStaked, &[("amount", &near(d.staked))]));
    if d.unstaked.0 > 0 {
        line(&item, "pool-unstaked", &s.fill(S::PosUnstaked, &[("amount", &near(d.unstaked))]));
        if d.withdrawable_now {
            line(&item, "pool-unlock", s.get(S::PosWithdrawableNow));
        } else if let (true, Some(e)) = (data.epoch_known, d.available_from_epoch) {
            let (epoch, current) = (e.to_string(), data.position.current_epoch.to_string());
            let text = match data.clock {
                Some(c) => {
                    let wait = describe_wait(c.seconds_until(e));
                    s.fill(S::PosWithdrawableFromWait, &[("epoch", &epoch), ("current", &current), ("wait", &wait)])
                }
                None => s.fill(S::PosWithdrawableFrom, &[("epoch", &epoch), ("current", &current)]),
            };
            line(&item, "pool-unlock", &text);
        }
    }
    line(&item, "pool-rewards", &s.fill(S::PosRewards, &[("amount", &near(d.rewards))]));
    if d.loss.0 > 0 {
        loss_line(&item, d, s);
    }
    if d.in_flight.0 > 0 {
        line(&item, "pool-in-flight", &s.fill(S::PosInFlight, &[("amount", &near(d.in_flight))]));
    }
    if let Some(to) = &d.moving_to {
        line(&item, "pool-moving", &s.fill(S::PosMoving, &[("pool", to.as_str()), ("amount", &near(d.move_idle))]));
    }
    let actions = attrs(el("div", "srw-pos-actions"), &[("data-pool", pool)]);
    let withdraw = button(s.get(S::PosWithdraw), "withdraw", &[("data-pool", pool)]);
    let can_withdraw = d.unstaked.0 > 0 && d.moving_to.is_none();
    // Something withdrawable comes first: it is what is ready now.
    if can_withdraw && d.withdrawable_now {
        append(&actions, &withdraw);
    }
    if d.staked.0 > 0 && d.moving_to.is_none() {
        let amount_id = format!("{id}-amount");
        append(&actions, &attrs(text_el("label", "", s.get(S::PosAmountLabel)), &[("for", &amount_id)]));
        append(
            &actions,
            &attrs(
                el("input", ""),
                &[
                    ("id", &amount_id),
                    ("type", "text"),
                    ("inputmode", "decimal"),
                    ("autocomplete", "off"),
                    ("placeholder", s.get(S::PosAmountPlaceholder)),
                    ("data-srw", "exit-amount"),
                    ("data-pool", pool),
                ],
            ),
        );
        if needs_timer_confirm(d) {
            let text = if data.epoch_known {
                let epoch = data.position.current_epoch.saturating_add(NUM_EPOCHS_TO_UNLOCK).to_string();
                s.fill(S::PosTimerWarning, &[("epoch", &epoch)])
            } else {
                s.get(S::PosTimerWarningNoEpoch).to_string()
            };
            let warn = attrs(
                text_el("p", "srw-pos-line srw-notice", &text),
                &[("data-srw", "timer-warning"), ("id", &format!("{id}-timer"))],
            );
            append(&actions, &warn);
            let label = el("label", "srw-option");
            append(
                &label,
                &attrs(
                    el("input", ""),
                    &[
                        ("type", "checkbox"),
                        ("data-srw", "confirm-reset"),
                        ("data-pool", pool),
                        ("aria-describedby", &format!("{id}-timer")),
                    ],
                ),
            );
            append(&label, &text_el("span", "", s.get(S::PosTimerConfirm)));
            append(&actions, &label);
        }
        if let Some(c) = data.clock {
            let epoch = c.epoch_height.saturating_add(NUM_EPOCHS_TO_UNLOCK);
            let wait = describe_wait(c.seconds_until(epoch));
            let text = s.fill(S::PosUnstakeUnlock, &[("epoch", &epoch.to_string()), ("wait", &wait)]);
            append(&actions, &attrs(text_el("p", "srw-hint", &text), &[("data-srw", "unstake-unlock")]));
        }
        append(&actions, &button(s.get(S::PosUnstake), "unstake", &[("data-pool", pool)]));
        let others: Vec<&Target> = targets
            .iter()
            .filter(|t| t.kind.is_validator() && t.status == TargetStatus::Active && t.account_id != d.pool_id)
            .collect();
        if others.is_empty() {
            line(&actions, "no-move-target", s.get(S::PosNoMoveTarget));
        } else {
            let select_id = format!("{id}-move-to");
            append(&actions, &attrs(text_el("label", "", s.get(S::PosMoveLabel)), &[("for", &select_id)]));
            let select = attrs(el("select", ""), &[("id", &select_id), ("data-srw", "move-to"), ("data-pool", pool)]);
            for t in others {
                let o = attrs(text_el("option", "", t.account_id.as_str()), &[("value", t.account_id.as_str())]);
                append(&select, &o);
            }
            append(&actions, &select);
            append(&actions, &button(s.get(S::PosMove), "move", &[("data-pool", pool)]));
        }
    }
    if !d.withdrawable_now {
        toggle_attr(&withdraw, "disabled", true);
        let _ = withdraw.set_attribute("aria-describedby", &format!("{id}-withdraw-hint"));
    }
    if can_withdraw && !d.withdrawable_now {
        append(&actions, &withdraw);
        if !d.withdrawable_now {
            append(
                &actions,
                &attrs(text_el("p", "srw-hint", s.get(S::PosWithdrawHint)), &[("id", &format!("{id}-withdraw-hint"))]),
            );
        }
    }
    if d.moving_to.is_some() {
        append(&actions, &button(s.get(S::PosFinishMove), "finish-move", &[("data-pool", pool)]));
    }
    append(&item, &actions);
    item
}

/// The pool's loss, exact: worded as share rounding within the tolerance, else a notice with
/// what the pool reports against what was put in.
fn loss_line(item: &Element, d: &DirectPosition, s: &Strings) {
    if d.loss_within_rounding {
        line(item, "pool-loss", &s.fill(S::PosLossRounding, &[("amount", &near(d.loss))]));
        return;
    }
    let (amount, value, recorded) = (near(d.loss), near(Yocto(d.value())), near(Yocto(d.recorded())));
    let text = s.fill(S::PosLoss, &[("amount", &amount), ("value", &value), ("recorded", &recorded)]);
    let notice = line(item, "pool-loss", &text);
    notice.set_class_name("srw-pos-line srw-notice");
    let _ = notice.set_attribute("role", "note");
}
