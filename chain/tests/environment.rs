//! The environment around calls: gas limits, running out of gas, epochs and time, the
//! validator set, events, refused transactions and the module cache.

mod common;

use common::{balance, setup, test_contract_wasm, NEAR, TGAS30};
use near_chain::{ActionsValidationError, Balance, Chain, ChainConfig, Gas, InvalidTx};
use serde_json::json;

#[test]
fn prepaid_gas_above_the_protocol_limit_is_refused() {
    let mut chain = setup();
    let limit = chain.runtime_config().wasm_config.limit_config.max_total_prepaid_gas;
    assert_eq!(limit, Gas::from_teragas(1_000), "1 PGas at protocol 88");
    let before = balance(&chain, "alice.near");
    let height = chain.block_height();
    let err = chain
        .call("alice.near", "callee.near", "get_value", "{}", Balance::ZERO, Gas::from_teragas(1_001))
        .unwrap_err();
    assert_eq!(
        err,
        InvalidTx::ActionsValidation(ActionsValidationError::TotalPrepaidGasExceeded {
            total_prepaid_gas: Gas::from_teragas(1_001),
            limit,
        })
    );
    assert!(err.to_string().contains("TotalPrepaidGasExceeded"), "{err}");
    assert_eq!(balance(&chain, "alice.near"), before, "nothing is charged");
    assert_eq!(chain.block_height(), height, "nothing ran");
    // Exactly the limit is fine.
    let out = chain.call("alice.near", "callee.near", "get_value", "{}", Balance::ZERO, limit).unwrap();
    assert_eq!(out.json::<String>(), "clean");
}

#[test]
fn running_out_of_gas_fails_the_receipt() {
    let mut chain = setup();
    let before = balance(&chain, "alice.near");
    let gas = Gas::from_teragas(50);
    let out =
        chain.call("alice.near", "callee.near", "spin", r#"{"rounds":100000000000}"#, Balance::ZERO, gas).unwrap();
    assert_eq!(out.failure_message().as_deref(), Some("Exceeded the prepaid gas."));
    let burnt = out.receipts[0].gas_burnt.as_gas();
    assert!(burnt > gas.as_gas(), "all 50 TGas plus the execution fees are burnt: {burnt}");
    assert!(burnt < gas.as_gas() + Gas::from_teragas(2).as_gas());
    assert_eq!(before.checked_sub(balance(&chain, "alice.near")).unwrap(), out.total_tokens_burnt);
    // A short loop fits.
    let out = chain.call("alice.near", "callee.near", "spin", r#"{"rounds":1000}"#, Balance::ZERO, gas).unwrap();
    assert!(out.is_success());
}

#[test]
fn blocks_and_epochs_advance() {
    let config = ChainConfig { epoch_length: 10, ..ChainConfig::default() };
    let (genesis_ts, block_ns) = (config.genesis_timestamp_ns, config.block_time_ns);
    let mut chain = Chain::with_config(config);
    chain.create_account("app.near", Balance::from_near(10));
    chain.deploy("app.near", test_contract_wasm());
    assert_eq!((chain.block_height(), chain.epoch_height()), (1, 1));
    let info: Vec<u64> = chain.view_json("app.near", "env_info", json!({})).unwrap();
    assert_eq!(info, vec![1, genesis_ts, 1]);

    chain.advance_epochs(2);
    assert_eq!((chain.block_height(), chain.epoch_height()), (21, 3));
    let info: Vec<u64> = chain.view_json("app.near", "env_info", json!({})).unwrap();
    assert_eq!(info, vec![21, genesis_ts + 20 * block_ns, 3]);

    chain.advance_blocks(9);
    assert_eq!((chain.block_height(), chain.epoch_height()), (30, 3));
    // A transaction's receipt runs in the next block, here the first of epoch 4.
    let out = chain.call("app.near", "app.near", "env_info", "{}", Balance::ZERO, TGAS30).unwrap();
    assert_eq!(out.json::<Vec<u64>>(), vec![31, genesis_ts + 30 * block_ns, 4]);
    assert_eq!(chain.epoch_height(), 4);
}

#[test]
fn validator_stake_host_functions_answer_from_the_configured_set() {
    let mut chain = setup();
    chain.set_validator_stake("v1.near", Balance::from_near(100));
    chain.set_validator_stake("v2.near", Balance::from_near(300));
    let stakes: Vec<String> = chain.view_json("callee.near", "stakes", json!({"account": "v1.near"})).unwrap();
    assert_eq!(
        stakes,
        vec![Balance::from_near(100).as_yoctonear().to_string(), Balance::from_near(400).as_yoctonear().to_string()]
    );
    let stakes: Vec<String> = chain.view_json("callee.near", "stakes", json!({"account": "nobody.near"})).unwrap();
    assert_eq!(stakes[0], "0");
    chain.set_validator_stake("v2.near", Balance::ZERO);
    assert_eq!(chain.validator_total_stake(), Balance::from_near(100));
}

#[test]
fn logs_and_nep297_events_are_reported() {
    let mut chain = setup();
    let out = chain.call("alice.near", "callee.near", "emit", r#"{"amount":"42"}"#, Balance::ZERO, TGAS30).unwrap();
    assert_eq!(out.logs()[0], "plain log line");
    let events = out.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].account_id.as_str(), "callee.near");
    assert_eq!((events[0].standard.as_str(), events[0].version.as_str()), ("test", "1.0.0"));
    assert_eq!(events[0].event, "emitted");
    assert_eq!(events[0].data, json!([{"amount": "42"}]));
}

#[test]
fn a_signer_that_cannot_pay_is_refused() {
    let mut chain = setup();
    chain.create_account("poor.near", Balance::from_yoctonear(1_000));
    let err = chain.call("poor.near", "callee.near", "get_value", "{}", Balance::ZERO, TGAS30).unwrap_err();
    assert!(matches!(err, InvalidTx::NotEnoughBalance { .. }), "{err}");
    let err = chain.call("ghost.near", "callee.near", "get_value", "{}", Balance::ZERO, TGAS30).unwrap_err();
    assert_eq!(err, InvalidTx::SignerDoesNotExist("ghost.near".parse().unwrap()));
    let err = chain
        .call("alice.near", "callee.near", "get_value", "{}", NEAR.checked_mul(5_000).unwrap(), TGAS30)
        .unwrap_err();
    assert!(matches!(err, InvalidTx::NotEnoughBalance { .. }), "{err}");
}

#[test]
fn repeated_calls_reuse_the_compiled_module() {
    let mut chain = setup();
    let start = std::time::Instant::now();
    for i in 0..50 {
        let args = format!(r#"{{"value":"v{i}"}}"#);
        let out = chain.call("alice.near", "callee.near", "set_value", args, Balance::ZERO, TGAS30).unwrap();
        assert!(out.is_success());
    }
    let elapsed = start.elapsed();
    println!("50 calls took {elapsed:?}");
    assert!(elapsed < std::time::Duration::from_secs(20), "50 calls took {elapsed:?}");
    assert_eq!(common::value(&chain, "callee.near"), "v49");
}
