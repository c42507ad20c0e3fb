//! Unit tests of the mock exchange (near-sdk mocked blockchain).

use near_contract_standards::fungible_token::receiver::FungibleTokenReceiver;
use near_contract_standards::storage_management::StorageManagement;
use near_sdk::json_types::U128;
use near_sdk::{serde_json, AccountId, PromiseOrValue};
use test_support::{calls, id, panic_message, testing_env, ALICE, BOB, ONE_NEAR, OWNER};

use crate::errors::*;
use crate::MockDex;

mod pool;
mod swap;

/// The exchange's account.
pub fn dex() -> AccountId {
    id("dex.near")
}
/// The liquid staking token.
pub fn lst() -> AccountId {
    id("lst.near")
}
/// Wrapped NEAR.
pub fn wnear() -> AccountId {
    id("wrap.near")
}

/// `caller` calls the exchange with `deposit` attached.
pub fn call(caller: &AccountId, deposit: u128) {
    testing_env!(test_support::context(&dex(), caller, deposit, 1_000 * ONE_NEAR).build());
}

/// Asserts that `f` panics with a message containing `expected`.
pub fn assert_panics_with<F: FnOnce()>(expected: &str, f: F) {
    let message = panic_message(f);
    assert!(message.contains(expected), "expected {expected:?}, got {message:?}");
}

/// `sender` sends `amount` of `token` to the exchange with `msg` (the token calls
/// `ft_on_transfer`); returns what the exchange asks the token to refund.
pub fn receive(dex: &mut MockDex, token: &AccountId, sender: &AccountId, amount: u128, msg: &str) -> u128 {
    call(token, 0);
    match dex.ft_on_transfer(sender.clone(), U128(amount), msg.to_string()) {
        PromiseOrValue::Value(v) => v.0,
        PromiseOrValue::Promise(_) => panic!("the mock returns a value"),
    }
}

/// An exchange with pool 0 = LST/wNEAR (30 bp) holding 1000 LST and 1100 wNEAR, seeded by
/// the owner through deposits and `add_liquidity`.
pub fn seeded() -> MockDex {
    call(&id(OWNER), 0);
    let mut contract = MockDex::new(id(OWNER));
    call(&id(OWNER), ONE_NEAR);
    assert_eq!(contract.add_simple_pool(vec![lst(), wnear()], 30), 0);
    call(&id(OWNER), ONE_NEAR / 10);
    contract.storage_deposit(None, None);
    assert_eq!(receive(&mut contract, &lst(), &id(OWNER), 1_000 * ONE_NEAR, ""), 0);
    assert_eq!(receive(&mut contract, &wnear(), &id(OWNER), 1_100 * ONE_NEAR, ""), 0);
    call(&id(OWNER), 1);
    let shares = contract.add_liquidity(0, vec![U128(1_000 * ONE_NEAR), U128(1_100 * ONE_NEAR)], None);
    assert_eq!(shares, U128(crate::pool::INIT_SHARES_SUPPLY));
    contract
}

/// A one-action swap message: `amount` (if any) of `token_in` for at least `min_out` of
/// `token_out` in pool 0.
pub fn swap_msg(token_in: &AccountId, token_out: &AccountId, amount: Option<u128>, min_out: u128) -> String {
    let mut action = serde_json::json!({
        "pool_id": 0, "token_in": token_in, "token_out": token_out, "min_amount_out": min_out.to_string()
    });
    if let Some(amount) = amount {
        action["amount_in"] = serde_json::json!(amount.to_string());
    }
    serde_json::json!({ "actions": [action] }).to_string()
}

/// The `ft_transfer` calls the last call created: (token, receiver, amount).
pub fn ft_transfers() -> Vec<(AccountId, String, String)> {
    calls()
        .into_iter()
        .filter(|c| c.method == "ft_transfer")
        .map(|c| {
            assert_eq!(c.deposit, 1, "ft_transfer with 1 yocto");
            assert_eq!(c.gas, 20_000_000_000_000, "Ref's GAS_FOR_FT_TRANSFER");
            let args = c.json();
            (
                c.receiver,
                args["receiver_id"].as_str().unwrap().to_string(),
                args["amount"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Alice and Bob.
pub fn alice() -> AccountId {
    id(ALICE)
}
/// Bob.
pub fn bob() -> AccountId {
    id(BOB)
}
