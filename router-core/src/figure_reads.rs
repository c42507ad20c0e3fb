//! The chain-wide reads behind [`crate::figures`], defined once for every reader (the CLI's
//! `stake-router figures` and the widget): which JSON-RPC calls, with which params, and how
//! their answers (nearcore's JSON, only the fields used) become the figures' inputs. Each reader
//! sends the requests with its own transport and hands the answers back here.
//!
//! 1. [`base_requests`], independent of each other: `EXPERIMENTAL_protocol_config` (epoch
//!    length, inflation, treasury share, online thresholds), the final `block` (its height, time
//!    and `total_supply`), `validators` `[null]` (the current set's stakes and work, proposals,
//!    kickouts, the epoch's first block) and `status` (`earliest_block_height`: how far back the
//!    node keeps blocks). [`Base::parse`] reads them.
//! 2. The window: from the first block of the epoch N back (`epoch_start - N × length`), or the
//!    oldest block the node keeps when that is later (the window is then shorter, and
//!    [`Window::shortened`] says so), to the first block of the current epoch. Both ends sit at
//!    the same point of an epoch, so the growth between them counts exactly N epochs of rewards:
//!    a pool counts an epoch's reward at its next `ping`, a liquid protocol at its epoch
//!    update, both some time into the next epoch, so a window ending at the head would count
//!    the last epoch's reward early or late. [`Base::window_start`] gives the heights;
//!    [`block_request`] reads both blocks, the first retried a few heights later when a height
//!    has no block ([`SKIPPED_HEIGHTS_TRIED`]); [`Base::window`] reads them.
//! 3. Per target, `crate::figure_legs`.

use crate::figures::{online_ppm, Fraction, ProtocolRewards, ValidatorHealth, ValidatorStatus, ValidatorWork};
use crate::guards::network_share_bps;
use crate::AccountId;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// JSON-RPC `status`.
pub const STATUS: &str = "status";
/// JSON-RPC `block`.
pub const BLOCK: &str = "block";
/// JSON-RPC `validators`.
pub const VALIDATORS: &str = "validators";
/// JSON-RPC `EXPERIMENTAL_protocol_config`.
pub const PROTOCOL_CONFIG: &str = "EXPERIMENTAL_protocol_config";
/// How many heights after the window's start are tried when a height has no block (nearcore
/// skips heights whose producer missed its slot).
pub const SKIPPED_HEIGHTS_TRIED: u64 = 8;
/// The window asked for when a reader does not say: 4 epochs (as `stake-router figures`).
pub const DEFAULT_EPOCHS: u64 = 4;

/// One JSON-RPC request.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The method.
    pub method: &'static str,
    /// Its params.
    pub params: Value,
}

/// The first reads, in the order [`Base::parse`] takes their answers: the protocol config, the
/// final head, the validators and the node's status.
pub fn base_requests() -> [Request; 4] {
    let finality = || json!({ "finality": "final" });
    [
        Request { method: PROTOCOL_CONFIG, params: finality() },
        Request { method: BLOCK, params: finality() },
        Request { method: VALIDATORS, params: json!([null]) },
        Request { method: STATUS, params: json!([]) },
    ]
}

/// `block` at `height`.
pub fn block_request(height: u64) -> Request {
    Request { method: BLOCK, params: json!({ "block_id": height }) }
}

/// A yoctoNEAR amount written as a decimal string.
pub fn amount(v: &Value) -> Option<u128> {
    v.as_str().and_then(|s| s.parse().ok())
}

/// A whole number written as a JSON number (also one a JS reader turned into a float) or a
/// decimal string.
pub fn whole(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < u64::MAX as f64).map(|f| f as u64))
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// `[num, den]` (nearcore's `Rational32` in JSON).
pub fn fraction(v: &Value) -> Result<Fraction, String> {
    let n = v[0].as_u64().zip(v[1].as_u64()).ok_or_else(|| format!("not a fraction: {v}"))?;
    Ok(Fraction { num: n.0, den: n.1 })
}

/// A block's `(height, timestamp in ns)`: `timestamp_nanosec` (a string, exact) when present,
/// else `timestamp`.
pub fn block_header(block: &Value) -> Option<(u64, u64)> {
    let h = &block["header"];
    let ns = h["timestamp_nanosec"].as_str().and_then(|s| s.parse().ok()).or_else(|| whole(&h["timestamp"]));
    whole(&h["height"]).zip(ns)
}

/// The window of observed growth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// Its first block's height.
    pub from: u64,
    /// Its last block's height (the current epoch's first block).
    pub to: u64,
    /// The time between them, in seconds.
    pub seconds: u64,
    /// The epochs asked for.
    pub epochs_wanted: u64,
    /// Whether the node keeps fewer blocks, so the window is shorter than asked.
    pub shortened: bool,
}

