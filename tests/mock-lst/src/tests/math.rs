//! The conversions' rounding and Meta Pool's fee curve.

use crate::math::*;
use crate::ONE_TOKEN;

#[test]
fn conversions_round_each_way() {
    let price = 12 * ONE_TOKEN / 10;
    assert_eq!(shares_floor(ONE_TOKEN, price), 833_333_333_333_333_333_333_333);
    assert_eq!(shares_ceil(ONE_TOKEN, price), 833_333_333_333_333_333_333_334);
    assert_eq!(near_floor(833_333_333_333_333_333_333_334, price), ONE_TOKEN);
    assert_eq!(near_ceil(833_333_333_333_333_333_333_334, price), ONE_TOKEN + 1);
    assert_eq!(near_floor(10 * ONE_TOKEN, price), 12 * ONE_TOKEN);
    assert_eq!(near_ceil(10 * ONE_TOKEN, price), 12 * ONE_TOKEN);
    // 1e33 * 1e24 overflows u128; the 256-bit intermediate does not.
    assert_eq!(near_floor(10u128.pow(33), price), 12 * 10u128.pow(32));
}

#[test]
fn is_close_is_a_milli_near_either_side() {
    assert!(is_close(ONE_TOKEN, ONE_TOKEN + ONE_MILLI_NEAR));
    assert!(is_close(ONE_TOKEN + ONE_MILLI_NEAR, ONE_TOKEN));
    assert!(!is_close(ONE_TOKEN, ONE_TOKEN + ONE_MILLI_NEAR + 1));
    assert!(!is_close(ONE_TOKEN + ONE_MILLI_NEAR + 1, ONE_TOKEN));
    assert!(is_close(0, ONE_MILLI_NEAR));
    assert!(is_close(u128::MAX, u128::MAX));
}

#[test]
fn fee_curve_runs_from_max_to_min_over_the_target() {
    let curve = FeeCurve { liquidity_target: 10_000 * ONE_TOKEN, max_bp: 180, min_bp: 25 };
    // Taking all of it, or more: the maximum.
    assert_eq!(curve.basis_points(100 * ONE_TOKEN, 100 * ONE_TOKEN), 180);
    assert_eq!(curve.basis_points(0, 0), 180);
    // At least the target left: the minimum.
    assert_eq!(curve.basis_points(15_000 * ONE_TOKEN, 5_000 * ONE_TOKEN), 25);
    // 6,000 left: 180 - floor(155 * 6000 / 10000) = 180 - 93.
    assert_eq!(curve.basis_points(10_000 * ONE_TOKEN, 4_000 * ONE_TOKEN), 87);
    // 940 left: 180 - floor(14.57).
    assert_eq!(curve.basis_points(1_000 * ONE_TOKEN, 60 * ONE_TOKEN), 166);
    // One yocto short of the target: the proportional part rounds down to 154.
    assert_eq!(curve.basis_points(10_000 * ONE_TOKEN, 1), 26);
    assert_eq!(apply_pct(166, 60 * ONE_TOKEN), 996 * ONE_TOKEN / 1000);
    assert_eq!(apply_pct(1, 9_999), 0);
}
