//! The simple pool's math: Ref's return formula, liquidity shares, refusals.

use super::*;
use crate::pool::{SimplePool, INIT_SHARES_SUPPLY};

fn pool(a: u128, b: u128, fee: u32) -> SimplePool {
    let mut pool = SimplePool::new(vec![lst(), wnear()], fee);
    pool.add_liquidity(&[a, b]);
    pool
}

#[test]
fn get_return_is_refs_constant_product_with_the_fee_in_the_input() {
    let p = pool(1_000 * ONE_NEAR, 1_100 * ONE_NEAR, 30);
    // x = 10e24 * 9970; out = floor(x * 1100e24 / (10000 * 1000e24 + x)).
    assert_eq!(p.get_return(&lst(), 10 * ONE_NEAR, &wnear()), 10_858_738_378_367_674_287_355_069);
    // No fee: the plain constant product, rounded down.
    let p0 = pool(1_000, 1_000, 0);
    assert_eq!(p0.get_return(&lst(), 1_000, &wnear()), 500);
    assert_eq!(p0.get_return(&lst(), 1, &wnear()), 0);
    // A fee of 1 bp on a tiny swap rounds the output down to nothing.
    assert_eq!(pool(1_000, 1_000, 1).get_return(&lst(), 1, &wnear()), 0);
}

#[test]
fn swap_moves_the_reserves_and_refuses_below_the_minimum() {
    let mut p = pool(1_000 * ONE_NEAR, 1_100 * ONE_NEAR, 30);
    let quote = p.get_return(&lst(), 10 * ONE_NEAR, &wnear());
    assert_panics_with(ERR68_SLIPPAGE, || {
        p.clone().swap(&lst(), 10 * ONE_NEAR, &wnear(), quote + 1);
    });
    assert_eq!(p.swap(&lst(), 10 * ONE_NEAR, &wnear(), quote), quote);
    assert_eq!(p.amounts, vec![1_010 * ONE_NEAR, 1_100 * ONE_NEAR - quote]);
    // The fee stays in the pool: the output is below the fee-free constant product's.
    let fee_free = pool(1_000 * ONE_NEAR, 1_100 * ONE_NEAR, 0).get_return(&lst(), 10 * ONE_NEAR, &wnear());
    assert!(quote < fee_free);
}

#[test]
fn invalid_swaps_have_refs_messages() {
    let p = pool(1_000, 1_000, 30);
    assert_panics_with(ERR73_SAME_TOKEN, || {
        p.get_return(&lst(), 1, &lst());
    });
    assert_panics_with(ERR102_INVALID_TOKEN_ID, || {
        p.get_return(&lst(), 1, &alice());
    });
    assert_panics_with(ERR76_INVALID_PARAMS, || {
        p.get_return(&lst(), 0, &wnear());
    });
    let empty = SimplePool::new(vec![lst(), wnear()], 30);
    assert_panics_with(ERR76_INVALID_PARAMS, || {
        empty.get_return(&lst(), 1, &wnear());
    });
    assert_panics_with(ERR90_FEE_TOO_LARGE, || {
        SimplePool::new(vec![lst(), wnear()], 10_000);
    });
    assert_panics_with(ERR92_TOKEN_DUPLICATES, || {
        SimplePool::new(vec![lst(), lst()], 30);
    });
    assert_panics_with(ERR89_WRONG_TOKEN_COUNT, || {
        SimplePool::new(vec![lst()], 30);
    });
}

#[test]
fn later_liquidity_mints_fair_shares_and_takes_one_more_unit() {
    let mut p = pool(1_000, 2_000, 30);
    assert_eq!(p.shares_total_supply, INIT_SHARES_SUPPLY);
    // fair = min((100 - 1) * S / 1000, (400 - 1) * S / 2000) = 99 * S / 1000.
    let (shares, taken) = p.add_liquidity(&[100, 400]);
    assert_eq!(shares, 99 * INIT_SHARES_SUPPLY / 1_000);
    assert_eq!(taken, vec![99 + 1, 198 + 1]);
    assert_eq!(p.amounts, vec![1_100, 2_199]);
    assert_panics_with(ERR31_ZERO_AMOUNT, || {
        p.clone().add_liquidity(&[0, 1]);
    });
}
