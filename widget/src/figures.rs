//! What a staker chooses by, in the preview: each leg's yearly rate with its source and window,
//! its fee, a validator's health and the unlock time, and the deposit's blended rate. The
//! figures are `router_core::figure_reads` / `router_core::figure_legs`' (the reads and their
//! parsing, shared with `stake-router figures`), read by [`crate::figure_loader`] after the
//! first render; this module only words them. A figure that could not be read says why; none
//! is ever guessed.

use crate::data::Load;
use crate::preview::{decimal, percent};
use crate::strings::{Strings, S};
use router_core::exit_quote::describe_wait;
use router_core::figure_legs::{LegFigures, ProfileBlend, RateSource};
use router_core::figure_reads::{Base, Window};
use router_core::figures::{describe_ppm, Fraction, ValidatorHealth, ValidatorStatus};
use router_core::{AccountId, LstProtocol, SplitPlan, Target, TargetKind, TargetStatus};

/// The chain-wide figures: the first reads and the window.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// The protocol config, head, validators and status, read.
    pub base: Base,
    /// The window of observed growth.
    pub window: Window,
}

/// Everything read for the figures (one load; a newer load replaces it).
#[derive(Clone, Debug)]
pub struct FigureData {
    /// Bumped on every load; answers of an older one are dropped.
    pub epoch: u32,
    /// The chain-wide reads.
    pub chain: Load<Chain>,
    /// Per target, once its reads answered.
    pub legs: Vec<LegFigures>,
    /// Per liquid target, its protocol's fee or why it is unknown.
    pub protocol_fees: Vec<(AccountId, Result<Fraction, String>)>,
}

impl FigureData {
    /// `target`'s figures, once read.
    pub fn leg(&self, target: &AccountId) -> Option<&LegFigures> {
        self.legs.iter().find(|f| &f.target == target)
    }
}

impl Default for FigureData {
    fn default() -> Self {
        FigureData { epoch: 0, chain: Load::Idle, legs: Vec::new(), protocol_fees: Vec::new() }
    }
}

/// One leg's figures in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegFigureView {
    /// The short line under the leg: rate, fee, uptime.
    pub line: String,
    /// The rate in ppm, when known.
    pub rate_ppm: Option<i64>,
    /// `price_growth`, `own_growth`, `protocol_figures`, or `""` before it is known.
    pub source: &'static str,
    /// The details row: where each figure comes from.
    pub details: Vec<String>,
    /// How long unstaking takes, in epochs and time.
    pub unlock: String,
}

fn ppm_of(f: Fraction) -> String {
    describe_ppm(f.ppm() as i64)
}

fn days(w: &Window) -> String {
    decimal(u128::from(w.seconds) * 100 / 86_400, 2)
}

/// `unlock_epochs` as "4" or "4 to 6", and its time at the window's block time.
fn unlock(kind: &TargetKind, chain: Option<&Chain>, s: &Strings) -> String {
    let (soon, late) = match kind {
        TargetKind::Validator => {
            (router_core::position::NUM_EPOCHS_TO_UNLOCK, router_core::position::NUM_EPOCHS_TO_UNLOCK)
        }
        TargetKind::Liquid { protocol, .. } => protocol.unlock_epochs(),
    };
    let epochs = if soon == late { soon.to_string() } else { format!("{soon} to {late}") };
    let key = if kind.is_validator() { S::FigUnlockDirect } else { S::FigUnlockLiquid };
    let Some(c) = chain else { return s.fill(key, &[("epochs", &epochs)]) };
    let block_ms = Base::block_time_ms(&c.window);
    let time = |n: u64| describe_wait(n.saturating_mul(c.base.epoch_length).saturating_mul(block_ms) / 1_000);
    let time = if soon == late {
        time(soon)
    } else {
        let late = time(late);
        format!("{} to {}", time(soon), late.strip_prefix("about ").unwrap_or(&late))
    };
    let timed = if kind.is_validator() { S::FigUnlockDirectTimed } else { S::FigUnlockLiquidTimed };
    s.fill(
        timed,
        &[
            ("epochs", &epochs),
            ("time", &time),
            ("length", &c.base.epoch_length.to_string()),
            ("block", &decimal(u128::from(block_ms), 3)),
        ],
    )
}

