//! What the owner's exits (`unstake.rs`, `withdraw.rs`) share: the gas they attach, the
//! unlock delay and the owner check.
//!
//! # Gas
//!
//! The router never calls the exits, so their figures live here rather than in
//! `router_core::gas::GasSchedule`; the send costs are the schedule's (`call_send`: a new
//! receipt with one function call, `dependency_send`: a `.then` data receipt). Pool figures are
//! generous on purpose: the code is immutable, so it must keep working if gas prices move, and
//! the core staking pool may restake on any call (`unstake` always does), which alone attaches
//! 20 TGas to its `on_stake_action` callback. The owner pays, and every pool call and callback
//! also takes a share of the unused prepaid gas (weight 1), so an owner who attaches more gas
//! than the minimum gives the pool more, never less.
//!
//! Minimums the exits check before creating any promise:
//! - `unstake`: [`EXIT_OWN_GAS`] + [`POOL_UNSTAKE_GAS`] + [`ON_UNSTAKED_GAS`] + two call sends
//!   + one dependency = 65 TGas ([`UNSTAKE_GAS`]).
//! - `withdraw`: [`EXIT_OWN_GAS`] + [`POOL_VIEW_GAS`] + [`ON_UNSTAKED_BALANCE_GAS`] (which
//!   itself attaches [`POOL_WITHDRAW_GAS`] and [`ON_POOL_WITHDRAWN_GAS`]) + sends = 90 TGas
//!   ([`WITHDRAW_GAS`]).

use near_sdk::{assert_one_yocto, env, require};
use router_core::gas::{GasSchedule, TGAS};

use crate::errors::ERR_ONLY_OWNER;
use crate::StakingProxy;

/// Epochs a pool keeps unstaked NEAR locked after the last unstake (the core staking pool's
/// `NUM_EPOCHS_TO_UNLOCK`).
pub const NUM_EPOCHS_TO_UNLOCK: u64 = 4;

/// Send cost of one function call in a new receipt (the router's schedule).
const CALL_SEND: u64 = GasSchedule::DEFAULT.call_send;
/// Send cost of one `.then` dependency (the router's schedule).
const DEPENDENCY_SEND: u64 = GasSchedule::DEFAULT.dependency_send;

/// The proxy's own work in `unstake` or `withdraw` (checks, one record, one event, the
/// promise batch): well under 2 TGas measured on `stake`, which does more per leg.
pub const EXIT_OWN_GAS: u64 = 5 * TGAS;
/// A pool's `unstake` / `unstake_all`: ping, share math, then a restake (a `stake` action and
/// the 20 TGas `on_stake_action` callback). Twice what those need.
pub const POOL_UNSTAKE_GAS: u64 = 50 * TGAS;
/// A pool's `get_account_unstaked_balance` view (one account read).
pub const POOL_VIEW_GAS: u64 = 10 * TGAS;
/// A pool's `withdraw(amount)`: ping (which may restake, as above) and the transfer.
pub const POOL_WITHDRAW_GAS: u64 = 50 * TGAS;
/// `on_unstaked`: restores or confirms one record, one event.
pub const ON_UNSTAKED_GAS: u64 = 5 * TGAS;
/// `on_unstaked_balance`'s own work (parse the view, one record or one promise batch).
pub const ON_UNSTAKED_BALANCE_OWN_GAS: u64 = 5 * TGAS;
/// `on_pool_withdrawn`: one record, the transfer to the owner (or one owed entry), one event.
pub const ON_POOL_WITHDRAWN_GAS: u64 = 10 * TGAS;
/// What `on_unstaked_balance` attaches to the pool's `withdraw` and to `on_pool_withdrawn`,
/// with their send costs; it checks that it still has this much before calling the pool.
pub const WITHDRAW_CALL_GAS: u64 = POOL_WITHDRAW_GAS + ON_POOL_WITHDRAWN_GAS + 2 * CALL_SEND + DEPENDENCY_SEND;
/// Static gas of `on_unstaked_balance`: its own work plus the withdrawal it starts.
pub const ON_UNSTAKED_BALANCE_GAS: u64 = ON_UNSTAKED_BALANCE_OWN_GAS + WITHDRAW_CALL_GAS;
/// The least prepaid gas `unstake` accepts.
pub const UNSTAKE_GAS: u64 = EXIT_OWN_GAS + POOL_UNSTAKE_GAS + ON_UNSTAKED_GAS + 2 * CALL_SEND + DEPENDENCY_SEND;
/// The least prepaid gas `withdraw` accepts.
pub const WITHDRAW_GAS: u64 = EXIT_OWN_GAS + POOL_VIEW_GAS + ON_UNSTAKED_BALANCE_GAS + 2 * CALL_SEND + DEPENDENCY_SEND;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_args_are_the_json_the_pool_expects() {
        let args: near_sdk::serde_json::Value = near_sdk::serde_json::from_slice(&amount_args(u128::MAX)).unwrap();
        assert_eq!(args, near_sdk::serde_json::json!({"amount": u128::MAX.to_string()}));
    }

    #[test]
    fn exit_minimums_are_the_documented_figures_and_fit_300_tgas() {
        assert_eq!(UNSTAKE_GAS, 65 * TGAS);
        assert_eq!(ON_UNSTAKED_BALANCE_GAS, 70 * TGAS);
        assert_eq!(WITHDRAW_GAS, 90 * TGAS);
        const { assert!(WITHDRAW_GAS <= 300 * TGAS) };
    }
}
