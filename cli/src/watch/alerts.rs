//! The alerts: what changed between the previous run's values and this one's (`observe.rs`).
//! A change of something only a comparison can show (a commission, a price fall) needs a
//! previous value, so the first run records it silently; a state that needs action now (a
//! paused router, a paused or retired target, a pool out of the validator set or under the
//! uptime threshold, a depeg, unstaked NEAR ready, a claimable waiting) is raised on the first
//! run too, and after that only when it newly appears. So each event raises exactly one alert.

use super::observe::Observation;
use router_core::AccountId;
use std::collections::BTreeMap;

/// What a DAO can do about an alert through its proxy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the stake off this pool (`move_stake`).
    MoveStake(AccountId),
    /// Withdraw the unstaked NEAR that is ready (`withdraw`).
    Withdraw(AccountId),
}

/// One alert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// `commission_changed`, `uptime_low`, `kicked_out`, `router_paused`, `target_paused`,
    /// `target_retired`, `depeg`, `price_fall`, `withdraw_ready`, `claimable`.
    pub kind: &'static str,
    /// The pool, token or router concerned.
    pub subject: String,
    /// The epoch it was seen in.
    pub epoch: u64,
    /// In words.
    pub message: String,
    /// What acts on it, if anything does.
    pub action: Option<Action>,
}

fn num(v: Option<&String>) -> u128 {
    v.and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// `a/b` as a fraction compared exactly: whether `now` is a higher fee than `before`.
fn fee_rose(before: &str, now: &str) -> bool {
    let parse = |f: &str| f.split_once('/').and_then(|(n, d)| Some((n.parse::<u128>().ok()?, d.parse::<u128>().ok()?)));
    match (parse(before), parse(now)) {
        (Some((n0, d0)), Some((n1, d1))) => n1 * d0 > n0 * d1,
        _ => true,
    }
}

/// The alerts of `now` against `before` (empty on the first run), uptime threshold in bps.
pub fn compare(before: &BTreeMap<String, String>, now: &Observation, min_uptime_bps: u64) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let mut raise = |kind, subject: &str, message: String, action| {
        alerts.push(Alert { kind, subject: subject.to_string(), epoch: now.epoch, message, action })
    };
    for (key, value) in &now.values {
        let prev = before.get(key);
        let parts: Vec<&str> = key.splitn(3, ':').collect();
        let subject = parts.get(1).copied().unwrap_or("router");
        let pool = || subject.parse::<AccountId>().ok();
        match (parts[0], parts.get(2).copied().or(parts.get(1).copied())) {
            ("router", Some("paused")) if value == "true" && prev != Some(value) => {
                raise("router_paused", "router", "the router is paused: it takes no deposits".into(), None)
            }
            ("target", Some("status")) if value != "active" && prev != Some(value) => {
                let retired = value == "retired";
                let is_pool = now.values.contains_key(&format!("pool:{subject}:validator"));
                let message = match retired {
                    true => format!(
                        "{subject} is retired on the router: it takes no deposits for good; move what you hold there"
                    ),
                    false => format!("{subject} is paused on the router: it takes no new deposits for now"),
                };
                let action = (retired && is_pool).then(|| pool().map(Action::MoveStake)).flatten();
                raise(if retired { "target_retired" } else { "target_paused" }, subject, message, action)
            }
            ("token", Some("price")) if prev.is_some_and(|p| num(Some(value)) < num(Some(p))) => {
                let (p0, p1) = (num(prev), num(Some(value)));
                let message = format!(
                    "{subject}'s price fell from {} to {} NEAR per token",
                    router_core::format_near(p0),
                    router_core::format_near(p1)
                );
                raise("price_fall", subject, message, None)
            }
            ("token", Some("out_of_band")) if value == "true" && prev != Some(value) => {
                raise("depeg", subject, format!("{subject}'s price is outside the router's depeg band"), None)
            }
            ("pool", Some("fee")) if prev.is_some_and(|p| p != value) => {
                let prev = prev.map(String::as_str).unwrap_or_default();
                let words = pool().and_then(|p| now.fees.get(&p).cloned()).unwrap_or_else(|| value.clone());
                let message = format!("{subject}'s commission changed from {prev} to {words}");
                let action = fee_rose(prev, value).then(|| pool().map(Action::MoveStake)).flatten();
                raise("commission_changed", subject, message, action)
            }
            ("pool", Some("validator")) if value == "false" && prev != Some(value) => {
                let message =
                    format!("{subject} is not in the current validator set (kicked out or unstaked): it earns nothing");
                raise("kicked_out", subject, message, pool().map(Action::MoveStake))
            }
            ("pool", Some("uptime_bps")) => {
                let low = |v: Option<&String>| v.is_some_and(|v| num(Some(v)) < u128::from(min_uptime_bps));
                if low(Some(value)) && !low(prev) {
                    let message = format!(
                        "{subject}'s uptime this epoch is {}%, under the {}% threshold",
                        router_core::amount::format_decimal(num(Some(value)), 2),
                        router_core::amount::format_decimal(u128::from(min_uptime_bps), 2)
                    );
                    raise("uptime_low", subject, message, pool().map(Action::MoveStake))
                }
            }
            ("pool", Some("withdrawable")) if num(Some(value)) > 0 && num(prev) == 0 => {
                let message = format!(
                    "{} NEAR unstaked in {subject} is ready to withdraw",
                    router_core::format_near(num(Some(value)))
                );
                raise("withdraw_ready", subject, message, pool().map(Action::Withdraw))
            }
            ("claimable", _) if num(Some(value)) > num(prev) => {
                let message = format!(
                    "{} of {subject} wait claimable in the router (`claim`)",
                    router_core::format_near(num(Some(value)))
                );
                raise("claimable", subject, message, None)
            }
            _ => {}
        }
    }
    alerts
}
