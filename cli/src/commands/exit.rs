//! `stake-router exit`: every way out of an account's position, side by side, over NEAR
//! JSON-RPC. Per liquid token: the protocol's delayed unstake (no fee, unlock epoch and time)
//! and the instant exits (Meta Pool's `liquid_unstake`, a swap on a Ref-shaped exchange to
//! wNEAR), each with its cost against the redemption value and a depeg flag; per validator
//! pool: the proxy's unstake and its unlock. The figures are `router_core::exit_quote`'s and
//! the calls `router_core::exit_calls`' (the widget uses the same); for a DAO (`--dao`) each
//! exit is printed as the Sputnik proposal that performs it.

use crate::args::RpcArgs;
use crate::commands::exit_text::{describe, ExitReport, PoolExit, TokenExit};
use crate::jsonrpc::Rpc;
use router_core::exit_calls::{self, ExitCall};
use router_core::exit_quote::{EpochClock, ExitTerms, InstantVenue, LiquidExitQuote};
use router_core::lst_api;
use router_core::position::NUM_EPOCHS_TO_UNLOCK;
use router_core::target::LstProtocol;
use router_core::AccountId;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// `stake-router exit` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct ExitArgs {
    #[command(flatten)]
    pub rpc: RpcArgs,
    /// The Stake Router contract (its liquid targets and the account's proxy)
    #[arg(long, value_name = "ID")]
    pub router: AccountId,
    /// The account leaving (a person, or with --dao a Sputnik DAO)
    #[arg(long, value_name = "ID")]
    pub account: AccountId,
    /// A Ref-shaped exchange to quote instant swaps on
    #[arg(long, value_name = "ID", requires = "wnear")]
    pub dex: Option<AccountId>,
    /// The exchange's pool per token, comma-separated: TOKEN=POOL_ID
    #[arg(long, value_name = "PAIRS", value_delimiter = ',', value_parser = dex_pool)]
    pub dex_pool: Vec<(AccountId, u64)>,
    /// The wrapped NEAR token the exchange pays in (unwrapped with near_withdraw)
    #[arg(long, value_name = "ID")]
    pub wnear: Option<AccountId>,
    /// The worst fill an instant exit accepts below its quote, in basis points
    #[arg(long, default_value_t = ExitTerms::default().slippage_bps)]
    pub slippage_bps: u16,
    /// How far below the redemption value the market may pay before a token counts as
    /// depegged, in basis points
    #[arg(long, default_value_t = ExitTerms::default().depeg_band_bps)]
    pub band_bps: u16,
    /// Print each exit as a Sputnik DAO v2 proposal of the account (a DAO) instead of a
    /// transaction to sign
    #[arg(long)]
    pub dao: bool,
    /// Print the quotes and calls as JSON
    #[arg(long)]
    pub json: bool,
}

/// A clap value parser: `TOKEN=POOL_ID`.
fn dex_pool(text: &str) -> Result<(AccountId, u64), String> {
    let (token, id) = text.split_once('=').ok_or_else(|| format!("`{text}` is not TOKEN=POOL_ID"))?;
    let token = token.trim().parse().map_err(|e| format!("`{token}`: {e}"))?;
    let id = id.trim().parse().map_err(|_| format!("`{id}` is not a pool id"))?;
    Ok((token, id))
}

fn amount(v: &Value) -> Option<u128> {
    v.as_str()?.parse().ok()
}

/// The router's liquid targets and their protocol shapes.
fn liquid_targets(rpc: &Rpc, router: &AccountId) -> Result<Vec<(AccountId, LstProtocol)>, String> {
    let targets = rpc.view(router, "get_targets", json!({}))?;
    Ok(targets
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["kind"]["type"] == "liquid")
        .filter_map(|t| {
            let id = t["account_id"].as_str()?.parse().ok()?;
            let protocol: LstProtocol = serde_json::from_value(t["kind"]["protocol"].clone()).ok()?;
            Some((id, protocol))
        })
        .collect())
}

