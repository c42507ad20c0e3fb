//! Unit tests of `lib.rs`.

use super::*;
use crate::*;
use near_sdk::test_utils::get_logs;

#[test]
fn init_by_router_sets_state_and_logs() {
    let proxy = new_proxy();
    assert_eq!(proxy.owner_id, owner());
    assert_eq!(proxy.router_id, router());
    assert_eq!(proxy.state_version, STATE_VERSION);
    assert!(proxy.pools.is_empty());
    assert_eq!(proxy.owed_total, 0);
    assert_eq!(
        get_logs(),
        vec![
            r#"EVENT_JSON:{"standard":"stake-router","version":"1.0.0","event":"proxy_initialized","data":{"proxy":"0123456789abcdef01234567.router.near","owner_id":"owner.near","router_id":"router.near"}}"#
        ]
    );
}

#[test]
fn init_by_stranger_is_refused() {
    set_context(&alice(), 0);
    assert_eq!(panic_message(|| drop(StakingProxy::new(owner(), router()))), ERR_INIT_NOT_ROUTER);
}

#[test]
fn init_by_owner_naming_itself_router_is_refused() {
    // The owner calls `new` claiming to be the router: the account is not its sub-account.
    set_context(&owner(), 0);
    assert_eq!(panic_message(|| drop(StakingProxy::new(owner(), owner()))), ERR_NOT_SUB_ACCOUNT);
}

#[test]
fn init_on_an_account_that_is_not_a_sub_account_of_the_router_is_refused() {
    for current in ["proxy.other.near", "a.b.router.near", "xrouter.near", "router.near"] {
        set_context_on(&current.parse().unwrap(), &router(), 0);
        assert_eq!(panic_message(|| drop(StakingProxy::new(owner(), router()))), ERR_NOT_SUB_ACCOUNT);
    }
}

#[test]
fn direct_sub_account_check() {
    let parent: AccountId = "router.near".parse().unwrap();
    let yes = |s: &str| is_direct_sub_account(&s.parse().unwrap(), &parent);
    assert!(yes("abc.router.near"));
    assert!(!yes("x.abc.router.near"));
    assert!(!yes("router.near"));
    assert!(!yes("abcrouter.near"));
    assert!(!yes("abc.near"));
}

#[test]
fn versioned_record_round_trip() {
    let record = PoolRecord { principal: 5, in_flight: 2, unstaked_pending: 3, unlock_epoch: Some(9) };
    let stored = near_sdk::borsh::to_vec(&VersionedPoolRecord::from(record)).unwrap();
    assert_eq!(stored[0], 1, "version tag of V2");
    assert_eq!(stored.len(), 1 + 16 + 16 + 16 + 1 + 8);
    let back: VersionedPoolRecord = near_sdk::borsh::from_slice(&stored).unwrap();
    assert_eq!(back.current(), record);
}

#[test]
fn a_v1_record_is_read_as_a_v2_record_without_unstake() {
    let v1 = PoolRecordV1 { principal: 5, in_flight: 2 };
    let stored = near_sdk::borsh::to_vec(&VersionedPoolRecord::V1(v1)).unwrap();
    assert_eq!(stored[0], 0, "version tag of V1");
    assert_eq!(stored.len(), 1 + 16 + 16);
    let back: VersionedPoolRecord = near_sdk::borsh::from_slice(&stored).unwrap();
    assert_eq!(back.current(), PoolRecord { principal: 5, in_flight: 2, unstaked_pending: 0, unlock_epoch: None });
}

#[test]
fn a_record_is_empty_only_without_stake_flight_or_unstake() {
    assert!(PoolRecord::default().is_empty());
    for record in [
        PoolRecord { principal: 1, ..Default::default() },
        PoolRecord { in_flight: 1, ..Default::default() },
        PoolRecord { unstaked_pending: 1, ..Default::default() },
        PoolRecord { unlock_epoch: Some(0), ..Default::default() },
    ] {
        assert!(!record.is_empty(), "{record:?}");
    }
}

#[test]
fn state_version_is_the_first_stored_byte() {
    let proxy = new_proxy();
    let stored = near_sdk::borsh::to_vec(&proxy).unwrap();
    assert_eq!(stored[0], STATE_VERSION);
}
