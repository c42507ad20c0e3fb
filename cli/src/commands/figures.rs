//! `stake-router figures`: what a staker chooses by, per target of a router (and blended for a
//! profile), read over standard NEAR JSON-RPC exactly as a site on mainnet would: each liquid
//! token's rate from its price growth over the last N epochs (a `query` at an older block, or
//! a shorter window inside the node's history, said so), each validator pool's from the
//! account's own growth there when it held stake without flows in the window, else from the
//! protocol's reward figures with the pool's fee and uptime; the pool's fee
//! (`get_reward_fee_fraction`), its health (`validators`: uptime, share of the stake, status)
//! and the router's status of the target. The arithmetic is `router_core::figures`'.

use crate::args::RpcArgs;
use crate::commands::figures_text::{describe, LegFigures, RateSource, Report, Window};
use crate::jsonrpc::{At, Rpc};
use router_core::figures::{
    annualized_ppm, blended_ppm, online_ppm, protocol_rate_ppm, Fraction, ProtocolRewards, ValidatorHealth,
    ValidatorStatus,
};
use router_core::guards::network_share_bps;
use router_core::pool_api::{RewardFeeFraction, GET_REWARD_FEE_FRACTION};
use router_core::{AccountId, Target, TargetKind};
use serde_json::{json, Value};

/// `stake-router figures` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct FiguresArgs {
    #[command(flatten)]
    pub rpc: RpcArgs,
    /// The Stake Router contract
    #[arg(long, value_name = "ID")]
    pub router: AccountId,
    /// Blend the rates by this profile's split
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Read validator rates from this account's own stake (through its proxy) where it can
    #[arg(long, value_name = "ID")]
    pub account: Option<AccountId>,
    /// The window of observed growth, in epochs
    #[arg(long, default_value_t = 4)]
    pub epochs: u64,
    /// Print the figures as JSON
    #[arg(long)]
    pub json: bool,
}

fn amount(v: &Value) -> Option<u128> {
    v.as_str().and_then(|s| s.parse().ok())
}

/// `[num, den]` (nearcore's `Rational32` in JSON).
fn fraction(v: &Value) -> Result<Fraction, String> {
    let n = v[0].as_u64().zip(v[1].as_u64()).ok_or_else(|| format!("not a fraction: {v}"))?;
    Ok(Fraction { num: n.0, den: n.1 })
}

/// The window: the first block of the epoch `epochs` back, or the oldest block the node keeps.
fn window(rpc: &Rpc, epochs: u64, epoch_start: u64, epoch_length: u64) -> Result<Window, String> {
    let wanted = epoch_start.saturating_sub(epochs.saturating_mul(epoch_length)).max(1);
    let status = rpc.call("status", json!([]))?;
    let earliest = status["sync_info"]["earliest_block_height"].as_u64().unwrap_or(wanted);
    let from = wanted.max(earliest);
    let header = |at: At| -> Result<(u64, u64), String> {
        let b = rpc.block(&at).map_err(|e| e.text)?;
        Ok((b["header"]["height"].as_u64().unwrap_or(0), b["header"]["timestamp"].as_u64().unwrap_or(0)))
    };
    let (to, to_ns) = header(At::Final)?;
    let (from, from_ns) = header(At::Height(from))?;
    let seconds = to_ns.saturating_sub(from_ns) / 1_000_000_000;
    Ok(Window { from, to, seconds, epochs_wanted: epochs, shortened: from > wanted })
}

/// The protocol's reward figures (`EXPERIMENTAL_protocol_config`, the head's `total_supply`)
/// and the current validators.
fn protocol(rpc: &Rpc) -> Result<(ProtocolRewards, Value, u64, u64), String> {
    let config = rpc.call("EXPERIMENTAL_protocol_config", json!({ "finality": "final" }))?;
    let head = rpc.block(&At::Final).map_err(|e| e.text)?;
    let validators = rpc.call("validators", json!([null]))?;
    let total_stake = validators["current_validators"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| amount(&v["stake"]))
        .fold(0u128, u128::saturating_add);
    let rewards = ProtocolRewards {
        max_inflation: fraction(&config["max_inflation_rate"])?,
        protocol_reward_rate: fraction(&config["protocol_reward_rate"])?,
        online_min: fraction(&config["online_min_threshold"])?,
        online_max: fraction(&config["online_max_threshold"])?,
        total_supply: amount(&head["header"]["total_supply"]).ok_or("block: no total_supply in the header")?,
        total_stake,
    };
    let epoch_start = validators["epoch_start_height"].as_u64().ok_or("validators: no epoch_start_height")?;
    let epoch_length = config["epoch_length"].as_u64().ok_or("EXPERIMENTAL_protocol_config: no epoch_length")?;
    Ok((rewards, validators, epoch_start, epoch_length))
}

/// A validator's health from `validators`.
fn health(validators: &Value, pool: &AccountId, total_stake: u128) -> ValidatorHealth {
    let current =
        validators["current_validators"].as_array().into_iter().flatten().find(|v| v["account_id"] == pool.as_str());
    let proposed =
        validators["current_proposals"].as_array().into_iter().flatten().any(|v| v["account_id"] == pool.as_str());
    let Some(v) = current else {
        let status = if proposed { ValidatorStatus::Proposed } else { ValidatorStatus::NotValidating };
        return ValidatorHealth { status, uptime_ppm: None, stake_share_bps: None };
    };
    let kind = |p: &str, e: &str| (v[p].as_u64().unwrap_or(0), v[e].as_u64().unwrap_or(0));
    let kinds = [
        kind("num_produced_blocks", "num_expected_blocks"),
        kind("num_produced_chunks", "num_expected_chunks"),
        kind("num_produced_endorsements", "num_expected_endorsements"),
    ];
    let stake = amount(&v["stake"]).unwrap_or(0);
    ValidatorHealth {
        status: ValidatorStatus::Active,
        uptime_ppm: online_ppm(&kinds),
        stake_share_bps: network_share_bps(stake, total_stake),
    }
}

