//! The position view of the connected account and its exit buttons.
//!
//! A contract view cannot call another contract, so the position is composed here, by
//! `router_core::position::compose_position` (the function the CLI uses), from RPC views:
//! the router's `get_proxy` (already in `State::proxy`), the proxy's `get_pools`, each pool's
//! `get_account(proxy)`, the router's `get_claimables(account)`, the account's LST
//! `ft_balance_of` and price views, and the epoch (RPC `validators` `[null]` ->
//! `epoch_height`; when a node does not answer it, the unlock-epoch lines are hidden).
//!
//! The buttons build exact calls for the host wallet ([`crate::wallet::Wallet::send`]):
//! `unstake`, `withdraw`, `move_stake` (owner only, 1 yoctoNEAR) and `finish_move` (anyone,
//! nothing attached) on the proxy; `claim` (1 yoctoNEAR) on the router. Gas is the proxy's
//! documented minimum for each method, as a decimal string.

use crate::data::Load;
use crate::dom::{append, attrs, clear, el, opt_attr, set_text, text_el, toggle_attr};
use crate::rpc::{with_retry, Rpc, RpcError};
use crate::state::{State, Status};
use crate::strings::{Strings, S};
use crate::tx::{Action, Args, ExitArgs, FunctionCall, Transaction};
use crate::wallet::Outcome;
use crate::widget::Inner;
use router_core::gas::TGAS;
use router_core::position::{compose_position, LiquidHolding, PoolAccount, Position, PositionInputs, ProxyPool};
use router_core::{format_near, AccountId, Target, TargetKind, TargetStatus, Yocto};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// `unstake`'s documented minimum prepaid gas (staking-proxy `UNSTAKE_GAS`, 65 TGas).
pub const UNSTAKE_GAS: u64 = 65 * TGAS;
/// `withdraw`'s documented minimum (staking-proxy `WITHDRAW_GAS`, 90 TGas).
pub const WITHDRAW_GAS: u64 = 90 * TGAS;
/// `move_stake`'s documented minimum (staking-proxy `MOVE_STAKE_GAS`, 65 TGas).
pub const MOVE_STAKE_GAS: u64 = 65 * TGAS;
/// `finish_move`'s documented minimum (staking-proxy `FINISH_MOVE_GAS`, 155 TGas).
pub const FINISH_MOVE_GAS: u64 = 155 * TGAS;
/// Gas for the router's `claim`: its own work, the token's `ft_transfer` (5 TGas) and the
/// callback (5 TGas) with room to spare (the router documents no minimum; unused gas is refunded).
pub const CLAIM_GAS: u64 = 30 * TGAS;
/// Epochs a pool keeps unstaked NEAR locked after the last unstake.
pub use router_core::position::NUM_EPOCHS_TO_UNLOCK;

fn call(receiver: &AccountId, method: &'static str, args: ExitArgs, gas: u64, deposit: &str) -> Transaction {
    Transaction {
        receiver_id: receiver.clone(),
        actions: vec![Action {
            kind: "FunctionCall",
            params: FunctionCall {
                method_name: method,
                args: Args::Exit(args),
                gas: gas.to_string(),
                deposit: deposit.to_string(),
            },
        }],
    }
}

/// `unstake(pool_id, amount?, confirm_timer_reset?)` on the proxy (1 yoctoNEAR).
pub fn unstake_transaction(proxy: &AccountId, pool: &AccountId, amount: Option<u128>, confirm: bool) -> Transaction {
    let args = ExitArgs {
        pool_id: Some(pool.clone()),
        amount: amount.map(|a| a.to_string()),
        confirm_timer_reset: confirm.then_some(true),
        ..ExitArgs::default()
    };
    call(proxy, "unstake", args, UNSTAKE_GAS, "1")
}

/// `withdraw(pool_id)` on the proxy (1 yoctoNEAR).
pub fn withdraw_transaction(proxy: &AccountId, pool: &AccountId) -> Transaction {
    call(proxy, "withdraw", ExitArgs { pool_id: Some(pool.clone()), ..ExitArgs::default() }, WITHDRAW_GAS, "1")
}

