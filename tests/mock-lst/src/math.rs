//! Integer math of the exits: conversions between tokens and NEAR at the mock's fixed price,
//! in both rounding directions, and Meta Pool's swap fee curve. 256-bit intermediates
//! (`router_core::wide`), no floats.
//!
//! The real contracts price a token as `total_staked / total_shares`; the mock's `price` is
//! that ratio times 1e24 (the yoctoNEAR value of one whole token), so
//! `shares * total_staked / total_shares` becomes `shares * price / 1e24` and
//! `amount * total_shares / total_staked` becomes `amount * 1e24 / price`.

use near_sdk::env;
use router_core::wide::{mul_div_ceil, mul_div_floor};

use crate::ONE_TOKEN;

/// Basis points in one (Meta Pool's `apply_pct` divides by 10,000).
pub const BASIS_POINTS: u128 = 10_000;

/// Meta Pool's `ONE_MILLI_NEAR`: the tolerance of its `is_close` (1e21 yocto).
pub const ONE_MILLI_NEAR: u128 = ONE_TOKEN / 1_000;

/// Panic message when a result does not fit in a `u128`.
const ERR_MATH: &str = "Mock LST: arithmetic overflow";

fn fit(value: Option<u128>) -> u128 {
    value.unwrap_or_else(|| env::panic_str(ERR_MATH))
}

/// NEAR worth `shares` tokens, rounded down (LiNEAR's `staked_amount_from_num_shares_rounded_down`,
/// Meta Pool's `amount_from_stake_shares`).
pub fn near_floor(shares: u128, price: u128) -> u128 {
    fit(mul_div_floor(shares, price, ONE_TOKEN))
}

/// NEAR worth `shares` tokens, rounded up (LiNEAR's `staked_amount_from_num_shares_rounded_up`).
pub fn near_ceil(shares: u128, price: u128) -> u128 {
    fit(mul_div_ceil(shares, price, ONE_TOKEN))
}

/// Tokens worth `amount` NEAR, rounded down (LiNEAR's `num_shares_from_staked_amount_rounded_down`,
/// Meta Pool's `stake_shares_from_amount`).
pub fn shares_floor(amount: u128, price: u128) -> u128 {
    fit(mul_div_floor(amount, ONE_TOKEN, price))
}

/// Tokens worth `amount` NEAR, rounded up (LiNEAR's `num_shares_from_staked_amount_rounded_up`).
pub fn shares_ceil(amount: u128, price: u128) -> u128 {
    fit(mul_div_ceil(amount, ONE_TOKEN, price))
}

/// `floor(amount * numerator / denominator)` (Meta Pool's `proportional`).
pub fn proportional(amount: u128, numerator: u128, denominator: u128) -> u128 {
    fit(mul_div_floor(amount, numerator, denominator))
}

/// `floor(basis_points * amount / 10_000)` (Meta Pool's `apply_pct`).
pub fn apply_pct(basis_points: u16, amount: u128) -> u128 {
    proportional(amount, u128::from(basis_points), BASIS_POINTS)
}

/// Meta Pool's `is_close`: `requested` is within 0.001 NEAR of `total`, either side.
pub fn is_close(requested: u128, total: u128) -> bool {
    requested >= total.saturating_sub(ONE_MILLI_NEAR) && requested <= total.saturating_add(ONE_MILLI_NEAR)
}

/// Meta Pool's swap fee curve (`internal_get_discount_basis_points`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeCurve {
    /// Liquidity (yoctoNEAR) at and above which the fee is `min_bp`.
    pub liquidity_target: u128,
    /// Fee when the swap would take all the liquidity or more.
    pub max_bp: u16,
    /// Fee when the liquidity left after the swap is at least the target.
    pub min_bp: u16,
}

impl FeeCurve {
    /// The fee in basis points for paying `nears_requested` out of `available_near`:
    /// `max_bp` when `available_near <= nears_requested`; `min_bp` when what is left is at
    /// least the target; in between, linear in what is left:
    /// `max_bp - floor((max_bp - min_bp) * left / target)`.
    pub fn basis_points(&self, available_near: u128, nears_requested: u128) -> u16 {
        if available_near <= nears_requested {
            return self.max_bp;
        }
        let near_after = available_near - nears_requested;
        if near_after >= self.liquidity_target {
            return self.min_bp;
        }
        let range = u128::from(self.max_bp - self.min_bp);
        // 0 <= near_after < target, so the proportional part is below `range` (a u16).
        let proportional_bp = proportional(range, near_after, self.liquidity_target) as u16;
        self.max_bp - proportional_bp
    }
}
