//! Meta Pool's liquidity pool: seeding, `liquid_unstake` at the curve's fee, the quote view,
//! its refusals, the account view.

use test_support::transfers;

use super::*;
use crate::liquidity::ERR_NOT_ENOUGH_LIQUIDITY;

/// A Meta Pool-shaped token whose pool the owner seeded with `liquidity`, and Alice holding
/// 100 tokens bought for 120 NEAR.
fn seeded(liquidity: u128) -> MockLst {
    let mut contract = new_lst_of(Protocol::MetaPool);
    set_context(&owner(), liquidity);
    assert_eq!(contract.nslp_add_liquidity(), 10_000, "the only provider owns it all");
    assert_eq!(deposit(&mut contract, &alice(), 120 * ONE_NEAR), 100 * ONE_TOKEN);
    contract
}

#[test]
fn liquid_unstake_pays_the_quote_at_the_curve_fee() {
    let mut contract = seeded(1_000 * ONE_NEAR);
    at_epoch(&alice(), 1);
    // 50 tokens are 60 NEAR; 940 NEAR left is below the 10,000 target: 166 bp.
    assert_eq!(contract.nslp_get_discount_basis_points(U128(60 * ONE_NEAR)), 166);
    let quote = contract.get_near_amount_sell_stnear(U128(50 * ONE_TOKEN));
    assert_eq!(quote, U128(60 * ONE_NEAR - 996 * ONE_NEAR / 1000));

    let result = contract.liquid_unstake(U128(50 * ONE_TOKEN), quote);
    assert_eq!(result.near, quote);
    // The fee in tokens: floor(0.996 NEAR / 1.2).
    assert_eq!(result.fee, U128(830 * ONE_TOKEN / 1000));
    assert_eq!(result.meta, U128(0));
    assert_eq!(transfers(), vec![(alice(), quote.0)]);
    assert_eq!(contract.ft_balance_of(alice()), U128(50 * ONE_TOKEN));
    // The tokens went to the pool, not burnt: the supply is unchanged.
    assert_eq!(contract.ft_total_supply(), U128(100 * ONE_TOKEN));
    let pool = contract.get_mock_liquidity_pool();
    assert_eq!(pool.available, U128(1_000 * ONE_NEAR - quote.0));
    assert_eq!(pool.st_near, U128(50 * ONE_TOKEN));
}

#[test]
fn liquid_unstake_is_refused_below_the_minimum_and_keeps_the_tokens() {
    let mut contract = seeded(1_000 * ONE_NEAR);
    at_epoch(&alice(), 1);
    let quote = contract.get_near_amount_sell_stnear(U128(50 * ONE_TOKEN)).0;
    let message = format!("Price changed, your min amount {} is not satisfied {quote}. Try again", quote + 1);
    assert_panics_with(&message, || {
        contract.liquid_unstake(U128(50 * ONE_TOKEN), U128(quote + 1));
    });
    assert_eq!(contract.ft_balance_of(alice()), U128(100 * ONE_TOKEN));
}

#[test]
fn liquid_unstake_is_refused_without_enough_liquidity() {
    let mut contract = seeded(10 * ONE_NEAR);
    at_epoch(&alice(), 1);
    // 60 NEAR asked of 10: the maximum fee, and still more than the pool holds.
    let quote = contract.get_near_amount_sell_stnear(U128(50 * ONE_TOKEN)).0;
    assert_eq!(quote, 60 * ONE_NEAR - 108 * ONE_NEAR / 100);
    assert_panics_with(ERR_NOT_ENOUGH_LIQUIDITY, || {
        contract.liquid_unstake(U128(50 * ONE_TOKEN), U128(0));
    });
    assert_eq!(contract.ft_balance_of(alice()), U128(100 * ONE_TOKEN));
    assert_eq!(contract.get_mock_liquidity_pool().available, U128(10 * ONE_NEAR));
}

#[test]
fn liquid_unstake_rounds_to_the_balance_and_refuses_more_than_owned() {
    let mut contract = seeded(1_000 * ONE_NEAR);
    at_epoch(&alice(), 1);
    let message = format!("Not enough stNEAR. You own {}", 100 * ONE_TOKEN);
    assert_panics_with(&message, || {
        contract.liquid_unstake(U128(101 * ONE_TOKEN), U128(0));
    });
    // 0.001 token more than owned: everything is sold.
    contract.liquid_unstake(U128(100 * ONE_TOKEN + ONE_TOKEN / 1_000), U128(0));
    assert_eq!(contract.ft_balance_of(alice()), U128(0));
}

#[test]
fn a_later_provider_buys_shares_at_the_pool_value() {
    let mut contract = seeded(1_000 * ONE_NEAR);
    at_epoch(&alice(), 1);
    let quote = contract.liquid_unstake(U128(50 * ONE_TOKEN), U128(0)).near.0;
    // The pool is worth its NEAR plus 50 tokens at 1.2: 1000 - quote + 60 = 1000.996 NEAR.
    let value = 1_000 * ONE_NEAR - quote + 60 * ONE_NEAR;
    assert_eq!(value, 1_000 * ONE_NEAR + 996 * ONE_NEAR / 1000);
    set_context(&bob(), 100 * ONE_NEAR);
    let bp = contract.nslp_add_liquidity();
    let bob_shares = router_core::wide::mul_div_floor(100 * ONE_NEAR, 1_000 * ONE_NEAR, value).unwrap();
    assert_eq!(bp as u128, 10_000 * bob_shares / (1_000 * ONE_NEAR + bob_shares));
    let info = contract.get_account_info(bob());
    assert_eq!(info.nslp_shares, U128(bob_shares));
    assert_eq!(info.nslp_share_bp, bp);
    assert!(info.nslp_share_value.0 <= 100 * ONE_NEAR && info.nslp_share_value.0 + 1 >= 100 * ONE_NEAR);
    set_context(&bob(), ONE_NEAR - 1);
    assert_panics_with("minimum deposit amount is 1000000000000000000000000", || {
        contract.nslp_add_liquidity();
    });
}

#[test]
fn the_fee_curve_is_an_owner_setting() {
    let mut contract = seeded(1_000 * ONE_NEAR);
    set_context(&alice(), 0);
    assert_panics_with(crate::ERR_NOT_OWNER, || contract.set_nslp_params(U128(0), 100, 10));
    set_context(&owner(), 0);
    assert_panics_with("nslp_max_discount_basis_points > params.nslp_min_discount_basis_points", || {
        contract.set_nslp_params(U128(0), 10, 10)
    });
    // A target of 100 NEAR: 940 NEAR left is above it, so the minimum fee.
    contract.set_nslp_params(U128(100 * ONE_NEAR), 300, 30);
    assert_eq!(contract.get_near_amount_sell_stnear(U128(50 * ONE_TOKEN)), U128(60 * ONE_NEAR - 18 * ONE_NEAR / 100));
}