/// `move_stake(from_pool, to_pool, amount?, confirm_timer_reset?)` on the proxy (1 yoctoNEAR).
pub fn move_transaction(
    proxy: &AccountId,
    from: &AccountId,
    to: &AccountId,
    amount: Option<u128>,
    confirm: bool,
) -> Transaction {
    let args = ExitArgs {
        from_pool: Some(from.clone()),
        to_pool: Some(to.clone()),
        amount: amount.map(|a| a.to_string()),
        confirm_timer_reset: confirm.then_some(true),
        ..ExitArgs::default()
    };
    call(proxy, "move_stake", args, MOVE_STAKE_GAS, "1")
}

/// `finish_move(from_pool)` on the proxy (anyone; nothing attached).
pub fn finish_move_transaction(proxy: &AccountId, from: &AccountId) -> Transaction {
    call(proxy, "finish_move", ExitArgs { from_pool: Some(from.clone()), ..ExitArgs::default() }, FINISH_MOVE_GAS, "0")
}

/// `claim(token_id)` on the router (1 yoctoNEAR).
pub fn claim_transaction(router: &AccountId, token: &AccountId) -> Transaction {
    call(router, "claim", ExitArgs { token_id: Some(token.clone()), ..ExitArgs::default() }, CLAIM_GAS, "1")
}

/// Whether an unstake (or move) in this pool would restart the timer of NEAR unstaked earlier
/// and not withdrawn yet: the proxy then wants `confirm_timer_reset: true`.
pub fn needs_timer_confirm(d: &router_core::position::DirectPosition) -> bool {
    d.unstaked.0 > 0 || d.unstaked_pending.0 > 0
}

/// What the position loader read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionData {
    /// The composed position.
    pub position: Position,
    /// Whether the epoch is known (otherwise unlock epochs are not shown).
    pub epoch_known: bool,
    /// Per token with something claimable: whether the account is registered with it
    /// (`storage_balance_of`; absent: could not tell).
    pub registered: BTreeMap<AccountId, bool>,
}

// ------------------------------------------------------------------------------------------
// Loading

#[derive(Deserialize)]
struct StorageBalance {
    #[allow(dead_code)]
    total: Yocto,
}

fn rpc_of(inner: &Inner) -> Rpc {
    let st = inner.state.borrow();
    Rpc { url: st.config.rpc_url.clone(), transport: st.config.rpc_transport.clone() }
}

fn live(weak: &Weak<Inner>) -> Option<Rc<Inner>> {
    weak.upgrade().filter(|i| i.alive())
}

/// Starts reading the position once the router's views and the account's proxy are known
/// (called when either arrives; runs once per account load).
pub(crate) fn maybe_load(inner: &Rc<Inner>) {
    let rpc = rpc_of(inner);
    let (router, account, proxy, targets, epoch) = {
        let mut st = inner.state.borrow_mut();
        if !matches!(st.position, Load::Idle) {
            return;
        }
        let (Some(data), Some(proxy), Some(account)) = (st.data.ready(), st.proxy.ready(), st.account.clone()) else {
            return;
        };
        let proxy = proxy.exists.then(|| proxy.proxy_id.clone());
        let targets: Vec<Target> = data.targets.clone();
        st.position = Load::Loading;
        let router = st.config.router_id.clone().expect("checked by Config::apply");
        (router, account, proxy, targets, st.account_epoch)
    };
    inner.render();
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let result = read(&rpc, &router, &account, proxy.as_ref(), &targets).await;
        let Some(inner) = live(&weak) else { return };
        {
            let mut st = inner.state.borrow_mut();
            if st.account_epoch != epoch {
                return;
            }
            st.position = match result {
                Ok(d) => Load::Ready(d),
                Err(e) => Load::Failed(e.to_string()),
            };
        }
        inner.render();
    });
}

