//! The gas of the staking proxy's exits (`unstake`, `withdraw`, `move_stake`, `finish_move`):
//! the minimum prepaid gas each accepts and what it attaches to every pool call and callback.
//! The proxy checks these figures; the widget and the gas report use the same ones.
//!
//! The router never calls the exits, so these figures are not part of the router's stored
//! [`GasSchedule`]; the send costs are the default schedule's (`call_send`: a new receipt with
//! one function call, `dependency_send`: a `.then` data receipt). Pool figures are generous on
//! purpose: the proxy's code is immutable, so it must keep working if gas prices move, and the
//! core staking pool may restake on any call (`unstake` always does), which alone attaches
//! 20 TGas to its `on_stake_action` callback. The owner pays, and every pool call and callback
//! also takes a share of the unused prepaid gas (weight 1), so an owner who attaches more gas
//! than the minimum gives the pool more, never less.
//!
//! An exit whose pool call failed fails for its caller: the callback keeps (or restores) the
//! records, then returns a call to the proxy's `exit_failed`, which panics with the reason, so
//! the transaction's outcome is a failure that names it (a wallet shows it, a DAO proposal is
//! marked Failed). Every callback that may fail this way has [`REPORT_FAILURE_GAS`] for it.
//!
//! Minimums, checked before any promise is created:
//! - `unstake` and `move_stake`: [`EXIT_OWN_GAS`] + [`POOL_UNSTAKE_GAS`] + [`ON_UNSTAKED_GAS`]
//!   + two call sends + one dependency = 68 TGas ([`UNSTAKE_GAS`], [`MOVE_STAKE_GAS`]).
//! - `withdraw`: [`EXIT_OWN_GAS`] + [`POOL_VIEW_GAS`] + [`ON_UNSTAKED_BALANCE_GAS`] (which
//!   itself attaches [`POOL_WITHDRAW_GAS`] and [`ON_POOL_WITHDRAWN_GAS`], the latter with a
//!   tracked payout to the owner, [`PAYOUT_GAS`]) + sends, rounded up to a whole TGas = 86 TGas ([`WITHDRAW_GAS`]).
//! - `finish_move`: the view, the pool's `withdraw` and the restake in the new pool, with
//!   their callbacks = 130 TGas ([`FINISH_MOVE_GAS`]).

use crate::gas::{GasSchedule, TGAS};

/// `gas` rounded up to a whole teragas: the prepaid minimums callers see are whole figures.
const fn whole_tgas(gas: u64) -> u64 {
    gas.div_ceil(TGAS) * TGAS
}

/// The larger of two figures, for a callback whose paths exclude each other.
const fn larger(a: u64, b: u64) -> u64 {
    if a > b {
        a
    } else {
        b
    }
}

/// Send cost of one function call in a new receipt (the router's schedule).
pub const CALL_SEND: u64 = GasSchedule::DEFAULT.call_send;
/// Send cost of one `.then` dependency (the router's schedule).
pub const DEPENDENCY_SEND: u64 = GasSchedule::DEFAULT.dependency_send;
/// A tracked payout (transfer, `on_payout` and their sends): `GasSchedule::payout`, 4.1 TGas.
pub const PAYOUT_GAS: u64 = GasSchedule::DEFAULT.payout();
/// A callback's own work when it settles one record, pays or owes, and logs one event.
pub const SETTLE_OWN_GAS: u64 = 5 * TGAS;
/// Static gas of the proxy's `exit_failed(reason)`, which only panics with `reason` (a
/// function call's base cost and the contract's loading: under 2 TGas).
pub const EXIT_FAILED_GAS: u64 = 3 * TGAS;
/// What a callback needs to make its exit fail for the caller: the `exit_failed` call and its
/// send.
pub const REPORT_FAILURE_GAS: u64 = EXIT_FAILED_GAS + CALL_SEND;

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
/// `on_unstaked`: restores or confirms one record, one event, and on failure the report.
pub const ON_UNSTAKED_GAS: u64 = 5 * TGAS + REPORT_FAILURE_GAS;
/// `on_unstaked_balance`'s own work (parse the view, one record or one promise batch).
pub const ON_UNSTAKED_BALANCE_OWN_GAS: u64 = 5 * TGAS;
/// `on_pool_withdrawn`: one record and one event, and the tracked payout to the owner or (the
/// pool refused) the failure report.
pub const ON_POOL_WITHDRAWN_GAS: u64 = SETTLE_OWN_GAS + larger(PAYOUT_GAS, REPORT_FAILURE_GAS);
/// What `on_unstaked_balance` attaches to the pool's `withdraw` and to `on_pool_withdrawn`,
/// with their send costs; it checks that it still has this much before calling the pool.
pub const WITHDRAW_CALL_GAS: u64 = POOL_WITHDRAW_GAS + ON_POOL_WITHDRAWN_GAS + 2 * CALL_SEND + DEPENDENCY_SEND;
/// Static gas of `on_unstaked_balance`: its own work plus the withdrawal it starts.
pub const ON_UNSTAKED_BALANCE_GAS: u64 = ON_UNSTAKED_BALANCE_OWN_GAS + WITHDRAW_CALL_GAS;
/// The least prepaid gas `unstake` accepts.
pub const UNSTAKE_GAS: u64 =
    whole_tgas(EXIT_OWN_GAS + POOL_UNSTAKE_GAS + ON_UNSTAKED_GAS + 2 * CALL_SEND + DEPENDENCY_SEND);
