use super::*;
use crate::TargetKind;
use crate::{LstProtocol, ONE_NEAR};

const ROUTER: &str = "router.near";
const PROXY: &str = "abc.router.near";

fn line(event: &str, data: serde_json::Value) -> String {
    let v = serde_json::json!({ "standard": EVENT_STANDARD, "version": crate::EVENT_VERSION, "event": event, "data": data });
    format!("{EVENT_LOG_PREFIX}{v}")
}

fn leg(target: &str, liquid: bool, amount: u128) -> serde_json::Value {
    let kind = if liquid {
        serde_json::json!({ "type": "liquid", "protocol": "linear", "registration_deposit": "1250000000000000000000" })
    } else {
        serde_json::json!({ "type": "validator" })
    };
    serde_json::json!({ "target": target, "kind": kind, "policy_bps": 5000, "effective_bps": 5000,
        "amount": amount.to_string(), "reserve": "0" })
}

fn accepted() -> String {
    line(
        DEPOSIT_ACCEPTED,
        serde_json::json!({ "depositor": "alice.near", "beneficiary": "alice.near", "amount": (10 * ONE_NEAR).to_string(),
            "source": "profile:balanced",
            "legs": [leg("pool-a.near", false, 3 * ONE_NEAR), leg("pool-b.near", false, 2 * ONE_NEAR),
                     leg("linear.near", true, 3 * ONE_NEAR), leg("meta.near", true, 2 * ONE_NEAR)],
            "folded": [], "costs": { "proxy_storage": "0", "proxy_record": "0", "liquid_reserves": "0", "deposit_fee": "0", "total": "0", "account_creation_charge_from_gas": "0" } }),
    )
}

fn forwarded() -> String {
    line(
        DIRECT_FORWARDED,
        serde_json::json!({ "beneficiary": "alice.near", "proxy": PROXY, "amount": (5 * ONE_NEAR).to_string() }),
    )
}

#[test]
fn each_leg_reads_from_its_own_events() {
    let lines = [
        (ROUTER, accepted()),
        (ROUTER, forwarded()),
        (
            PROXY,
            line(
                DIRECT_LEG_STAKED,
                serde_json::json!({ "proxy": PROXY, "owner_id": "alice.near", "pool_id": "pool-a.near", "amount": (3 * ONE_NEAR).to_string() }),
            ),
        ),
        (
            PROXY,
            line(
                DIRECT_LEG_FAILED,
                serde_json::json!({ "proxy": PROXY, "pool_id": "pool-b.near", "amount": (2 * ONE_NEAR).to_string(), "refund_to": "alice.near", "refunded": true }),
            ),
        ),
        (
            ROUTER,
            line(
                LIQUID_LEG_STAKED,
                serde_json::json!({ "beneficiary": "alice.near", "token": "linear.near", "near_amount": (3 * ONE_NEAR).to_string(), "minted": "2900" }),
            ),
        ),
        (
            ROUTER,
            line(
                CLAIMABLE_RECORDED,
                serde_json::json!({ "beneficiary": "alice.near", "token": "linear.near", "amount": "2900" }),
            ),
        ),
        (
            ROUTER,
            line(
                LIQUID_LEG_FAILED,
                serde_json::json!({ "beneficiary": "alice.near", "token": "meta.near", "near_amount": (2 * ONE_NEAR).to_string() }),
            ),
        ),
        (
            ROUTER,
            line(
                REFUNDED,
                serde_json::json!({ "account": "alice.near", "amount": "2001250000000000000000000", "reason": "liquid leg failed" }),
            ),
        ),
        (ROUTER, "a plain log line".to_owned()),
    ];
    let router: AccountId = ROUTER.parse().unwrap();
    let out = deposit_outcome(&router, lines.iter().map(|(x, l)| (*x, l.as_str()))).unwrap();
    let results: Vec<_> = out.legs.iter().map(|l| (l.target.as_str(), l.result.clone())).collect();
    assert_eq!(
        results,
        vec![
            ("pool-a.near", LegResult::Staked),
            ("pool-b.near", LegResult::Refunded),
            ("linear.near", LegResult::Claimable { tokens: Yocto(2900) }),
            ("meta.near", LegResult::Refunded),
        ]
    );
    assert!(matches!(out.legs[2].kind, TargetKind::Liquid { protocol: LstProtocol::Linear, .. }));
    assert_eq!(out.refused(), 4 * ONE_NEAR);
    assert_eq!(out.refunded, Yocto(2 * ONE_NEAR + 2_001_250_000_000_000_000_000_000));
    assert_eq!(out.owed, Yocto(0));
    assert!(!out.all_staked() && !out.none_staked());
}

