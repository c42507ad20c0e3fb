//! Overflow-safe `a * b / d` on `u128` with a 256-bit intermediate product, rounded down or up.
//!
//! Share and price conversions (`amount * 1e24 / price`, staking-pool shares) exceed `u128`
//! in their intermediate product; this does the arithmetic with two `u128` halves, like a
//! 256-bit integer, without floating point or extra dependencies. Used by the mock contracts
//! and by position views.

/// Mask selecting the low 64 bits of a `u128`.
const LOW_64: u128 = u64::MAX as u128;

/// Full product `a * b` as a 256-bit number, returned as `(high, low)` 128-bit halves.
fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    let (a_hi, a_lo) = (a >> 64, a & LOW_64);
    let (b_hi, b_lo) = (b >> 64, b & LOW_64);

    let lo_lo = a_lo * b_lo;
    let lo_hi = a_lo * b_hi;
    let hi_lo = a_hi * b_lo;
    let hi_hi = a_hi * b_hi;

    // Sum of three values below 2^64 each: cannot overflow a u128.
    let middle = (lo_lo >> 64) + (lo_hi & LOW_64) + (hi_lo & LOW_64);
    let low = (lo_lo & LOW_64) | (middle << 64);
    let high = hi_hi + (lo_hi >> 64) + (hi_lo >> 64) + (middle >> 64);
    (high, low)
}

/// Divides the 256-bit number `(high, low)` by `divisor`.
///
/// Returns `(quotient, remainder)`, or `None` when `divisor` is zero or the quotient does not
/// fit in a `u128` (that is, when `high >= divisor`).
fn div_wide(high: u128, low: u128, divisor: u128) -> Option<(u128, u128)> {
    if divisor == 0 || high >= divisor {
        return None;
    }
    if high == 0 {
        return Some((low / divisor, low % divisor));
    }
    // Restoring binary long division; `remainder < divisor` holds at the top of every step.
    let mut remainder = high;
    let mut quotient = 0u128;
    for bit in (0..128).rev() {
        let carry = remainder >> 127;
        remainder = (remainder << 1) | ((low >> bit) & 1);
        quotient <<= 1;
        if carry == 1 || remainder >= divisor {
            // When `carry` is set the true value is `remainder + 2^128`; the wrapping
            // subtraction yields the exact (smaller than `divisor`) result.
            remainder = remainder.wrapping_sub(divisor);
            quotient |= 1;
        }
    }
    Some((quotient, remainder))
}

/// `a * b / d` rounded down. `None` if `d == 0` or the result exceeds `u128::MAX`.
pub fn mul_div_floor(a: u128, b: u128, d: u128) -> Option<u128> {
    let (high, low) = widening_mul(a, b);
    div_wide(high, low, d).map(|(quotient, _)| quotient)
}

/// `a * b / d` rounded up. `None` if `d == 0` or the result exceeds `u128::MAX`.
pub fn mul_div_ceil(a: u128, b: u128, d: u128) -> Option<u128> {
    let (high, low) = widening_mul(a, b);
    let (quotient, remainder) = div_wide(high, low, d)?;
    if remainder == 0 {
        Some(quotient)
    } else {
        quotient.checked_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_values_match_native_math() {
        for a in [0u128, 1, 7, 1_000, 123_456_789] {
            for b in [0u128, 1, 3, 999, 10_000_000] {
                for d in [1u128, 2, 3, 7, 1_000_003] {
                    assert_eq!(mul_div_floor(a, b, d), Some(a * b / d));
                    assert_eq!(mul_div_ceil(a, b, d), Some((a * b).div_ceil(d)));
                }
            }
        }
    }

    #[test]
    fn wide_products_divide_exactly() {
        let max = u128::MAX;
        assert_eq!(mul_div_floor(max, max, max), Some(max));
        assert_eq!(mul_div_ceil(max, max, max), Some(max));
        assert_eq!(mul_div_floor(max, 2, 4), Some(max / 2));
        assert_eq!(mul_div_ceil(max, 2, 4), Some(max / 2 + 1));
        // 1e33 * 1e24 / 1.2e24 = 833_333_333_333_333_333_333_333_333_333_333.33..
        let e24 = 10u128.pow(24);
        let e33 = 10u128.pow(33);
        let expected = 833_333_333_333_333_333_333_333_333_333_333;
        assert_eq!(mul_div_floor(e33, e24, 12 * e24 / 10), Some(expected));
        assert_eq!(mul_div_ceil(e33, e24, 12 * e24 / 10), Some(expected + 1));
    }

    #[test]
    fn quotient_and_remainder_rebuild_the_product() {
        // Deterministic pseudo-random operands (64-bit LCG), checked by q * d + r == a * b.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let high = u128::from(state);
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (high << 64) | u128::from(state)
        };
        for round in 0..2_000u32 {
            let a = next() >> (round % 100);
            let b = next() >> (round % 90);
            let d = (next() >> (round % 120)).max(1);
            let (high, low) = widening_mul(a, b);
            match div_wide(high, low, d) {
                None => assert!(high >= d),
                Some((quotient, remainder)) => {
                    assert!(remainder < d);
                    let (q_high, q_low) = widening_mul(quotient, d);
                    let (sum_low, carry) = q_low.overflowing_add(remainder);
                    assert_eq!((q_high + u128::from(carry), sum_low), (high, low));
                }
            }
        }
    }

    #[test]
    fn overflow_and_zero_divisor_are_reported() {
        assert_eq!(mul_div_floor(u128::MAX, 2, 1), None);
        assert_eq!(mul_div_floor(1, 1, 0), None);
        assert_eq!(mul_div_ceil(u128::MAX, u128::MAX, u128::MAX - 1), None);
    }
}
