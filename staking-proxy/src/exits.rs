//! What the owner's exits (`unstake.rs`, `withdraw.rs`) share: the gas they attach, the
//! unlock delay and the owner check.
//!
//! Gas: the figures live in `router_core::exit_gas` (shared with the widget and the gas
//! report) and are re-exported here.

use near_sdk::{assert_one_yocto, env, near, require, Gas, PromiseOrValue};

use crate::errors::ERR_ONLY_OWNER;
use crate::{StakingProxy, StakingProxyExt};

pub use router_core::exit_gas::*;
/// Epochs a pool keeps unstaked NEAR locked after the last unstake.
pub use router_core::position::NUM_EPOCHS_TO_UNLOCK;

#[near]
impl StakingProxy {
    /// Fails with `reason` (private: only the proxy's own callbacks call it). An exit whose
    /// pool call failed returns this call as its result once its records are settled, so the
    /// caller's transaction (a wallet's, a DAO proposal's) fails and names the reason, while
    /// the callback's own changes and events stay.
    #[private]
    pub fn exit_failed(&self, #[serializer(borsh)] reason: String) {
        env::panic_str(&reason)
    }
}

impl StakingProxy {
    /// Panics unless the owner calls with exactly 1 yoctoNEAR attached (a full-access key
    /// confirmed the call; the router and everyone else are refused).
    pub(crate) fn assert_owner_one_yocto(&self) {
        require!(env::predecessor_account_id() == self.owner_id, ERR_ONLY_OWNER);
        assert_one_yocto();
    }
}

/// `{"amount":"<yocto>"}`: the arguments of a pool's `unstake` and `withdraw` (written by hand:
/// `serde_json::json!` would add its `Value` machinery to the wasm).
pub(crate) fn amount_args(amount: u128) -> Vec<u8> {
    format!("{{\"amount\":\"{amount}\"}}").into_bytes()
}

/// Gas still available to the running call.
pub(crate) fn remaining_gas() -> u64 {
    env::prepaid_gas().as_gas().saturating_sub(env::used_gas().as_gas())
}

/// The result of an exit callback whose exit did not happen: a call to `exit_failed(reason)`
/// (with [`EXIT_FAILED_GAS`]), which makes the caller's transaction fail with `reason`.
pub(crate) fn fail_exit<T>(reason: String) -> PromiseOrValue<T> {
    let report = StakingProxy::ext(env::current_account_id())
        .with_static_gas(Gas::from_gas(EXIT_FAILED_GAS))
        .with_unused_gas_weight(0)
        .exit_failed(reason);
    PromiseOrValue::Promise(report)
}