/// The chain's epoch clock: the epoch and its first block (`validators`), the head
/// (`block`), the epoch length (`EXPERIMENTAL_protocol_config`) and the block time measured
/// between the epoch's first block and the head (or the previous block early in an epoch).
pub fn epoch_clock(rpc: &Rpc) -> Result<EpochClock, String> {
    let validators = rpc.call("validators", json!([null]))?;
    let epoch_height = validators["epoch_height"].as_u64().ok_or("validators: no epoch_height")?;
    let epoch_start_height = validators["epoch_start_height"].as_u64().ok_or("validators: no epoch_start_height")?;
    let config = rpc.call("EXPERIMENTAL_protocol_config", json!({ "finality": "final" }))?;
    let epoch_length = config["epoch_length"].as_u64().ok_or("EXPERIMENTAL_protocol_config: no epoch_length")?;
    let header = |params: Value| -> Result<(u64, u64), String> {
        let block = rpc.call("block", params)?;
        let h = &block["header"];
        let height = h["height"].as_u64().ok_or("block: no height")?;
        let ts = h["timestamp"].as_u64().ok_or("block: no timestamp")?;
        Ok((height, ts))
    };
    let (head_height, head_ts) = header(json!({ "finality": "final" }))?;
    let earlier = if head_height > epoch_start_height { epoch_start_height } else { head_height.saturating_sub(1) };
    let (then_height, then_ts) = header(json!({ "block_id": earlier }))
        .map_err(|e| format!("the block time needs block {earlier}, which the node does not answer: {e}"))?;
    Ok(router_core::exit_track::epoch_clock(
        epoch_height,
        epoch_start_height,
        epoch_length,
        (head_height, head_ts),
        (then_height, then_ts),
    ))
}

/// The instant quotes for `balance` of `token`: Meta Pool's own pool, and the exchange's pool
/// for the token. A venue that refuses to quote (no liquidity) is left out with the reason.
fn instant_quotes(
    rpc: &Rpc,
    args: &ExitArgs,
    token: &AccountId,
    protocol: LstProtocol,
    balance: u128,
    notes: &mut Vec<String>,
) -> Vec<(InstantVenue, u128)> {
    let mut quotes = Vec::new();
    if protocol == LstProtocol::MetaPool {
        let quote = json!({ "stnear_to_sell": balance.to_string() });
        match rpc.view(token, exit_calls::META_QUOTE_LIQUID_UNSTAKE, quote) {
            Ok(v) => quotes.extend(amount(&v).map(|near| (InstantVenue::Protocol, near))),
            Err(e) => notes.push(format!("{token}: no liquid_unstake quote ({e})")),
        }
    }
    let pools: BTreeMap<&AccountId, u64> = args.dex_pool.iter().map(|(t, p)| (t, *p)).collect();
    if let (Some(dex), Some(wnear), Some(pool_id)) = (&args.dex, &args.wnear, pools.get(token)) {
        let q = json!({ "pool_id": pool_id, "token_in": token, "amount_in": balance.to_string(), "token_out": wnear });
        match rpc.view(dex, exit_calls::DEX_GET_RETURN, q) {
            Ok(v) => quotes.extend(
                amount(&v).map(|near| (InstantVenue::Exchange { exchange: dex.to_string(), pool_id: *pool_id }, near)),
            ),
            Err(e) => notes.push(format!("{token}: no swap quote from {dex} pool {pool_id} ({e})")),
        }
    }
    quotes
}

/// What the exchange pays now for one whole token of `token` (its marginal price with the pool
/// fee), when a pool for it was given: the market price the depeg test reads.
fn market_price(rpc: &Rpc, args: &ExitArgs, token: &AccountId) -> Option<u128> {
    let (dex, wnear) = (args.dex.as_ref()?, args.wnear.as_ref()?);
    let pool_id = args.dex_pool.iter().find(|(t, _)| t == token)?.1;
    let one = router_core::guards::PRICE_UNIT.to_string();
    let q = json!({ "pool_id": pool_id, "token_in": token, "amount_in": one, "token_out": wnear });
    rpc.view(dex, exit_calls::DEX_GET_RETURN, q).ok().and_then(|v| amount(&v))
}

