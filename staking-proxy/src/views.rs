//! View methods.

use near_sdk::json_types::U128;
use near_sdk::{near, AccountId};

use crate::{StakingProxy, StakingProxyExt};

/// The proxy's position in one pool, as the views report it.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolPosition {
    /// The validator pool.
    pub pool_id: AccountId,
    /// yoctoNEAR of the owner's principal staked there (rewards not included: ask the pool).
    pub principal: U128,
    /// yoctoNEAR sent to the pool whose outcome the proxy has not seen yet.
    pub in_flight: U128,
    /// yoctoNEAR the owner unstaked there and has not withdrawn, as recorded (the pool's own
    /// figure, which `withdraw` uses, may differ by rounding and includes rewards).
    pub unstaked_pending: U128,
    /// The epoch from which `withdraw` is accepted (`null`: no unstake to withdraw).
    pub unlock_epoch: Option<u64>,
    /// The pool the owner is moving this pool's unstaked NEAR to (`null`: no move pending).
    pub moving_to: Option<AccountId>,
    /// yoctoNEAR withdrawn from this pool for the move and held by the proxy, staked nowhere
    /// yet (`finish_move` stakes it in `moving_to`, `cancel_move` pays it to the owner).
    pub move_idle: U128,
}

#[near]
impl StakingProxy {
    /// The person or DAO whose stake this proxy holds.
    pub fn get_owner(&self) -> AccountId {
        self.owner_id.clone()
    }

    /// The router that created this proxy.
    pub fn get_router(&self) -> AccountId {
        self.router_id.clone()
    }

    /// Every pool the proxy holds stake in, has a leg in flight to, has unstaked from and not
    /// withdrawn yet, or has a move pending out of, sorted by pool id (at most `router_core::MAX_PROXY_POOLS` entries).
    pub fn get_pools(&self) -> Vec<PoolPosition> {
        self.pools
            .iter()
            .map(|(pool_id, stored)| {
                let record = stored.current();
                let pending = stored.pending_move();
                PoolPosition {
                    pool_id: pool_id.clone(),
                    principal: U128(record.principal),
                    in_flight: U128(record.in_flight),
                    unstaked_pending: U128(record.unstaked_pending),
                    unlock_epoch: record.unlock_epoch,
                    moving_to: pending.map(|p| p.to_pool.clone()),
                    move_idle: U128(pending.map_or(0, |p| p.idle)),
                }
            })
            .collect()
    }

    /// yoctoNEAR the proxy owes `account_id` (0 if nothing): refunds of refused legs, and for
    /// the owner, withdrawals the pool's transfer had not covered yet. `release_refund` pays it.
    pub fn get_owed_refund(&self, account_id: AccountId) -> U128 {
        U128(self.owed_refunds.get(&account_id).copied().unwrap_or(0))
    }

    /// yoctoNEAR the proxy owes everyone together (depositors and owner).
    pub fn get_owed_total(&self) -> U128 {
        U128(self.owed_total)
    }

    /// The layout version of the stored state.
    pub fn get_state_version(&self) -> u8 {
        self.state_version
    }
}
