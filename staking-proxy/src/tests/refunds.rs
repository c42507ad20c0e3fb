//! Unit tests of `release_refund`, `on_payout`, `pay_or_owe` and the free balance.

use super::testing_env;
use near_sdk::json_types::U128;
use near_sdk::test_utils::get_logs;
use near_sdk::{Gas, PromiseError};

use super::*;
use crate::refunds::*;

/// A proxy that owes alice `amount`.
fn proxy_owing_alice(amount: u128) -> StakingProxy {
    let mut proxy = new_proxy();
    proxy.owe(&alice(), amount);
    proxy
}

/// Anyone (bob) calls `release_refund(alice)` while the proxy's free balance is `free`.
fn release_context(free: u128) {
    testing_env!(context(&bob(), 0, STORAGE_COST + free).build());
}

#[test]
fn free_balance_excludes_storage() {
    release_context(7);
    assert_eq!(free_balance(), 7);
    testing_env!(context(&bob(), 0, STORAGE_COST - 1).build());
    assert_eq!(free_balance(), 0);
}

#[test]
fn release_pays_once_the_refund_has_arrived() {
    let mut proxy = proxy_owing_alice(3 * ONE_NEAR);
    release_context(3 * ONE_NEAR);
    drop(proxy.release_refund(alice()));

    assert_eq!(transfers(), vec![(alice(), 3 * ONE_NEAR)]);
    let calls = calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].receiver, super::proxy());
    assert_eq!(calls[0].method, "on_payout");
    assert_eq!(calls[0].gas, router_core::gas::PAYOUT_CALLBACK);
    assert_eq!(calls[0].deposit, 0);
    assert_eq!(calls[0].after, vec![0], "the callback waits for the transfer");
    assert_eq!(calls[0].borsh::<(near_sdk::AccountId, U128)>(), (alice(), U128(3 * ONE_NEAR)));
    // The record is gone before the transfer, so a second call cannot pay twice.
    assert_eq!(proxy.get_owed_refund(alice()), U128(0));
    assert_eq!(proxy.get_owed_total(), U128(0));
    assert_eq!(panic_message(|| drop(proxy.release_refund(alice()))), ERR_NO_OWED_REFUND);
}

#[test]
fn release_before_the_refund_arrived_is_refused() {
    let mut proxy = proxy_owing_alice(3 * ONE_NEAR);
    release_context(3 * ONE_NEAR - 1);
    assert_eq!(panic_message(|| drop(proxy.release_refund(alice()))), ERR_REFUND_NOT_ARRIVED);
    assert_eq!(proxy.get_owed_refund(alice()), U128(3 * ONE_NEAR));
    assert!(transfers().is_empty());
}

#[test]
fn release_without_a_debt_is_refused() {
    let mut proxy = proxy_owing_alice(1);
    release_context(ONE_NEAR);
    assert_eq!(panic_message(|| drop(proxy.release_refund(bob()))), ERR_NO_OWED_REFUND);
}

#[test]
fn release_with_too_little_gas_is_refused() {
    let mut proxy = proxy_owing_alice(1);
    testing_env!(context(&bob(), 0, STORAGE_COST + ONE_NEAR)
        .prepaid_gas(Gas::from_gas(RELEASE_REFUND_GAS - 1))
        .build());
    assert_eq!(panic_message(|| drop(proxy.release_refund(alice()))), ERR_RELEASE_GAS);
    assert_eq!(proxy.get_owed_refund(alice()), U128(1));
}

#[test]
fn delivered_release_logs_payout_delivered() {
    let mut proxy = proxy_owing_alice(12);
    release_context(12);
    drop(proxy.release_refund(alice()));
    set_callback_context(0);
    assert!(proxy.on_payout(alice(), U128(12), Ok(())));
    assert_eq!(proxy.get_owed_refund(alice()), U128(0));
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"payout_delivered","data":{"proxy":"0123456789abcdef01234567.router.near","account_id":"alice.near","amount":"12"}}"#
        ]
    );
}

#[test]
fn failed_transfer_restores_the_debt() {
    let mut proxy = proxy_owing_alice(12);
    release_context(12);
    drop(proxy.release_refund(alice()));
    // Meanwhile another refused leg added a new debt to alice.
    proxy.owe(&alice(), 5);
    set_callback_context(12);
    assert!(!proxy.on_payout(alice(), U128(12), Err(PromiseError::Failed)));
    assert_eq!(proxy.get_owed_refund(alice()), U128(17));
    assert_eq!(proxy.get_owed_total(), U128(17));
    assert!(transfers().is_empty());
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"payout_bounced","data":{"proxy":"0123456789abcdef01234567.router.near","account_id":"alice.near","amount":"12"}}"#
        ]
    );
    // Once the account exists again, the restored debt can be released.
    release_context(17);
    drop(proxy.release_refund(alice()));
    assert_eq!(transfers(), vec![(alice(), 17)]);
}

#[test]
fn pay_or_owe_sends_a_tracked_transfer_only_from_what_is_not_owed() {
    let mut proxy = proxy_owing_alice(5);
    // 5 owed to alice and 7 free: paying bob 3 leaves alice covered.
    release_context(12);
    assert!(proxy.pay_or_owe(&bob(), 3));
    assert_eq!(transfers(), vec![(bob(), 3)]);
    let calls = calls();
    assert_eq!(calls.len(), 1);
    assert_eq!((calls[0].method.as_str(), calls[0].after.clone()), ("on_payout", vec![0]));
    // 8 would dip into alice's 5: recorded as owed to bob instead, nothing sent.
    release_context(12);
    assert!(!proxy.pay_or_owe(&bob(), 8));
    assert!(transfers().is_empty());
    assert_eq!(proxy.get_owed_refund(bob()), U128(8));
    assert_eq!(proxy.get_owed_total(), U128(13));
    // Nothing to pay: nothing sent, nothing owed.
    assert!(proxy.pay_or_owe(&bob(), 0));
    assert!(transfers().is_empty());
}

#[test]
fn a_bounced_payout_is_owed_again_and_released_later() {
    let mut proxy = new_proxy();
    release_context(9);
    assert!(proxy.pay_or_owe(&alice(), 9));
    // alice deleted her account meanwhile: the transfer bounced and the 9 came back.
    set_callback_context(9);
    assert!(!proxy.on_payout(alice(), U128(9), Err(PromiseError::Failed)));
    assert_eq!(proxy.get_owed_refund(alice()), U128(9));
    assert_eq!(proxy.get_owed_total(), U128(9));
    release_context(9);
    drop(proxy.release_refund(alice()));
    assert_eq!(transfers(), vec![(alice(), 9)]);
    assert_eq!(proxy.get_owed_total(), U128(0));
}

#[test]
fn the_storage_its_creation_prepaid_is_never_paid_out() {
    // The proxy uses half the bytes its creation prepaid: the other half's NEAR stays for the
    // records it may have to write; only what lies beyond is the owner's to collect.
    let mut proxy = new_proxy();
    testing_env!(context(&owner(), 1, STORAGE_COST + 4).storage_usage(STORAGE_USAGE / 2).build());
    drop(proxy.collect());
    assert_eq!(transfers(), vec![(owner(), 5)], "4 yocto beyond the prepaid storage, and the attached one");
}