async fn read(
    rpc: &Rpc,
    router: &AccountId,
    account: &AccountId,
    proxy: Option<&AccountId>,
    targets: &[Target],
) -> Result<PositionData, RpcError> {
    let quiet = |_: u32, _: i32, _: &RpcError| {};
    let by_account = |a: &AccountId| format!("{{\"account_id\":\"{}\"}}", a.as_str());
    let account_args = by_account(account);
    let claimables: BTreeMap<AccountId, Yocto> =
        with_retry(|| rpc.view(router.as_str(), "get_claimables", &account_args), quiet).await?;
    let proxy_pools: Vec<ProxyPool> = match proxy {
        Some(p) => with_retry(|| rpc.view(p.as_str(), "get_pools", "{}"), quiet).await?,
        None => Vec::new(),
    };
    let mut pool_accounts = BTreeMap::new();
    if let Some(p) = proxy {
        let proxy_args = by_account(p);
        for pool in &proxy_pools {
            let got: Result<PoolAccount, _> =
                with_retry(|| rpc.view(pool.pool_id.as_str(), "get_account", &proxy_args), quiet).await;
            if let Ok(a) = got {
                pool_accounts.insert(pool.pool_id.clone(), a);
            }
        }
    }
    let mut liquid = Vec::new();
    let mut registered = BTreeMap::new();
    for t in targets {
        let TargetKind::Liquid { protocol, .. } = t.kind else { continue };
        let id = t.account_id.as_str();
        let balance: Yocto =
            with_retry(|| rpc.view(id, "ft_balance_of", &account_args), quiet).await.unwrap_or(Yocto(0));
        let claimable = claimables.get(&t.account_id).is_some_and(|c| c.0 > 0);
        if balance.0 == 0 && !claimable {
            continue;
        }
        let price: Option<Yocto> = with_retry(|| rpc.view(id, protocol.price_method(), "{}"), quiet).await.ok();
        if claimable {
            let reg: Result<Option<StorageBalance>, _> =
                with_retry(|| rpc.view(id, "storage_balance_of", &account_args), quiet).await;
            if let Ok(r) = reg {
                registered.insert(t.account_id.clone(), r.is_some());
            }
        }
        liquid.push(LiquidHolding { token_id: t.account_id.clone(), balance, price });
    }
    let epoch = with_retry(|| rpc.epoch_height(), quiet).await.ok();
    let inputs = PositionInputs {
        account_id: Some(account.clone()),
        proxy_id: proxy.cloned(),
        current_epoch: epoch.unwrap_or(0),
        proxy_pools,
        pool_accounts,
        claimables: claimables.into_iter().filter(|(_, v)| v.0 > 0).collect(),
        liquid,
    };
    Ok(PositionData { position: compose_position(&inputs), epoch_known: epoch.is_some(), registered })
}

// ------------------------------------------------------------------------------------------
// DOM

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

fn near(y: Yocto) -> String {
    format_near(y.0)
}

fn line(parent: &Element, name: &str, text: &str) -> Element {
    let p = attrs(text_el("p", "srw-pos-line", text), &[("data-srw", name)]);
    append(parent, &p);
    p
}

fn button(text: &str, name: &str, extra: &[(&str, &str)]) -> Element {
    let b = attrs(text_el("button", "srw-pos-button", text), &[("type", "button"), ("data-srw", name)]);
    attrs(b, extra)
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
        "{:?}|{:?}|{:?}|{:?}|{}",
        state.position,
        state.data.ready().map(|d| &d.targets),
        state.target_notes,
        state.config.strings.get(S::PosHeading),
        id
    );
    if key != view.key {
        view.key = key;
        build(section, state, s, id);
    }
    if let Some(el) = section.query_selector("[data-srw=position-status]").ok().flatten() {
        set_text(&el, &status.0);
        opt_attr(&el, "data-tone", (!status.1.is_empty()).then_some(status.1));
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
        Status::Sent(Some(h)) => (s.fill(S::PosSent, &[("action", action), ("hash", h)]), "ok"),
        Status::Sent(None) => (s.fill(S::PosSentNoHash, &[("action", action)]), "ok"),
        Status::ChainFailed(e) => (s.fill(S::TxFailed, &[("error", e)]), "error"),
        Status::Rejected => (s.get(S::Rejected).to_string(), ""),
        Status::Failed(e) if action.is_empty() => (e.clone(), "error"),
        Status::Failed(e) => (s.fill(S::PosFailedTx, &[("action", action), ("error", e)]), "error"),
        _ => (String::new(), ""),
    }
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
            append(section, &status);
            return;
        }
        _ => {
            line(section, "position-loading", s.get(S::PosLoading));
            append(section, &status);
            return;
        }
    };
    let p = &data.position;
    let targets: &[Target] = state.data.ready().map(|d| d.targets.as_slice()).unwrap_or(&[]);
    if p.direct.is_empty() && p.liquid.is_empty() {
        line(section, "position-empty", s.get(S::PosEmpty));
        append(section, &status);
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
        let list = attrs(el("ul", "srw-pools"), &[("data-srw", "tokens")]);
        for l in &p.liquid {
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
            let amt = |y: Yocto| format_near(y.0);
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
            append(&list, &item);
        }
        append(section, &list);
    }
    let t = &p.totals;
    append(section, &text_el("h4", "", s.get(S::PosTotalsHeading)));
    let totals =
        attrs(el("div", "srw-pos-totals"), &[("data-srw", "totals"), ("data-total", &t.total_near.0.to_string())]);
    line(&totals, "total-staked", &s.fill(S::PosTotalStaked, &[("amount", &near(t.staked))]));
    line(
        &totals,
        "total-unstaked",
        &s.fill(S::PosTotalUnstaked, &[("amount", &near(t.unstaked)), ("now", &near(t.withdrawable_now))]),
    );
    line(&totals, "total-rewards", &s.fill(S::PosTotalRewards, &[("amount", &near(t.rewards))]));
    line(&totals, "total-liquid", &s.fill(S::PosTotalLiquid, &[("amount", &near(t.liquid_value))]));
    line(&totals, "total", &s.fill(S::PosTotal, &[("amount", &near(t.total_near))]));
    append(section, &totals);
    append(section, &status);
}