#[test]
fn events_from_other_accounts_are_ignored() {
    // A target logging the router's events, and a proxy event from an account that is not the
    // proxy the router forwarded to, change nothing.
    let lines = [
        (ROUTER, accepted()),
        (ROUTER, forwarded()),
        (
            "linear.near",
            line(
                TOKENS_DELIVERED,
                serde_json::json!({ "beneficiary": "alice.near", "token": "linear.near", "amount": "1" }),
            ),
        ),
        (
            "pool-a.near",
            line(
                DIRECT_LEG_STAKED,
                serde_json::json!({ "proxy": PROXY, "owner_id": "alice.near", "pool_id": "pool-a.near", "amount": "1" }),
            ),
        ),
        ("evil.near", accepted()),
    ];
    let router: AccountId = ROUTER.parse().unwrap();
    let out = deposit_outcome(&router, lines.iter().map(|(x, l)| (*x, l.as_str()))).unwrap();
    assert!(out.legs.iter().all(|l| l.result == LegResult::Unknown), "{out:?}");
    let other: AccountId = "other-router.near".parse().unwrap();
    assert_eq!(deposit_outcome(&other, lines.iter().map(|(x, l)| (*x, l.as_str()))), None);
}

#[test]
fn a_refused_direct_part_and_an_owed_refund() {
    let lines = [
        (ROUTER, accepted()),
        (
            ROUTER,
            line(
                DIRECT_FAILED,
                serde_json::json!({ "beneficiary": "alice.near", "proxy": PROXY, "amount": (5 * ONE_NEAR).to_string(), "proxy_creation_undone": true }),
            ),
        ),
        (
            ROUTER,
            line(
                LIQUID_LEG_STAKED,
                serde_json::json!({ "beneficiary": "alice.near", "token": "linear.near", "near_amount": "3", "minted": "3" }),
            ),
        ),
        (
            ROUTER,
            line(
                TOKENS_DELIVERED,
                serde_json::json!({ "beneficiary": "alice.near", "token": "linear.near", "amount": "3", "registered_receiver": true }),
            ),
        ),
        (
            ROUTER,
            line(
                LIQUID_MINT_UNVERIFIED,
                serde_json::json!({ "id": 7, "beneficiary": "alice.near", "token": "meta.near", "near_amount": "2" }),
            ),
        ),
        (
            ROUTER,
            line(
                REFUND_OWED,
                serde_json::json!({ "account": "alice.near", "amount": (5 * ONE_NEAR).to_string(), "reason": "direct part refused" }),
            ),
        ),
    ];
    let router: AccountId = ROUTER.parse().unwrap();
    let out = deposit_outcome(&router, lines.iter().map(|(x, l)| (*x, l.as_str()))).unwrap();
    let results: Vec<_> = out.legs.iter().map(|l| l.result.clone()).collect();
    assert_eq!(
        results,
        vec![
            LegResult::RefundOwed,
            LegResult::RefundOwed,
            LegResult::Delivered { tokens: Yocto(3) },
            LegResult::Unverified
        ]
    );
    assert_eq!(out.owed, Yocto(5 * ONE_NEAR));
    assert_eq!(out.refunded, Yocto(0));
}

#[test]
fn other_standards_and_bad_data_are_not_events() {
    assert_eq!(
        parse_event(r#"EVENT_JSON:{"standard":"nep141","version":"1.0.0","event":"ft_transfer","data":[]}"#),
        None
    );
    assert_eq!(parse_event(&line(REFUNDED, serde_json::json!({ "account": "alice.near" }))), None);
    assert_eq!(
        parse_event(&line("pause_changed", serde_json::json!({ "paused": true }))),
        Some(DepositEvent::Other("pause_changed".into()))
    );
}
