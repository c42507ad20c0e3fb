//! Every refusal of the proxy, as a message a person can read.
//!
//! The contract panics with exactly these strings, so callers (the router, the widget, tests)
//! can match on them. Style, as the router's: a capitalised sentence without a final period.

/// `new` was called by an account other than the router named in its arguments.
pub const ERR_INIT_NOT_ROUTER: &str = "Only the router named in `router_id` may initialise this proxy";
/// `new` was called on an account that is not `<label>.<router_id>`.
pub const ERR_NOT_SUB_ACCOUNT: &str = "A staking proxy must be a direct sub-account of its router";
/// A router-only method was called by another account (the owner included).
pub const ERR_ONLY_ROUTER: &str = "Only the router may call this method";
/// `stake` was called without any pool leg.
pub const ERR_NO_LEGS: &str = "Stake needs at least one pool leg";
/// `stake` was called with more legs than a proxy may hold pools.
pub const ERR_TOO_MANY_LEGS: &str = "Stake takes at most 8 pool legs";
/// The same pool appears twice in one `stake`.
pub const ERR_DUPLICATE_POOL: &str = "The same pool appears twice in one stake";
/// A leg of 0 yoctoNEAR.
pub const ERR_ZERO_AMOUNT: &str = "Every pool leg must stake more than 0 yoctoNEAR";
/// The attached deposit differs from the sum of the legs.
pub const ERR_DEPOSIT_MISMATCH: &str = "The attached deposit must equal the sum of the leg amounts exactly";
/// The stake would spread the proxy over more pools than its storage was prepaid for.
pub const ERR_TOO_MANY_POOLS: &str = "This stake would put the proxy in more than 8 pools";
/// `stake` got less gas than the pool calls and callbacks it would attach.
pub const ERR_NOT_ENOUGH_GAS: &str = "Not enough gas attached for the pool calls and their callbacks";
/// `release_refund` for an account the proxy owes nothing.
pub const ERR_NO_OWED_REFUND: &str = "This proxy owes no refund to that account";
/// `release_refund` before the pool's refund reached the proxy.
pub const ERR_REFUND_NOT_ARRIVED: &str = "The pool's refund has not reached the proxy yet; try again in a few blocks";
/// `collect` with nothing beyond the proxy's other claims.
pub const ERR_NOTHING_TO_COLLECT: &str =
    "Nothing to collect: the proxy holds no NEAR beyond what it owes and holds for others";
/// `release_refund` got less gas than the transfer and its callback need.
pub const ERR_RELEASE_GAS: &str = "Not enough gas attached to release a refund (attach at least 15 TGas)";

/// An exit (`unstake`, `withdraw`) was called by another account (the router included).
pub const ERR_ONLY_OWNER: &str = "Only the owner may call this method";
/// `unstake` with an amount of 0.
pub const ERR_ZERO_UNSTAKE: &str = "The unstake amount must be more than 0 yoctoNEAR (omit it to unstake everything)";
/// `unstake` from a pool the proxy has no record of, while it already tracks the most pools
/// its storage was prepaid for.
pub const ERR_EXIT_TOO_MANY_POOLS: &str =
    "This proxy already tracks 8 pools; withdraw everything from one of them first";
/// `unstake` got less gas than the pool call and its callback need.
pub const ERR_UNSTAKE_GAS: &str = "Not enough gas attached to unstake (attach at least 68 TGas)";
/// `withdraw` got less gas than the balance view, the pool's withdrawal and the callbacks need.
pub const ERR_WITHDRAW_GAS: &str = "Not enough gas attached to withdraw (attach at least 86 TGas)";

/// `unstake` from a pool with a pending move.
pub const ERR_MOVE_PENDING: &str =
    "A move of stake out of this pool is pending; finish it (finish_move) or cancel it (cancel_move) first";
