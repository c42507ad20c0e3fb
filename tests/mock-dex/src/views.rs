//! Views (`ref-exchange/src/views.rs`): pools, quotes, deposits, shares.

use near_sdk::json_types::U128;
use near_sdk::{env, near, AccountId};
use std::collections::BTreeMap;

use crate::errors::ERR85_NO_POOL;
use crate::{MockDex, MockDexExt, SimplePool};

/// A pool as `get_pool` shows it (Ref's `PoolInfo`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolInfo {
    /// Always `"SIMPLE_POOL"`.
    pub pool_kind: String,
    /// The pool's tokens.
    pub token_account_ids: Vec<AccountId>,
    /// Its reserves, in the same order.
    pub amounts: Vec<U128>,
    /// Swap fee in basis points.
    pub total_fee: u32,
    /// Liquidity shares minted.
    pub shares_total_supply: U128,
    /// Stable pools' amplification: 0 for a simple pool.
    pub amp: u64,
}

#[near]
impl MockDex {
    /// Pool `pool_id` ("E85: invalid pool id").
    pub fn get_pool(&self, pool_id: u64) -> PoolInfo {
        let pool = self.pool(pool_id);
        PoolInfo {
            pool_kind: "SIMPLE_POOL".to_string(),
            amounts: pool.amounts.iter().map(|a| U128(*a)).collect(),
            token_account_ids: pool.token_account_ids,
            total_fee: pool.total_fee,
            shares_total_supply: U128(pool.shares_total_supply),
            amp: 0,
        }
    }

    /// How many pools exist.
    pub fn get_number_of_pools(&self) -> u64 {
        u64::from(self.pools.len())
    }

    /// What swapping `amount_in` of `token_in` for `token_out` in pool `pool_id` pays now
    /// (the simple pool's `get_return`; "E76", "E102", "E73", "E85" as the swap).
    pub fn get_return(&self, pool_id: u64, token_in: AccountId, amount_in: U128, token_out: AccountId) -> U128 {
        U128(self.pool(pool_id).get_return(&token_in, amount_in.0, &token_out))
    }

    /// The token deposits of `account_id` (empty when unregistered).
    pub fn get_deposits(&self, account_id: AccountId) -> BTreeMap<AccountId, U128> {
        self.accounts
            .get(&account_id)
            .map(|a| a.tokens.iter().map(|(t, v)| (t.clone(), U128(*v))).collect())
            .unwrap_or_default()
    }

    /// The liquidity shares `account_id` holds in pool `pool_id`.
    pub fn get_pool_shares(&self, pool_id: u64, account_id: AccountId) -> U128 {
        U128(self.shares.get(&(pool_id, account_id)).copied().unwrap_or(0))
    }

    /// The owner given to `new`.
    pub fn get_owner(&self) -> AccountId {
        self.owner_id.clone()
    }
}

impl MockDex {
    /// Pool `pool_id`, or "E85: invalid pool id".
    pub(crate) fn pool(&self, pool_id: u64) -> SimplePool {
        u32::try_from(pool_id)
            .ok()
            .and_then(|i| self.pools.get(i))
            .cloned()
            .unwrap_or_else(|| env::panic_str(ERR85_NO_POOL))
    }
}
