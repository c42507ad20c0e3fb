//! Views at past blocks: the state of an older height after later writes, the kept window
//! (older blocks are garbage collected), heights a jump skipped, and a loaded chain.

mod common;

use common::{setup, test_contract_wasm, value, NEAR, TGAS30};
use near_chain::{test_public_key, Action, Balance, Chain, ChainConfig, HistoryError, ViewError};
use serde_json::json;

fn set_value(chain: &mut Chain, id: &str, value: &str) {
    let out = chain.call("alice.near", id, "set_value", json!({ "value": value }).to_string(), Balance::ZERO, TGAS30);
    assert!(out.unwrap().is_success());
}

fn value_at(chain: &Chain, height: u64, id: &str) -> String {
    let bytes = chain.view_at(height, id, "get_value", "{}").unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// A chain with 10-block epochs keeping `history_epochs`, `app.near` running the test
/// contract and `alice.near`.
fn small_epochs(history_epochs: u64) -> Chain {
    let mut chain = Chain::with_config(ChainConfig { epoch_length: 10, history_epochs, ..ChainConfig::default() });
    chain.create_account("alice.near", Balance::from_near(1_000));
    chain.create_account("app.near", Balance::from_near(50));
    chain.deploy("app.near", test_contract_wasm());
    chain
}

#[test]
fn a_view_at_an_old_height_returns_the_old_value_after_later_writes() {
    let mut chain = setup();
    let h0 = chain.block_height();
    let alice_h0 = chain.balance("alice.near").unwrap();
    // A transaction is converted in the head block (its outcome names that block), so block
    // h0 is closed first: its state is final once the chain moves on.
    chain.advance_blocks(1);
    set_value(&mut chain, "callee.near", "one");
    let h1 = chain.block_height();
    chain.add_access_key("alice.near", test_public_key("second"), near_chain::full_access_key());
    set_value(&mut chain, "callee.near", "two");
    let h2 = chain.block_height();
    assert!(h0 < h1 && h1 < h2);

    assert_eq!(value_at(&chain, h0, "callee.near"), "clean");
    assert_eq!(value_at(&chain, h1, "callee.near"), "one");
    assert_eq!(value_at(&chain, h2, "callee.near"), "two");
    assert_eq!(value(&chain, "callee.near"), "two", "the head reads the latest");
    // Every block in between has a state: the receipt's block already holds the write.
    for h in h0..=h2 {
        let v = value_at(&chain, h, "callee.near");
        assert!(["clean", "one", "two"].contains(&v.as_str()), "{h}: {v}");
    }

    let old = chain.at(h0).unwrap();
    assert_eq!(old.block().height, h0);
    assert_eq!(old.balance("alice.near"), Some(alice_h0), "alice paid for gas since");
    assert!(chain.balance("alice.near").unwrap() < alice_h0);
    assert!(old.access_key("alice.near", &test_public_key("second")).is_none());
    assert!(chain.access_key("alice.near", &test_public_key("second")).is_some());
    let state = old.storage_get("callee.near", b"STATE").unwrap();
    assert!(state.windows(5).any(|w| w == b"clean"));
    assert_eq!(chain.account_at(h0, "alice.near").unwrap().unwrap().balance, alice_h0);
    // The VM sees the old block: its height.
    let info: Vec<u64> = old.view_json("callee.near", "env_info", json!({})).unwrap();
    assert_eq!(info[0], h0);
}

#[test]
fn accounts_and_global_contracts_appear_at_their_block() {
    let mut chain = setup();
    let before = chain.block_height();
    chain.advance_blocks(1);
    let hash = chain.deploy_global(test_contract_wasm());
    chain.create_account("late.near", NEAR);
    chain.advance_blocks(1);
    let old = chain.at(before).unwrap();
    assert!(old.account("late.near").is_none());
    assert!(!old.has_global_contract(&hash));
    assert!(chain.head().has_global_contract(&hash) && chain.account("late.near").is_some());
    assert_eq!(
        chain.view_at(before, "late.near", "get_value", "{}"),
        Err(ViewError::AccountDoesNotExist("late.near".parse().unwrap()))
    );
    // Deleted later: still there at its old block.
    let actions = vec![Action::DeleteAccount { beneficiary: "alice.near".parse().unwrap() }];
    let alive = chain.block_height();
    assert!(chain.batch("late.near", "late.near", actions).unwrap().is_success());
    assert!(chain.account("late.near").is_none());
    assert!(chain.account_at(alive, "late.near").unwrap().is_some());
}

#[test]
fn blocks_past_the_window_are_garbage_collected() {
    let mut chain = small_epochs(2);
    set_value(&mut chain, "app.near", "old");
    let old = chain.block_height();
    assert!(old < 10, "written in epoch 1");
    while chain.block_height() < 25 {
        chain.advance_blocks(1);
    }
    // Head in epoch 3, two epochs kept: blocks from 11 (the first of epoch 2) on.
    assert_eq!(chain.oldest_kept_height(), 11);
    assert_eq!(chain.at(old).err(), Some(HistoryError::GarbageCollected));
    assert_eq!(
        chain.view_at(10, "app.near", "get_value", "{}"),
        Err(ViewError::History(HistoryError::GarbageCollected))
    );
    assert_eq!(value_at(&chain, 11, "app.near"), "old");
    assert_eq!(chain.history_len(), (11..25).count(), "only the window's blocks are kept");
    assert_eq!(chain.at(26).err(), Some(HistoryError::Unknown));

    // Memory stays bounded: many more blocks, still only the window.
    for _ in 0..100 {
        chain.advance_blocks(1);
    }
    assert!(chain.history_len() < 20, "{}", chain.history_len());
    chain.set_history_epochs(1);
    assert_eq!(chain.oldest_kept_height(), chain.config().first_block_of(chain.epoch_height()));
    assert!(chain.history_len() < 10);
}

#[test]
fn a_jump_skips_heights_but_keeps_the_blocks_around_each_epoch_boundary() {
    let mut chain = small_epochs(5);
    chain.set_validator_stake("v.near", Balance::from_near(1_000));
    assert_eq!(chain.block_height(), 1);
    chain.advance_blocks(25);
    assert_eq!(chain.block_height(), 26);
    let kept: Vec<u64> = (1..=26).filter(|h| chain.has_block(*h)).collect();
    assert_eq!(kept, [1, 10, 11, 20, 21, 26], "the old head, each boundary's last and first block, the head");
    let prev: Vec<Option<u64>> = kept.iter().map(|h| chain.at(*h).unwrap().prev_height()).collect();
    assert_eq!(prev, [None, Some(1), Some(10), Some(11), Some(20), Some(21)]);
    assert_eq!(chain.earliest_block_height(), 1);
    for skipped in [2, 9, 12, 19, 22, 25] {
        assert_eq!(chain.at(skipped).err(), Some(HistoryError::NoBlock), "{skipped}");
    }
    // Epoch 1's rewards are paid in epoch 2's first block.
    let (last, first) = (chain.at(10).unwrap(), chain.at(11).unwrap());
    assert_eq!((last.block().epoch_height, first.block().epoch_height), (1, 2));
    let locked = |s: near_chain::BlockState<'_>| s.account("v.near").unwrap().locked;
    assert_eq!(locked(last), Balance::from_near(1_000));
    assert!(locked(first) > locked(last), "rewards land at the epoch's first block");
    // Work counts as of each block: the whole epoch at its last block, one block at the first.
    let v: near_chain::AccountId = "v.near".parse().unwrap();
    let work = |s: near_chain::BlockState<'_>| s.validator_stats()[&v].blocks.expected;
    assert_eq!((work(last), work(first)), (10, 1));
    assert_eq!(chain.at(1).unwrap().validators().len(), 1);
}

#[test]
fn a_loaded_chain_keeps_no_history_before_its_head() {
    let mut chain = setup();
    let old = chain.block_height();
    set_value(&mut chain, "callee.near", "new");
    let loaded = Chain::load_state(&chain.save_state()).unwrap();
    assert_eq!(value_at(&chain, old, "callee.near"), "clean");
    assert_eq!(loaded.at(old).err(), Some(HistoryError::GarbageCollected));
    assert_eq!(loaded.oldest_kept_height(), loaded.block_height());
    assert_eq!(value_at(&loaded, loaded.block_height(), "callee.near"), "new");
}