/// `move_stake` with the same pool on both sides.
pub const ERR_MOVE_SAME_POOL: &str = "A move needs two different pools";
/// `move_stake` while a move out of the pool to another pool is pending.
pub const ERR_MOVE_OTHER_TARGET: &str = "A move out of this pool to another pool is pending; finish or cancel it first";
/// `move_stake` while the most moves the proxy's storage was prepaid for are pending.
pub const ERR_TOO_MANY_MOVES: &str = "This proxy already has 2 moves pending; finish or cancel one of them first";
/// `move_stake` got less gas than the pool's unstake and its callback need.
pub const ERR_MOVE_GAS: &str = "Not enough gas attached to move stake (attach at least 68 TGas)";
/// `finish_move` got less gas than the whole chain of pool calls and callbacks needs.
pub const ERR_FINISH_MOVE_GAS: &str = "Not enough gas attached to finish a move (attach at least 130 TGas)";
/// `finish_move` or `cancel_move` for a pool with no pending move.
pub const ERR_NO_MOVE: &str = "No move of stake out of this pool is pending";
/// `finish_move` of NEAR the pool paid out before its transfer reached the proxy.
pub const ERR_MOVE_NOT_ARRIVED: &str =
    "The NEAR withdrawn for this move has not reached the proxy yet; try again in a few blocks";
/// `finish_move` while the destination pool would be one pool too many.
pub const ERR_MOVE_TOO_MANY_POOLS: &str =
    "The destination pool would put the proxy in more than 8 pools; withdraw everything from one first";

/// `unstake` while an earlier unstake in the same pool has not been withdrawn, without
/// `confirm_timer_reset: true`. Names the epoch at which everything would then unlock.
pub fn err_timer_reset(earlier_unlock: Option<u64>, new_unlock: u64) -> String {
    let earlier = match earlier_unlock {
        Some(epoch) => format!(" (unlocking at epoch {epoch})"),
        None => String::new(),
    };
    format!(
        "An earlier unstake from this pool{earlier} has not been withdrawn yet; the pool keeps one \
         unstaked balance per delegator and restarts its timer on every unstake, so all of it \
         would then unlock at epoch {new_unlock}. Withdraw first, or call again with \
         confirm_timer_reset: true"
    )
}

/// `withdraw` before the recorded unlock epoch. Names the epoch it becomes available.
pub fn err_not_unlocked(unlock_epoch: u64, current_epoch: u64) -> String {
    format!(
        "The unstaked NEAR in this pool becomes available at epoch {unlock_epoch} (now epoch \
         {current_epoch}); withdraw then"
    )
}

/// `finish_move` before the recorded unlock epoch. Names the epoch the move can finish.
pub fn err_move_not_unlocked(unlock_epoch: u64, current_epoch: u64) -> String {
    format!(
        "The unstaked NEAR of this move becomes available at epoch {unlock_epoch} (now epoch \
         {current_epoch}); finish the move then"
    )
}

/// Why an `unstake` failed: the pool refused it; the records are as before.
pub fn err_unstake_refused(pool_id: &str) -> String {
    format!("The pool {pool_id} refused the unstake; nothing changed and the stake is still there")
}

/// Why a `withdraw` failed: the pool's unstaked balance could not be read.
pub fn err_balance_unreadable(pool_id: &str) -> String {
    format!("The pool {pool_id} did not report the proxy's unstaked balance; nothing was withdrawn")
}

/// Why a `withdraw` failed: the pool refused to pay out.
pub fn err_withdraw_refused(pool_id: &str) -> String {
    format!("The pool {pool_id} refused the withdrawal; nothing moved and the unstaked NEAR is still there")
}

/// Why a `move_stake` or `finish_move` failed, by step: `unstake` (the source pool refused),
/// `cancelled` (the move was cancelled or retargeted meanwhile), `read` (the source pool's
/// balance was unreadable), `withdraw` (the source pool refused to pay out), `stake` (the
/// destination pool refused the stake: the NEAR waits in the proxy for another `finish_move`).
pub fn err_move_step(from_pool: &str, to_pool: &str, step: &str) -> String {
    let what = match step {
        "unstake" => format!("the pool {from_pool} refused the unstake; nothing changed"),
        "cancelled" => "the move was cancelled or changed meanwhile; nothing moved".to_owned(),
        "read" => format!("the pool {from_pool} did not report the proxy's unstaked balance; nothing moved"),
        "withdraw" => format!("the pool {from_pool} refused the withdrawal; the NEAR is still unstaked there"),
        _ => format!("the pool {to_pool} refused the stake; the NEAR waits in the proxy for finish_move"),
    };
    format!("Moving stake from {from_pool} to {to_pool} failed: {what}")
}
