//! The staking proxy's call interface, defined once: the method names and the JSON arguments
//! of every call the router, the widget and tools make to a proxy.
//!
//! The proxy's own methods take these very types (it re-exports [`PoolLeg`]), the router
//! builds `new` and `stake` from them, and the widget builds the owner's exits from them, so
//! a renamed field or method breaks the build instead of a live call. The JSON is the
//! contract's wire format: amounts are decimal strings ([`Yocto`], like near-sdk's `U128`),
//! and an absent optional argument is left out.

use crate::amount::Yocto;
use crate::AccountId;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// `new(owner_id, router_id)`: the router initialises a proxy in its creation batch.
pub const NEW: &str = "new";
/// `stake(legs, refund_to)`: the router stakes the attached NEAR in the given pools.
pub const STAKE: &str = "stake";
/// `unstake(pool_id, amount?, confirm_timer_reset?)`: the owner unstakes (1 yoctoNEAR).
pub const UNSTAKE: &str = "unstake";
/// `withdraw(pool_id)`: the owner withdraws what the pool has unstaked (1 yoctoNEAR).
pub const WITHDRAW: &str = "withdraw";
/// `move_stake(from_pool, to_pool, amount?, confirm_timer_reset?)`: the owner starts a move
/// (1 yoctoNEAR).
pub const MOVE_STAKE: &str = "move_stake";
/// `finish_move(from_pool)`: anyone finishes a move once it is unlocked.
pub const FINISH_MOVE: &str = "finish_move";
/// `cancel_move(from_pool)`: the owner drops a pending move (1 yoctoNEAR).
pub const CANCEL_MOVE: &str = "cancel_move";
/// `release_refund(account_id)`: anyone pays out NEAR the proxy owes an account.
pub const RELEASE_REFUND: &str = "release_refund";
/// `exit_failed(reason)`: private; an exit whose pool call failed returns this call, which
/// fails with `reason`, so the caller's transaction fails (its failure names the reason).
pub const EXIT_FAILED: &str = "exit_failed";

/// `get_pools()` (view): a list of `crate::position::ProxyPool`.
pub const GET_POOLS: &str = "get_pools";

/// Arguments of `new`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewArgs {
    /// The person or DAO whose stake the proxy holds.
    pub owner_id: AccountId,
    /// The router creating the proxy (the only account that may call `new` and `stake`).
    pub router_id: AccountId,
}

/// One pool of a `stake` call: `amount` yoctoNEAR go to `pool_id` (JSON in `stake`, borsh in
/// the proxy's own `on_pools_staked` callback).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, BorshSerialize, BorshDeserialize)]
pub struct PoolLeg {
    /// The validator staking pool.
    pub pool_id: AccountId,
    /// yoctoNEAR to deposit and stake there.
    pub amount: Yocto,
}

/// Arguments of `stake`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StakeArgs {
    /// One leg per pool, their sum equal to the attached deposit.
    pub legs: Vec<PoolLeg>,
    /// Who is refunded a leg a pool refuses (the depositor).
    pub refund_to: AccountId,
}

/// Arguments of `unstake`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnstakeArgs {
    /// The pool.
    pub pool_id: AccountId,
    /// yoctoNEAR to unstake; absent: everything staked there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Yocto>,
    /// `true` once the owner accepts that the pool restarts the unlock timer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_timer_reset: Option<bool>,
}

/// Arguments of `withdraw`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawArgs {
    /// The pool.
    pub pool_id: AccountId,
}

/// Arguments of `move_stake`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveStakeArgs {
    /// The pool the stake leaves.
    pub from_pool: AccountId,
    /// The pool it goes to (the owner's choice).
    pub to_pool: AccountId,
    /// yoctoNEAR to move; absent: everything staked in `from_pool`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Yocto>,
    /// `true` once the owner accepts that the pool restarts the unlock timer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_timer_reset: Option<bool>,
}

/// Arguments of `finish_move` and `cancel_move`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromPoolArgs {
    /// The pool the pending move leaves.
    pub from_pool: AccountId,
}

/// Arguments of `release_refund` (the proxy's and the router's alike).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseRefundArgs {
    /// The account the NEAR is owed to (and the only one it goes to).
    pub account_id: AccountId,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id(s: &str) -> AccountId {
        s.parse().unwrap()
    }

    #[test]
    fn the_json_is_the_contracts_wire_format() {
        let stake = StakeArgs {
            legs: vec![PoolLeg { pool_id: id("a.pool.near"), amount: Yocto(u128::MAX) }],
            refund_to: id("alice.near"),
        };
        assert_eq!(
            serde_json::to_value(&stake).unwrap(),
            json!({"legs": [{"pool_id": "a.pool.near", "amount": u128::MAX.to_string()}], "refund_to": "alice.near"})
        );
        let new = NewArgs { owner_id: id("alice.near"), router_id: id("router.near") };
        assert_eq!(serde_json::to_value(&new).unwrap(), json!({"owner_id": "alice.near", "router_id": "router.near"}));
        let unstake = UnstakeArgs { pool_id: id("a.pool.near"), amount: None, confirm_timer_reset: None };
        assert_eq!(serde_json::to_value(&unstake).unwrap(), json!({"pool_id": "a.pool.near"}));
        let moved = MoveStakeArgs {
            from_pool: id("a.pool.near"),
            to_pool: id("b.pool.near"),
            amount: Some(Yocto(5)),
            confirm_timer_reset: Some(true),
        };
        assert_eq!(
            serde_json::to_value(&moved).unwrap(),
            json!({"from_pool": "a.pool.near", "to_pool": "b.pool.near", "amount": "5", "confirm_timer_reset": true})
        );
        let back: UnstakeArgs = serde_json::from_str(r#"{"pool_id":"a.pool.near"}"#).unwrap();
        assert_eq!(back, unstake);
    }
}
