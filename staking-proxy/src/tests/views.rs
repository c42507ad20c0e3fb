//! Unit tests of `views.rs`.

use super::*;
use crate::PoolRecord;
use near_sdk::serde_json::{json, to_value};

#[test]
fn views_of_a_fresh_proxy() {
    let proxy = new_proxy();
    assert_eq!(proxy.get_owner(), owner());
    assert_eq!(proxy.get_router(), router());
    assert_eq!(proxy.get_pools(), vec![]);
    assert_eq!(proxy.get_owed_refund(alice()), U128(0));
    assert_eq!(proxy.get_owed_total(), U128(0));
    assert_eq!(proxy.get_state_version(), crate::STATE_VERSION);
}

#[test]
fn pools_are_listed_sorted_with_principal_in_flight_and_unstake() {
    let mut proxy = new_proxy();
    proxy.set_pool_record(&pool(2), PoolRecord { principal: 0, in_flight: 3, ..Default::default() });
    proxy.set_pool_record(
        &pool(1),
        PoolRecord { principal: 10, in_flight: 0, unstaked_pending: 4, unlock_epoch: Some(17) },
    );
    assert_eq!(
        to_value(proxy.get_pools()).unwrap(),
        json!([
            {"pool_id": "pool1.poolv1.near", "principal": "10", "in_flight": "0",
             "unstaked_pending": "4", "unlock_epoch": 17, "moving_to": null,
             "move_idle": "0"},
            {"pool_id": "pool2.poolv1.near", "principal": "0", "in_flight": "3",
             "unstaked_pending": "0", "unlock_epoch": null, "moving_to": null,
             "move_idle": "0"},
        ])
    );
}

#[test]
fn owed_refunds_are_reported_per_account_and_in_total() {
    let mut proxy = new_proxy();
    proxy.owe(&alice(), 5);
    proxy.owe(&alice(), 2);
    proxy.owe(&bob(), 1);
    assert_eq!(proxy.get_owed_refund(alice()), U128(7));
    assert_eq!(proxy.get_owed_refund(bob()), U128(1));
    assert_eq!(proxy.get_owed_refund(owner()), U128(0));
    assert_eq!(proxy.get_owed_total(), U128(8));
}