/// What the first reads give.
#[derive(Clone, Debug, PartialEq)]
pub struct Base {
    /// The protocol's reward figures.
    pub rewards: ProtocolRewards,
    /// The `validators` answer.
    pub validators: Value,
    /// The current epoch's first block.
    pub epoch_start: u64,
    /// Blocks per epoch.
    pub epoch_length: u64,
    /// The final head's `(height, timestamp in ns)`.
    pub head: (u64, u64),
    /// The oldest block the node keeps, when it says.
    pub earliest: Option<u64>,
}

impl Base {
    /// Reads the answers of [`base_requests`], in that order.
    pub fn parse(config: &Value, head: &Value, validators: Value, status: &Value) -> Result<Base, String> {
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
        let epoch_start = whole(&validators["epoch_start_height"]).ok_or("validators: no epoch_start_height")?;
        let epoch_length = whole(&config["epoch_length"]).ok_or("EXPERIMENTAL_protocol_config: no epoch_length")?;
        let head = block_header(head).ok_or("block: no height or timestamp in the header")?;
        let earliest = whole(&status["sync_info"]["earliest_block_height"]);
        Ok(Base { rewards, validators, epoch_start, epoch_length, head, earliest })
    }

    /// `(wanted, from)`: the first block of the epoch `epochs` back, and the height the window
    /// starts at (`wanted`, or the oldest block the node keeps when that is later). It ends at
    /// the current epoch's first block, [`Base::epoch_start`].
    pub fn window_start(&self, epochs: u64) -> (u64, u64) {
        let wanted = self.epoch_start.saturating_sub(epochs.saturating_mul(self.epoch_length)).max(1);
        (wanted, wanted.max(self.earliest.unwrap_or(wanted)))
    }

    /// The window from the `block` read at (or a few heights after) [`Base::window_start`]'s
    /// start to the `block` at the current epoch's first ([`Base::epoch_start`]).
    pub fn window(&self, epochs: u64, from_block: &Value, to_block: &Value) -> Result<Window, String> {
        let (wanted, _) = self.window_start(epochs);
        let header = |b: &Value| block_header(b).ok_or("block: no height or timestamp in the header");
        let ((from, from_ns), (to, to_ns)) = (header(from_block)?, header(to_block)?);
        let seconds = to_ns.saturating_sub(from_ns) / 1_000_000_000;
        Ok(Window { from, to, seconds, epochs_wanted: epochs, shortened: from > wanted })
    }

    /// The recent time between blocks in ms: the window's time over its heights (0 for an
    /// empty window).
    pub fn block_time_ms(w: &Window) -> u64 {
        (w.seconds.saturating_mul(1_000)).checked_div(w.to.saturating_sub(w.from)).unwrap_or(0)
    }

    /// `pool`'s health from `validators`.
    pub fn health(&self, pool: &AccountId) -> ValidatorHealth {
        let list = |key: &str| self.validators[key].as_array().cloned().unwrap_or_default();
        let current = list("current_validators").into_iter().find(|v| v["account_id"] == pool.as_str());
        let proposed = list("current_proposals").iter().any(|v| v["account_id"] == pool.as_str());
        let kickout =
            list("prev_epoch_kickout").iter().find(|v| v["account_id"] == pool.as_str()).map(|k| kickout(&k["reason"]));
        let Some(v) = current else {
            let status = match (&kickout, proposed) {
                (Some(_), _) => ValidatorStatus::KickedOut,
                (None, true) => ValidatorStatus::Proposed,
                (None, false) => ValidatorStatus::NotValidating,
            };
            return ValidatorHealth { status, uptime_ppm: None, stake_share_bps: None, kickout, work: None };
        };
        let kind = |p: &str, e: &str| (whole(&v[p]).unwrap_or(0), whole(&v[e]).unwrap_or(0));
        let work = ValidatorWork {
            blocks: kind("num_produced_blocks", "num_expected_blocks"),
            chunks: kind("num_produced_chunks", "num_expected_chunks"),
            endorsements: kind("num_produced_endorsements", "num_expected_endorsements"),
        };
        let stake = amount(&v["stake"]).unwrap_or(0);
        ValidatorHealth {
            status: ValidatorStatus::Active,
            uptime_ppm: online_ppm(&[work.blocks, work.chunks, work.endorsements]),
            stake_share_bps: network_share_bps(stake, self.rewards.total_stake),
            kickout,
            work: Some(work),
        }
    }
}

