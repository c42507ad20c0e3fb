//! Unit tests of `events.rs`.

use super::*;
use crate::events::*;
use near_sdk::test_utils::get_logs;

fn logged(event: ProxyEvent) -> String {
    set_context(&router(), 0);
    event.emit();
    let logs = get_logs();
    assert_eq!(logs.len(), 1);
    logs[0].clone()
}

#[test]
fn standard_and_version_are_the_shared_ones() {
    let e = ProxyEvent::PayoutDelivered { proxy: &proxy(), account_id: &alice(), amount: U128(1) };
    assert_eq!(e.standard(), router_core::EVENT_STANDARD);
    assert_eq!(e.version(), router_core::EVENT_VERSION);
}

#[test]
fn proxy_initialized_log() {
    let line = logged(ProxyEvent::ProxyInitialized { proxy: &proxy(), owner_id: &owner(), router_id: &router() });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"proxy_initialized","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","router_id":"router.near"}}"#
    );
}

#[test]
fn direct_leg_staked_log() {
    let line = logged(ProxyEvent::DirectLegStaked {
        proxy: &proxy(),
        owner_id: &owner(),
        pool_id: &pool(1),
        amount: U128(5 * ONE_NEAR),
    });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"direct_leg_staked","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"5000000000000000000000000"}}"#
    );
}

#[test]
fn direct_leg_failed_log() {
    let line = logged(ProxyEvent::DirectLegFailed {
        proxy: &proxy(),
        pool_id: &pool(2),
        amount: U128(7),
        refund_to: &alice(),
        refunded: false,
    });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"direct_leg_failed","data":{"proxy":"0123456789abcdef01234567.router.near","pool_id":"pool2.poolv1.near","amount":"7","refund_to":"alice.near","refunded":false}}"#
    );
}

#[test]
fn payout_delivered_log() {
    let line = logged(ProxyEvent::PayoutDelivered { proxy: &proxy(), account_id: &alice(), amount: U128(12) });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"payout_delivered","data":{"proxy":"0123456789abcdef01234567.router.near","account_id":"alice.near","amount":"12"}}"#
    );
}

#[test]
fn payout_bounced_log() {
    let line = logged(ProxyEvent::PayoutBounced { proxy: &proxy(), account_id: &alice(), amount: U128(12) });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"payout_bounced","data":{"proxy":"0123456789abcdef01234567.router.near","account_id":"alice.near","amount":"12"}}"#
    );
}

#[test]
fn unstake_requested_log() {
    let line = logged(ProxyEvent::UnstakeRequested {
        proxy: &proxy(),
        owner_id: &owner(),
        pool_id: &pool(1),
        amount: U128(3 * ONE_NEAR),
        unlock_epoch: 14,
    });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"unstake_requested","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"3000000000000000000000000","unlock_epoch":14}}"#
    );
}

#[test]
fn unstake_failed_log() {
    let line =
        logged(ProxyEvent::UnstakeFailed { proxy: &proxy(), owner_id: &owner(), pool_id: &pool(1), amount: U128(3) });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"unstake_failed","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool1.poolv1.near","amount":"3"}}"#
    );
}

#[test]
fn withdrawn_log() {
    let line =
        logged(ProxyEvent::Withdrawn { proxy: &proxy(), owner_id: &owner(), pool_id: &pool(2), amount: U128(7) });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdrawn","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool2.poolv1.near","amount":"7"}}"#
    );
}

#[test]
fn withdraw_failed_logs() {
    let line = logged(ProxyEvent::WithdrawFailed {
        proxy: &proxy(),
        owner_id: &owner(),
        pool_id: &pool(2),
        amount: Some(U128(7)),
    });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdraw_failed","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool2.poolv1.near","amount":"7"}}"#
    );
    let line =
        logged(ProxyEvent::WithdrawFailed { proxy: &proxy(), owner_id: &owner(), pool_id: &pool(2), amount: None });
    assert_eq!(
        line,
        r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"withdraw_failed","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","pool_id":"pool2.poolv1.near","amount":null}}"#
    );
}
