//! Unit tests of the mock LST (near-sdk mocked blockchain).

pub use near_contract_standards::fungible_token::metadata::FungibleTokenMetadataProvider;
pub use near_contract_standards::fungible_token::FungibleTokenCore;
pub use near_contract_standards::storage_management::StorageManagement;
use near_sdk::json_types::U128;
use near_sdk::{serde_json, testing_env, AccountId, NearToken};

use crate::{MockLst, Protocol, ONE_TOKEN};

mod deposit;
mod linear_exits;
mod liquidity;
mod math;
mod meta_exits;
mod switches;
mod token;

use test_support::{id, ALICE, BOB, OWNER};
pub use test_support::{panic_message, ONE_NEAR};

/// Price used by most tests: one token costs 1.2 NEAR.
pub const PRICE: u128 = 12 * ONE_TOKEN / 10;

/// The token's account.
pub fn lst() -> AccountId {
    "lst.test.near".parse().unwrap()
}

/// The token owner.
pub fn owner() -> AccountId {
    id(OWNER)
}

/// A depositor.
pub fn alice() -> AccountId {
    id(ALICE)
}

/// Another account.
pub fn bob() -> AccountId {
    id(BOB)
}

/// Sets the mocked context: `caller` calls with `deposit` yoctoNEAR attached.
pub fn set_context(caller: &AccountId, deposit: u128) {
    testing_env!(test_support::context(&lst(), caller, deposit, 1_000_000_000_000 * ONE_NEAR).build());
}

/// Sets the mocked context: `caller` calls with `deposit` yoctoNEAR attached in `epoch`,
/// the contract holding `balance` yoctoNEAR.
pub fn set_context_at(caller: &AccountId, deposit: u128, epoch: u64, balance: u128) {
    testing_env!(test_support::context(&lst(), caller, deposit, balance).epoch_height(epoch).build());
}

/// `caller` calls in `epoch` with nothing attached, the contract holding plenty of NEAR.
pub fn at_epoch(caller: &AccountId, epoch: u64) {
    set_context_at(caller, 0, epoch, 1_000_000_000_000 * ONE_NEAR);
}

/// A fresh token of the `protocol` shape: minimum deposit 1 NEAR, price 1.2 NEAR per token.
pub fn new_lst_of(protocol: Protocol) -> MockLst {
    set_context(&owner(), 0);
    MockLst::new(owner(), U128(ONE_NEAR), U128(PRICE), Some(protocol))
}

/// A fresh token: minimum deposit 1 NEAR, price 1.2 NEAR per token.
pub fn new_lst() -> MockLst {
    set_context(&owner(), 0);
    MockLst::new(owner(), U128(ONE_NEAR), U128(PRICE), None)
}

/// `caller` deposits `amount` through `deposit_and_stake`; returns the raw result bytes.
pub fn deposit_raw(contract: &mut MockLst, caller: &AccountId, amount: u128) -> Vec<u8> {
    set_context(caller, amount);
    contract.internal_deposit_and_stake()
}

/// `caller` deposits `amount` through `deposit_and_stake`; returns the decoded `U128` result.
pub fn deposit(contract: &mut MockLst, caller: &AccountId, amount: u128) -> u128 {
    let bytes = deposit_raw(contract, caller, amount);
    serde_json::from_slice::<U128>(&bytes).expect("a JSON U128 result").0
}

/// A boxed call on the contract, for tables of calls that must all panic.
pub type Call = Box<dyn FnOnce(&mut MockLst)>;

/// Asserts that `f` panics with a message containing `expected`.
pub fn assert_panics_with<F: FnOnce()>(expected: &str, f: F) {
    let message = panic_message(f);
    assert!(message.contains(expected), "expected {expected:?}, got {message:?}");
}