/// The holder's registration on wNEAR, when a swap's output needs one (`storage_balance_of`
/// is `null`), with the token's own minimum (`storage_balance_bounds`).
fn wnear_registration(rpc: &Rpc, args: &ExitArgs) -> Result<Option<ExitCall>, String> {
    let Some(wnear) = args.wnear.as_ref().filter(|_| args.dex.is_some()) else { return Ok(None) };
    let balance = rpc.view(wnear, lst_api::STORAGE_BALANCE_OF, json!({ "account_id": args.account }))?;
    if !balance.is_null() {
        return Ok(None);
    }
    let bounds = rpc.view(wnear, "storage_balance_bounds", json!({}))?;
    let min = amount(&bounds["min"]).ok_or_else(|| format!("{wnear}.storage_balance_bounds: no min in {bounds}"))?;
    Ok(Some(exit_calls::register(wnear, &args.account, min)))
}

/// Reads every view and composes the report.
pub fn fetch(rpc: &Rpc, args: &ExitArgs) -> Result<ExitReport, String> {
    let clock = epoch_clock(rpc)?;
    let register = wnear_registration(rpc, args)?;
    let terms = ExitTerms { slippage_bps: args.slippage_bps, depeg_band_bps: args.band_bps };
    let mut report = ExitReport { account: Some(args.account.clone()), clock, ..ExitReport::default() };
    for (token, protocol) in liquid_targets(rpc, &args.router)? {
        let balance = amount(&rpc.view(&token, "ft_balance_of", json!({ "account_id": args.account }))?).unwrap_or(0);
        if balance == 0 {
            continue;
        }
        let price = amount(&rpc.view(&token, protocol.price_method(), json!({}))?)
            .ok_or_else(|| format!("{token}.{}: not an amount", protocol.price_method()))?;
        let instant = instant_quotes(rpc, args, &token, protocol, balance, &mut report.notes);
        let market = market_price(rpc, args, &token);
        let quote = LiquidExitQuote::new(token.to_string(), protocol, balance, price, instant, market, terms, &clock)
            .ok_or_else(|| format!("{token}: the redemption value overflows"))?;
        report.tokens.push(TokenExit::new(quote, &token, args.wnear.as_ref(), register.clone()));
    }
    let proxy = rpc.view(&args.router, "get_proxy", json!({ "beneficiary_id": args.account }))?;
    if proxy["exists"] == true {
        let proxy_id: AccountId = proxy["proxy_id"].as_str().unwrap_or_default().parse().map_err(|e| format!("{e}"))?;
        for record in rpc.view(&proxy_id, "get_pools", json!({}))?.as_array().into_iter().flatten() {
            let Some(pool_id) = record["pool_id"].as_str().and_then(|p| p.parse::<AccountId>().ok()) else { continue };
            let staked = rpc
                .view(&pool_id, "get_account_staked_balance", json!({ "account_id": proxy_id }))
                .ok()
                .and_then(|v| amount(&v))
                .unwrap_or(0);
            if staked > 0 {
                let unlock_epoch = clock.epoch_height + NUM_EPOCHS_TO_UNLOCK;
                let seconds = clock.seconds_until(unlock_epoch);
                report.pools.push(PoolExit { pool_id, proxy_id: proxy_id.clone(), staked, unlock_epoch, seconds });
            }
        }
    }
    Ok(report)
}

/// The report as text or JSON.
pub fn render(args: &ExitArgs) -> Result<String, String> {
    let rpc = Rpc::new(&args.rpc.url());
    let report = fetch(&rpc, args)?;
    if args.json {
        serde_json::to_string_pretty(&report.json(args.dao)).map_err(|e| e.to_string())
    } else {
        Ok(describe(&report, args.dao))
    }
}

/// Runs `stake-router exit`: prints the quotes and the calls.
pub fn run(args: ExitArgs) -> Result<(), String> {
    println!("{}", render(&args)?);
    Ok(())
}
