//! [`Yocto`]: a yoctoNEAR amount that travels through JSON as a decimal string.
//!
//! JSON numbers lose precision above 2^53 in JavaScript, so every amount on the wire is a
//! string, exactly like near-sdk's `U128`.

use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A yoctoNEAR (or token base unit) amount; JSON form is a decimal string such as `"1000"`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, BorshSerialize, BorshDeserialize,
)]
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn mul_div_floor_matches_wide_math() {
        assert_eq!(mul_div_floor(u128::MAX, 10_000, 10_000), u128::MAX);
        assert_eq!(mul_div_floor(u128::MAX, 1, 10_000), u128::MAX / 10_000);
        assert_eq!(mul_div_floor(10, 3333, 10_000), 3);
        assert_eq!(mul_div_floor(1_000_000_000_000_000_000_000_001, 5_000, 10_000), 500_000_000_000_000_000_000_000);
    }
}
