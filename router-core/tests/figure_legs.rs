//! Per-target figures from view answers (`router_core::figure_legs`): which views are read, and
//! what each answer (or failure) makes of the rate, fee and health.

mod common;

use common::{four_targets, id};
use router_core::figure_legs::*;
use router_core::figure_reads::{Base, Window};
use router_core::figures::{annualized_ppm, protocol_rate_ppm, Fraction, ValidatorStatus, PPM};
use router_core::{LstProtocol, ONE_NEAR};
use serde_json::{json, Value};

fn base() -> Base {
    let config = json!({ "epoch_length": 500, "max_inflation_rate": [1, 20], "protocol_reward_rate": [1, 10],
                         "online_min_threshold": [90, 100], "online_max_threshold": [99, 100] });
    let head = json!({ "header": { "height": 3_000, "timestamp": 3_000_000_000_000u64, "total_supply": (1_000 * ONE_NEAR).to_string() } });
    let validators = json!({ "epoch_start_height": 2_501, "current_validators": [
        { "account_id": "pool-a.poolv1.near", "stake": (600 * ONE_NEAR).to_string(), "num_produced_blocks": 10, "num_expected_blocks": 10 },
        { "account_id": "other.near", "stake": (400 * ONE_NEAR).to_string() }] });
    Base::parse(&config, &head, validators, &json!({})).unwrap()
}

const W: Window = Window { from: 1_001, to: 3_000, seconds: 86_400, epochs_wanted: 4, shortened: false };

#[test]
fn a_token_reads_its_price_at_both_ends_and_its_rate_is_the_growth() {
    let t = &four_targets()[3];
    let reads = target_reads(t, &W);
    assert_eq!(
        reads.iter().map(|r| (r.method, r.at)).collect::<Vec<_>>(),
        [("get_st_near_price", Some(3_000)), ("get_st_near_price", Some(1_001))]
    );
    let answers = [Ok(json!((ONE_NEAR + ONE_NEAR / 1_000).to_string())), Ok(json!(ONE_NEAR.to_string()))];
    let f = leg_figures(t, &base(), &W, &answers, None);
    assert_eq!((f.rate_ppm, f.source, f.rate_missing), (Some(365_000), RateSource::PriceGrowth, None));
    assert_eq!((f.kind.as_str(), f.unlock_epochs), ("Meta Pool", (4, 6)));
    // A failed read is named, never guessed.
    let failed = [Ok(json!(ONE_NEAR.to_string())), Err("GARBAGE_COLLECTED_BLOCK".to_string())];
    let f = leg_figures(t, &base(), &W, &failed, None);
    assert_eq!((f.rate_ppm, f.rate_missing.as_deref()), (None, Some("GARBAGE_COLLECTED_BLOCK")));
}

#[test]
fn a_pool_without_its_own_growth_earns_the_protocols_figures_less_its_fee() {
    let t = &four_targets()[0];
    assert_eq!(
        target_reads(t, &W).iter().map(|r| (r.method, r.at)).collect::<Vec<_>>(),
        [("get_reward_fee_fraction", None)]
    );
    let b = base();
    let f = leg_figures(t, &b, &W, &[Ok(json!({ "numerator": 10, "denominator": 100 }))], None);
    let want = protocol_rate_ppm(&b.rewards, PPM, Fraction { num: 10, den: 100 }).unwrap() as i64;
    // 5% inflation × 1,000 / 1,000 staked × 90% to validators × 90% after the fee.
    assert_eq!((f.rate_ppm, f.source), (Some(want), RateSource::ProtocolFigures));
    assert_eq!(want, 40_500);
    let h = f.health.unwrap();
    assert_eq!((h.status, h.uptime_ppm, h.stake_share_bps), (ValidatorStatus::Active, Some(PPM), Some(6_000)));
    // Without its fee there is no rate, and the reason says why.
    let f = leg_figures(t, &b, &W, &[Err("view failed: MethodNotFound".into())], None);
    assert_eq!(f.rate_ppm, None);
    assert_eq!(f.rate_missing.as_deref(), Some("the pool's fee is needed: view failed: MethodNotFound"));
    assert_eq!(f.fee_missing.as_deref(), Some("view failed: MethodNotFound"));
    // A pool outside the set earns nothing now.
    let out = &common::validator("pool-b.poolv1.near");
    let f = leg_figures(out, &b, &W, &[Ok(json!({ "numerator": 0, "denominator": 100 }))], None);
    assert_eq!((f.rate_ppm, f.health.unwrap().status), (Some(0), ValidatorStatus::NotValidating));
}