/// The least prepaid gas `withdraw` accepts.
pub const WITHDRAW_GAS: u64 =
    whole_tgas(EXIT_OWN_GAS + POOL_VIEW_GAS + ON_UNSTAKED_BALANCE_GAS + 2 * CALL_SEND + DEPENDENCY_SEND);
/// The least prepaid gas `move_stake` accepts (the same pool unstake and callback as
/// `unstake`).
pub const MOVE_STAKE_GAS: u64 = UNSTAKE_GAS;
/// Gas of `on_move_unstaked` (as `on_unstaked`).
pub const ON_MOVE_UNSTAKED_GAS: u64 = ON_UNSTAKED_GAS;
/// A pool's `deposit_and_stake` (the router's schedule: the core pool restakes).
pub const POOL_DEPOSIT_GAS: u64 = GasSchedule::DEFAULT.pool_deposit_and_stake;
/// `on_move_staked`: two records and one event, at most one tracked payout to the owner and,
/// when `to_pool` refused, the failure report.
pub const ON_MOVE_STAKED_GAS: u64 = SETTLE_OWN_GAS + PAYOUT_GAS + REPORT_FAILURE_GAS;
/// What staking the moved NEAR in `to_pool` attaches, with its send costs.
pub const RESTAKE_CALL_GAS: u64 = POOL_DEPOSIT_GAS + ON_MOVE_STAKED_GAS + 2 * CALL_SEND + DEPENDENCY_SEND;
/// Static gas of `on_move_withdrawn`: its own work plus the restake it starts.
pub const ON_MOVE_WITHDRAWN_GAS: u64 = 10 * TGAS + RESTAKE_CALL_GAS;
/// What `on_move_balance` attaches to the pool's `withdraw` and `on_move_withdrawn`.
pub const MOVE_WITHDRAW_CALL_GAS: u64 = POOL_WITHDRAW_GAS + ON_MOVE_WITHDRAWN_GAS + 2 * CALL_SEND + DEPENDENCY_SEND;
/// Static gas of `on_move_balance`: its own work plus the withdrawal it starts.
pub const ON_MOVE_BALANCE_GAS: u64 = ON_UNSTAKED_BALANCE_OWN_GAS + MOVE_WITHDRAW_CALL_GAS;
/// The least prepaid gas `finish_move` accepts: its own work, the view and the whole chain.
pub const FINISH_MOVE_GAS: u64 =
    whole_tgas(EXIT_OWN_GAS + POOL_VIEW_GAS + ON_MOVE_BALANCE_GAS + 2 * CALL_SEND + DEPENDENCY_SEND);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gas::GGAS;

    #[test]
    fn exit_minimums_are_the_documented_figures_and_fit_300_tgas() {
        assert_eq!(REPORT_FAILURE_GAS, 4_400 * GGAS);
        assert_eq!(UNSTAKE_GAS, 68 * TGAS);
        assert_eq!(MOVE_STAKE_GAS, UNSTAKE_GAS);
        assert_eq!(PAYOUT_GAS, 4_100 * GGAS);
        assert_eq!(ON_UNSTAKED_BALANCE_GAS, 67_400 * GGAS);
        assert_eq!(WITHDRAW_GAS, 86 * TGAS);
        assert_eq!(RESTAKE_CALL_GAS, 43_500 * GGAS);
        assert_eq!(ON_MOVE_BALANCE_GAS, 111_500 * GGAS);
        assert_eq!(FINISH_MOVE_GAS, 130 * TGAS);
        const { assert!(FINISH_MOVE_GAS <= 300 * TGAS) };
    }
}
