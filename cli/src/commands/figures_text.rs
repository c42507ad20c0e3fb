//! What `stake-router figures` prints: per target its rate with the source and window, its
//! fee, its health and its unlock, then each profile's blend.

use router_core::figure_legs::{LegFigures, ProfileBlend, RateSource};
use router_core::figure_reads::Window;
use router_core::figures::{describe_ppm, ProtocolRewards, ValidatorHealth, ValidatorStatus};
use serde::Serialize;

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
    /// Each profile's blended rate by its stated split (resolved over the targets as the
    /// router resolves it now), and how many of its legs had no rate.
    pub blends: Vec<ProfileBlend>,
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
        ValidatorStatus::KickedOut => "kicked out of the set: earns nothing now",
        ValidatorStatus::NotValidating => "not validating: earns nothing now",
    };
    let uptime = h.uptime_ppm.map_or_else(String::new, |u| format!(", uptime {}", describe_ppm(u as i64)));
    let share = h.stake_share_bps.map_or_else(String::new, |b| format!(", {}.{:02}% of the stake", b / 100, b % 100));
    let kickout = h.kickout.as_ref().map_or_else(String::new, |k| format!(" (kicked out last epoch: {k})"));
    format!("{status}{uptime}{share}{kickout}")
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
            l.rate_missing.as_ref().map_or_else(|| rate(l.rate_ppm), |why| format!("unknown ({why})")),
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
    for b in &r.blends {
        out.push_str(&format!("\nProfile {}: {} blended by its split", b.profile, rate(b.rate_ppm)));
        if b.missing > 0 {
            out.push_str(&format!(" ({} of its legs have no rate and are left out)", b.missing));
        }
        out.push('\n');
    }
    out
}