#[test]
fn own_growth_counts_only_without_flows() {
    let (proxy, pool) = (id("abc.router.near"), id("pool-a.poolv1.near"));
    let reads = own_growth_reads(&proxy, &pool, &W);
    assert_eq!(
        reads.iter().map(|r| (r.account.as_str(), r.method, r.at)).collect::<Vec<_>>(),
        [
            ("abc.router.near", "get_pools", Some(1_001)),
            ("pool-a.poolv1.near", "get_account", Some(1_001)),
            ("abc.router.near", "get_pools", Some(3_000)),
            ("pool-a.poolv1.near", "get_account", Some(3_000)),
        ]
    );
    assert_eq!(reads[1].args, json!({ "account_id": "abc.router.near" }));
    let records = |principal: u128| -> Result<Value, String> {
        Ok(json!([{ "pool_id": "pool-a.poolv1.near", "principal": principal.to_string(), "unstaked_pending": "0" }]))
    };
    let account = |staked: u128| -> Result<Value, String> {
        Ok(json!({ "staked_balance": staked.to_string(), "unstaked_balance": "0" }))
    };
    let (then, now) = (10 * ONE_NEAR, 10 * ONE_NEAR + ONE_NEAR / 100);
    let grew = [records(10 * ONE_NEAR), account(then), records(10 * ONE_NEAR), account(now)];
    assert_eq!(own_growth(&pool, &grew, &W), annualized_ppm(then, now, W.seconds));
    let flowed = [records(10 * ONE_NEAR), account(then), records(11 * ONE_NEAR), account(now)];
    assert_eq!(own_growth(&pool, &flowed, &W), None, "a deposit in the window is not growth");
    let no_proxy_then = [Err("UNKNOWN_ACCOUNT".into()), account(then), records(10 * ONE_NEAR), account(now)];
    assert_eq!(own_growth(&pool, &no_proxy_then, &W), None);
    let f = leg_figures(&four_targets()[0], &base(), &W, &[Ok(json!({"numerator": 1, "denominator": 10}))], Some(7));
    assert_eq!((f.rate_ppm, f.source), (Some(7), RateSource::OwnGrowth));
}

#[test]
fn protocol_fees_read_as_each_protocol_writes_them() {
    let targets = four_targets();
    assert_eq!(protocol_fee_read(&targets[0]), None);
    assert_eq!(protocol_fee_read(&targets[2]).unwrap().method, "get_beneficiaries");
    assert_eq!(protocol_fee_read(&targets[3]).unwrap().method, "get_reward_fee_fraction");
    let linear = json!({ "linear-treasury.near": 1_000, "operator.near": 250 });
    assert_eq!(protocol_fee(LstProtocol::Linear, &linear), Ok(Fraction { num: 1_250, den: 10_000 }));
    assert_eq!(protocol_fee(LstProtocol::Linear, &json!({})), Ok(Fraction { num: 0, den: 10_000 }));
    let meta = json!({ "numerator": 70, "denominator": 10_000 });
    assert_eq!(protocol_fee(LstProtocol::MetaPool, &meta), Ok(Fraction { num: 70, den: 10_000 }));
    assert!(protocol_fee(LstProtocol::Linear, &json!([1])).is_err());
}

#[test]
fn a_blend_leaves_out_legs_without_a_rate_and_counts_them() {
    let b = base();
    let targets = four_targets();
    let pool = leg_figures(&targets[0], &b, &W, &[Ok(json!({"numerator": 0, "denominator": 1}))], Some(50_000));
    let token = leg_figures(&targets[3], &b, &W, &[Err("down".into()), Err("down".into())], None);
    let shares = [(targets[0].account_id.clone(), 6_000), (targets[3].account_id.clone(), 4_000)];
    assert_eq!(blend(&shares, &[pool, token]), (Some(50_000), 1));
}

#[test]
fn a_profiles_blend_is_its_resolved_split_over_the_legs_rates() {
    let b = base();
    let targets = four_targets();
    let fee0 = [Ok(json!({"numerator": 0, "denominator": 1}))];
    // Pools at 5% and 3% (own growth), tokens at 8% and unknown.
    let legs = [
        leg_figures(&targets[0], &b, &W, &fee0, Some(50_000)),
        leg_figures(&targets[1], &b, &W, &fee0, Some(30_000)),
        leg_figures(&targets[2], &b, &W, &[Ok(json!("1080")), Ok(json!("1000"))], None),
        leg_figures(&targets[3], &b, &W, &[Err("down".into()), Err("down".into())], None),
    ];
    let linear_rate = legs[2].rate_ppm.unwrap();
    let profiles = router_core::default_profiles();
    let direct = profiles.iter().find(|p| p.name == "direct-heavy").unwrap();
    let got = profile_blend(direct, &targets, &legs);
    // 80% over the two pools (40/40), 20% over the tokens (10/10), the unknown one left out.
    let want = (4_000 * 50_000 + 4_000 * 30_000 + 1_000 * linear_rate) / 9_000;
    assert_eq!((got.profile.as_str(), got.rate_ppm, got.missing), ("direct-heavy", Some(want), 1));
    assert_eq!(got.legs.iter().map(|(_, bps)| u32::from(*bps)).sum::<u32>(), 10_000);
    // A stored policy blends by its own legs; an empty one has no rate.
    let stored = common::policy(&[("pool-b.poolv1.near", 10_000)]);
    assert_eq!(policy_blend(&stored.legs, &legs).rate_ppm, Some(30_000));
    assert_eq!(policy_blend(&[], &legs).rate_ppm, None);
    // A profile with no usable target has no rate and no legs.
    let paused: Vec<_> = targets
        .iter()
        .cloned()
        .map(|mut t| {
            t.status = router_core::TargetStatus::Paused;
            t
        })
        .collect();
    let none = profile_blend(direct, &paused, &legs);
    assert_eq!((none.rate_ppm, none.legs.len()), (None, 0));
}
