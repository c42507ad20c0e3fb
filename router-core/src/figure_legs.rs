//! Per target, the view calls behind its figures and how their answers make its
//! [`LegFigures`] (after the chain-wide reads of [`crate::figure_reads`]); defined once for the
//! CLI's `stake-router figures` and the widget.
//!
//! - A liquid token: its price view at the window's two blocks ([`target_reads`]); the rate is
//!   the growth between them, annualized. Its protocol's fee ([`protocol_fee_read`]): LiNEAR's
//!   `get_beneficiaries` (the beneficiaries' basis points of each reward), Meta Pool's
//!   `get_reward_fee_fraction`; the price growth is already net of it.
//! - A validator pool: its `get_reward_fee_fraction` ([`target_reads`]); the rate is the
//!   account's own growth there over the window when its proxy held stake without flows
//!   ([`own_growth_reads`], [`own_growth`]), else the protocol's reward figures with the pool's
//!   uptime and fee.

use crate::figure_reads::{amount, Base, Window};
use crate::figures::{annualized_ppm, blended_ppm, protocol_rate_ppm, Fraction, ValidatorHealth, ValidatorStatus};
use crate::pool_api::{RewardFeeFraction, GET_ACCOUNT, GET_REWARD_FEE_FRACTION};
use crate::position::NUM_EPOCHS_TO_UNLOCK;
use crate::{AccountId, LstProtocol, Target, TargetKind, TargetStatus};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// LiNEAR's `get_beneficiaries()`: `{account: basis points of each reward}`.
pub const LINEAR_GET_BENEFICIARIES: &str = "get_beneficiaries";
/// The staking proxy's `get_pools()` view.
pub const PROXY_GET_POOLS: &str = "get_pools";

/// A view call: `account.method(args)` at block `at` (`None`: the final head).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewRead {
    /// The contract.
    pub account: AccountId,
    /// The view.
    pub method: &'static str,
    /// Its JSON arguments.
    pub args: Value,
    /// The block height, or `None` for the final head.
    pub at: Option<u64>,
}

/// A read's answer: the view's JSON, or why it failed, in words.
pub type Answer = Result<Value, String>;

/// Where a rate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Why `rate_ppm` is unknown (absent when it is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_missing: Option<String>,
    /// Why a pool's `fee` is unknown (absent when it is known, and for tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_missing: Option<String>,
}

/// `get_reward_fee_fraction`'s `{numerator, denominator}`.
fn fee_fraction(v: &Value) -> Option<RewardFeeFraction> {
    let part = |k: &str| v[k].as_u64().and_then(|n| u32::try_from(n).ok());
    Some(RewardFeeFraction { numerator: part("numerator")?, denominator: part("denominator")? })
}

/// The reads of `t`'s figures, in the order [`leg_figures`] takes their answers: a token's
/// price at the window's end and start; a pool's fee.
pub fn target_reads(t: &Target, w: &Window) -> Vec<ViewRead> {
    let read = |method, at| ViewRead { account: t.account_id.clone(), method, args: json!({}), at };
    match t.kind {
        TargetKind::Liquid { protocol, .. } => {
            vec![read(protocol.price_method(), Some(w.to)), read(protocol.price_method(), Some(w.from))]
        }
        TargetKind::Validator => vec![read(GET_REWARD_FEE_FRACTION, None)],
    }
}

/// The view of a liquid target's protocol fee (`None` for a pool: its fee is in
/// [`target_reads`]).
pub fn protocol_fee_read(t: &Target) -> Option<ViewRead> {
    let TargetKind::Liquid { protocol, .. } = t.kind else { return None };
    let method = match protocol {
        LstProtocol::Linear => LINEAR_GET_BENEFICIARIES,
        LstProtocol::MetaPool => GET_REWARD_FEE_FRACTION,
    };
    Some(ViewRead { account: t.account_id.clone(), method, args: json!({}), at: None })
}

