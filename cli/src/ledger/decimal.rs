//! Exact signed decimals for the export's fiat column: a product of a yoctoNEAR amount and a
//! price with any number of decimals, and sums of those, without floating point and without
//! the 128-bit limit (digits in a vector, schoolbook arithmetic).

/// `±digits / 10^scale`, digits little-endian in base 10.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    scale: u32,
}

impl Decimal {
    /// Zero.
    pub fn zero() -> Decimal {
        Decimal { negative: false, digits: Vec::new(), scale: 0 }
    }

    /// An integer over `10^scale` (yoctoNEAR with scale 24 is NEAR).
    pub fn from_scaled(value: i128, scale: u32) -> Decimal {
        let mut digits = Vec::new();
        let mut v = value.unsigned_abs();
        while v > 0 {
            digits.push((v % 10) as u8);
            v /= 10;
        }
        Decimal { negative: value < 0, digits, scale }.trimmed()
    }

    /// Parses `"5.32"`, `"-0.1"`, `"7"`.
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let t = text.trim();
        let (negative, t) = t.strip_prefix('-').map_or((false, t), |rest| (true, rest));
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        let ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && frac.is_empty() || !ok(whole) || !ok(frac) {
            return Err(format!("`{text}` is not a decimal number"));
        }
        let digits = whole.bytes().chain(frac.bytes()).rev().map(|b| b - b'0').collect();
        Ok(Decimal { negative, digits, scale: frac.len() as u32 }.trimmed())
    }

    fn trimmed(mut self) -> Decimal {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.negative = false;
        }
        self
    }

    fn rescaled(&self, scale: u32) -> Vec<u8> {
        let mut digits = vec![0; (scale - self.scale) as usize];
        digits.extend(&self.digits);
        digits
    }

    /// The exact product.
    pub fn mul(&self, other: &Decimal) -> Decimal {
        let mut out = vec![0u32; self.digits.len() + other.digits.len() + 1];
        for (i, a) in self.digits.iter().enumerate() {
            for (j, b) in other.digits.iter().enumerate() {
                out[i + j] += u32::from(*a) * u32::from(*b);
            }
        }
        let mut digits = Vec::with_capacity(out.len());
        let mut carry = 0;
        for d in out {
            let v = d + carry;
            digits.push((v % 10) as u8);
            carry = v / 10;
        }
        let negative = self.negative != other.negative;
        Decimal { negative, digits, scale: self.scale + other.scale }.trimmed()
    }

    /// The exact sum.
    pub fn add(&self, other: &Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.rescaled(scale), other.rescaled(scale));
        let len = a.len().max(b.len());
        let at = |v: &Vec<u8>, i: usize| i32::from(v.get(i).copied().unwrap_or(0));
        if self.negative == other.negative {
            let (mut digits, mut carry) = (Vec::with_capacity(len + 1), 0);
            for i in 0..len {
                let v = at(&a, i) + at(&b, i) + carry;
                digits.push((v % 10) as u8);
                carry = v / 10;
            }
            digits.push(carry as u8);
            return Decimal { negative: self.negative, digits, scale }.trimmed();
        }
        // Opposite signs: the larger magnitude minus the smaller, with its sign.
        let a_larger =
            (0..len).rev().map(|i| at(&a, i).cmp(&at(&b, i))).find(|o| o.is_ne()) != Some(std::cmp::Ordering::Less);
        let (big, small, negative) = if a_larger { (&a, &b, self.negative) } else { (&b, &a, other.negative) };
        let (mut digits, mut borrow) = (Vec::with_capacity(len), 0);
        for i in 0..len {
            let mut v = at(big, i) - at(small, i) - borrow;
            borrow = i32::from(v < 0);
            if v < 0 {
                v += 10;
            }
            digits.push(v as u8);
        }
        Decimal { negative, digits, scale }.trimmed()
    }
}

impl std::fmt::Display for Decimal {
    /// Plain decimal notation without trailing zeros: `-12.5`, `0.000001`, `0`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut digits: Vec<u8> = self.digits.clone();
        while digits.len() <= self.scale as usize {
            digits.push(0);
        }
        let text: String = digits.iter().rev().map(|d| char::from(b'0' + d)).collect();
        let (whole, frac) = text.split_at(text.len() - self.scale as usize);
        let frac = frac.trim_end_matches('0');
        let sign = if self.negative { "-" } else { "" };
        if frac.is_empty() {
            write!(f, "{sign}{whole}")
        } else {
            write!(f, "{sign}{whole}.{frac}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_and_sums_are_exact() {
        let reward = Decimal::from_scaled(1_234_567_890_123_456_789_012_345, 24);
        assert_eq!(reward.to_string(), "1.234567890123456789012345");
        let price = Decimal::parse("5.32").unwrap();
        assert_eq!(reward.mul(&price).to_string(), "6.5679011754567901175456754");
        let loss = Decimal::from_scaled(-3, 24).mul(&Decimal::parse("100000000000000000000").unwrap());
        assert_eq!(loss.to_string(), "-0.0003");
        assert_eq!(Decimal::parse("1.5").unwrap().add(&Decimal::parse("-2.25").unwrap()).to_string(), "-0.75");
        assert_eq!(Decimal::parse("-1.5").unwrap().add(&Decimal::parse("1.5").unwrap()).to_string(), "0");
        assert_eq!(Decimal::parse("99.99").unwrap().add(&Decimal::parse("0.01").unwrap()).to_string(), "100");
        let big = Decimal::from_scaled(i128::MAX, 0).mul(&Decimal::from_scaled(i128::MAX, 0));
        assert!(big.to_string().starts_with("28948022309329048855892746252171976962"), "beyond 128 bits");
        assert!(Decimal::parse("1e3").is_err() && Decimal::parse(".").is_err());
        assert_eq!(Decimal::parse(".5").unwrap().to_string(), "0.5");
    }
}
