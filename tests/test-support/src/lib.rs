//! # test-support
//!
//! What the unit tests of the router, the staking proxy and the mock contracts share, on
//! near-sdk's mocked blockchain. Every contract crate keeps its unit tests in `src/tests/`
//! (`mod.rs` for the crate's own fixtures, one file per concern) and takes from here:
//!
//! - [`id`] and the usual accounts ([`ROUTER`], [`OWNER`], [`ALICE`], [`BOB`]);
//! - [`protocol_fees`] and [`testing_env!`](crate::testing_env): contexts on the latest
//!   protocol's fees, not near-sdk's much higher test defaults;
//! - [`context`]: a [`VMContextBuilder`] for one call;
//! - [`panic_message`]: what a refused call says;
//! - [`receipts`]: the function calls and transfers a call created.

pub mod receipts;

pub use near_sdk;
pub use near_sdk::test_utils::VMContextBuilder;
pub use receipts::{calls, transfers, Call};
pub use router_core::ONE_NEAR;

use near_sdk::{AccountId, Gas, NearToken, RuntimeFeesConfig};

/// The router's account in unit tests.
pub const ROUTER: &str = "router.near";
/// An owner (of the router, a proxy or a mock).
pub const OWNER: &str = "owner.near";
/// A user.
pub const ALICE: &str = "alice.near";
/// Another user.
pub const BOB: &str = "bob.near";

/// Parses an account id, panicking with the offending text.
pub fn id(s: &str) -> AccountId {
    s.parse().unwrap_or_else(|e| panic!("bad account id {s:?}: {e}"))
}

/// The latest protocol's fees: near-sdk's mocked blockchain defaults to older, much higher
/// test fees (4.7 TGas per data receipt instead of 0.07), which no real chain charges.
pub fn protocol_fees() -> RuntimeFeesConfig {
    let store = near_parameters::RuntimeConfigStore::new(None);
    store.get_config(near_primitives_core::version::PROTOCOL_VERSION).fees.as_ref().clone()
}

/// near-sdk's `testing_env!` on [`protocol_fees`]: `testing_env!(context)` or
/// `testing_env!(context, promise_results)`.
#[macro_export]
macro_rules! testing_env {
    ($ctx:expr) => {
        $crate::testing_env!($ctx, Vec::new())
    };
    ($ctx:expr, $results:expr) => {
        $crate::near_sdk::testing_env!(
            $ctx,
            $crate::near_sdk::test_vm_config(),
            $crate::protocol_fees(),
            Default::default(),
            $results
        )
    };
}

/// A call on `current` by `predecessor` (also the signer) with `deposit` yoctoNEAR attached,
/// `balance` yoctoNEAR on the account (after the deposit) and 300 TGas prepaid.
pub fn context(current: &AccountId, predecessor: &AccountId, deposit: u128, balance: u128) -> VMContextBuilder {
    let mut builder = VMContextBuilder::new();
    builder
        .current_account_id(current.clone())
        .signer_account_id(predecessor.clone())
        .predecessor_account_id(predecessor.clone())
        .attached_deposit(NearToken::from_yoctonear(deposit))
        .account_balance(NearToken::from_yoctonear(balance))
        .prepaid_gas(Gas::from_tgas(300));
    builder
}

/// Runs `f`, asserts that it panics, and returns the panic message.
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
