//! The exit calls of the position view, in wallet-selector's shape: on the proxy `unstake`,
//! `withdraw`, `move_stake` and `finish_move`, on the router `claim`, each with the gas its
//! contract documents.

use crate::tx::{Action, Args, ExitArgs, FunctionCall, Transaction};
use router_core::AccountId;

/// The proxy's exit minimums, the very figures the proxy checks (`router_core::exit_gas`):
/// unstake 65, withdraw 92, move 65, finish a move 157 TGas.
pub use router_core::exit_gas::{FINISH_MOVE_GAS, MOVE_STAKE_GAS, UNSTAKE_GAS, WITHDRAW_GAS};
/// The router's `claim` minimum with its default gas schedule (27 TGas; the router refuses less).
pub const CLAIM_GAS: u64 = router_core::GasSchedule::DEFAULT.claim_required();

fn call(receiver: &AccountId, method: &'static str, args: ExitArgs, gas: u64, deposit: &str) -> Transaction {
    Transaction {
        receiver_id: receiver.clone(),
        actions: vec![Action {
            kind: "FunctionCall",
            params: FunctionCall {
                method_name: method,
                args: Args::Exit(args),
                gas: gas.to_string(),
                deposit: deposit.to_string(),
            },
        }],
    }
}

/// `unstake(pool_id, amount?, confirm_timer_reset?)` on the proxy (1 yoctoNEAR).
pub fn unstake_transaction(proxy: &AccountId, pool: &AccountId, amount: Option<u128>, confirm: bool) -> Transaction {
    let args = ExitArgs {
        pool_id: Some(pool.clone()),
        amount: amount.map(|a| a.to_string()),
        confirm_timer_reset: confirm.then_some(true),
        ..ExitArgs::default()
    };
    call(proxy, "unstake", args, UNSTAKE_GAS, "1")
}

/// `withdraw(pool_id)` on the proxy (1 yoctoNEAR).
pub fn withdraw_transaction(proxy: &AccountId, pool: &AccountId) -> Transaction {
    call(proxy, "withdraw", ExitArgs { pool_id: Some(pool.clone()), ..ExitArgs::default() }, WITHDRAW_GAS, "1")
}

/// `move_stake(from_pool, to_pool, amount?, confirm_timer_reset?)` on the proxy (1 yoctoNEAR).
pub fn move_transaction(
    proxy: &AccountId,
    from: &AccountId,
    to: &AccountId,
    amount: Option<u128>,
    confirm: bool,
) -> Transaction {
    let args = ExitArgs {
        from_pool: Some(from.clone()),
        to_pool: Some(to.clone()),
        amount: amount.map(|a| a.to_string()),
        confirm_timer_reset: confirm.then_some(true),
        ..ExitArgs::default()
    };
    call(proxy, "move_stake", args, MOVE_STAKE_GAS, "1")
}

/// `finish_move(from_pool)` on the proxy (anyone; nothing attached).
pub fn finish_move_transaction(proxy: &AccountId, from: &AccountId) -> Transaction {
    call(proxy, "finish_move", ExitArgs { from_pool: Some(from.clone()), ..ExitArgs::default() }, FINISH_MOVE_GAS, "0")
}

/// `claim(token_id)` on the router (1 yoctoNEAR).
pub fn claim_transaction(router: &AccountId, token: &AccountId) -> Transaction {
    call(router, "claim", ExitArgs { token_id: Some(token.clone()), ..ExitArgs::default() }, CLAIM_GAS, "1")
}

/// Whether an unstake (or move) in this pool would restart the timer of NEAR unstaked earlier
/// and not withdrawn yet: the proxy then wants `confirm_timer_reset: true`.
pub fn needs_timer_confirm(d: &router_core::position::DirectPosition) -> bool {
    d.unstaked.0 > 0 || d.unstaked_pending.0 > 0
}
