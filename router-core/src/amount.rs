//! [`Yocto`]: a yoctoNEAR amount that travels through JSON as a decimal string.
//!
//! JSON numbers lose precision above 2^53 in JavaScript, so every amount on the wire is a
//! string, exactly like near-sdk's `U128`.

use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A yoctoNEAR (or token base unit) amount; JSON form is a decimal string such as `"1000"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, BorshSerialize, BorshDeserialize)]
pub struct Yocto(pub u128);

impl Yocto {
    /// The amount as a plain integer.
    pub const fn get(self) -> u128 {
        self.0
    }
}

impl From<u128> for Yocto {
    fn from(v: u128) -> Self {
        Yocto(v)
    }
}

impl From<Yocto> for u128 {
    fn from(v: Yocto) -> Self {
        v.0
    }
}

impl core::fmt::Display for Yocto {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Yocto {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Yocto {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Yocto;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a yoctoNEAR amount as a decimal string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Yocto, E> {
                parse_decimal(v).map(Yocto).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// Parses a plain decimal integer (digits only, no sign, no exponent) into a `u128`.
pub fn parse_decimal(v: &str) -> Result<u128, &'static str> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expected a decimal string of digits");
    }
    v.parse::<u128>().map_err(|_| "amount does not fit in 128 bits")
}

/// `floor(value * numerator / denominator)` without overflow, for `numerator <= denominator`
/// and `denominator <= 10^9` (basis points, prices in parts per billion). Rounds down.
pub fn mul_div_floor(value: u128, numerator: u128, denominator: u128) -> u128 {
    debug_assert!(numerator <= denominator && denominator > 0 && denominator <= 1_000_000_000);
    let q = value / denominator;
    let r = value % denominator;
    // q * numerator <= value and r * numerator < denominator^2 <= 1e18: neither overflows.
    q * numerator + r * numerator / denominator
}

/// Why a NEAR amount typed by a person is not acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing was typed.
    Empty,
    /// Something other than digits and one decimal point.
    NotANumber,
    /// More than 24 decimal places (smaller than a yoctoNEAR).
    TooManyDecimals,
    /// Larger than 128 bits of yoctoNEAR.
    TooLarge,
}

impl core::fmt::Display for AmountError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            AmountError::Empty => "enter an amount",
            AmountError::NotANumber => "use digits and at most one decimal point, e.g. 12.5",
            AmountError::TooManyDecimals => "NEAR has at most 24 decimal places",
            AmountError::TooLarge => "that amount is too large",
        })
    }
}

/// Parses a NEAR amount as a person types it (`"12.5"`, `"0.000001"`, `"100"`) into exact
/// yoctoNEAR, without floating point.
pub fn parse_near(text: &str) -> Result<u128, AmountError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if (whole.is_empty() && frac.is_empty()) || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(AmountError::NotANumber);
    }
    if frac.len() > 24 {
        return Err(AmountError::TooManyDecimals);
    }
    let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| AmountError::TooLarge)? };
    let frac_yocto: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse::<u128>().map_err(|_| AmountError::TooLarge)? * 10u128.pow(24 - frac.len() as u32)
    };
    whole.checked_mul(crate::ONE_NEAR).and_then(|w| w.checked_add(frac_yocto)).ok_or(AmountError::TooLarge)
}

/// Formats yoctoNEAR as NEAR with all significant decimals (`1500000000000000000000000` ->
/// `"1.5"`), exactly.
pub fn format_near(yocto: u128) -> String {
    format_decimal(yocto, 24)
}

/// Decimals [`format_near_display`] keeps.
pub const DISPLAY_DECIMALS: u32 = 5;

/// yoctoNEAR as NEAR for people to read: at most [`DISPLAY_DECIMALS`] decimals, rounded
/// **down** (a balance is never shown larger than it is), without trailing zeros; a nonzero
/// amount below 0.00001 NEAR reads `"less than 0.00001"`. [`format_near`] gives the exact figure.
pub fn format_near_display(yocto: u128) -> String {
    let step = 10u128.pow(24 - DISPLAY_DECIMALS);
    if yocto > 0 && yocto < step {
        return format!("less than {}", format_decimal(step, 24));
    }
    format_near_down(yocto, DISPLAY_DECIMALS)
}

/// [`format_near_display`], with "about " in front when that is not the exact amount
/// (`"about 39.99050"` trimmed to `"about 39.9905"`; `"2.5"` stays exact).
pub fn format_near_approx(yocto: u128) -> String {
    let step = 10u128.pow(24 - DISPLAY_DECIMALS);
    let shown = format_near_display(yocto);
    if yocto.is_multiple_of(step) || yocto < step {
        shown
    } else {
        format!("about {shown}")
    }
}

/// yoctoNEAR as NEAR rounded **down** to at most `decimals` places (at most 24).
pub fn format_near_down(yocto: u128, decimals: u32) -> String {
    let step = 10u128.pow(24 - decimals.min(24));
    format_near(yocto - yocto % step)
}

/// yoctoNEAR as NEAR rounded **up** to [`DISPLAY_DECIMALS`] decimals: for a minimum ("deposit at
/// least ..."), so the figure read is never below what is needed.
pub fn format_near_at_least(yocto: u128) -> String {
    let step = 10u128.pow(24 - DISPLAY_DECIMALS);
    format_near(yocto.div_ceil(step).saturating_mul(step))
}

/// `value / 10^scale` in decimal, exactly, without trailing zeros: `format_decimal(1500, 3)` ->
/// `"1.5"`. `scale` is at most 38.
pub fn format_decimal(value: u128, scale: u32) -> String {
    let unit = 10u128.pow(scale);
    let (whole, frac) = (value / unit, value % unit);
    if frac == 0 {
        return whole.to_string();
    }
    let digits = format!("{frac:0width$}", width = scale as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_keeps_five_decimals_rounded_down_and_names_dust() {
        assert_eq!(format_near_display(2_494_067_500_000_000_000_000_001), "2.49406");
        assert_eq!(format_near_display(10 * 10u128.pow(24) + 1), "10");
        assert_eq!(format_near_display(0), "0");
        assert_eq!(format_near_display(3), "less than 0.00001");
        assert_eq!(format_near_display(10u128.pow(19)), "0.00001");
        assert_eq!(format_near_display(u128::MAX), "340282366920938.46346");
        assert_eq!(format_near_at_least(1_002_707_000_000_000_000_000_001), "1.00271");
        assert_eq!(format_near_at_least(10u128.pow(24)), "1");
    }

    #[test]
    fn approx_says_about_only_when_the_figure_is_not_exact() {
        assert_eq!(format_near_approx(2_494_067_500_000_000_000_000_001), "about 2.49406");
        assert_eq!(format_near_approx(25 * 10u128.pow(23)), "2.5");
        assert_eq!(format_near_approx(10 * 10u128.pow(24) + 1), "about 10");
        assert_eq!(format_near_approx(3), "less than 0.00001");
        assert_eq!(format_near_approx(0), "0");
    }

    #[test]
    fn json_is_a_decimal_string_and_exact_above_2_pow_53() {
        let v = Yocto(u128::MAX);
        let s = serde_json::to_string(&v).unwrap();
        assert_eq!(s, format!("\"{}\"", u128::MAX));
        assert_eq!(serde_json::from_str::<Yocto>(&s).unwrap(), v);
        let big = Yocto((1u128 << 53) + 1);
        assert_eq!(serde_json::from_str::<Yocto>(&serde_json::to_string(&big).unwrap()).unwrap(), big);
    }

    #[test]
    fn rejects_numbers_signs_and_junk() {
        assert!(serde_json::from_str::<Yocto>("12").is_err());
        assert!(serde_json::from_str::<Yocto>("\"-1\"").is_err());
        assert!(serde_json::from_str::<Yocto>("\"1e3\"").is_err());
        assert!(serde_json::from_str::<Yocto>("\"\"").is_err());
        assert!(serde_json::from_str::<Yocto>("\"340282366920938463463374607431768211456\"").is_err());
    }

    #[test]
    fn near_amounts_parse_exactly_and_round_trip() {
        assert_eq!(parse_near("1.5"), Ok(1_500_000_000_000_000_000_000_000));
        assert_eq!(parse_near(".5"), Ok(500_000_000_000_000_000_000_000));
        assert_eq!(parse_near("0.000000000000000000000001"), Ok(1));
        assert_eq!(parse_near(" 100 "), Ok(100 * crate::ONE_NEAR));
        assert_eq!(parse_near(""), Err(AmountError::Empty));
        assert_eq!(parse_near("1,5"), Err(AmountError::NotANumber));
        assert_eq!(parse_near("1.2.3"), Err(AmountError::NotANumber));
        assert_eq!(parse_near("-1"), Err(AmountError::NotANumber));
        assert_eq!(parse_near("."), Err(AmountError::NotANumber));
        assert_eq!(parse_near("0.0000000000000000000000001"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_near("999999999999999999999999999999"), Err(AmountError::TooLarge));
        for y in [0u128, 1, 10, crate::ONE_NEAR, crate::ONE_NEAR + 1, 123_456_789_000_000_000_000_000_001, u128::MAX] {
            assert_eq!(parse_near(&format_near(y)), Ok(y), "{y}");
        }
        assert_eq!(format_near(1_500_000_000_000_000_000_000_000), "1.5");
        assert_eq!(format_decimal(500, 3), "0.5");
        assert_eq!(format_decimal(19_700, 2), "197");
        assert_eq!(format_decimal(19_750, 2), "197.5");
    }

    #[test]
    fn mul_div_floor_matches_wide_math() {
        assert_eq!(mul_div_floor(u128::MAX, 10_000, 10_000), u128::MAX);
        assert_eq!(mul_div_floor(u128::MAX, 1, 10_000), u128::MAX / 10_000);
        assert_eq!(mul_div_floor(10, 3333, 10_000), 3);
        assert_eq!(mul_div_floor(1_000_000_000_000_000_000_000_001, 5_000, 10_000), 500_000_000_000_000_000_000_000);
    }
}
