//! `stake-router figures`: what a staker chooses by, per target of a router (and blended for
//! each profile), read over standard NEAR JSON-RPC exactly as a site on mainnet would: each liquid
//! token's rate from its price growth over the last N epochs (a `query` at an older block, or
//! a shorter window inside the node's history, said so), each validator pool's from the
//! account's own growth there when it held stake without flows in the window, else from the
//! protocol's reward figures with the pool's fee and uptime; the pool's fee
//! (`get_reward_fee_fraction`), its health (`validators`: uptime, share of the stake, status)
//! and the router's status of the target. The arithmetic is `router_core::figures`'.

use crate::args::RpcArgs;
use crate::commands::figures_text::{describe, Report};
use crate::jsonrpc::{At, Rpc};
use router_core::figure_legs::{
    leg_figures, own_growth, own_growth_reads, profile_blend, target_reads, Answer, ProfileBlend, ViewRead,
};
use router_core::figure_reads::{base_requests, block_request, Base, Window, SKIPPED_HEIGHTS_TRIED};
use router_core::{AccountId, Target, TargetKind};
use serde_json::json;

/// `stake-router figures` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct FiguresArgs {
    #[command(flatten)]
    pub rpc: RpcArgs,
    /// The Stake Router contract
    #[arg(long, value_name = "ID")]
    pub router: AccountId,
    /// Blend the rates by this profile's split only (every profile's blend without it)
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

/// One view read of the seam, at its block.
fn view(rpc: &Rpc, r: &ViewRead) -> Answer {
    let at = r.at.map_or(At::Final, At::Height);
    rpc.view_at(&r.account, r.method, r.args.clone(), &at).map_err(|e| e.text)
}

/// The window: the `block` at its start (a few heights later when a height has no block) and
/// at the current epoch's first.
fn window(rpc: &Rpc, base: &Base, epochs: u64) -> Result<Window, String> {
    let (_, from) = base.window_start(epochs);
    let end = block_request(base.epoch_start);
    let to = rpc.call(end.method, end.params)?;
    let mut last = String::new();
    for height in from..=from.saturating_add(SKIPPED_HEIGHTS_TRIED) {
        let request = block_request(height);
        match rpc.call_named(request.method, request.params) {
            Ok(block) => return base.window(epochs, &block, &to),
            Err(e) if e.name.as_deref() == Some("UNKNOWN_BLOCK") => last = e.text,
            Err(e) => return Err(e.text),
        }
    }
    Err(last)
}

/// Reads every figure and composes the report (the reads and their parsing are
/// `router_core::figure_reads` and `router_core::figure_legs`, shared with the widget).
pub fn fetch(rpc: &Rpc, args: &FiguresArgs) -> Result<Report, String> {
    let [config, head, validators, status] = base_requests().map(|r| rpc.call(r.method, r.params));
    let base = Base::parse(&config?, &head?, validators?, &status?)?;
    let w = window(rpc, &base, args.epochs)?;
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
        let answers: Vec<Answer> = target_reads(t, &w).iter().map(|r| view(rpc, r)).collect();
        let own = match (&proxy, t.kind) {
            (Some(p), TargetKind::Validator) => {
                let reads = own_growth_reads(p, &t.account_id, &w);
                own_growth(&t.account_id, &reads.map(|r| view(rpc, &r)), &w)
            }
            _ => None,
        };
        legs.push(leg_figures(t, &base, &w, &answers, own));
    }
    let profiles: Vec<router_core::Profile> = rpc.view_as(&args.router, "get_profiles", json!({}))?;
    let named = |p: &&router_core::Profile| args.profile.as_ref().is_none_or(|n| &p.name == n);
    let blends: Vec<ProfileBlend> = profiles.iter().filter(named).map(|p| profile_blend(p, &targets, &legs)).collect();
    if let (Some(name), true) = (&args.profile, blends.is_empty()) {
        return Err(format!("the router has no profile named {name}"));
    }
    Ok(Report { window: w, epoch_length: base.epoch_length, rewards: base.rewards, legs, blends })
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