fn health(h: &ValidatorHealth, s: &Strings) -> String {
    let mut out = match h.status {
        ValidatorStatus::Active => {
            let w = h.work.unwrap_or_default();
            let uptime =
                h.uptime_ppm.map_or_else(|| s.get(S::FigUptimeUnknown).to_string(), |u| describe_ppm(u as i64));
            let share = h.stake_share_bps.map_or_else(|| "?".to_string(), |b| format!("{}%", percent(b)));
            s.fill(
                S::FigHealthActive,
                &[
                    ("blocks_p", &w.blocks.0.to_string()),
                    ("blocks_e", &w.blocks.1.to_string()),
                    ("chunks_p", &w.chunks.0.to_string()),
                    ("chunks_e", &w.chunks.1.to_string()),
                    ("uptime", &uptime),
                    ("share", &share),
                ],
            )
        }
        ValidatorStatus::Proposed => s.get(S::FigHealthProposed).to_string(),
        ValidatorStatus::KickedOut => {
            s.fill(S::FigHealthKicked, &[("reason", h.kickout.as_deref().unwrap_or("no reason given"))])
        }
        ValidatorStatus::NotValidating => s.get(S::FigHealthNot).to_string(),
    };
    if let (ValidatorStatus::Active, Some(k)) = (h.status, &h.kickout) {
        out.push(' ');
        out.push_str(&s.fill(S::FigHealthLeaving, &[("reason", k)]));
    }
    out
}

fn source(f: &LegFigures, c: &Chain, s: &Strings) -> String {
    let w = &c.window;
    let (from, to, days) = (w.from.to_string(), w.to.to_string(), days(w));
    let window = [("from", from.as_str()), ("to", to.as_str()), ("days", days.as_str())];
    let mut out = match f.source {
        RateSource::PriceGrowth => s.fill(S::FigSourcePrice, &window),
        RateSource::OwnGrowth => s.fill(S::FigSourceOwn, &window),
        RateSource::ProtocolFigures => {
            let r = &c.base.rewards;
            let staked = router_core::wide::mul_div_floor(r.total_stake, 1_000_000, r.total_supply).unwrap_or(0);
            let uptime =
                f.health.as_ref().and_then(|h| h.uptime_ppm).map_or("100.00%".into(), |u| describe_ppm(u as i64));
            s.fill(
                S::FigSourceProtocol,
                &[
                    ("inflation", &ppm_of(r.max_inflation)),
                    ("treasury", &ppm_of(r.protocol_reward_rate)),
                    ("staked", &describe_ppm(staked as i64)),
                    ("uptime", &uptime),
                    ("min", &ppm_of(r.online_min)),
                    ("max", &ppm_of(r.online_max)),
                ],
            )
        }
    };
    if w.shortened && f.source != RateSource::ProtocolFigures {
        out.push(' ');
        out.push_str(&s.fill(S::FigShortened, &[("epochs", &w.epochs_wanted.to_string())]));
    }
    out
}

const fn source_name(s: RateSource) -> &'static str {
    match s {
        RateSource::PriceGrowth => "price_growth",
        RateSource::OwnGrowth => "own_growth",
        RateSource::ProtocolFigures => "protocol_figures",
    }
}

/// `target`'s figures in words, as far as they are read.
pub fn leg_view(data: &FigureData, target: &AccountId, kind: &TargetKind, s: &Strings) -> LegFigureView {
    let chain = data.chain.ready();
    let unlock = unlock(kind, chain, s);
    let pending =
        |line: String| LegFigureView { line, rate_ppm: None, source: "", details: Vec::new(), unlock: unlock.clone() };
    let f = match (&data.chain, data.leg(target)) {
        (Load::Failed(e), _) => return pending(s.fill(S::FigUnavailable, &[("reason", e)])),
        (_, Some(f)) => f,
        _ => return pending(s.get(S::FigLoading).to_string()),
    };
    let Some(c) = chain else { return pending(s.get(S::FigLoading).to_string()) };
    let mut line = match (f.rate_ppm, &f.rate_missing) {
        (Some(r), _) => s.fill(S::FigRate, &[("rate", &describe_ppm(r))]),
        (None, why) => s.fill(S::FigUnavailable, &[("reason", why.as_deref().unwrap_or("unknown"))]),
    };
    let mut details = vec![source(f, c, s)];
    let mut part = |text: String| {
        line.push_str(" · ");
        line.push_str(&text);
    };
    match kind {
        TargetKind::Validator => {
            match (&f.fee, &f.fee_missing) {
                (Some(fee), _) => {
                    let pct =
                        describe_ppm(Fraction { num: fee.numerator.into(), den: fee.denominator.into() }.ppm() as i64);
                    part(s.fill(S::FigFeeShort, &[("fee", &pct)]));
                    details.push(s.fill(S::FigPoolFee, &[("fee", &fee.describe())]));
                }
                (None, why) => {
                    let why = why.as_deref().unwrap_or("unknown");
                    part(s.get(S::FigFeeUnknownShort).to_string());
                    details.push(s.fill(S::FigPoolFeeMissing, &[("reason", why)]));
                }
            }
            if let Some(h) = &f.health {
                let short = match (h.status, h.uptime_ppm) {
                    (ValidatorStatus::Active, Some(u)) => {
                        s.fill(S::FigUptimeShort, &[("uptime", &describe_ppm(u as i64))])
                    }
                    (ValidatorStatus::Active, None) => s.get(S::FigValidatingShort).to_string(),
                    (ValidatorStatus::Proposed, _) => s.get(S::FigProposedShort).to_string(),
                    (ValidatorStatus::KickedOut, _) => s.get(S::FigKickedShort).to_string(),
                    (ValidatorStatus::NotValidating, _) => s.get(S::FigNotValidatingShort).to_string(),
                };
                part(short);
                details.push(health(h, s));
            }
        }
        TargetKind::Liquid { protocol, .. } => {
            let view = match protocol {
                LstProtocol::Linear => router_core::figure_legs::LINEAR_GET_BENEFICIARIES,
                LstProtocol::MetaPool => router_core::pool_api::GET_REWARD_FEE_FRACTION,
            };
            match data.protocol_fees.iter().find(|(t, _)| t == target).map(|(_, f)| f) {
                Some(Ok(fee)) => {
                    part(s.fill(S::FigProtocolFeeShort, &[("fee", &ppm_of(*fee))]));
                    details.push(s.fill(S::FigProtocolFee, &[("fee", &ppm_of(*fee)), ("view", view)]));
                }
                Some(Err(why)) => {
                    part(s.get(S::FigProtocolFeeUnknownShort).to_string());
                    details.push(s.fill(S::FigProtocolFeeMissing, &[("reason", why), ("view", view)]));
                }
                None => details.push(s.get(S::FigProtocolFeeLoading).to_string()),
            }
        }
    }
    details.push(s.fill(S::FigRouterStatus, &[("status", &f.router_status)]));
    LegFigureView { line, rate_ppm: f.rate_ppm, source: source_name(f.source), details, unlock }
}

