//! Unit tests of the mock staking pool (near-sdk mocked blockchain).

use near_sdk::test_utils::{get_created_receipts, VMContextBuilder};
use near_sdk::{testing_env, AccountId, EpochHeight, NearToken};

use crate::MockStakingPool;

mod accounting;
mod drift;
mod switches;
mod unlock;

/// One NEAR in yoctoNEAR.
pub const ONE_NEAR: u128 = 1_000_000_000_000_000_000_000_000;

/// The pool's account.
pub fn pool() -> AccountId {
    "pool.test.near".parse().unwrap()
}

/// The pool owner.
pub fn owner() -> AccountId {
    "owner.test.near".parse().unwrap()
}

/// A delegator.
pub fn alice() -> AccountId {
    "alice.test.near".parse().unwrap()
}

/// Another delegator.
pub fn bob() -> AccountId {
    "bob.test.near".parse().unwrap()
}

/// Sets the mocked context: `caller` calls with `deposit` yoctoNEAR at `epoch`.
pub fn set_context(caller: &AccountId, deposit: u128, epoch: EpochHeight) {
    testing_env!(VMContextBuilder::new()
        .current_account_id(pool())
        .signer_account_id(caller.clone())
        .predecessor_account_id(caller.clone())
        .attached_deposit(NearToken::from_yoctonear(deposit))
        .account_balance(NearToken::from_near(1_000_000_000))
        .epoch_height(epoch)
        .build());
}

/// A fresh pool owned by `owner()`, at epoch 10.
pub fn new_pool() -> MockStakingPool {
    set_context(&owner(), 0, 10);
    MockStakingPool::new(owner())
}

/// A boxed call on the contract, for tables of calls that must all panic.
pub type Call = Box<dyn FnOnce(&mut MockStakingPool)>;

/// Runs `f`, asserts it panics, and returns the panic message.
pub fn panic_message<F: FnOnce()>(f: F) -> String {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let payload = result.expect_err("expected the call to panic");
    if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_string()
    } else {
        String::from("<non-string panic payload>")
    }
}

/// Transfers (receiver, yoctoNEAR) created so far in the current context.
pub fn transfers() -> Vec<(AccountId, u128)> {
    get_created_receipts()
        .into_iter()
        .flat_map(|receipt| {
            let receiver = receipt.receiver_id.clone();
            receipt.actions.into_iter().filter_map(move |action| match action {
                near_sdk::mock::MockAction::Transfer { deposit, .. } => {
                    Some((receiver.clone(), deposit.as_yoctonear()))
                }
                _ => None,
            })
        })
        .collect()
}

#[test]
fn panic_messages_are_visible_to_tests() {
    let mut contract = new_pool();
    set_context(&alice(), 0, 10);
    let message = panic_message(|| contract.stake(near_sdk::json_types::U128(0)));
    assert!(message.contains("Staking amount should be positive"), "{message}");
}
