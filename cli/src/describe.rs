//! Plans and positions as text a person reads: [`describe_plan`] (one line per leg, folded legs
//! and why, the costs and the gas; `plan`, `dao-proposal` and `demo` print it) and
//! [`describe_position`] (one line per pool and per token, then the totals, with any loss and
//! the net against the principal; `position` prints it).

use router_core::gas::{TGAS, WALLET_GAS};
use router_core::position::{DirectPosition, Position, PositionTotals};
use router_core::{format_near, FoldReason, SplitPlan, TargetKind};

/// Why a leg was folded, in words.
pub fn fold_reason(reason: FoldReason) -> &'static str {
    match reason {
        FoldReason::BelowMinimumLeg => "below the minimum leg size",
        FoldReason::CeilingReached => "target at its routed ceiling",
        FoldReason::ConcentrationGuard => "validator above the profile's network-share limit",
        FoldReason::DepegGuard => "liquid token's last price outside its depeg band",
    }
}

/// Basis points as a percentage with two decimals, in integers (`6000` is `60.00%`).
fn percent(bps: u16) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

/// A plan as a person reads it: one line per leg, folded legs with their reason, the costs,
/// and the gas to attach.
pub fn describe_plan(plan: &SplitPlan) -> String {
    let mut out = format!("Deposit {} NEAR\n", format_near(plan.deposit.0));
    for leg in &plan.legs {
        let kind = match leg.kind {
            TargetKind::Validator => "direct (validator, via your staking proxy)".to_string(),
            TargetKind::Liquid { protocol, .. } => format!("liquid ({})", protocol.display_name()),
        };
        out += &format!(
            "  {:>7}  {:>32} NEAR  -> {}  [{}]\n",
            percent(leg.effective_bps),
            format_near(leg.amount.0),
            leg.target,
            kind
        );
    }
    for f in &plan.folded {
        out += &format!(
            "  folded: {} ({} bps) — {}; its share went to the other legs\n",
            f.target,
            f.policy_bps,
            fold_reason(f.reason)
        );
    }
    let c = &plan.costs;
    out += &format!(
        "One-off costs {} NEAR (proxy storage {}, proxy record {}, liquid reserves {}; unused reserve is refunded)\n",
        format_near(c.total.0),
        format_near(c.proxy_storage.0),
        format_near(c.proxy_record.0),
        format_near(c.liquid_reserves.0)
    );
    if plan.creates_proxy {
        out += &format!(
            "First direct deposit: creates your staking proxy (account creation charge {} NEAR, paid through gas)\n",
            format_near(c.account_creation_charge_from_gas.0)
        );
    }
    out += &format!(
        "Direct {} NEAR, liquid {} NEAR; attach at least {} TGas\n",
        format_near(plan.direct_total.0),
        format_near(plan.liquid_total.0),
        plan.gas_required.div_ceil(TGAS)
    );
    if plan.gas_required > WALLET_GAS {
        out += &format!(
            "Note: that is more than the {} TGas many wallets and DAO apps attach; if yours refuses, choose a split with fewer legs\n",
            WALLET_GAS / TGAS
        );
    }
    out
}

/// The position as text: who, the proxy, each pool and token, the totals.
pub fn describe_position(p: &Position) -> String {
    let mut out = String::new();
    let who = p.account_id.as_ref().map_or("?".to_string(), |a| a.to_string());
    out += &format!("Position of {who} at epoch {}\n", p.current_epoch);
    match &p.proxy_id {
        Some(proxy) => out += &format!("  staking proxy {proxy}\n"),
        None => out += "  no staking proxy yet (no direct stake)\n",
    }
    for d in &p.direct {
        out += &pool_line(d);
    }
    for l in &p.liquid {
        let value = l.value.map_or("no price".to_string(), |v| format!("{} NEAR", format_near(v.0)));
        out += &format!(
            "  {}: {} in wallet, {} claimable, worth {value}\n",
            l.token_id,
            format_near(l.balance.0),
            format_near(l.claimable.0)
        );
    }
    out += &totals_lines(&p.totals);
    out
}

/// One pool: the pool's figures, rewards, a loss (or the share rounding) and what is pending.
fn pool_line(d: &DirectPosition) -> String {
    let mut out = format!(
        "  {}: staked {} NEAR, unstaked {} NEAR, rewards {} NEAR",
        d.pool_id,
        format_near(d.staked.0),
        format_near(d.unstaked.0),
        format_near(d.rewards.0)
    );
    if d.loss_within_rounding {
        out += &format!(", {} NEAR below the records (share rounding, not a loss)", format_near(d.loss.0));
    } else if d.loss.0 > 0 {
        out += &format!(
            ", LOSS {} NEAR (the pool reports {} NEAR of the {} NEAR put in)",
            format_near(d.loss.0),
            format_near(d.value()),
            format_near(d.recorded())
        );
    }
    match (d.withdrawable_now, d.available_from_epoch) {
        (true, _) => out += ", withdrawable now",
        (false, Some(epoch)) => out += &format!(", unstaked available from epoch {epoch}"),
        _ => {}
    }
    if let Some(to) = &d.moving_to {
        out += &format!(", moving to {to} ({} NEAR held for it)", format_near(d.move_idle.0));
    }
    if !d.reported_by_pool {
        out += " (pool unreadable: the proxy's records)";
    }
    out + "\n"
}