/// The protocol's share of each reward from [`protocol_fee_read`]'s answer.
pub fn protocol_fee(protocol: LstProtocol, answer: &Value) -> Result<Fraction, String> {
    match protocol {
        LstProtocol::Linear => {
            let map = answer.as_object().ok_or_else(|| format!("get_beneficiaries: not a map: {answer}"))?;
            let bps = map.values().map(|v| v.as_u64().ok_or_else(|| format!("get_beneficiaries: not bps: {v}")));
            Ok(Fraction { num: bps.sum::<Result<u64, String>>()?, den: 10_000 })
        }
        LstProtocol::MetaPool => {
            let f =
                fee_fraction(answer).ok_or_else(|| format!("get_reward_fee_fraction: unexpected answer: {answer}"))?;
            Ok(Fraction { num: f.numerator.into(), den: f.denominator.into() })
        }
    }
}

/// The reads of `proxy`'s own stake in `pool` at the window's start and end, in the order
/// [`own_growth`] takes their answers.
pub fn own_growth_reads(proxy: &AccountId, pool: &AccountId, w: &Window) -> [ViewRead; 4] {
    let pools = |at| ViewRead { account: proxy.clone(), method: PROXY_GET_POOLS, args: json!({}), at: Some(at) };
    let account = |at| ViewRead {
        account: pool.clone(),
        method: GET_ACCOUNT,
        args: json!({ "account_id": proxy }),
        at: Some(at),
    };
    [pools(w.from), account(w.from), pools(w.to), account(w.to)]
}

/// The yearly rate of the proxy's own stake in `pool` over the window, when it held stake there
/// without flows (its recorded principal and unstaked the same at both ends).
pub fn own_growth(pool: &AccountId, answers: &[Answer; 4], w: &Window) -> Option<i64> {
    let at = |records: &Answer, account: &Answer| -> Option<(u128, u128)> {
        let records = records.as_ref().ok()?;
        let r = records.as_array()?.iter().find(|r| r["pool_id"] == pool.as_str())?;
        let recorded = amount(&r["principal"])?.checked_add(amount(&r["unstaked_pending"])?)?;
        let account = account.as_ref().ok()?;
        Some((recorded, amount(&account["staked_balance"])?.checked_add(amount(&account["unstaked_balance"])?)?))
    };
    let ((rec_then, then), (rec_now, now)) = (at(&answers[0], &answers[1])?, at(&answers[2], &answers[3])?);
    (rec_then == rec_now && rec_then > 0).then(|| annualized_ppm(then, now, w.seconds)).flatten()
}

