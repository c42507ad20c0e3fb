//! `Chain::save_state` / `Chain::load_state`: every part of the state survives, and bad bytes
//! are an error, not a panic.

mod common;

use common::*;
use near_chain::{
    full_access_key, test_public_key, Action, Balance, Chain, ChainConfig, ContractRef, Gas, SNAPSHOT_MAGIC,
    SNAPSHOT_VERSION,
};

#[test]
fn the_state_round_trips() {
    let mut chain = Chain::with_config(ChainConfig {
        epoch_length: 10,
        chain_id: "snapshot-test".into(),
        ..ChainConfig::default()
    });
    chain.create_account("alice.near", Balance::from_near(1_000));
    chain.create_account("app.near", Balance::from_near(50));
    chain.deploy("app.near", test_contract_wasm());
    let global = chain.deploy_global(test_contract_wasm());
    chain.create_account("user.near", Balance::from_near(50));
    let out = chain.batch("user.near", "user.near", vec![Action::UseGlobalContract { code_hash: global }]).unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    let out = chain
        .call("alice.near", "app.near", "set_value", r#"{"value":"kept"}"#, Balance::ZERO, Gas::from_teragas(30))
        .unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    let key = test_public_key("alice-device");
    let mut record = full_access_key();
    record.nonce = 42;
    chain.add_access_key("alice.near", key.clone(), record);
    chain.set_validator_stake("alice.near", Balance::from_near(100));
    chain.advance_blocks(25);

    let bytes = chain.save_state();
    assert!(bytes.starts_with(SNAPSHOT_MAGIC));
    let loaded = Chain::load_state(&bytes).unwrap();
    assert_eq!(loaded.block(), chain.block());
    assert_eq!(loaded.config().chain_id, "snapshot-test");
    assert_eq!(loaded.config().epoch_length, 10);
    for id in ["alice.near", "app.near", "user.near"] {
        assert_eq!(loaded.account(id), chain.account(id), "{id}");
        assert_eq!(loaded.contract_data(id), chain.contract_data(id), "{id}");
    }
    assert_eq!(loaded.account("user.near").unwrap().contract, ContractRef::Global(global));
    assert!(loaded.has_global_contract(&global));
    assert_eq!(loaded.access_key("alice.near", &key).unwrap().nonce, 42);
    let stake = chain.validator_stake("alice.near").unwrap();
    assert!(stake > Balance::from_near(100), "two epochs of rewards staked on: {stake}");
    assert_eq!(loaded.validator_stake("alice.near"), Some(stake));
    assert_eq!(value(&loaded, "app.near"), "kept");
    assert_eq!(loaded.save_state(), bytes, "saving is deterministic");

    // The loaded chain keeps running: a call writes, and receipts get new ids.
    let mut loaded = loaded;
    let out = loaded
        .call("alice.near", "app.near", "set_value", r#"{"value":"after"}"#, Balance::ZERO, Gas::from_teragas(30))
        .unwrap();
    assert!(out.is_success(), "{:?}", out.failure_message());
    assert_eq!(value(&loaded, "app.near"), "after");
}

#[test]
fn bad_bytes_are_an_error() {
    let bytes = Chain::new().save_state();
    let err = |b: &[u8]| Chain::load_state(b).err().expect("refused");
    assert!(err(b"").contains("bad magic"));
    assert!(err(b"{\"json\": true}").contains("bad magic"));
    assert!(err(SNAPSHOT_MAGIC).contains("no version byte"));
    let mut wrong = bytes.clone();
    wrong[SNAPSHOT_MAGIC.len()] = SNAPSHOT_VERSION + 1;
    assert!(err(&wrong).contains("unsupported near-chain snapshot version"));
    assert!(err(&bytes[..bytes.len() - 3]).contains("corrupt"));
}
