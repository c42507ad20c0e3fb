//! Creating and seeding pools (`ref-exchange/src/lib.rs` `add_simple_pool`, `add_liquidity`):
//! anyone may add a simple pool, paying its storage; liquidity comes from the caller's
//! deposits.

use near_sdk::json_types::U128;
use near_sdk::{env, near, require, AccountId, NearToken, Promise};

use crate::errors::*;
use crate::{MockDex, MockDexExt, SimplePool};

#[near]
impl MockDex {
    /// Adds a simple pool of `tokens` (two) with a swap fee of `fee` basis points; returns its
    /// id (0, 1, ...). The attached NEAR must cover the storage the pool takes ("E11:
    /// insufficient $NEAR storage deposit"); the rest is refunded.
    #[payable]
    pub fn add_simple_pool(&mut self, tokens: Vec<AccountId>, fee: u32) -> u64 {
        let before = env::storage_usage();
        let id = u64::from(self.pools.len());
        self.pools.push(SimplePool::new(tokens, fee));
        self.pools.flush();
        self.charge_storage(before);
        id
    }

    /// Moves `amounts` (in the pool's token order) of the caller's deposits into pool
    /// `pool_id` at its current ratio (Ref's rounding: see `SimplePool::add_liquidity`), checks
    /// `min_amounts` ("E86: amount need above min amount"), and returns the shares minted.
    /// At least 1 yoctoNEAR attached ("E35").
    #[payable]
    pub fn add_liquidity(&mut self, pool_id: u64, amounts: Vec<U128>, min_amounts: Option<Vec<U128>>) -> U128 {
        require!(env::attached_deposit().as_yoctonear() > 0, ERR35_AT_LEAST_ONE_YOCTO);
        let sender = env::predecessor_account_id();
        let mut pool = self.pool(pool_id);
        let amounts: Vec<u128> = amounts.iter().map(|a| a.0).collect();
        let (shares, taken) = pool.add_liquidity(&amounts);
        if let Some(min_amounts) = min_amounts {
            for (amount, min) in taken.iter().zip(&min_amounts) {
                require!(*amount >= min.0, ERR86_MIN_AMOUNT);
            }
        }
        let mut account =
            self.accounts.get(&sender).cloned().unwrap_or_else(|| env::panic_str(ERR10_ACC_NOT_REGISTERED));
        for (token, amount) in pool.token_account_ids.iter().zip(&taken) {
            let held = account.tokens.get_mut(token).unwrap_or_else(|| env::panic_str(ERR21_TOKEN_NOT_REG));
            require!(*held >= *amount, ERR22_NOT_ENOUGH_TOKENS);
            *held -= amount;
        }
        env::log_str(&format!("Liquidity added {taken:?}, minted {shares} shares"));
        self.accounts.insert(sender.clone(), account);
        self.pools.set(pool_id as u32, pool);
        let held = self.shares.get(&(pool_id, sender.clone())).copied().unwrap_or(0);
        self.shares.insert((pool_id, sender), held + shares);
        U128(shares)
    }
}

impl MockDex {
    /// Takes the cost of the storage added since `before` out of the attached NEAR and
    /// refunds the rest to the caller.
    fn charge_storage(&mut self, before: u64) {
        let used = env::storage_usage().saturating_sub(before);
        let cost = u128::from(used) * env::storage_byte_cost().as_yoctonear();
        let attached = env::attached_deposit().as_yoctonear();
        require!(attached >= cost, ERR11_INSUFFICIENT_STORAGE);
        if attached > cost {
            Promise::new(env::predecessor_account_id()).transfer(NearToken::from_yoctonear(attached - cost)).detach();
        }
    }
}