/// `t`'s figures from the answers of [`target_reads`] and, for a pool, its own growth when
/// known.
pub fn leg_figures(t: &Target, base: &Base, w: &Window, answers: &[Answer], own: Option<i64>) -> LegFigures {
    let router_status = match t.status {
        TargetStatus::Active => "active",
        TargetStatus::Paused => "paused",
        TargetStatus::Retired => "retired",
    }
    .to_string();
    let missing = |a: Option<&Answer>| match a {
        Some(Err(e)) => e.clone(),
        Some(Ok(v)) => format!("unexpected answer: {v}"),
        None => "not read".to_string(),
    };
    match t.kind {
        TargetKind::Liquid { protocol, .. } => {
            let price = |i: usize| answers.get(i).and_then(|a| a.as_ref().ok()).and_then(amount);
            let (now, then) = (price(0), price(1));
            let rate = now.zip(then).and_then(|(n, p)| annualized_ppm(p, n, w.seconds));
            let rate_missing = match (now, then) {
                _ if rate.is_some() => None,
                (None, _) => Some(missing(answers.first())),
                (_, None) => Some(missing(answers.get(1))),
                _ => Some("no window to measure over".to_string()),
            };
            LegFigures {
                target: t.account_id.clone(),
                kind: protocol.display_name().into(),
                router_status,
                rate_ppm: rate,
                source: RateSource::PriceGrowth,
                fee: None,
                health: None,
                unlock_epochs: protocol.unlock_epochs(),
                rate_missing,
                fee_missing: None,
            }
        }
        TargetKind::Validator => {
            let fee = answers.first().and_then(|a| a.as_ref().ok()).and_then(fee_fraction);
            let fee_missing = fee.is_none().then(|| missing(answers.first()));
            let health = base.health(&t.account_id);
            let (rate, source, rate_missing) = match own {
                Some(r) => (Some(r), RateSource::OwnGrowth, None),
                None => {
                    let online = match health.status {
                        ValidatorStatus::Active => health.uptime_ppm.unwrap_or(crate::figures::PPM),
                        _ => 0,
                    };
                    let fee_f = fee.map(|f| Fraction { num: f.numerator.into(), den: f.denominator.into() });
                    let r = fee_f.and_then(|f| protocol_rate_ppm(&base.rewards, online, f)).map(|r| r as i64);
                    let why = match (&fee_missing, r) {
                        (_, Some(_)) => None,
                        (Some(e), None) => Some(format!("the pool's fee is needed: {e}")),
                        (None, None) => Some("the network's total stake is unknown".to_string()),
                    };
                    (r, RateSource::ProtocolFigures, why)
                }
            };
            LegFigures {
                target: t.account_id.clone(),
                kind: "validator".into(),
                router_status,
                rate_ppm: rate,
                source,
                fee,
                health: Some(health),
                unlock_epochs: (NUM_EPOCHS_TO_UNLOCK, NUM_EPOCHS_TO_UNLOCK),
                rate_missing,
                fee_missing,
            }
        }
    }
}

/// The blend of `legs`' rates by `shares` (target, bps), and how many shares had no rate
/// (left out of the blend).
pub fn blend(shares: &[(AccountId, u16)], legs: &[LegFigures]) -> (Option<i64>, usize) {
    let rated: Vec<(u16, Option<i64>)> =
        shares.iter().map(|(t, bps)| (*bps, legs.iter().find(|f| &f.target == t).and_then(|f| f.rate_ppm))).collect();
    (blended_ppm(&rated), rated.iter().filter(|(_, r)| r.is_none()).count())
}

/// A split's blended rate before any deposit: its stated shares, before the size-dependent
/// folding and guards a deposit's plan applies (a plan's own blend is [`blend`] over its legs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileBlend {
    /// The profile's name (empty for an account's stored policy).
    pub profile: String,
    /// The blend in ppm a year; `None` when no leg has a rate or the split resolves to nothing.
    pub rate_ppm: Option<i64>,
    /// How many of its legs have no rate (left out of the blend).
    pub missing: usize,
    /// Its legs: target and basis points, as the router resolves the profile now.
    pub legs: Vec<(AccountId, u16)>,
}

/// The blend of `profile` resolved over `targets` exactly as the router resolves it
/// ([`crate::Allocation::resolve`]); a profile with no usable target has no rate and no legs.
pub fn profile_blend(profile: &crate::Profile, targets: &[Target], legs: &[LegFigures]) -> ProfileBlend {
    let policy = profile.allocation.resolve(targets).ok();
    let mut blended = policy_blend(policy.as_ref().map_or(&[][..], |p| &p.legs), legs);
    blended.profile = profile.name.clone();
    blended
}

/// The blend of a stored policy's legs (`profile` left empty).
pub fn policy_blend(policy: &[crate::Leg], legs: &[LegFigures]) -> ProfileBlend {
    let shares: Vec<(AccountId, u16)> = policy.iter().map(|l| (l.target.clone(), l.bps)).collect();
    let (rate_ppm, missing) = if shares.is_empty() { (None, 0) } else { blend(&shares, legs) };
    ProfileBlend { profile: String::new(), rate_ppm, missing, legs: shares }
}