/// The deposit's blended rate as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlendedView {
    /// The headline: the rate, or why there is none yet.
    pub text: String,
    /// How it is made (and which legs it leaves out); empty until known.
    pub note: String,
    /// The rate in ppm, when known.
    pub rate_ppm: Option<i64>,
    /// Whether the figures' reads failed (a "Try again" follows).
    pub failed: bool,
    /// The window the rates were measured over, once read.
    pub window: Option<Window>,
}

/// The deposit's rate: its legs' rates blended by their amounts; `None` ppm until known.
pub fn blended(data: &FigureData, plan: &SplitPlan, s: &Strings) -> BlendedView {
    let window = data.chain.ready().map(|c| c.window.clone());
    let plain = |text: String, failed| BlendedView { text, note: String::new(), rate_ppm: None, failed, window: None };
    match &data.chain {
        Load::Failed(e) => return plain(s.fill(S::FigFailed, &[("reason", e)]), true),
        Load::Ready(_) => {}
        _ => return plain(s.get(S::FigBlendedLoading).to_string(), false),
    }
    if plan.legs.iter().any(|l| data.leg(&l.target).is_none()) {
        return plain(s.get(S::FigBlendedLoading).to_string(), false);
    }
    let staked: u128 = plan.legs.iter().map(|l| l.amount.0).sum();
    let shares: Vec<(AccountId, u16)> = plan
        .legs
        .iter()
        .map(|l| {
            let bps = router_core::wide::mul_div_floor(l.amount.0, 10_000, staked).unwrap_or(0);
            (l.target.clone(), bps as u16)
        })
        .collect();
    let legs: Vec<LegFigures> = plan.legs.iter().filter_map(|l| data.leg(&l.target).cloned()).collect();
    let (rate, missing) = router_core::figure_legs::blend(&shares, &legs);
    let Some(r) = rate else { return plain(s.get(S::FigBlendedNone).to_string(), false) };
    let mut note = s.get(S::FigBlendedHow).to_string();
    if missing > 0 {
        note.push(' ');
        let (count, total) = (missing.to_string(), plan.legs.len().to_string());
        note.push_str(&s.fill(S::FigBlendedMissing, &[("count", &count), ("total", &total)]));
    }
    let text = s.fill(S::FigBlended, &[("rate", &describe_ppm(r))]);
    BlendedView { text, note, rate_ppm: Some(r), failed: false, window }
}

/// A split option's rate line (a profile or the stored policy, by its stated shares, before a
/// deposit's folding and guards): empty while the figures are read or when they failed (the
/// preview says why), else the blend of its legs' rates.
pub fn option_rate(data: &FigureData, targets: &[Target], blend: &ProfileBlend, s: &Strings) -> String {
    if data.chain.ready().is_none() {
        return String::new();
    }
    let active = |t: &AccountId| targets.iter().any(|x| &x.account_id == t && x.status == TargetStatus::Active);
    if blend.legs.iter().any(|(t, _)| active(t) && data.leg(t).is_none()) {
        return String::new();
    }
    match blend.rate_ppm {
        None => s.get(S::ProfileRateNone).to_string(),
        Some(r) if blend.missing > 0 => {
            let (count, total) = (blend.missing.to_string(), blend.legs.len().to_string());
            s.fill(S::ProfileRatePartial, &[("rate", &describe_ppm(r)), ("count", &count), ("total", &total)])
        }
        Some(r) => s.fill(S::ProfileRate, &[("rate", &describe_ppm(r))]),
    }
}
