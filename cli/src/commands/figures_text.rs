//! What `stake-router figures` prints: per target its rate with the source and window, its
//! fee, its health and its unlock, then the profile's blend.

use router_core::figures::{describe_ppm, ProtocolRewards, ValidatorHealth, ValidatorStatus};
use router_core::pool_api::RewardFeeFraction;
use router_core::AccountId;
use serde::Serialize;

/// The window of observed growth.
#[derive(Clone, Debug, Serialize)]
pub struct Window {
    /// Its first block's height.
    pub from: u64,
    /// Its last block's height (the final head).
    pub to: u64,
    /// The time between them, in seconds.
    pub seconds: u64,
    /// The epochs asked for.
    pub epochs_wanted: u64,
    /// Whether the node keeps fewer blocks, so the window is shorter than asked.
    pub shortened: bool,
}

/// Where a rate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateSource {
    /// The token's price growth over the window.
    PriceGrowth,
    /// The account's own stake in the pool grew this much over the window (no flows).
    OwnGrowth,
    /// The protocol's reward figures with the pool's fee and uptime.
    ProtocolFigures,
}

/// One target's figures.
#[derive(Clone, Debug, Serialize)]
pub struct LegFigures {
    /// The target.
    pub target: AccountId,
    /// `validator`, or the liquid protocol's name.
    pub kind: String,
    /// The router's status of it (`active`, `paused`, `retired`).
    pub router_status: String,
    /// The yearly rate in ppm (a simple rate), if known.
    pub rate_ppm: Option<i64>,
    /// Where it comes from.
    pub source: RateSource,
    /// A pool's fee.
    pub fee: Option<RewardFeeFraction>,
    /// A validator's health.
    pub health: Option<ValidatorHealth>,
    /// Epochs from an unstake to the withdrawal (soonest, latest).
    pub unlock_epochs: (u64, u64),
}

/// Everything `stake-router figures` found.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The observed window.
    pub window: Window,
    /// Blocks per epoch.
    pub epoch_length: u64,
    /// The protocol's reward figures.
    pub rewards: ProtocolRewards,
    /// Per target.
    pub legs: Vec<LegFigures>,
    /// The profile, its blended rate and how many of its legs had no rate.
    pub blend: Option<(String, Option<i64>, usize)>,
}

fn rate(r: Option<i64>) -> String {
    r.map_or_else(|| "unknown".to_string(), describe_ppm)
}

fn source(s: RateSource, w: &Window) -> String {
    let days = router_core::amount::format_decimal(u128::from(w.seconds) * 100 / 86_400, 2);
    match s {
        RateSource::PriceGrowth => format!("price growth over {} blocks ({days} days)", w.to - w.from),
        RateSource::OwnGrowth => format!("your stake's growth over {} blocks ({days} days)", w.to - w.from),
        RateSource::ProtocolFigures => "the protocol's reward figures, the pool's fee and uptime".to_string(),
    }
}

fn health(h: &ValidatorHealth) -> String {
    let status = match h.status {
        ValidatorStatus::Active => "validating",
        ValidatorStatus::Proposed => "proposed, not validating yet",
        ValidatorStatus::NotValidating => "not validating: earns nothing now",
    };
    let uptime = h.uptime_ppm.map_or_else(String::new, |u| format!(", uptime {}", describe_ppm(u as i64)));
    let share = h.stake_share_bps.map_or_else(String::new, |b| format!(", {}.{:02}% of the stake", b / 100, b % 100));
    format!("{status}{uptime}{share}")
}

/// The report as text.
pub fn describe(r: &Report) -> String {
    let w = &r.window;
    let mut out = format!("Yearly rates (simple, not compounded) over blocks {}..{}", w.from, w.to);
    if w.shortened {
        out.push_str(&format!(
            " — the node keeps fewer than the {} epochs asked for, so the window is shorter",
            w.epochs_wanted
        ));
    }
    out.push('\n');
    for l in &r.legs {
        out.push_str(&format!(
            "\n{} ({}, {}): {} from {}\n",
            l.target,
            l.kind,
            l.router_status,
            rate(l.rate_ppm),
            source(l.source, w)
        ));
        if let Some(fee) = &l.fee {
            out.push_str(&format!("  fee: {}\n", fee.describe()));
        }
        if let Some(h) = &l.health {
            out.push_str(&format!("  health: {}\n", health(h)));
        }
        let (soon, late) = l.unlock_epochs;
        let unlock = if soon == late { format!("{soon} epochs") } else { format!("{soon} to {late} epochs") };
        out.push_str(&format!("  unlock: {unlock} (an epoch is {} blocks)\n", r.epoch_length));
    }
    if let Some((name, blended, missing)) = &r.blend {
        out.push_str(&format!("\nProfile {name}: {} blended by its split", rate(*blended)));
        if *missing > 0 {
            out.push_str(&format!(" ({missing} of its legs have no rate and are left out)"));
        }
        out.push('\n');
    }
    out
}
