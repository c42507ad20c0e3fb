//! What the owner's exits (`unstake.rs`, `withdraw.rs`) share: the gas they attach, the
//! unlock delay and the owner check.
//!
//! Gas: the figures live in `router_core::exit_gas` (shared with the widget and the gas
//! report) and are re-exported here.

use near_sdk::{assert_one_yocto, env, require};

use crate::errors::ERR_ONLY_OWNER;
use crate::StakingProxy;

pub use router_core::exit_gas::*;
/// Epochs a pool keeps unstaked NEAR locked after the last unstake.
pub use router_core::position::NUM_EPOCHS_TO_UNLOCK;

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