/// The totals; with a loss, a second line with the loss and the net against the principal.
fn totals_lines(t: &PositionTotals) -> String {
    let mut out = format!(
        "  total {} NEAR: staked {}, unstaked {} ({} withdrawable now), in transit {}, liquid {}; rewards {}\n",
        format_near(t.total_near.0),
        format_near(t.staked.0),
        format_near(t.unstaked.0),
        format_near(t.withdrawable_now.0),
        format_near(t.in_transit.0),
        format_near(t.liquid_value.0),
        format_near(t.rewards.0)
    );
    if t.loss.0 > 0 {
        let rounding = if t.rounding_loss.0 > 0 {
            format!(" ({} NEAR of it share rounding)", format_near(t.rounding_loss.0))
        } else {
            String::new()
        };
        let net = if t.net_loss.0 > 0 {
            format!("-{}", format_near(t.net_loss.0))
        } else {
            format!("+{}", format_near(t.net_gain.0))
        };
        out += &format!(
            "  loss {} NEAR{rounding}; net {net} NEAR against the principal of {} NEAR\n",
            format_near(t.loss.0),
            format_near(t.principal.0)
        );
    }
    if t.unpriced_tokens > 0 {
        out += &format!("  ({} token(s) without a price are not in the total)\n", t.unpriced_tokens);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use router_core::position::{compose_position, PoolAccount, PositionInputs, ProxyPool};
    use router_core::{AccountId, Yocto, ONE_NEAR};

    fn id(s: &str) -> AccountId {
        s.parse().unwrap()
    }

    /// Pools of (principal, staked the pool reports).
    fn position(pools: &[(&str, u128, u128)]) -> Position {
        let mut inputs = PositionInputs {
            account_id: Some(id("alice.near")),
            proxy_id: Some(id("p.router.near")),
            current_epoch: 9,
            ..PositionInputs::default()
        };
        for &(pool, principal, staked) in pools {
            inputs.proxy_pools.push(ProxyPool { principal: Yocto(principal), ..ProxyPool::empty(id(pool)) });
            let account = PoolAccount {
                account_id: id("p.router.near"),
                staked_balance: Yocto(staked),
                unstaked_balance: Yocto(0),
                can_withdraw: true,
            };
            inputs.pool_accounts.insert(id(pool), account);
        }
        compose_position(&inputs)
    }

    #[test]
    fn a_loss_is_shown_per_pool_and_netted_in_the_totals() {
        let text = describe_position(&position(&[
            ("a.near", 10 * ONE_NEAR, 7 * ONE_NEAR),
            ("b.near", ONE_NEAR, 2 * ONE_NEAR),
        ]));
        for needle in [
            "a.near: staked 7 NEAR, unstaked 0 NEAR, rewards 0 NEAR, LOSS 3 NEAR (the pool reports 7 NEAR of the 10 NEAR put in)",
            "b.near: staked 2 NEAR, unstaked 0 NEAR, rewards 1 NEAR\n",
            "; rewards 1\n",
            "  loss 3 NEAR; net -2 NEAR against the principal of 11 NEAR\n",
        ] {
            assert!(text.contains(needle), "missing `{needle}` in\n{text}");
        }
    }

    #[test]
    fn rounding_is_labelled_and_no_loss_adds_no_line() {
        let text = describe_position(&position(&[("a.near", 10 * ONE_NEAR, 10 * ONE_NEAR - 2), ("b.near", 5, 9)]));
        assert!(
            text.contains("a.near: staked 9.999999999999999999999998 NEAR, unstaked 0 NEAR, rewards 0 NEAR, 0.000000000000000000000002 NEAR below the records (share rounding, not a loss)"),
            "{text}"
        );
        assert!(!text.contains("LOSS"), "{text}");
        assert!(
            text.contains("  loss 0.000000000000000000000002 NEAR (0.000000000000000000000002 NEAR of it share rounding); net +0.000000000000000000000002 NEAR"),
            "{text}"
        );
        let text = describe_position(&position(&[("a.near", 10, 12)]));
        assert!(!text.contains("loss") && !text.contains("below the records"), "{text}");
    }
}