/// A `prev_epoch_kickout` reason in words (nearcore's `ValidatorKickoutReason` JSON: a name,
/// or a name with its figures).
pub fn kickout(reason: &Value) -> String {
    let (name, inner) = match reason {
        Value::String(s) => (s.as_str(), &Value::Null),
        Value::Object(o) => match o.iter().next() {
            Some((k, v)) => (k.as_str(), v),
            None => ("unknown", &Value::Null),
        },
        _ => ("unknown", &Value::Null),
    };
    let of = |what: &str| match (whole(&inner["produced"]), whole(&inner["expected"])) {
        (Some(p), Some(e)) => format!("produced {p} of {e} expected {what}"),
        _ => format!("too few {what}"),
    };
    match name {
        "Unstaked" => "unstaked".into(),
        "Slashed" => "slashed".into(),
        "DidNotGetASeat" => "did not get a seat".into(),
        "NotEnoughBlocks" => of("blocks"),
        "NotEnoughChunks" => of("chunks"),
        "NotEnoughChunkEndorsements" => of("chunk endorsements"),
        "NotEnoughStake" => "stake below the seat price".into(),
        "ProtocolVersionTooOld" => "runs a protocol version that is too old".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ONE_NEAR;

    fn answers() -> (Value, Value, Value, Value) {
        let config = json!({ "epoch_length": 500, "max_inflation_rate": [1, 20], "protocol_reward_rate": [1, 10],
                             "online_min_threshold": [90, 100], "online_max_threshold": [99, 100] });
        let head = json!({ "header": { "height": 3_210, "timestamp": 3_210_000_000_000u64,
                                       "timestamp_nanosec": "3210000000000", "total_supply": (1_000 * ONE_NEAR).to_string() } });
        let validators = json!({ "epoch_height": 7, "epoch_start_height": 3_001,
            "current_validators": [
                { "account_id": "a.pool.near", "stake": (300 * ONE_NEAR).to_string(), "num_produced_blocks": 99,
                  "num_expected_blocks": 100, "num_produced_chunks": 97, "num_expected_chunks": 100 },
                { "account_id": "b.pool.near", "stake": (100 * ONE_NEAR).to_string() }],
            "current_proposals": [{ "account_id": "c.pool.near" }],
            "prev_epoch_kickout": [{ "account_id": "d.pool.near", "reason": { "NotEnoughBlocks": { "produced": 1, "expected": 10 } } },
                                   { "account_id": "b.pool.near", "reason": "Unstaked" }] });
        (config, head, validators, json!({ "sync_info": { "earliest_block_height": 1_100 } }))
    }

    #[test]
    fn the_first_reads_give_the_rewards_the_window_and_health() {
        let (config, head, validators, status) = answers();
        let base = Base::parse(&config, &head, validators, &status).unwrap();
        assert_eq!(base.rewards.total_stake, 400 * ONE_NEAR);
        assert_eq!(base.rewards.max_inflation, Fraction { num: 1, den: 20 });
        assert_eq!((base.epoch_start, base.epoch_length, base.head), (3_001, 500, (3_210, 3_210_000_000_000)));
        // 4 epochs back is 1,001, before the node's oldest block: the window starts there.
        assert_eq!(base.window_start(4), (1_001, 1_100));
        assert_eq!(base.window_start(3), (1_501, 1_501));
        let at = |h: u64| json!({ "header": { "height": h, "timestamp": h * 1_000_000_000 } });
        let w = base.window(4, &at(1_100), &at(3_001)).unwrap();
        assert_eq!(w, Window { from: 1_100, to: 3_001, seconds: 1_901, epochs_wanted: 4, shortened: true });
        assert_eq!(Base::block_time_ms(&w), 1_000);
        assert!(!base.window(3, &at(1_501), &at(3_001)).unwrap().shortened);

        let a = base.health(&"a.pool.near".parse().unwrap());
        assert_eq!((a.status, a.uptime_ppm, a.stake_share_bps), (ValidatorStatus::Active, Some(980_000), Some(7_500)));
        assert_eq!(a.work.unwrap().blocks, (99, 100));
        let b = base.health(&"b.pool.near".parse().unwrap());
        assert_eq!((b.status, b.kickout.as_deref()), (ValidatorStatus::Active, Some("unstaked")));
        let c = base.health(&"c.pool.near".parse().unwrap());
        assert_eq!(c.status, ValidatorStatus::Proposed);
        let d = base.health(&"d.pool.near".parse().unwrap());
        assert_eq!(
            (d.status, d.kickout.as_deref()),
            (ValidatorStatus::KickedOut, Some("produced 1 of 10 expected blocks"))
        );
        assert_eq!(base.health(&"e.pool.near".parse().unwrap()).status, ValidatorStatus::NotValidating);
    }

    #[test]
    fn numbers_a_browser_turned_into_floats_still_read() {
        assert_eq!(whole(&json!(1.7e18)), Some(1_700_000_000_000_000_000));
        assert_eq!(whole(&json!("12")), Some(12));
        assert_eq!(whole(&json!(1.5)), None);
        let (config, mut head, validators, _) = answers();
        head["header"]["timestamp_nanosec"] = Value::Null;
        let base = Base::parse(&config, &head, validators, &json!({})).unwrap();
        assert_eq!((base.head, base.earliest), ((3_210, 3_210_000_000_000), None));
        assert!(Base::parse(&json!({}), &head, json!({}), &json!({})).unwrap_err().contains("not a fraction"));
    }
}
