//! Ref's `SimplePool` (`ref-exchange/src/simple_pool.rs`): two tokens, constant product, a
//! fee in basis points kept in the pool. Integer math with 256-bit intermediates.

use near_sdk::{env, near, require, AccountId};
use router_core::wide::mul_div_floor;

use crate::errors::*;

/// Ref's `FEE_DIVISOR`: fees are in basis points.
pub const FEE_DIVISOR: u32 = 10_000;

/// Ref's `INIT_SHARES_SUPPLY`: the shares the first liquidity mints (1e24).
pub const INIT_SHARES_SUPPLY: u128 = 1_000_000_000_000_000_000_000_000;

/// A two-token constant-product pool.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimplePool {
    /// The pool's two tokens.
    pub token_account_ids: Vec<AccountId>,
    /// Its reserves, in the same order.
    pub amounts: Vec<u128>,
    /// Swap fee in basis points, kept in the pool.
    pub total_fee: u32,
    /// Liquidity shares minted.
    pub shares_total_supply: u128,
}

fn fit(value: Option<u128>) -> u128 {
    value.unwrap_or_else(|| env::panic_str("Mock DEX: arithmetic overflow"))
}

impl SimplePool {
    /// A pool of two distinct tokens with `total_fee` basis points ("E89: wrong token count",
    /// "E92: token duplicated", "E90: fee too large").
    pub fn new(token_account_ids: Vec<AccountId>, total_fee: u32) -> Self {
        require!(total_fee < FEE_DIVISOR, ERR90_FEE_TOO_LARGE);
        require!(token_account_ids.len() == 2, ERR89_WRONG_TOKEN_COUNT);
        require!(token_account_ids[0] != token_account_ids[1], ERR92_TOKEN_DUPLICATES);
        Self { token_account_ids, amounts: vec![0, 0], total_fee, shares_total_supply: 0 }
    }

    /// Index of `token_id` in the pool ("E102: invalid token id").
    pub fn token_index(&self, token_id: &AccountId) -> usize {
        self.token_account_ids
            .iter()
            .position(|id| id == token_id)
            .unwrap_or_else(|| env::panic_str(ERR102_INVALID_TOKEN_ID))
    }

    /// Ref's `internal_get_return`: with `x = amount_in * (10000 - fee)`,
    /// `out = floor(x * out_reserve / (10000 * in_reserve + x))`. "E76: invalid params" when a
    /// reserve or the amount is zero.
    pub fn get_return(&self, token_in: &AccountId, amount_in: u128, token_out: &AccountId) -> u128 {
        require!(token_in != token_out, ERR73_SAME_TOKEN);
        let (i, o) = (self.token_index(token_in), self.token_index(token_out));
        let (in_balance, out_balance) = (self.amounts[i], self.amounts[o]);
        require!(in_balance > 0 && out_balance > 0 && amount_in > 0, ERR76_INVALID_PARAMS);
        let fee_kept = u128::from(FEE_DIVISOR - self.total_fee);
        // Ref computes in 256 bits; here `x` and `10000 * in + x` must fit in a u128 (amounts
        // and reserves below about 3e34), far above any test, and the product `x * out` is
        // 256-bit.
        let with_fee = fit(amount_in.checked_mul(fee_kept));
        let denominator = fit(u128::from(FEE_DIVISOR).checked_mul(in_balance).and_then(|d| d.checked_add(with_fee)));
        fit(mul_div_floor(with_fee, out_balance, denominator))
    }

    /// Ref's `swap`: the return, refused below `min_amount_out` ("E68: slippage error"); the
    /// reserves take the whole input (fee included) and give the output.
    pub fn swap(&mut self, token_in: &AccountId, amount_in: u128, token_out: &AccountId, min_amount_out: u128) -> u128 {
        let amount_out = self.get_return(token_in, amount_in, token_out);
        require!(amount_out >= min_amount_out, ERR68_SLIPPAGE);
        env::log_str(&format!("Swapped {amount_in} {token_in} for {amount_out} {token_out}"));
        let (i, o) = (self.token_index(token_in), self.token_index(token_out));
        self.amounts[i] += amount_in;
        self.amounts[o] -= amount_out;
        amount_out
    }

    /// Ref's `add_liquidity`: the first liquidity takes the amounts as given and mints
    /// [`INIT_SHARES_SUPPLY`]; later liquidity mints
    /// `fair = min_i floor((amounts[i] - 1) * supply / reserve[i])` shares and takes
    /// `floor(reserve[i] * fair / supply) + 1` of each token. Returns (shares, amounts taken).
    pub fn add_liquidity(&mut self, amounts: &[u128]) -> (u128, Vec<u128>) {
        require!(amounts.len() == 2, ERR89_WRONG_AMOUNT_COUNT);
        require!(amounts.iter().all(|a| *a > 0), ERR31_ZERO_AMOUNT);
        let (shares, taken) = if self.shares_total_supply > 0 {
            let supply = self.shares_total_supply;
            let fair = (0..2).map(|i| fit(mul_div_floor(amounts[i] - 1, supply, self.amounts[i]))).min().unwrap_or(0);
            let taken: Vec<u128> = (0..2).map(|i| fit(mul_div_floor(self.amounts[i], fair, supply)) + 1).collect();
            (fair, taken)
        } else {
            (INIT_SHARES_SUPPLY, amounts.to_vec())
        };
        require!(shares > 0, ERR32_ZERO_SHARES);
        for (reserve, amount) in self.amounts.iter_mut().zip(&taken) {
            *reserve += amount;
        }
        self.shares_total_supply += shares;
        (shares, taken)
    }
}