/// The account's own growth in `pool` over the window, when its proxy held stake there
/// without flows (its recorded principal and unstaked the same at both ends).
fn own_growth(rpc: &Rpc, proxy: &AccountId, pool: &AccountId, w: &Window) -> Option<i64> {
    let at = |h: u64| -> Option<(u128, u128)> {
        let records = rpc.view_at(proxy, "get_pools", json!({}), &At::Height(h)).ok()?;
        let r = records.as_array()?.iter().find(|r| r["pool_id"] == pool.as_str())?.clone();
        let recorded = amount(&r["principal"])?.checked_add(amount(&r["unstaked_pending"])?)?;
        let account = rpc.view_at(pool, "get_account", json!({ "account_id": proxy }), &At::Height(h)).ok()?;
        Some((recorded, amount(&account["staked_balance"])?.checked_add(amount(&account["unstaked_balance"])?)?))
    };
    let ((rec_then, then), (rec_now, now)) = (at(w.from)?, at(w.to)?);
    (rec_then == rec_now && rec_then > 0).then(|| annualized_ppm(then, now, w.seconds)).flatten()
}

/// Reads every figure and composes the report.
pub fn fetch(rpc: &Rpc, args: &FiguresArgs) -> Result<Report, String> {
    let (rewards, validators, epoch_start, epoch_length) = protocol(rpc)?;
    let w = window(rpc, args.epochs, epoch_start, epoch_length)?;
    let targets: Vec<Target> = rpc.view_as(&args.router, "get_targets", json!({}))?;
    let proxy = match &args.account {
        Some(a) => {
            let p = rpc.view(&args.router, "get_proxy", json!({ "beneficiary_id": a }))?;
            (p["exists"] == true).then(|| p["proxy_id"].as_str().and_then(|s| s.parse().ok())).flatten()
        }
        None => None,
    };
    let mut legs = Vec::new();
    for t in &targets {
        let status = format!("{:?}", t.status).to_lowercase();
        let leg = match t.kind {
            TargetKind::Liquid { protocol, .. } => {
                let method = protocol.price_method();
                let now = rpc.view(&t.account_id, method, json!({})).ok().and_then(|v| amount(&v));
                let then =
                    rpc.view_at(&t.account_id, method, json!({}), &At::Height(w.from)).ok().and_then(|v| amount(&v));
                let rate = now.zip(then).and_then(|(n, p)| annualized_ppm(p, n, w.seconds));
                LegFigures {
                    target: t.account_id.clone(),
                    kind: protocol.display_name().into(),
                    router_status: status,
                    rate_ppm: rate,
                    source: RateSource::PriceGrowth,
                    fee: None,
                    health: None,
                    unlock_epochs: protocol.unlock_epochs(),
                }
            }
            TargetKind::Validator => {
                let fee: Option<RewardFeeFraction> =
                    rpc.view_as(&t.account_id, GET_REWARD_FEE_FRACTION, json!({})).ok();
                let h = health(&validators, &t.account_id, rewards.total_stake);
                let fee_f = fee.map(|f| Fraction { num: f.numerator.into(), den: f.denominator.into() });
                let own = proxy.as_ref().and_then(|p| own_growth(rpc, p, &t.account_id, &w));
                let (rate, source) = match own {
                    Some(r) => (Some(r), RateSource::OwnGrowth),
                    None => {
                        let online = if h.status == ValidatorStatus::Active {
                            h.uptime_ppm.unwrap_or(router_core::figures::PPM)
                        } else {
                            0
                        };
                        let r = fee_f.and_then(|f| protocol_rate_ppm(&rewards, online, f)).map(|r| r as i64);
                        (r, RateSource::ProtocolFigures)
                    }
                };
                let n = router_core::position::NUM_EPOCHS_TO_UNLOCK;
                LegFigures {
                    target: t.account_id.clone(),
                    kind: "validator".into(),
                    router_status: status,
                    rate_ppm: rate,
                    source,
                    fee,
                    health: Some(h),
                    unlock_epochs: (n, n),
                }
            }
        };
        legs.push(leg);
    }
    let blend = match &args.profile {
        Some(name) => {
            let policy: router_core::Policy =
                rpc.view_as(&args.router, "get_profile_policy", json!({ "name": name }))?;
            let shares: Vec<(u16, Option<i64>)> = policy
                .legs
                .iter()
                .map(|l| (l.bps, legs.iter().find(|f| f.target == l.target).and_then(|f| f.rate_ppm)))
                .collect();
            Some((name.clone(), blended_ppm(&shares), shares.iter().filter(|(_, r)| r.is_none()).count()))
        }
        None => None,
    };
    Ok(Report { window: w, epoch_length, rewards, legs, blend })
}

/// The report as text or JSON.
pub fn render(args: &FiguresArgs) -> Result<String, String> {
    let rpc = Rpc::new(&args.rpc.url());
    let report = fetch(&rpc, args)?;
    if args.json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())
    } else {
        Ok(describe(&report))
    }
}

/// Runs `stake-router figures`.
pub fn run(args: FiguresArgs) -> Result<(), String> {
    println!("{}", render(&args)?);
    Ok(())
}
