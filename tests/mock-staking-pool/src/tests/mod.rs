//! Unit tests of the mock staking pool (near-sdk mocked blockchain).

use near_sdk::{testing_env, AccountId, EpochHeight};

use crate::MockStakingPool;

mod accounting;
mod drift;
mod switches;
mod unlock;

use test_support::{id, ALICE, BOB, OWNER};
pub use test_support::{panic_message, transfers, ONE_NEAR};

/// The pool's account.
pub fn pool() -> AccountId {
    "pool.test.near".parse().unwrap()
}

/// The pool owner.
pub fn owner() -> AccountId {
    id(OWNER)
}

/// A delegator.
pub fn alice() -> AccountId {
    id(ALICE)
}

/// Another delegator.
pub fn bob() -> AccountId {
    id(BOB)
}

/// Sets the mocked context: `caller` calls with `deposit` yoctoNEAR at `epoch`.
pub fn set_context(caller: &AccountId, deposit: u128, epoch: EpochHeight) {
    testing_env!(test_support::context(&pool(), caller, deposit, 1_000_000_000 * ONE_NEAR).epoch_height(epoch).build());
}

/// A fresh pool owned by `owner()`, at epoch 10.
pub fn new_pool() -> MockStakingPool {
    set_context(&owner(), 0, 10);
    MockStakingPool::new(owner())
}

/// A boxed call on the contract, for tables of calls that must all panic.
pub type Call = Box<dyn FnOnce(&mut MockStakingPool)>;

#[test]
fn panic_messages_are_visible_to_tests() {
    let mut contract = new_pool();
    set_context(&alice(), 0, 10);
    let message = panic_message(|| contract.stake(near_sdk::json_types::U128(0)));
    assert!(message.contains("Staking amount should be positive"), "{message}");
}
