//! The hooks a node in front of the chain uses (`signed.rs`): access-key records, the upfront
//! cost, a transaction with a given key, contract-data patches, code by reference.

use near_chain::{full_access_key, test_public_key, Action, Balance, Chain};

#[test]
fn access_keys_cost_and_a_transaction_with_a_given_key() {
    let mut chain = Chain::new();
    chain.create_account("alice.near", Balance::from_near(10));
    chain.create_account("bob.near", Balance::from_near(1));
    let usage = chain.account("alice.near").unwrap().storage_usage;
    let key = test_public_key("alice-device");
    assert!(chain.add_access_key("alice.near", key.clone(), full_access_key()));
    assert!(!chain.add_access_key("alice.near", key.clone(), full_access_key()), "already there");
    assert_eq!(chain.account("alice.near").unwrap().storage_usage, usage + 82);

    let mut record = chain.access_key("alice.near", &key).unwrap().clone();
    record.nonce = 7;
    assert!(chain.set_access_key("alice.near", &key, record));
    assert_eq!(chain.access_key("alice.near", &key).unwrap().nonce, 7);
    assert!(!chain.set_access_key("bob.near", &key, full_access_key()), "bob has no such key");
    assert_eq!(chain.account("alice.near").unwrap().storage_usage, usage + 82, "unchanged");

    let actions = vec![Action::transfer(Balance::from_near(1))];
    let cost = chain.transaction_cost("alice.near", "bob.near", &actions);
    let before = chain.balance("alice.near").unwrap();
    let out = chain.batch_with_key("alice.near", key, "bob.near", actions).unwrap();
    assert!(out.is_success());
    assert_eq!(chain.balance("bob.near").unwrap(), Balance::from_near(2));
    // Paid upfront: `cost`; the unused gas came back as a refund.
    let after = chain.balance("alice.near").unwrap();
    assert!(before.saturating_sub(after) <= cost, "{before} - {after} <= {cost}");
    assert_eq!(before.saturating_sub(after), Balance::from_near(1).saturating_add(out.total_tokens_burnt));
}

#[test]
fn contract_data_patches_count_storage_and_code_is_readable() {
    let mut chain = Chain::new();
    chain.create_account("app.near", Balance::from_near(10));
    let usage = chain.account("app.near").unwrap().storage_usage;
    chain.set_contract_data("app.near", b"key", Some(b"value"));
    assert_eq!(chain.storage_get("app.near", b"key"), Some(b"value".as_slice()));
    assert_eq!(chain.account("app.near").unwrap().storage_usage, usage + 3 + 5 + 40);
    chain.set_contract_data("app.near", b"key", Some(b"v"));
    assert_eq!(chain.account("app.near").unwrap().storage_usage, usage + 3 + 1 + 40);
    chain.set_contract_data("app.near", b"key", None);
    assert_eq!(chain.account("app.near").unwrap().storage_usage, usage);

    let contract = chain.account("app.near").unwrap().contract.clone();
    assert_eq!(chain.code(&contract), None, "no code yet");
    let wasm = b"\0asm\x01\0\0\0".to_vec();
    let hash = chain.deploy_global(&wasm);
    assert_eq!(chain.code(&near_chain::ContractRef::Global(hash)), Some(wasm));
}