fn pool_item(
    d: &router_core::position::DirectPosition,
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
            let current = data.position.current_epoch.to_string();
            line(
                &item,
                "pool-unlock",
                &s.fill(S::PosWithdrawableFrom, &[("epoch", &e.to_string()), ("current", &current)]),
            );
        }
    }
    line(&item, "pool-rewards", &s.fill(S::PosRewards, &[("amount", &near(d.rewards))]));
    if d.in_flight.0 > 0 {
        line(&item, "pool-in-flight", &s.fill(S::PosInFlight, &[("amount", &near(d.in_flight))]));
    }
    if let Some(to) = &d.moving_to {
        line(&item, "pool-moving", &s.fill(S::PosMoving, &[("pool", to.as_str()), ("amount", &near(d.move_idle))]));
    }
    let actions = attrs(el("div", "srw-pos-actions"), &[("data-pool", pool)]);
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
    let withdraw = button(s.get(S::PosWithdraw), "withdraw", &[("data-pool", pool)]);
    if !d.withdrawable_now {
        toggle_attr(&withdraw, "disabled", true);
        let _ = withdraw.set_attribute("aria-describedby", &format!("{id}-withdraw-hint"));
    }
    if d.unstaked.0 > 0 && d.moving_to.is_none() {
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

// ------------------------------------------------------------------------------------------
// Events

/// A click in the position section: builds the call its button stands for and sends it.
pub(crate) fn on_click(inner: &Rc<Inner>, target: &Element) {
    let Some(b) = target.closest("button[data-srw]").ok().flatten() else { return };
    if b.has_attribute("disabled") {
        return;
    }
    let name = b.get_attribute("data-srw").unwrap_or_default();
    let section = inner.view.borrow().position.clone();
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
        let confirm = |d: &router_core::position::DirectPosition| -> Result<bool, String> {
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
        let router = st.config.router_id.clone();
        match (name.as_str(), proxy, direct) {
            ("unstake", Some(proxy), Some(d)) => amount()
                .and_then(|a| confirm(d).map(|c| unstake_transaction(&proxy, &d.pool_id, a, c)))
                .map(|tx| (label, tx)),
            ("withdraw", Some(proxy), Some(d)) => Ok((label, withdraw_transaction(&proxy, &d.pool_id))),
            ("move", Some(proxy), Some(d)) => {
                let to: Option<AccountId> = field("move-to")
                    .map(|e| e.unchecked_into::<web_sys::HtmlSelectElement>().value())
                    .and_then(|v| v.parse().ok());
                match to {
                    Some(to) => amount()
                        .and_then(|a| confirm(d).map(|c| move_transaction(&proxy, &d.pool_id, &to, a, c)))
                        .map(|tx| (label, tx)),
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
    inner.render();
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = wallet.send(&tx).await;
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
