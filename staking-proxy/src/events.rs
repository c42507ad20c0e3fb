//! NEP-297 events of the proxy: standard `stake-router` (shared with the router, see
//! `router_core::EVENT_STANDARD`), version `1.0.0`.
//!
//! Each is logged as one `EVENT_JSON:{"standard":"stake-router","version":"1.0.0",
//! "event":"<snake_case name>","data":{...}}` line. Amounts are decimal strings (yoctoNEAR).

use near_sdk::json_types::U128;
use near_sdk::{near, AccountId};

/// Everything the proxy announces.
#[near(event_json(standard = "stake-router"))]
pub enum ProxyEvent<'a> {
    /// The router created and initialised the proxy of `owner_id`.
    #[event_version("1.0.0")]
    ProxyInitialized {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The person or DAO whose stake the proxy holds.
        owner_id: &'a AccountId,
        /// The router that created it.
        router_id: &'a AccountId,
    },
    /// A pool accepted a leg: `amount` is now staked there, delegated by the proxy.
    #[event_version("1.0.0")]
    DirectLegStaked {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The validator pool.
        pool_id: &'a AccountId,
        /// yoctoNEAR staked.
        amount: U128,
    },
    /// A pool refused a leg. `refunded` says whether `amount` was sent back to `refund_to`
    /// at once; if not, it is owed and `release_refund(refund_to)` pays it later.
    #[event_version("1.0.0")]
    DirectLegFailed {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The validator pool that refused.
        pool_id: &'a AccountId,
        /// yoctoNEAR of the leg.
        amount: U128,
        /// Who gets the NEAR back.
        refund_to: &'a AccountId,
        /// Whether the transfer was sent now (`false`: recorded as owed).
        refunded: bool,
    },
    /// A payout (a refund, a withdrawal, an owed amount released) reached its account.
    #[event_version("1.0.0")]
    PayoutDelivered {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The account paid.
        account_id: &'a AccountId,
        /// yoctoNEAR paid.
        amount: U128,
    },
    /// A payout bounced (the account no longer exists): the NEAR is back on the proxy and
    /// owed to the account again; `release_refund` pays it once the account exists.
    #[event_version("1.0.0")]
    PayoutBounced {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The account that could not be paid.
        account_id: &'a AccountId,
        /// yoctoNEAR still owed to it (this transfer's amount).
        amount: U128,
    },
    /// The owner asked a pool to unstake; the proxy recorded it before calling the pool.
    /// `unstake_failed` follows if the pool refuses.
    #[event_version("1.0.0")]
    UnstakeRequested {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The validator pool.
        pool_id: &'a AccountId,
        /// yoctoNEAR recorded as unstaking: the amount asked for, or for an unstake of
        /// everything the principal the proxy held there (the pool adds its rewards).
        amount: U128,
        /// The epoch at which the pool's whole unstaked balance unlocks (current + 4).
        unlock_epoch: u64,
    },
    /// The pool refused an unstake; the proxy's records are back as they were.
    #[event_version("1.0.0")]
    UnstakeFailed {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The validator pool.
        pool_id: &'a AccountId,
        /// yoctoNEAR that `unstake_requested` had recorded.
        amount: U128,
    },
    /// The pool paid out `amount` of unstaked NEAR; it is the owner's (sent at once if the
    /// proxy could already fund it, otherwise owed to the owner: `get_owed_refund(owner_id)`).
    /// An amount of 0: the pool held nothing unstaked and the record was cleared.
    #[event_version("1.0.0")]
    Withdrawn {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner, who gets the NEAR.
        owner_id: &'a AccountId,
        /// The validator pool.
        pool_id: &'a AccountId,
        /// yoctoNEAR withdrawn (the pool's own figure).
        amount: U128,
    },
    /// A withdrawal did not happen: the pool's unstaked balance could not be read, or the
    /// pool refused to pay it. Nothing moved and the records are unchanged.
    #[event_version("1.0.0")]
    WithdrawFailed {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The validator pool.
        pool_id: &'a AccountId,
        /// yoctoNEAR asked of the pool (`null`: its balance could not be read).
        amount: Option<U128>,
    },
    /// The owner was paid less than a pool reported paying out (`paid` of `reported`): the
    /// proxy pays the owner only NEAR it holds beyond every other claim. NEAR that arrives
    /// later is the owner's to `collect`.
    #[event_version("1.0.0")]
    OwnerPayoutHeld {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner.
        owner_id: &'a AccountId,
        /// yoctoNEAR the pool reported.
        reported: U128,
        /// yoctoNEAR paid (or, for a move, held for it) now.
        paid: U128,
    },
    /// The owner asked to move stake from `from_pool` to `to_pool`: the proxy recorded the
    /// unstake in `from_pool` before calling it (`move_failed` with step `unstake` follows if
    /// the pool refuses). Anyone may finish the move from `unlock_epoch` on.
    #[event_version("1.0.0")]
    MoveRequested {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The pool the stake leaves.
        from_pool: &'a AccountId,
        /// The pool the owner chose for it.
        to_pool: &'a AccountId,
        /// yoctoNEAR recorded as unstaking (as in `unstake_requested`).
        amount: U128,
        /// The epoch from which `finish_move` is accepted.
        unlock_epoch: u64,
    },
    /// `from_pool` paid out `amount` for the move. `restaking`: the proxy sent it on to
    /// `to_pool` at once; otherwise it waits in the proxy as idle NEAR of the move (the pool's
    /// transfer had not arrived, or too little gas was left) for `finish_move` or
    /// `cancel_move`.
    #[event_version("1.0.0")]
    MoveWithdrawn {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The pool the stake left.
        from_pool: &'a AccountId,
        /// The pool it goes to.
        to_pool: &'a AccountId,
        /// yoctoNEAR withdrawn (the pool's own figure).
        amount: U128,
        /// Whether `deposit_and_stake` into `to_pool` was sent now.
        restaking: bool,
    },
    /// `to_pool` accepted the moved NEAR: `amount` is now staked there; the move is done.
    #[event_version("1.0.0")]
    StakeMoved {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The pool the stake left.
        from_pool: &'a AccountId,
        /// The pool that holds it now.
        to_pool: &'a AccountId,
        /// yoctoNEAR staked in `to_pool`.
        amount: U128,
    },
    /// A step of a move did not happen; nothing was lost and the move can be retried.
    /// `step`: `unstake` (the records are back as they were), `read` (the pool's unstaked
    /// balance could not be read), `withdraw` (the pool refused to pay), `stake` (`to_pool`
    /// refused; the NEAR comes back to the proxy and waits as idle NEAR of the move).
    #[event_version("1.0.0")]
    MoveFailed {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The pool the stake leaves.
        from_pool: &'a AccountId,
        /// The pool it should go to.
        to_pool: &'a AccountId,
        /// Which step failed.
        step: &'a str,
        /// yoctoNEAR of the step (`null` when the pool's balance could not be read).
        amount: Option<U128>,
    },
    /// The owner cancelled a pending move. Idle NEAR of the move (`idle`) is the owner's: sent
    /// at once (`paid`) or owed to the owner (`release_refund(owner_id)`). NEAR still unstaked
    /// in `from_pool` stays there for the owner's `withdraw`.
    #[event_version("1.0.0")]
    MoveCancelled {
        /// The proxy account.
        proxy: &'a AccountId,
        /// The owner of the stake.
        owner_id: &'a AccountId,
        /// The pool the stake was to leave.
        from_pool: &'a AccountId,
        /// The pool it was to go to.
        to_pool: &'a AccountId,
        /// yoctoNEAR of idle NEAR paid to the owner.
        idle: U128,
        /// Whether `idle` was sent now (`false`: owed to the owner).
        paid: bool,
    },
}
