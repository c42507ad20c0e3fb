//! What `stake-router exit` prints: per liquid token both exits side by side with the calls
//! (or a DAO's proposals) that perform them, per validator pool the proxy's unstake.

use router_core::amount::format_near_display;
use router_core::dao_proposal::{ActionCall, ProposalKind};
use router_core::exit_calls::{self, ExitCall};
use router_core::exit_quote::{describe_wait, EpochClock, InstantVenue, LiquidExitQuote};
use router_core::proxy_api;
use router_core::AccountId;
use serde_json::{json, Value};

/// One liquid token's quotes and the calls of each exit.
#[derive(Clone, Debug)]
pub struct TokenExit {
    /// Both exits' figures.
    pub quote: LiquidExitQuote,
    /// The delayed exit: unstake now, withdraw once unlocked.
    pub delayed_calls: Vec<ExitCall>,
    /// Per instant quote (same order): its calls.
    pub instant_calls: Vec<Vec<ExitCall>>,
}

impl TokenExit {
    /// The calls of each exit in `quote` (a swap's unwrap needs `wnear`; `register`, when
    /// given, registers the holder on it first).
    pub fn new(
        quote: LiquidExitQuote,
        token: &AccountId,
        wnear: Option<&AccountId>,
        register: Option<ExitCall>,
    ) -> Self {
        let delayed_calls = vec![exit_calls::unstake(token, None), exit_calls::withdraw(token, quote.protocol)];
        let instant_calls = quote
            .instant
            .iter()
            .map(|exit| match (&exit.venue, wnear) {
                (InstantVenue::Protocol, _) => vec![exit_calls::liquid_unstake(token, quote.amount.0, exit.min_out.0)],
                (InstantVenue::Exchange { exchange, pool_id }, Some(wnear)) => {
                    let exchange: AccountId = exchange.parse().unwrap_or_else(|_| token.clone());
                    register
                        .iter()
                        .cloned()
                        .chain([
                            exit_calls::swap(token, &exchange, *pool_id, wnear, quote.amount.0, exit.min_out.0),
                            exit_calls::unwrap_near(wnear, exit.min_out.0),
                        ])
                        .collect()
                }
                (InstantVenue::Exchange { .. }, None) => Vec::new(),
            })
            .collect();
        TokenExit { quote, delayed_calls, instant_calls }
    }
}

/// One validator pool's exit through the account's proxy.
#[derive(Clone, Debug)]
pub struct PoolExit {
    /// The pool.
    pub pool_id: AccountId,
    /// The account's staking proxy.
    pub proxy_id: AccountId,
    /// NEAR staked there (the pool's figure).
    pub staked: u128,
    /// The epoch an unstake requested now unlocks at.
    pub unlock_epoch: u64,
    /// Estimated seconds until then.
    pub seconds: u64,
}

impl PoolExit {
    /// The proxy's `unstake(pool_id)` of everything (owner, 1 yoctoNEAR).
    pub fn call(&self) -> ExitCall {
        ExitCall {
            receiver_id: self.proxy_id.clone(),
            method: proxy_api::UNSTAKE,
            args: json!({ "pool_id": self.pool_id }).to_string(),
            deposit: router_core::Yocto(1),
            gas: router_core::exit_gas::UNSTAKE_GAS,
        }
    }
}

/// Everything `stake-router exit` found for one account.
#[derive(Clone, Debug, Default)]
pub struct ExitReport {
    /// The account leaving.
    pub account: Option<AccountId>,
    /// Where the chain is.
    pub clock: EpochClock,
    /// Per liquid token held.
    pub tokens: Vec<TokenExit>,
    /// Per validator pool with stake.
    pub pools: Vec<PoolExit>,
    /// Venues that would not quote, and why.
    pub notes: Vec<String>,
}

/// A call as a wallet takes it (`{receiverId, actions}`), or as a Sputnik DAO v2 proposal kind.
fn call_json(call: &ExitCall, dao: bool) -> Value {
    let args: Value = serde_json::from_str(&call.args).unwrap_or(Value::Null);
    if dao {
        let actions = vec![ActionCall::from(call)];
        return json!(ProposalKind::FunctionCall { receiver_id: call.receiver_id.clone(), actions });
    }
    json!({ "receiverId": call.receiver_id, "actions": [{ "type": "FunctionCall", "params": {
        "methodName": call.method, "args": args, "gas": call.gas.to_string(), "deposit": call.deposit.0.to_string() } }] })
}

fn calls_json(calls: &[ExitCall], dao: bool) -> Value {
    Value::Array(calls.iter().map(|c| call_json(c, dao)).collect())
}

