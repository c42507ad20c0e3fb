//! Mock staking-pool whitelist in the shape of near/core-contracts `staking-pool-whitelist`
//! (`lockup-whitelist.near` on mainnet): the foundation adds and removes staking pools, and
//! anyone asks `is_whitelisted(staking_pool_account_id)`. The same method names, argument
//! names, return values and the foundation-only message; the factory list is left out (see
//! `tests/MOCKS.md`).

use near_sdk::store::LookupSet;
use near_sdk::{env, near, require, AccountId, BorshStorageKey, PanicOnDefault};

/// The real contract's message when another account than the foundation manages the list.
pub const ERR_NOT_FOUNDATION: &str = "Can only be called by NEAR Foundation";

/// Storage prefixes.
#[near]
#[derive(BorshStorageKey)]
enum StorageKey {
    /// The whitelisted pools.
    Pools,
}

/// The whitelist's state.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct MockWhitelist {
    /// Who manages the list.
    foundation_account_id: AccountId,
    /// The whitelisted staking pools.
    whitelist: LookupSet<AccountId>,
}

#[near]
impl MockWhitelist {
    /// Initializes the list, managed by `foundation_account_id` (the real `new`).
    #[init]
    pub fn new(foundation_account_id: AccountId) -> Self {
        Self { foundation_account_id, whitelist: LookupSet::new(StorageKey::Pools) }
    }

    /// Whether `staking_pool_account_id` is whitelisted.
    pub fn is_whitelisted(&self, staking_pool_account_id: AccountId) -> bool {
        self.whitelist.contains(&staking_pool_account_id)
    }

    /// Adds a pool; `true` if it was not on the list before. Foundation only.
    pub fn add_staking_pool(&mut self, staking_pool_account_id: AccountId) -> bool {
        self.assert_foundation();
        self.whitelist.insert(staking_pool_account_id)
    }

    /// Removes a pool; `true` if it was on the list. Foundation only.
    pub fn remove_staking_pool(&mut self, staking_pool_account_id: AccountId) -> bool {
        self.assert_foundation();
        self.whitelist.remove(&staking_pool_account_id)
    }
}

impl MockWhitelist {
    fn assert_foundation(&self) {
        require!(env::predecessor_account_id() == self.foundation_account_id, ERR_NOT_FOUNDATION);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use near_sdk::test_utils::VMContextBuilder;
    use near_sdk::testing_env;

    fn as_caller(who: &str) {
        testing_env!(VMContextBuilder::new().predecessor_account_id(who.parse().unwrap()).build());
    }

    #[test]
    fn only_the_foundation_manages_the_list_and_anyone_reads_it() {
        as_caller("foundation.near");
        let mut w = MockWhitelist::new("foundation.near".parse().unwrap());
        let pool: AccountId = "pool.poolv1.near".parse().unwrap();
        assert!(!w.is_whitelisted(pool.clone()));
        assert!(w.add_staking_pool(pool.clone()));
        assert!(!w.add_staking_pool(pool.clone()), "already there");
        as_caller("stranger.near");
        assert!(w.is_whitelisted(pool.clone()));
        let refused = test_support::panic_message(|| {
            w.remove_staking_pool(pool.clone());
        });
        assert!(refused.contains(ERR_NOT_FOUNDATION));
        as_caller("foundation.near");
        assert!(w.remove_staking_pool(pool.clone()));
        assert!(!w.is_whitelisted(pool));
    }
}
