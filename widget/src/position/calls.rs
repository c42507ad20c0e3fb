//! The exit calls of the position view, in wallet-selector's shape: on the proxy `unstake`,
//! `withdraw`, `move_stake` and `finish_move` (names and arguments from
//! `router_core::proxy_api`, the definition the proxy itself uses), on the router `claim`,
//! each with the gas its contract documents.

use crate::tx::{Action, Args, FunctionCall, Transaction};
use router_core::proxy_api::{self, FromPoolArgs, MoveStakeArgs, UnstakeArgs, WithdrawArgs};
use router_core::{AccountId, Yocto};

/// The proxy's exit minimums, the very figures the proxy checks (`router_core::exit_gas`):
/// unstake 68, withdraw 86, move 68, finish a move 130 TGas.
pub use router_core::exit_gas::{FINISH_MOVE_GAS, MOVE_STAKE_GAS, UNSTAKE_GAS, WITHDRAW_GAS};
/// The router's `claim` minimum with its default gas schedule (18.85 TGas; the router refuses less).
pub const CLAIM_GAS: u64 = router_core::GasSchedule::DEFAULT.claim_required();

fn call(receiver: &AccountId, method: &'static str, args: Args, gas: u64, deposit: &str) -> Transaction {
    Transaction {
        receiver_id: receiver.clone(),
        actions: vec![Action {
            kind: "FunctionCall",
            params: FunctionCall { method_name: method, args, gas: gas.to_string(), deposit: deposit.to_string() },
        }],
    }
}

/// `unstake(pool_id, amount?, confirm_timer_reset?)` on the proxy (1 yoctoNEAR).
pub fn unstake_transaction(proxy: &AccountId, pool: &AccountId, amount: Option<u128>, confirm: bool) -> Transaction {
    let args =
        UnstakeArgs { pool_id: pool.clone(), amount: amount.map(Yocto), confirm_timer_reset: confirm.then_some(true) };
    call(proxy, proxy_api::UNSTAKE, Args::Unstake(args), UNSTAKE_GAS, "1")
}

/// `withdraw(pool_id)` on the proxy (1 yoctoNEAR).
pub fn withdraw_transaction(proxy: &AccountId, pool: &AccountId) -> Transaction {
    call(proxy, proxy_api::WITHDRAW, Args::Withdraw(WithdrawArgs { pool_id: pool.clone() }), WITHDRAW_GAS, "1")
}

/// `move_stake(from_pool, to_pool, amount?, confirm_timer_reset?)` on the proxy (1 yoctoNEAR).
pub fn move_transaction(
    proxy: &AccountId,
    from: &AccountId,
    to: &AccountId,
    amount: Option<u128>,
    confirm: bool,
) -> Transaction {
    let args = MoveStakeArgs {
        from_pool: from.clone(),
        to_pool: to.clone(),
        amount: amount.map(Yocto),
        confirm_timer_reset: confirm.then_some(true),
    };
    call(proxy, proxy_api::MOVE_STAKE, Args::MoveStake(args), MOVE_STAKE_GAS, "1")
}

/// `finish_move(from_pool)` on the proxy (anyone; nothing attached).
pub fn finish_move_transaction(proxy: &AccountId, from: &AccountId) -> Transaction {
    let args = Args::FromPool(FromPoolArgs { from_pool: from.clone() });
    call(proxy, proxy_api::FINISH_MOVE, args, FINISH_MOVE_GAS, "0")
}

/// `claim(token_id)` on the router (1 yoctoNEAR).
pub fn claim_transaction(router: &AccountId, token: &AccountId) -> Transaction {
    call(router, "claim", Args::Claim { token_id: token.clone() }, CLAIM_GAS, "1")
}

/// Whether an unstake (or move) in this pool would restart the timer of NEAR unstaked earlier
/// and not withdrawn yet: the proxy then wants `confirm_timer_reset: true`.
pub fn needs_timer_confirm(d: &router_core::position::DirectPosition) -> bool {
    d.unstaked.0 > 0 || d.unstaked_pending.0 > 0
}