impl ExitReport {
    /// The report as JSON: quotes and, per exit, the transactions (or proposal kinds).
    pub fn json(&self, dao: bool) -> Value {
        let tokens: Vec<Value> = self
            .tokens
            .iter()
            .map(|t| {
                let instant: Vec<Value> = t
                    .quote
                    .instant
                    .iter()
                    .zip(&t.instant_calls)
                    .map(|(q, calls)| json!({ "quote": q, "calls": calls_json(calls, dao) }))
                    .collect();
                json!({ "quote": t.quote, "delayed_calls": calls_json(&t.delayed_calls, dao), "instant": instant })
            })
            .collect();
        let pools: Vec<Value> = self
            .pools
            .iter()
            .map(|p| {
                json!({ "pool_id": p.pool_id, "staked": p.staked.to_string(), "unlock_epoch": p.unlock_epoch,
                            "unlock_seconds": p.seconds, "calls": calls_json(&[p.call()], dao) })
            })
            .collect();
        json!({ "account": self.account, "clock": self.clock, "tokens": tokens, "pools": pools, "notes": self.notes })
    }
}

fn venue_name(venue: &InstantVenue) -> String {
    match venue {
        InstantVenue::Protocol => "the protocol's liquidity pool (liquid_unstake)".to_owned(),
        InstantVenue::Exchange { exchange, pool_id } => {
            format!("{exchange} pool {pool_id} (swap to wNEAR, then unwrap)")
        }
    }
}

fn print_calls(out: &mut String, calls: &[ExitCall], dao: bool, indent: &str) {
    let label = if dao { "proposal kind" } else { "sign" };
    for call in calls {
        out.push_str(&format!("{indent}{label}: {}\n", call_json(call, dao)));
    }
}

/// The report as text.
pub fn describe(report: &ExitReport, dao: bool) -> String {
    let clock = &report.clock;
    let mut out = format!(
        "Exits for {} at epoch {} (epoch length {} blocks, recent block time {} ms)\n",
        report.account.as_ref().map_or("?", |a| a.as_str()),
        clock.epoch_height,
        clock.epoch_length,
        clock.block_time_ms
    );
    if report.tokens.is_empty() && report.pools.is_empty() {
        out.push_str("Nothing to exit: no liquid token from the router's targets and no stake through the proxy.\n");
    }
    for t in &report.tokens {
        let q = &t.quote;
        out.push_str(&format!(
            "\n{} ({}): {} units, redeem for {} NEAR at the protocol's rate\n",
            q.token,
            q.protocol.display_name(),
            q.amount.0,
            format_near_display(q.redemption.0)
        ));
        match (q.market_price, q.market_discount_bps) {
            (Some(market), Some(bps)) => out.push_str(&format!(
                "  market: one token sells for {} NEAR on the exchange, {}.{:02}% below the rate{}\n",
                format_near_display(market.0),
                bps / 100,
                bps % 100,
                if q.depegged { " — DEPEGGED: more than the band below it" } else { "" }
            )),
            _ => out.push_str("  market: no exchange pool given, so no depeg check\n"),
        }
        let d = &q.delayed;
        out.push_str(&format!(
            "  delayed: {} NEAR, no fee; withdraw from epoch {} ({}), at the latest epoch {} ({})\n",
            format_near_display(d.near.0),
            d.unlock_epoch,
            describe_wait(d.unlock_seconds),
            d.unlock_epoch_latest,
            describe_wait(d.unlock_seconds_latest)
        ));
        print_calls(&mut out, &t.delayed_calls, dao, "    ");
        for (exit, calls) in q.instant.iter().zip(&t.instant_calls) {
            out.push_str(&format!(
                "  instant via {}: {} NEAR now (cost {} NEAR, {}.{:02}%), at least {} NEAR\n",
                venue_name(&exit.venue),
                format_near_display(exit.near.0),
                format_near_display(exit.cost.0),
                exit.cost_bps / 100,
                exit.cost_bps % 100,
                format_near_display(exit.min_out.0)
            ));
            print_calls(&mut out, calls, dao, "    ");
        }
        if q.instant.is_empty() {
            out.push_str("  instant: no venue quoted (see the notes)\n");
        }
    }
    for p in &report.pools {
        out.push_str(&format!(
            "\n{} (validator, through {}): {} NEAR staked; unstake now, withdraw from epoch {} ({})\n",
            p.pool_id,
            p.proxy_id,
            format_near_display(p.staked),
            p.unlock_epoch,
            describe_wait(p.seconds)
        ));
        print_calls(&mut out, &[p.call()], dao, "    ");
    }
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out
}
